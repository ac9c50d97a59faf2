/*
 * sources.c - per-source request logic: sense, polarity, edge latching, mask,
 * activity, routing (int / cint / mcp / IRQ_OUT), and keeping the per-core
 * arbitration bitmaps and critical counters in step with each source.
 */
#include "internal.h"

bool msg_asserted(const mpic_t *m, unsigned n) {
  unsigned g = n / 4, b = BIT(n % 4);
  return (m->msr[g] & m->mer[g] & b) != 0;
}

bool msi_asserted(const mpic_t *m, unsigned idx) {
  return m->msir[idx - SRC_MSI_BASE] != 0;
}

/* The source's request input before polarity: pin/line or internal state. */
static bool src_raw_input(const mpic_t *m, const src_t *s, unsigned idx) {
  switch ((src_kind_t)s->kind) {
  case SRC_EXT:
  case SRC_INTERNAL: return s->line;
  case SRC_ERRSUM: return (m->eisr & ~m->eimr) != 0;
  case SRC_MSG: return msg_asserted(m, idx - SRC_MSG_BASE);
  case SRC_MSI: return msi_asserted(m, idx);
  default: return false;
  }
}

/* Polarity-adjusted input (behaviour.md item 2; fixed P reads 1). */
bool src_active_level(const mpic_t *m, const src_t *s) {
  unsigned idx = (unsigned)(s - m->src);
  bool raw = src_raw_input(m, s, idx);
  return (s->vpr & VPR_P) ? raw : !raw;
}

static bool src_edge_sensed(const src_t *s) {
  return s->kind == SRC_EXT && !(s->vpr & VPR_S);
}

/* Pending: latched edge, live level, or any core's IPI/timer copy. */
bool src_requesting(const mpic_t *m, const src_t *s) {
  if (s->kind == SRC_IPI || s->kind == SRC_TIMER) return s->pend_cpus != 0;
  if (s->kind == SRC_NONE) return false;
  return src_edge_sensed(s) ? s->edge : src_active_level(m, s);
}

/* Activity bit A (behaviour.md item 25). */
bool src_activity(const mpic_t *m, const src_t *s) {
  return (src_requesting(m, s) && !src_masked(s)) || s->inserv_cpus != 0;
}

/* Where a numbered source is delivered (behaviour.md items 9, 30). */
route_t src_route(const mpic_t *m, const src_t *s, uint32_t *cpus) {
  if (m->var->has_ci_bits) {
    if (s->dr & DR_EP) {
      *cpus = 0;
      return ROUTE_EP;
    }
    uint32_t ci = 0;
    for (unsigned c = 0; c < m->ncpus; c++)
      if (s->dr & BIT(30 - c)) ci |= BIT(c);
    if (ci) {
      *cpus = ci;
      return ROUTE_CINT;
    }
    *cpus = s->dr & m->cpu_mask;
    return ROUTE_INT;
  }
  *cpus = s->dr & m->cpu_mask;
  if (m->var->has_ilr) {
    switch (s->ilr & 0xFF) {
    case 1: return ROUTE_CINT;
    case 2: return ROUTE_MCP;
    default: return ROUTE_INT; /* other encodings: int, logged at the ILR write */
    }
  }
  return ROUTE_INT;
}

static void adjust_counts(mpic_t *m, uint32_t old, uint32_t neu, bool crit) {
  for (uint32_t d = old ^ neu; d; d &= d - 1) {
    unsigned c = (unsigned)__builtin_ctz(d);
    unsigned *cnt = crit ? &m->cpu[c].crit_cnt : &m->cpu[c].mcp_cnt;
    if (neu & BIT(c))
      (*cnt)++;
    else
      (*cnt)--;
  }
}

/* Bring the arbitration bitmaps and cint/mcp/IRQ_OUT counters in line with the
 * source's current state. Cost O(number of cores), independent of sources. */
void src_update(mpic_t *m, unsigned idx) {
  src_t *s = &m->src[idx];
  unsigned prio = 0;
  uint32_t cand = 0, crit = 0, mcp = 0;
  bool ep = false;

  if (s->kind == SRC_IPI || s->kind == SRC_TIMER) {
    if (!src_masked(s) && src_prio(s) > 0) cand = s->pend_cpus & ~s->inserv_cpus & m->cpu_mask;
  } else if (s->kind != SRC_NONE) {
    uint32_t cpus;
    route_t r = src_route(m, s, &cpus);
    if (r == ROUTE_INT) {
      if (src_requesting(m, s) && !src_masked(s) && src_prio(s) > 0 && !s->inserv_cpus) cand = cpus;
    } else {
      bool on = src_edge_sensed(s) ? s->pulse == PULSE_VISIBLE : src_active_level(m, s);
      if (m->var->crit_masked && src_masked(s)) on = false;
      if (on) {
        if (r == ROUTE_CINT) crit = cpus;
        if (r == ROUTE_MCP) mcp = cpus;
        if (r == ROUTE_EP) ep = true;
      }
    }
  }
  if (cand) prio = src_prio(s);

  if (prio != s->cand_prio || cand != s->cand_cpus) {
    for (uint32_t b = s->cand_cpus; b; b &= b - 1)
      arb_remove(m, (unsigned)__builtin_ctz(b), s->cand_prio, idx);
    for (uint32_t b = cand; b; b &= b - 1)
      arb_insert(m, (unsigned)__builtin_ctz(b), prio, idx);
    s->cand_prio = (uint8_t)prio;
    s->cand_cpus = cand;
  }
  if (crit != s->crit_cpus) adjust_counts(m, s->crit_cpus, crit, true);
  if (mcp != s->mcp_cpus) adjust_counts(m, s->mcp_cpus, mcp, false);
  s->crit_cpus = crit;
  s->mcp_cpus = mcp;
  if (ep != s->ep_on) {
    if (ep)
      m->ep_cnt++;
    else
      m->ep_cnt--;
    s->ep_on = ep;
  }
}

/* A source's state changed: update the arbitration state and let the outputs
 * follow after the arbitration latency (not during a reset, which evaluates
 * the outputs once at its end). */
void src_changed(mpic_t *m, unsigned idx, acc_mode_t mode) {
  src_update(m, idx);
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}

/* The input as seen by the source logic changed (or polarity/sense did):
 * detect an edge of the polarity-adjusted level (behaviour.md items 2, 26). */
void src_line_changed(mpic_t *m, unsigned idx) {
  src_t *s = &m->src[idx];
  bool active = src_active_level(m, s);
  if (src_edge_sensed(s) && active && !s->active_prev) {
    uint32_t cpus;
    if (src_route(m, s, &cpus) == ROUTE_INT) {
      s->edge = true;
    } else {
      /* cint/mcp/IRQ_OUT: one MPIC clock pulse, nothing latched (item 30) */
      if (s->pulse == PULSE_NONE) {
        s->pulse = PULSE_IN_FLIGHT;
        mpic_schedule(m, EV_PULSE, idx, cycle_add(m->now, m->cfg.param[MPIC_P_ARB_LATENCY]));
      }
    }
  }
  s->active_prev = active;
  src_changed(m, idx, ACC_BUS);
}

void src_set_line(mpic_t *m, unsigned idx, bool level) {
  src_t *s = &m->src[idx];
  if (s->line == level) return;
  s->line = level;
  if (level) s->rises++;
  src_line_changed(m, idx);
}

/* The pulse reaches the pin (already delayed by the arbitration latency, so
 * the pin follows at once) and ends one MPIC clock later. */
void src_pulse_event(mpic_t *m, unsigned idx) {
  src_t *s = &m->src[idx];
  if (s->pulse == PULSE_IN_FLIGHT) {
    s->pulse = PULSE_VISIBLE;
    mpic_schedule(m, EV_PULSE, idx, cycle_add(m->now, m->clk_div));
  } else {
    s->pulse = PULSE_NONE;
  }
  src_update(m, idx);
  out_eval(m, 0);
}

/* IPI or timer event: each selected core gets its own pending copy. */
void src_fire_edge(mpic_t *m, unsigned idx, uint32_t cpus) {
  m->src[idx].pend_cpus |= cpus & m->cpu_mask;
  src_changed(m, idx, ACC_BUS);
}

uint32_t src_vpr_read(const mpic_t *m, unsigned idx) {
  const src_t *s = &m->src[idx];
  return s->vpr | (src_activity(m, s) ? VPR_A : 0);
}

/* Store a new VPR. Changing S discards a latched edge and re-evaluates from
 * the current level; changing P creates no edge (behaviour.md item 26). */
void src_vpr_store(mpic_t *m, unsigned idx, uint32_t newvpr, acc_mode_t mode) {
  src_t *s = &m->src[idx];
  uint32_t old = s->vpr;
  if (mode == ACC_BUS && old != newvpr && src_activity(m, s))
    mpic_log(m, MPIC_LOG_WARN, "VPR of source %u written while active (A=1); applied", idx);
  s->vpr = newvpr;
  if ((old ^ newvpr) & VPR_S) {
    s->edge = false;
    s->pulse = PULSE_NONE;
    if (idx < N_EXT_MAX) mpic_cancel(m, EV_PULSE, idx);
  }
  if (s->kind != SRC_IPI && s->kind != SRC_TIMER) s->active_prev = src_active_level(m, s);
  src_changed(m, idx, mode);
}
