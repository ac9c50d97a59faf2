/*
 * txn_replay.c - replays a stimulus file (mpic-txn-stim v1, docs/bus.md) on
 * the bare MPIC core and writes the transaction log (mpic-txn-log v1) the
 * core itself predicts: the completion cycle is the core's `done`, the read
 * data and status are the core's, and the output pin changes are the core's
 * stamped callbacks. `make test-rtl` compares it with the log the RTL bus
 * produced; a SystemC run can be compared the same way.
 *
 *   txn_replay [--bus-order] STIM > LOG
 *
 * --bus-order applies the bus's in-order data rule: an access whose `done`
 * is not after the previous access's completion completes one cycle after it
 * (what the RTL bus shows when a long access is followed by a short one).
 * Without it the log has the core's own completion cycles, which is what a
 * TLM wrapper annotates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpic.h"

static FILE *out;

static void on_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when) {
  (void)ctx;
  fprintf(out, "pin %llu %u %s %u\n", (unsigned long long)when, cpu, mpic_pin_name(pin),
          level ? 1u : 0u);
}

static int fail(unsigned line, const char *msg) {
  fprintf(stderr, "txn_replay: line %u: %s\n", line, msg);
  return 2;
}

int main(int argc, char **argv) {
  int bus_order = argc == 3 && !strcmp(argv[1], "--bus-order");
  if (argc != 2 + bus_order) {
    fprintf(stderr, "usage: txn_replay [--bus-order] STIM > LOG\n");
    return 2;
  }
  const char *path = argv[1 + bus_order];
  FILE *in = fopen(path, "r");
  if (!in) {
    perror(path);
    return 2;
  }
  mpic_cycle_t last_done = 0;
  int any_done = 0;
#define BUS_ORDER(d)                                                                               \
  do {                                                                                             \
    if (bus_order && any_done && (d) <= last_done) (d) = last_done + 1;                            \
    last_done = (d);                                                                               \
    any_done = 1;                                                                                  \
  } while (0)
  out = stdout;
  mpic_t *m = NULL;
  char buf[1024];
  unsigned ln = 0;
  fprintf(out, "# mpic-txn-log v1 (docs/bus.md)\n");
  while (fgets(buf, sizeof buf, in)) {
    ln++;
    char *nl = strchr(buf, '\n');
    if (nl) *nl = 0;
    if (buf[0] == '#' || buf[0] == 0) continue;
    char op[16];
    if (sscanf(buf, "%15s", op) != 1) continue;
    if (!strcmp(op, "config")) {
      mpic_config_t cfg;
      mpic_config_init(&cfg, "fsl-v4.2");
      char *save = NULL;
      for (char *tok = strtok_r(buf + 6, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) return fail(ln, "bad config token");
        *eq = 0;
        if (mpic_config_set(&cfg, tok, eq + 1) != MPIC_OK) return fail(ln, "bad config value");
      }
      cfg.output = on_output;
      if (mpic_create(&cfg, &m) != MPIC_OK) return fail(ln, "mpic_create failed");
      continue;
    }
    if (!m) return fail(ln, "no config line before the first event");
    unsigned long long cyc;
    unsigned a, b, size;
    unsigned off, data;
    if (!strcmp(op, "irq")) {
      if (sscanf(buf, "irq %llu %u %u", &cyc, &a, &b) != 3) return fail(ln, "bad irq line");
      if (mpic_set_irq(m, cyc, a, b != 0) != MPIC_OK) return fail(ln, "mpic_set_irq failed");
    } else if (!strcmp(op, "rd") || !strcmp(op, "bad")) {
      if (sscanf(buf + strlen(op), " %llu %u %x %u", &cyc, &a, &off, &size) != 4)
        return fail(ln, "bad access line");
      uint32_t v = 0;
      mpic_cycle_t done = 0;
      mpic_status_t st = MPIC_E_ARG;
      if (!strcmp(op, "rd")) st = mpic_read(m, cyc, a, off, size, &v, &done);
      if (st == MPIC_E_TIME) return fail(ln, "time went backwards");
      if (st != MPIC_OK) { /* rejected: TEA after the ordinary read latency */
        done = cyc + mpic_get_param(m, MPIC_P_READ_LATENCY);
        v = 0;
      }
      BUS_ORDER(done);
      fprintf(out, "txn %llu %u %c 0x%05x %u 0x%08x %s %llu\n", cyc, a, op[0] == 'r' ? 'r' : 'x',
              off, size, v, st == MPIC_OK ? "ok" : "err", (unsigned long long)done);
    } else if (!strcmp(op, "wr")) {
      if (sscanf(buf, "wr %llu %u %x %u %x", &cyc, &a, &off, &size, &data) != 5)
        return fail(ln, "bad write line");
      mpic_cycle_t done = 0;
      mpic_status_t st = mpic_write(m, cyc, a, off, size, data, &done);
      if (st == MPIC_E_TIME) return fail(ln, "time went backwards");
      if (st != MPIC_OK) done = cyc + mpic_get_param(m, MPIC_P_WRITE_LATENCY);
      BUS_ORDER(done);
      fprintf(out, "txn %llu %u w 0x%05x %u 0x%08x %s %llu\n", cyc, a, off, size, data,
              st == MPIC_OK ? "ok" : "err", (unsigned long long)done);
    } else if (!strcmp(op, "end")) {
      if (sscanf(buf, "end %llu", &cyc) != 1) return fail(ln, "bad end line");
      if (mpic_advance(m, cyc) != MPIC_OK) return fail(ln, "mpic_advance failed");
    } else {
      return fail(ln, "unknown line");
    }
  }
  fclose(in);
  if (m) mpic_destroy(m);
  return 0;
}
