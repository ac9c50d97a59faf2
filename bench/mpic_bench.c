/*
 * mpic_bench.c - what the model costs, measured (make bench). Reports wall
 * time per simulated workload; nothing here is asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mpic.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static mpic_t *make(const char *variant, unsigned cpus) {
  mpic_config_t cfg;
  mpic_t *m = NULL;
  char n[8];
  snprintf(n, sizeof n, "%u", cpus);
  if (mpic_config_init(&cfg, variant) != MPIC_OK || mpic_config_set(&cfg, "cpus", n) != MPIC_OK ||
      mpic_create(&cfg, &m) != MPIC_OK) {
    fprintf(stderr, "cannot create %s\n", variant);
    exit(1);
  }
  return m;
}

static uint32_t timer_off(unsigned t, unsigned reg) {
  return 0x1100u + (t / 4) * 0x1000u + (t % 4) * 0x40u + reg;
}

/* Run every timer of fsl-v3.1 (tick = 8 cycles at CLKR 0) for `cycles`, driven
 * only by next_event/advance. acked: interrupts delivered to core 0 and taken
 * (IACK + EOI) as an OS would; otherwise masked and left pending. */
static void bench_timers(const char *title, uint64_t cycles, const uint32_t base[8], bool acked) {
  mpic_t *m = make("fsl-v3.1", 1);
  mpic_write(m, 0, 0, 0x1020, 4, 0x20000000, NULL); /* mixed */
  mpic_write(m, 0, 0, 0x20080, 4, 0, NULL);         /* CTPR 0 */
  for (unsigned t = 0; t < 8; t++) {
    uint32_t vpr = (acked ? 0 : 0x80000000u) | ((1u + t) << 16) | (0x70u + t);
    mpic_write(m, 0, 0, timer_off(t, 0x20), 4, vpr, NULL);
  }
  for (unsigned t = 0; t < 8; t++) /* distinct start cycles: no two expiries coincide */
    mpic_write(m, 1 + t, 0, timer_off(t, 0x10), 4, base[t], NULL);
  uint64_t expect = 0, acks = 0;
  for (unsigned t = 0; t < 8; t++)
    expect += (cycles - 1 - t) / ((uint64_t)base[t] * 8);
  double t0 = now_s();
  uint64_t steps = 0;
  for (mpic_cycle_t e; (e = mpic_next_event(m)) <= cycles; steps++) {
    mpic_advance(m, e);
    bool irq = false;
    uint32_t v;
    while (acked && mpic_get_output(m, 0, MPIC_PIN_INT, &irq) == MPIC_OK && irq) {
      mpic_read(m, e, 0, 0x200A0, 4, &v, NULL);
      if (v == 0xFFFF) break;
      mpic_write(m, e, 0, 0x200B0, 4, 0, NULL);
      acks++;
    }
  }
  mpic_advance(m, cycles);
  double dt = now_s() - t0;
  printf("%-46s %8llu expiries %8llu IACKs %9llu steps %9.3f ms %7.1f ns/expiry\n", title,
         (unsigned long long)expect, (unsigned long long)acks, (unsigned long long)steps, dt * 1e3,
         expect ? dt * 1e9 / (double)expect : 0.0);
  mpic_destroy(m);
}

static void bench_access(void) {
  mpic_t *m = make("fsl-v4.2", 2);
  const unsigned n = 5000000;
  double t0 = now_s();
  uint32_t v, sum = 0;
  for (unsigned i = 0; i < n; i++) {
    mpic_read(m, i, 0, 0x10000u + (i % 200) * 0x20u, 4, &v, NULL);
    sum += v;
  }
  double dt = now_s() - t0;
  printf("%-44s %12u reads  %9.3f ms  %7.1f ns/read (checksum %u)\n", "register reads (VPRs)", n,
         dt * 1e3, dt * 1e9 / n, sum & 1);
  mpic_destroy(m);
}

/* Full interrupt path: internal level source asserted, IACK, deassert, EOI. */
static void bench_interrupts(unsigned nsrc_prio_spread) {
  mpic_t *m = make("fsl-v4.2", 2);
  mpic_write(m, 0, 0, 0x1020, 4, 0x20000000, NULL);
  mpic_write(m, 0, 0, 0x20080, 4, 0, NULL);
  for (unsigned s = 0; s < 150; s++) {
    mpic_write(m, 0, 0, 0x10200u + s * 0x20u + 0x10u, 4, 1, NULL);
    mpic_write(m, 0, 0, 0x10200u + s * 0x20u, 4, ((1 + s % nsrc_prio_spread) << 16) | s, NULL);
  }
  const unsigned n = 1000000;
  mpic_cycle_t t = 10;
  double t0 = now_s();
  uint32_t v;
  for (unsigned i = 0; i < n; i++) {
    unsigned s = 17 + i % 140;
    mpic_set_irq(m, t, s, 1);
    t += 10;
    mpic_read(m, t, 0, 0x200A0, 4, &v, NULL);
    mpic_set_irq(m, t + 1, s, 0);
    t += 10;
    mpic_write(m, t, 0, 0x200B0, 4, 0, NULL);
    t += 10;
  }
  double dt = now_s() - t0;
  printf("%-44s %12u irqs   %9.3f ms  %7.1f ns/interrupt\n", "interrupt path (assert/IACK/EOI)", n,
         dt * 1e3, dt * 1e9 / n);
  mpic_destroy(m);
}

int main(void) {
  printf("MPIC model benchmark (wall time on this machine; one core)\n\n");
  const uint32_t fast[8] = {1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700};
  bench_timers("8 timers, 10 s at 400 MHz, tick 8, taken", 4000000000ull, fast, true);
  bench_timers("8 timers, 10 s at 400 MHz, tick 8, masked", 4000000000ull, fast, false);
  const uint32_t fastest[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  bench_timers("8 timers, 0.1 s, bases 1..8, masked", 40000000ull, fastest, false);
  const uint32_t slow[8] = {50000, 60000, 70000, 80000, 90000, 100000, 110000, 120000};
  bench_timers("8 timers, 1 s, ms-scale periods, taken", 400000000ull, slow, true);
  bench_access();
  bench_interrupts(15);
  return 0;
}
