/*
 * synchroniser.c - the external IRQ pins' input synchroniser. The MPIC's pins
 * are asynchronous (mpic-facts.md §3): a pin change reaches the source logic
 * sync_depth cycles later, and a pulse narrower than min_pulse cycles is lost
 * (both edges vanish). Each pin keeps a short queue of changes in flight.
 */
#include "internal.h"

static unsigned qidx(const sync_q_t *q, unsigned k) {
  return (q->head + k) % SYNC_QCAP;
}

/* A new level driven on external pin ext at m->now. */
void sync_pin_change(mpic_t *m, unsigned ext, bool level) {
  sync_q_t *q = &m->sync[ext];
  mpic_cycle_t depth = m->cfg.param[MPIC_P_SYNC_DEPTH];
  mpic_cycle_t width = m->cfg.param[MPIC_P_MIN_PULSE];
  if (width > depth) width = depth; /* a pulse can only be withdrawn while in flight */
  bool tail = q->n ? q->level[qidx(q, q->n - 1u)] : m->src[ext].line;
  if (level == tail) return;
  if (q->n) {
    mpic_cycle_t issued = q->when[qidx(q, q->n - 1u)] - depth;
    if (m->now - issued < width) { /* the previous level lasted too little: drop the pulse */
      q->n--;
      if (!q->n) mpic_cancel(m, EV_SYNC, ext);
      return;
    }
  }
  if (q->n == SYNC_QCAP) { /* cannot happen with min_pulse >= 1; keep the newest */
    mpic_log(m, MPIC_LOG_WARN, "IRQ%u synchroniser overflow: oldest change applied early", ext);
    src_set_line(m, ext, q->level[q->head]);
    q->head = (uint8_t)qidx(q, 1);
    q->n--;
  }
  unsigned k = qidx(q, q->n);
  q->when[k] = cycle_add(m->now, depth);
  q->level[k] = level;
  if (q->n++ == 0) mpic_schedule(m, EV_SYNC, ext, q->when[k]);
}

/* The oldest change of pin ext reaches the source logic. */
void sync_event(mpic_t *m, unsigned ext) {
  sync_q_t *q = &m->sync[ext];
  if (!q->n) return;
  bool level = q->level[q->head];
  q->head = (uint8_t)qidx(q, 1);
  q->n--;
  if (q->n) mpic_schedule(m, EV_SYNC, ext, q->when[q->head]);
  src_set_line(m, ext, level);
}
