/*
 * reset.c - controller reset (creation and GCR[RST]): every register back to
 * its table value; latched edges, IPI / timer / MSI / messaging state and
 * in-service entries cleared; input pin levels kept (behaviour.md item 28).
 */
#include <string.h>

#include "internal.h"

void mpic_reset_state(mpic_t *m) {
  for (unsigned i = 0; i < m->nidx; i++) {
    src_t *s = &m->src[i];
    s->edge = false;
    s->pulse = PULSE_NONE;
    s->pend_cpus = 0;
  }
  for (unsigned e = 0; e < N_EXT_MAX; e++)
    mpic_cancel(m, EV_PULSE, e);
  arb_clear(m);
  memset(m->msir, 0, sizeof *m->msir * m->var->msi_banks * m->var->msirs_per_bank);
  timer_reset(m);
  reg_reset_all(m);
  for (unsigned i = 0; i < m->nidx; i++) {
    src_t *s = &m->src[i];
    if (s->kind != SRC_IPI && s->kind != SRC_TIMER && s->kind != SRC_NONE)
      s->active_prev = src_active_level(m, s);
    src_update(m, i);
  }
  out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}
