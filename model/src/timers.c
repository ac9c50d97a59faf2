/*
 * timers.c - global timer groups A and B, computed from time, never ticked
 * (behaviour.md items 18-20). A counting unit is a solo timer or a cascaded
 * pair (lower = low-order 32-bit stage, upper = high stage, interrupt on the
 * upper). A unit keeps its counts as of its next tick time; reads derive the
 * current count arithmetically, and each expiry is one event in the queue.
 *
 * Unit arithmetic (solo is the pair case with upper count 0):
 *   ticks to expiry from (L, U) = L + U * Lper, where Lper is the lower stage's
 *   reload (its base, or 0xFFFFFFFF with the pair's ROVR bit); when the lower
 *   stage reaches zero with U > 0 the upper decrements and the lower reloads
 *   in the same tick; with U == 0 the unit expires: TOG toggles, the interrupt
 *   fires and both stages reload from their bases.
 */
#include "internal.h"

unsigned timer_groups(const mpic_t *m) {
  return m->var->timer_groups;
}

mpic_cycle_t timer_period(const mpic_t *m, unsigned g) {
  unsigned clkr = (m->tcr[g] >> 8) & 3u;
  return (mpic_cycle_t)m->clk_div * (8u << clkr);
}

typedef struct {
  uint64_t lbase, ubase, lper;
} unit_params_t;

static unit_params_t unit_params(const mpic_t *m, unsigned u) {
  unit_params_t p;
  const gtimer_t *t = &m->tmr[u];
  if (t->role == TROLE_UPPER) {
    unsigned lower = u - 1, g = u / 4, pairbit = lower % 4;
    p.lbase = m->tmr[lower].gtbcr;
    p.ubase = t->gtbcr & ~GTBCR_CI;
    p.lper = (m->tcr[g] & BIT(24 + pairbit)) ? 0xFFFFFFFFull : p.lbase;
  } else {
    p.lbase = t->gtbcr & ~GTBCR_CI;
    p.ubase = 0;
    p.lper = p.lbase;
  }
  return p;
}

/* Ticks until the unit expires from counts (L, U); 0 = never. */
static uint64_t ticks_to_expiry(uint64_t L, uint64_t U, const unit_params_t *p) {
  uint64_t d0 = L ? L : p->lper;
  if (d0 == 0 || (U > 0 && p->lper == 0)) return 0;
  return d0 + U * p->lper;
}

static void advance_within(uint64_t *L, uint64_t *U, uint64_t k, const unit_params_t *p) {
  if (k == 0) return;
  uint64_t d0 = *L ? *L : p->lper;
  if (k < d0) {
    *L = d0 - k;
    return;
  }
  uint64_t j = k - d0;
  *U -= 1 + j / p->lper;
  *L = p->lper - j % p->lper;
}

/* Apply k ticks; returns the number of expiries. */
static uint64_t apply_ticks(uint64_t *L, uint64_t *U, uint64_t k, const unit_params_t *p) {
  uint64_t t = ticks_to_expiry(*L, *U, p);
  if (t == 0) return 0;
  if (k < t) {
    advance_within(L, U, k, p);
    return 0;
  }
  k -= t;
  *L = p->lbase;
  *U = p->ubase;
  uint64_t exp = 1, tp = ticks_to_expiry(*L, *U, p);
  if (tp == 0) return exp;
  exp += k / tp;
  advance_within(L, U, k % tp, p);
  return exp;
}

static bool is_owner(const gtimer_t *t) {
  return t->role != TROLE_LOWER;
}

static void unit_counts(const mpic_t *m, unsigned u, uint64_t *L, uint64_t *U) {
  if (m->tmr[u].role == TROLE_UPPER) {
    *L = m->tmr[u - 1].count;
    *U = m->tmr[u].count;
  } else {
    *L = m->tmr[u].count;
    *U = 0;
  }
}

static void unit_store(mpic_t *m, unsigned u, uint64_t L, uint64_t U) {
  if (m->tmr[u].role == TROLE_UPPER) {
    m->tmr[u - 1].count = (uint32_t)L;
    m->tmr[u].count = (uint32_t)U;
  } else {
    m->tmr[u].count = (uint32_t)L;
  }
}

static uint64_t elapsed_ticks(const gtimer_t *t, mpic_cycle_t now, mpic_cycle_t period) {
  if (!t->running || now < t->next_tick) return 0;
  return 1 + (now - t->next_tick) / period;
}

/* An expiry changes nothing observable while the timer is already pending on
 * every core it targets (TOG and the count are computed from time anyway), so
 * it needs no event until an IACK clears a copy or the destination changes;
 * then the group is brought up to date and rescheduled (timer_sync,
 * timer_source_changed). A masked or unacknowledged fast timer costs nothing. */
static bool expiry_matters(const mpic_t *m, unsigned u) {
  const src_t *s = &m->src[timer_index(m, u)];
  return (s->dr & m->cpu_mask & ~s->pend_cpus) != 0;
}

static void unit_schedule(mpic_t *m, unsigned u) {
  gtimer_t *t = &m->tmr[u];
  if (!is_owner(t) || !t->running || !expiry_matters(m, u)) {
    mpic_cancel(m, EV_TIMER, u);
    return;
  }
  unit_params_t p = unit_params(m, u);
  uint64_t L, U;
  unit_counts(m, u, &L, &U);
  uint64_t n = ticks_to_expiry(L, U, &p);
  mpic_cycle_t per = timer_period(m, u / 4);
  if (n == 0 || (n - 1) > (MPIC_NEVER - 1 - t->next_tick) / per) {
    mpic_cancel(m, EV_TIMER, u);
    return;
  }
  mpic_schedule(m, EV_TIMER, u, t->next_tick + (n - 1) * per);
}

/* Bring every unit of group g up to m->now, firing expiries, and reschedule. */
static void group_sync(mpic_t *m, unsigned g) {
  mpic_cycle_t per = timer_period(m, g);
  for (unsigned u = g * 4; u < g * 4 + 4; u++) {
    gtimer_t *t = &m->tmr[u];
    if (!is_owner(t)) continue;
    uint64_t k = elapsed_ticks(t, m->now, per);
    if (!k) continue;
    unit_params_t p = unit_params(m, u);
    uint64_t L, U;
    unit_counts(m, u, &L, &U);
    uint64_t exp = apply_ticks(&L, &U, k, &p);
    unit_store(m, u, L, U);
    t->next_tick += k * per;
    if (exp) {
      t->tog ^= (exp & 1);
      src_fire_edge(m, timer_index(m, u), m->src[timer_index(m, u)].dr);
    }
  }
  for (unsigned u = g * 4; u < g * 4 + 4; u++)
    unit_schedule(m, u);
}

/* Bring timer t's group up to now, firing due expiries, and reschedule it: the
 * expiry event, and before a timer source's pending copies or destination
 * change (every expiry up to now is accounted under the old state). */
void timer_sync(mpic_t *m, unsigned t) {
  group_sync(m, t / 4);
}

/* After the change: the next expiry may matter again. */
void timer_source_changed(mpic_t *m, unsigned t) {
  unsigned g = t / 4;
  for (unsigned u = g * 4; u < g * 4 + 4; u++)
    unit_schedule(m, u);
}

uint32_t timer_read_gtccr(const mpic_t *m, unsigned tn) {
  const gtimer_t *t = &m->tmr[tn];
  unsigned owner = t->role == TROLE_LOWER ? tn + 1 : tn;
  const gtimer_t *o = &m->tmr[owner];
  uint64_t L, U;
  unit_counts(m, owner, &L, &U);
  uint64_t k = elapsed_ticks(o, m->now, timer_period(m, tn / 4));
  bool tog = o->tog;
  if (k) {
    unit_params_t p = unit_params(m, owner);
    tog ^= apply_ticks(&L, &U, k, &p) & 1;
  }
  switch ((timer_role_t)t->role) {
  case TROLE_LOWER: return (uint32_t)L;
  case TROLE_UPPER: return (tog ? GTCCR_TOG : 0) | ((uint32_t)U & ~GTCCR_TOG);
  default: return (tog ? GTCCR_TOG : 0) | ((uint32_t)L & ~GTCCR_TOG);
  }
}

/* Start a unit: counts load from the bases, first tick one period later. */
static void unit_start(mpic_t *m, unsigned u) {
  gtimer_t *t = &m->tmr[u];
  unit_params_t p = unit_params(m, u);
  unit_store(m, u, p.lbase, p.ubase);
  t->running = true;
  t->next_tick = cycle_add(m->now, timer_period(m, u / 4));
}

void timer_write_gtbcr(mpic_t *m, unsigned tn, uint32_t val, acc_mode_t mode) {
  gtimer_t *t = &m->tmr[tn];
  if (mode == ACC_RESET) {
    t->gtbcr = val;
    return;
  }
  unsigned g = tn / 4;
  group_sync(m, g);
  bool was_stopped = (t->gtbcr & GTBCR_CI) != 0;
  t->gtbcr = val;
  if (is_owner(t)) {
    bool stop = (val & GTBCR_CI) != 0;
    if (was_stopped && !stop) unit_start(m, tn);
    if (!was_stopped && stop) t->running = false;
  }
  group_sync(m, g);
}

/* Recompute the cascade roles of group g from TCR CASC (behaviour.md 19b).
 * Overlapping pairs: the lower-numbered pair wins (logged). */
/* The roles TCR's CASC bits give the four timers of a group; returns the
 * CASC bits ignored because they overlap a lower pair. */
unsigned timer_casc_roles(uint32_t tcr, uint8_t role[4]) {
  unsigned ignored = 0;
  for (unsigned i = 0; i < 4; i++)
    role[i] = TROLE_SOLO;
  for (unsigned k = 0; k < 3; k++) {
    if (!(tcr & BIT(k))) continue;
    if (role[k] != TROLE_SOLO || role[k + 1] != TROLE_SOLO) {
      ignored |= BIT(k);
      continue;
    }
    role[k] = TROLE_LOWER;
    role[k + 1] = TROLE_UPPER;
  }
  return ignored;
}

static void group_roles(mpic_t *m, unsigned g) {
  uint8_t role[4];
  unsigned ignored = timer_casc_roles(m->tcr[g], role);
  if (ignored)
    mpic_log(m, MPIC_LOG_WARN, "TCR group %u: cascade bits 0x%x overlap another pair; ignored", g,
             ignored);
  for (unsigned i = 0; i < 4; i++) {
    gtimer_t *t = &m->tmr[g * 4 + i];
    bool was_running = t->running && t->role != TROLE_LOWER;
    t->role = role[i];
    if (t->role == TROLE_LOWER) {
      t->running = false;
      continue;
    }
    bool run = !(t->gtbcr & GTBCR_CI);
    if (run && !was_running) t->next_tick = cycle_add(m->now, timer_period(m, g));
    t->running = run;
  }
}

void timer_write_tcr(mpic_t *m, unsigned g, uint32_t val, acc_mode_t mode) {
  if (mode == ACC_RESET) {
    m->tcr[g] = val;
    return;
  }
  group_sync(m, g);
  uint32_t old = m->tcr[g];
  m->tcr[g] = val;
  if ((old ^ val) & 7u) group_roles(m, g);
  group_sync(m, g);
}

void timer_reset(mpic_t *m) {
  for (unsigned u = 0; u < N_TIMERS_MAX; u++) {
    gtimer_t *t = &m->tmr[u];
    t->count = 0;
    t->tog = false;
    t->role = TROLE_SOLO;
    t->running = false;
    t->next_tick = 0;
    mpic_cancel(m, EV_TIMER, u);
  }
}
