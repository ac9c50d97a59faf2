/*
 * events.c - where time advances. An indexed binary heap of event slots ordered
 * by (due time, scheduling sequence), so simultaneous events run in the order
 * they were scheduled and every run is deterministic. Each pending event has a
 * fixed slot (one per output pin, external pin synchroniser, timer, ...), so
 * rescheduling moves the slot and the queue never grows.
 */
#include <stdlib.h>

#include "internal.h"

int evq_init(evq_t *q, int slots) {
  q->heap = calloc((size_t)slots, sizeof *q->heap);
  q->pos = malloc((size_t)slots * sizeof *q->pos);
  q->time = calloc((size_t)slots, sizeof *q->time);
  q->seq = calloc((size_t)slots, sizeof *q->seq);
  if (!q->heap || !q->pos || !q->time || !q->seq) return -1;
  for (int i = 0; i < slots; i++)
    q->pos[i] = -1;
  q->n = 0;
  q->cap = slots;
  q->next_seq = 0;
  return 0;
}

void evq_free(evq_t *q) {
  free(q->heap);
  free(q->pos);
  free(q->time);
  free(q->seq);
}

static bool before(const evq_t *q, int a, int b) {
  if (q->time[a] != q->time[b]) return q->time[a] < q->time[b];
  return q->seq[a] < q->seq[b];
}

static void place(evq_t *q, int i, int slot) {
  q->heap[i] = slot;
  q->pos[slot] = i;
}

static void sift_up(evq_t *q, int i) {
  int slot = q->heap[i];
  while (i > 0) {
    int parent = (i - 1) / 2;
    if (!before(q, slot, q->heap[parent])) break;
    place(q, i, q->heap[parent]);
    i = parent;
  }
  place(q, i, slot);
}

static void sift_down(evq_t *q, int i) {
  int slot = q->heap[i];
  for (;;) {
    int l = 2 * i + 1, r = l + 1, best = i;
    int best_slot = slot;
    if (l < q->n && before(q, q->heap[l], best_slot)) best = l, best_slot = q->heap[l];
    if (r < q->n && before(q, q->heap[r], best_slot)) best = r, best_slot = q->heap[r];
    if (best == i) break;
    place(q, i, best_slot);
    i = best;
  }
  place(q, i, slot);
}

void evq_cancel(evq_t *q, int slot) {
  int i = q->pos[slot];
  if (i < 0) return;
  q->pos[slot] = -1;
  q->n--;
  if (i == q->n) return;
  int moved = q->heap[q->n];
  place(q, i, moved);
  sift_up(q, i);
  sift_down(q, q->pos[moved]);
}

/* Insert with a given sequence number (snapshot restore). */
void evq_insert(evq_t *q, int slot, mpic_cycle_t when, uint64_t seq) {
  evq_cancel(q, slot);
  q->time[slot] = when;
  q->seq[slot] = seq;
  int i = q->n++;
  place(q, i, slot);
  sift_up(q, i);
}

void evq_schedule(evq_t *q, int slot, mpic_cycle_t when) {
  evq_insert(q, slot, when, q->next_seq++);
}

bool evq_pending(const evq_t *q, int slot) {
  return q->pos[slot] >= 0;
}

mpic_cycle_t evq_top_time(const evq_t *q) {
  return q->n ? q->time[q->heap[0]] : MPIC_NEVER;
}

int evq_pop(evq_t *q, mpic_cycle_t *when) {
  if (!q->n) return -1;
  int slot = q->heap[0];
  *when = q->time[slot];
  evq_cancel(q, slot);
  return slot;
}

/* ---- typed slots ---- */

void mpic_schedule(mpic_t *m, ev_kind_t kind, unsigned arg, mpic_cycle_t when) {
  evq_schedule(&m->evq, (int)(m->ev_base[kind] + arg), when);
}

void mpic_cancel(mpic_t *m, ev_kind_t kind, unsigned arg) {
  evq_cancel(&m->evq, (int)(m->ev_base[kind] + arg));
}

static void dispatch(mpic_t *m, int slot) {
  unsigned s = (unsigned)slot;
  if (s >= m->ev_base[EV_PULSE]) {
    src_pulse_event(m, s - m->ev_base[EV_PULSE]);
  } else if (s >= m->ev_base[EV_RESET_DONE]) {
    m->in_reset = false;
  } else if (s >= m->ev_base[EV_TIMER]) {
    timer_sync(m, s - m->ev_base[EV_TIMER]);
  } else if (s >= m->ev_base[EV_SYNC]) {
    sync_event(m, s - m->ev_base[EV_SYNC]);
  } else {
    unsigned k = s - m->ev_base[EV_OUT];
    out_fire(m, k / MPIC_PIN_COUNT, (mpic_pin_t)(k % MPIC_PIN_COUNT));
  }
}

/* Tell the step hook (tracers) that a step ended; never re-entered. */
void mpic_step(mpic_t *m) {
  if (!m->step_fn || m->in_step) return;
  m->in_step = true;
  m->step_fn(m->step_ctx, m->now);
  m->in_step = false;
}

/* Run every event due at or before upto. Handlers see m->now = their due time,
 * so what they schedule is relative to it. */
void mpic_run_events(mpic_t *m, mpic_cycle_t upto) {
  while (m->evq.n && evq_top_time(&m->evq) <= upto) {
    mpic_cycle_t when;
    int slot = evq_pop(&m->evq, &when);
    if (when > m->now) m->now = when;
    dispatch(m, slot);
    mpic_step(m);
  }
  if (upto > m->now) m->now = upto;
}
