/*
 * observe.c - side-effect-free views of the state for tracers and debuggers.
 */
#include "internal.h"

mpic_status_t mpic_cpu_state(const mpic_t *m, unsigned cpu, mpic_cpu_state_t *st) {
  if (!m || !st) return MPIC_E_ARG;
  if (cpu >= m->ncpus) return MPIC_E_RANGE;
  const cpu_t *c = &m->cpu[cpu];
  st->ctpr = c->ctpr;
  st->isr_depth = (uint8_t)__builtin_popcount(c->isr_mask);
  st->isr_top_prio = c->isr_mask ? (uint8_t)(31 - __builtin_clz(c->isr_mask)) : 0;
  /* a non-committing IACK only reads state */
  st->iack_vector = arb_iack((mpic_t *)m, cpu, false, 0);
  for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) {
    st->pin[p] = c->pin[p].level;
    st->want[p] = out_selector(m, cpu, (mpic_pin_t)p);
  }
  return MPIC_OK;
}

mpic_status_t mpic_source_state(const mpic_t *m, unsigned source, mpic_source_state_t *st) {
  if (!m || !st) return MPIC_E_ARG;
  if (source >= m->slots || m->src[source].kind == SRC_NONE) return MPIC_E_RANGE;
  const src_t *s = &m->src[source];
  switch ((src_kind_t)s->kind) {
  case SRC_EXT:
  case SRC_INTERNAL: st->input = s->line; break;
  default: st->input = src_active_level(m, s) == ((s->vpr & VPR_P) != 0); break;
  }
  st->rises = s->rises;
  st->pending = src_requesting(m, s);
  st->active = src_activity(m, s);
  st->in_service = s->inserv_cpus;
  return MPIC_OK;
}

unsigned mpic_source_slots(const mpic_t *m) {
  return m ? m->slots : 0;
}

void mpic_set_step_hook(mpic_t *m, mpic_step_fn fn, void *ctx) {
  if (!m) return;
  m->step_fn = fn;
  m->step_ctx = ctx;
}
