/*
 * main.c - command line of mpicsim, the scenario runner of the MPIC model.
 */
#include "regmap.h"
#include "runner.h"
#include "script.h"
#include "trace.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] = "usage: mpicsim [run] [-q|--quiet] [-v|--verbose] SCRIPT.mpic...\n"
                                 "       mpicsim [run] [-q|-v] --vcd OUT.vcd SCRIPT.mpic\n"
                                 "       mpicsim regmap [--variant V] [--cpus N]\n"
                                 "       mpicsim params\n"
                                 "       mpicsim --help\n";

static const char help_text[] =
    "\n"
    "Runs scenario scripts against the MPIC core model (model/include/mpic.h).\n"
    "\n"
    "Subcommands\n"
    "  run (default)   run each SCRIPT; -q prints only failures and the summary,\n"
    "                  -v adds info-level core log messages and access completion\n"
    "  regmap          Markdown register map from the core's register table:\n"
    "                  every variant at its maximum core count (or at most N\n"
    "                  with --cpus N), or only --variant V\n"
    "  params          Markdown table of the timing/behaviour parameters\n"
    "\n"
    "Script format (one command per line)\n"
    "  # comment (own line or after a command); blank lines are ignored;\n"
    "  numbers are decimal or 0x-hex\n"
    "  config [variant=V] [cpus=N] [PARAM=VALUE]...\n"
    "      first non-comment line. Starting from the defaults of the named\n"
    "      variant (fsl-v4.2 when none is named) with 1 cpu, each key=value goes\n"
    "      through mpic_config_set in order; a rejected key, or a configuration\n"
    "      mpic_create refuses, is a malformed-script error. PARAM is any name\n"
    "      `mpicsim params` lists.\n"
    "  @T write <offset> <value> [cpu=N] [expect=error]\n"
    "  @T read  <offset> [cpu=N] [expect=<value>|error] [mask=M] [tol=D]\n"
    "  @T peek  <offset> [cpu=N] [expect=<value>|error] [mask=M]\n"
    "  @T poke  <offset> <value> [cpu=N] [expect=error]\n"
    "  @T irq   <source> <0|1> [expect=error]      mpic_set_irq\n"
    "  @T err   <k> <0|1> [expect=error]           mpic_set_error (EISR bit 31-k)\n"
    "  @T msi   <bank> <msiir-value> [expect=error]\n"
    "      extension: mpic_msi, an inbound MSI write of that MSIIR value\n"
    "  @T ack   <cpu> [expect=<vector>|error]      proxy-mode acknowledge (mpic_ack)\n"
    "  @T expect <cpu> <int|cint|mcp|reset|irq_out> <0|1>\n"
    "      checks mpic_get_output (irq_out, the v2.0 IRQ_OUT pin, is cpu 0)\n"
    "  @T run                                      only advances time to T\n"
    "  @T save <path> [expect=error]               write a snapshot (mpic_save) to path\n"
    "  @T restore <path> [expect=error]            restore a snapshot file (mpic_restore)\n"
    "      Relative paths are relative to the current directory (the repository\n"
    "      root under `make test`). A restore takes the core back to the saved\n"
    "      state and time; it does not print output changes (outputs take the\n"
    "      saved levels: check them with `expect`). A corrupt, other-version or\n"
    "      other-configuration file is rejected, and without expect=error that is\n"
    "      a failed check; so is a file that cannot be read or written.\n"
    "\n"
    "  Offsets are relative to the MPIC block base; read/write are 4-byte\n"
    "  mpic_read/mpic_write by core cpu= (default 0, which also selects the\n"
    "  this-CPU page for peek/poke). mask= compares only the masked bits; tol=\n"
    "  accepts a value within that distance of expect= (after masking).\n"
    "  expect=error requires the core to reject the call (any non-OK status).\n"
    "\n"
    "Timing\n"
    "  Cycles must not decrease from line to line. A command at cycle T first\n"
    "  calls mpic_advance(T) (every internal event due at or before T runs), then\n"
    "  acts at T; `expect` samples the outputs after that. The run stops at the\n"
    "  last line's cycle: events due later are not processed (end a script with\n"
    "  `@T run` to see them).\n"
    "\n"
    "Output\n"
    "  @T read 0xOOOOO = 0xVVVVVVVV    every successful read (peek prints 'peek')\n"
    "  @T ack C = 0xVVVVVVVV           every successful ack\n"
    "  @T out C PIN 0|1                every output change, stamped with its cycle\n"
    "  @T VERB rejected: STATUS        every call the core refused\n"
    "  @T log warn: MESSAGE            core diagnostics (info level with -v)\n"
    "  FILE:LINE: FAIL: ...            a failed expectation, expected vs seen\n"
    "  N passed, M failed              last line\n"
    "  Offsets print as 0x%05x, values as 0x%08x.\n"
    "\n"
    "Waveforms\n"
    "  --vcd OUT.vcd records the run (one script): per core int, cint, mcp, reset,\n"
    "  CTPR, the vector IACK would return, in-service depth; irq_out; per source\n"
    "  input and pending bit; timer counts (at each step of the core); bus\n"
    "  accesses (core, write, offset, data, error, count). Time unit: 1 ns = 1\n"
    "  platform cycle. Open with: gtkwave OUT.vcd waveforms/mpicsim.gtkw\n"
    "\n"
    "Counting\n"
    "  Each explicit expectation (every expect= option, every `expect` command)\n"
    "  counts once as passed or failed. A call the core rejects without\n"
    "  expect=error (irq on an internally driven source, ack outside proxy mode,\n"
    "  an unmapped offset, ...) counts as one failure. Successful calls without\n"
    "  expect= count nothing.\n"
    "\n"
    "Exit status\n"
    "  0 all expectations passed, 1 at least one failed, 2 malformed script,\n"
    "  configuration rejected or usage error (message FILE:LINE: error: ...).\n"
    "  With several scripts the highest status wins.\n";

static int usage_error(const char *msg) {
  fprintf(stderr, "mpicsim: error: %s\n%s", msg, usage_text);
  return RUN_MALFORMED;
}

static int cmd_regmap(int argc, char **argv) {
  const char *variant = NULL;
  unsigned cpus = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--variant") == 0 && i + 1 < argc) {
      variant = argv[++i];
    } else if (strcmp(argv[i], "--cpus") == 0 && i + 1 < argc) {
      uint64_t v;
      if (!parse_u64(argv[++i], &v) || v == 0 || v > MPIC_MAX_CPUS)
        return usage_error("--cpus needs a number from 1 to 32");
      cpus = (unsigned)v;
    } else {
      return usage_error("regmap takes only --variant V and --cpus N");
    }
  }
  return regmap_print(stdout, stderr, variant, cpus);
}

static int run_one(const char *path, trace_t *t) {
  static char err[512];
  script_t s;
  int rc;
  if (!script_load(&s, path, err, sizeof err)) {
    fprintf(stderr, "%s\n", err);
    rc = RUN_MALFORMED;
  } else {
    run_result_t res;
    rc = run_script(&s, t, &res, err, sizeof err);
    if (rc == RUN_MALFORMED) fprintf(stderr, "%s\n", err);
  }
  script_free(&s);
  return rc;
}

static int cmd_run(int argc, char **argv) {
  bool quiet = false, verbose = false;
  const char *vcd = NULL;
  int nfiles = 0, rc = RUN_PASS;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0)
      quiet = true;
    else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0)
      verbose = true;
    else if (strcmp(argv[i], "--vcd") == 0 && i + 1 < argc)
      vcd = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1])
      return usage_error("unknown option");
    else
      nfiles++;
  }
  if (vcd && nfiles > 1) return usage_error("--vcd takes a single script");
  nfiles = 0;
  trace_t t;
  trace_init(&t, stdout, quiet, verbose);
  t.vcd_path = vcd;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--vcd") == 0) {
      i++;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) continue;
    nfiles++;
    int r = run_one(argv[i], &t);
    if (r > rc) rc = r;
  }
  if (!nfiles) return usage_error("no script given");
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage_error("nothing to do");
  const char *sub = argv[1];
  if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
    fputs(usage_text, stdout);
    fputs(help_text, stdout);
    return 0;
  }
  if (strcmp(sub, "regmap") == 0) return cmd_regmap(argc - 2, argv + 2);
  if (strcmp(sub, "params") == 0) {
    if (argc != 2) return usage_error("params takes no arguments");
    return params_print(stdout);
  }
  if (strcmp(sub, "run") == 0) return cmd_run(argc - 2, argv + 2);
  return cmd_run(argc - 1, argv + 1);
}
