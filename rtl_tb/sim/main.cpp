/*
 * main.cpp - command line of the Verilated MPIC CCB testbench.
 *
 *   Vtb --list
 *   Vtb --scenario NAME [--out PREFIX] [--seed N] [--cycles N]
 *       [--fst FILE] [--vcd FILE] [+key=value ...]
 *
 * +key=value sets a core parameter or "variant" / "cpus" over the scenario's
 * configuration (the same names as mpicsim and docs/timing.md);
 * +ta_skew=N moves every TA / TEA of the RTL slave by N cycles (checker
 * self-test: the run must fail).
 * +bm_timeout=N sets the bus monitor's AACK timeout (docs/bus.md rule 8).
 */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "mpic_dpi.h"
#include "tb.h"
#include "verilated.h"

static void usage() {
  std::printf("usage: Vtb --scenario NAME [--out PREFIX] [--seed N] [--cycles N] [--fst FILE]\n"
              "           [--vcd FILE] [+param=value ...] [+ta_skew=N] [+bm_timeout=N]\n"
              "       Vtb --list\n");
}

int main(int argc, char **argv) {
  tb::Options opt;
  std::string name;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--scenario")
      name = next();
    else if (a == "--out")
      opt.out_prefix = next();
    else if (a == "--seed")
      opt.seed = std::strtoull(next().c_str(), nullptr, 0);
    else if (a == "--cycles")
      opt.cycles = std::strtoull(next().c_str(), nullptr, 0);
    else if (a == "--fst")
      opt.trace_fst = next();
    else if (a == "--vcd")
      opt.trace_vcd = next();
    else if (a == "--list") {
      for (const tb::Scenario &s : tb::scenarios())
        std::printf("%-10s %s  [%s]\n", s.name, s.what, s.config);
      return 0;
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (a[0] != '+') {
      usage();
      return 2;
    }
  }
  const tb::Scenario *sc = nullptr;
  for (const tb::Scenario &s : tb::scenarios())
    if (name == s.name) sc = &s;
  if (!sc) {
    std::fprintf(stderr, "unknown scenario '%s' (--list)\n", name.c_str());
    return 2;
  }

  VerilatedContext ctx;
  ctx.commandArgs(argc, argv);
  ctx.fatalOnError(true);
  mpic_dpi_configure(sc->config);
  unsigned failures, glue_errors;
  uint64_t cycles;
  double secs;
  size_t ntx;
  uint64_t npins;
  {
    tb::Tb t(&ctx, opt);
    t.reset();
    auto t0 = std::chrono::steady_clock::now();
    sc->run(t);
    auto t1 = std::chrono::steady_clock::now();
    secs = std::chrono::duration<double>(t1 - t0).count();
    cycles = t.now();
    failures = t.failures();
    ntx = t.txn_count();
    npins = t.pins_checked();
    if (!opt.out_prefix.empty() && !t.write_logs(opt.out_prefix)) {
      std::fprintf(stderr, "%%Error: cannot write %s.*\n", opt.out_prefix.c_str());
      failures++;
    }
  } /* final blocks of the checkers run here */
  glue_errors = mpic_dpi_errors();
  std::printf("%s: %llu cycles, %zu accesses, %llu pin expectations, %.3f s, %.3g cycles/s%s\n",
              sc->name, (unsigned long long)cycles, ntx, (unsigned long long)npins, secs,
              secs > 0 ? (double)cycles / secs : 0.0,
              opt.trace_fst.empty() && opt.trace_vcd.empty() ? "" : " (traced)");
  if (failures || glue_errors) {
    std::fprintf(stderr, "%s: FAILED (%u scenario checks, %u glue errors)\n", sc->name, failures,
                 glue_errors);
    return 1;
  }
  return 0;
}
