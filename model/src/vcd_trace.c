/*
 * vcd_trace.c - records one MPIC instance into a VCD: outputs and key state
 * per core, input and pending bit per source, timer counts and bus accesses.
 * Sampling happens after every step of the core (its step hook), so a signal
 * changes in the file at the cycle the core changed it; timer counts are
 * recorded at those steps only (the core never ticks).
 */
#include <stdio.h>
#include <stdlib.h>

#include "mpic_vcd.h"

enum { CPU_INT, CPU_CINT, CPU_MCP, CPU_RESET, CPU_CTPR, CPU_IACK, CPU_ISR, CPU_NSIG };

struct mpic_tracer {
  mpic_t *m;
  mpic_vcd_t *vcd;
  int cpu_sig[MPIC_MAX_CPUS][CPU_NSIG];
  int irq_out;
  unsigned nsrc;
  unsigned *src_num;
  int *src_in, *src_pend;
  unsigned ntimers;
  int timer_sig[8];
  int bus_cpu, bus_we, bus_addr, bus_data, bus_err, bus_seq;
  uint32_t seq;
};

static void step(void *ctx, mpic_cycle_t when) {
  mpic_tracer_sample(ctx, when);
}

mpic_tracer_t *mpic_tracer_create(mpic_t *m, mpic_vcd_t *vcd) {
  if (!m || !vcd) return NULL;
  mpic_tracer_t *t = calloc(1, sizeof *t);
  unsigned slots = mpic_source_slots(m);
  if (!t) return NULL;
  t->src_num = calloc(slots, sizeof *t->src_num);
  t->src_in = calloc(slots, sizeof *t->src_in);
  t->src_pend = calloc(slots, sizeof *t->src_pend);
  if (!t->src_num || !t->src_in || !t->src_pend) {
    mpic_tracer_destroy(t);
    return NULL;
  }
  t->m = m;
  t->vcd = vcd;
  char scope[16], name[32];
  static const char *const cpu_names[CPU_NSIG] = {"int",  "cint",        "mcp",      "reset",
                                                  "ctpr", "iack_vector", "isr_depth"};
  static const unsigned cpu_width[CPU_NSIG] = {1, 1, 1, 1, 4, 16, 4};
  for (unsigned c = 0; c < mpic_ncpus(m); c++) {
    snprintf(scope, sizeof scope, "cpu%u", c);
    for (unsigned k = 0; k < CPU_NSIG; k++)
      t->cpu_sig[c][k] = mpic_vcd_signal(vcd, scope, cpu_names[k], cpu_width[k]);
  }
  t->irq_out = mpic_vcd_signal(vcd, "pins", "irq_out", 1);
  for (unsigned s = 0; s < slots; s++) {
    mpic_source_state_t st;
    if (mpic_source_state(m, s, &st) != MPIC_OK) continue;
    snprintf(name, sizeof name, "src%u_in", s);
    t->src_in[t->nsrc] = mpic_vcd_signal(vcd, "sources", name, 1);
    snprintf(name, sizeof name, "src%u_pend", s);
    t->src_pend[t->nsrc] = mpic_vcd_signal(vcd, "sources", name, 1);
    t->src_num[t->nsrc++] = s;
  }
  t->ntimers = 4 * mpic_variant(m)->timer_groups;
  for (unsigned i = 0; i < t->ntimers; i++) {
    snprintf(name, sizeof name, "gtccr%u", i);
    t->timer_sig[i] = mpic_vcd_signal(vcd, "timers", name, 32);
  }
  t->bus_cpu = mpic_vcd_signal(vcd, "bus", "cpu", 5);
  t->bus_we = mpic_vcd_signal(vcd, "bus", "write", 1);
  t->bus_addr = mpic_vcd_signal(vcd, "bus", "offset", 18);
  t->bus_data = mpic_vcd_signal(vcd, "bus", "data", 32);
  t->bus_err = mpic_vcd_signal(vcd, "bus", "error", 1);
  t->bus_seq = mpic_vcd_signal(vcd, "bus", "count", 32);
  mpic_tracer_sample(t, mpic_now(m));
  mpic_set_step_hook(m, step, t);
  return t;
}

void mpic_tracer_sample(mpic_tracer_t *t, mpic_cycle_t when) {
  if (!t) return;
  mpic_vcd_t *v = t->vcd;
  for (unsigned c = 0; c < mpic_ncpus(t->m); c++) {
    mpic_cpu_state_t st;
    mpic_cpu_state(t->m, c, &st);
    const int *sig = t->cpu_sig[c];
    for (unsigned p = 0; p <= MPIC_PIN_RESET; p++)
      mpic_vcd_set(v, sig[p], st.pin[p], when);
    mpic_vcd_set(v, sig[CPU_CTPR], st.ctpr, when);
    mpic_vcd_set(v, sig[CPU_IACK], st.iack_vector, when);
    mpic_vcd_set(v, sig[CPU_ISR], st.isr_depth, when);
  }
  bool irq_out = false;
  mpic_get_output(t->m, 0, MPIC_PIN_IRQ_OUT, &irq_out);
  mpic_vcd_set(v, t->irq_out, irq_out, when);
  for (unsigned i = 0; i < t->nsrc; i++) {
    mpic_source_state_t st;
    mpic_source_state(t->m, t->src_num[i], &st);
    mpic_vcd_set(v, t->src_in[i], st.input, when);
    mpic_vcd_set(v, t->src_pend[i], st.pending, when);
  }
  for (unsigned i = 0; i < t->ntimers; i++) {
    uint32_t count = 0;
    mpic_peek(t->m, 0, 0x1100u + (i / 4) * 0x1000u + (i % 4) * 0x40u, &count);
    mpic_vcd_set(v, t->timer_sig[i], count, when);
  }
}

void mpic_tracer_bus(mpic_tracer_t *t, mpic_cycle_t when, unsigned cpu, bool write, uint32_t offset,
                     uint32_t data, mpic_status_t status) {
  if (!t) return;
  mpic_vcd_set(t->vcd, t->bus_cpu, cpu, when);
  mpic_vcd_set(t->vcd, t->bus_we, write, when);
  mpic_vcd_set(t->vcd, t->bus_addr, offset, when);
  mpic_vcd_set(t->vcd, t->bus_data, data, when);
  mpic_vcd_set(t->vcd, t->bus_err, status != MPIC_OK, when);
  mpic_vcd_set(t->vcd, t->bus_seq, ++t->seq, when);
}

void mpic_tracer_destroy(mpic_tracer_t *t) {
  if (!t) return;
  if (t->m) mpic_set_step_hook(t->m, NULL, NULL);
  free(t->src_num);
  free(t->src_in);
  free(t->src_pend);
  free(t);
}
