/*
 * outputs.c - the output pins. Each pin follows its selector (what the logic
 * wants the pin to be) with an inertial delay: a change is scheduled `latency`
 * cycles later and dropped if the selector returns first; an already scheduled
 * change toward the same level keeps its earlier time. The host hears only
 * real changes, stamped with their cycle.
 */
#include "internal.h"

bool out_selector(const mpic_t *m, unsigned c, mpic_pin_t p) {
  const cpu_t *cpu = &m->cpu[c];
  switch (p) {
  case MPIC_PIN_INT:
    if (gcr_mode(m) == MODE_PASSTHROUGH) return c == 0 && m->src[0].line; /* item 27 */
    return arb_signalled(m, c, NULL);
  case MPIC_PIN_CINT: return cpu->crit_cnt != 0;
  case MPIC_PIN_MCP: return cpu->mcp_cnt != 0;
  case MPIC_PIN_RESET: return (m->pir & BIT(c)) != 0;
  case MPIC_PIN_IRQ_OUT: return c == 0 && m->ep_cnt != 0;
  default: return false;
  }
}

static void pin_follow(mpic_t *m, unsigned c, mpic_pin_t p, mpic_cycle_t latency) {
  pin_t *pin = &m->cpu[c].pin[p];
  bool want = out_selector(m, c, p);
  unsigned arg = c * MPIC_PIN_COUNT + (unsigned)p;
  if (want == pin->level) {
    if (pin->sched) mpic_cancel(m, EV_OUT, arg);
    pin->sched = false;
  } else if (!pin->sched) {
    pin->sched = true;
    mpic_schedule(m, EV_OUT, arg, cycle_add(m->now, latency));
  }
}

void out_eval_cpu(mpic_t *m, unsigned c, mpic_cycle_t latency) {
  for (unsigned p = 0; p < MPIC_PIN_COUNT; p++)
    pin_follow(m, c, (mpic_pin_t)p, latency);
}

void out_eval(mpic_t *m, mpic_cycle_t latency) {
  for (unsigned c = 0; c < m->ncpus; c++)
    out_eval_cpu(m, c, latency);
}

void out_fire(mpic_t *m, unsigned c, mpic_pin_t p) {
  pin_t *pin = &m->cpu[c].pin[p];
  pin->sched = false;
  bool want = out_selector(m, c, p);
  if (want == pin->level) return;
  pin->level = want;
  if (m->cfg.output) m->cfg.output(m->cfg.output_ctx, c, p, want, m->now);
}

mpic_status_t mpic_get_output(const mpic_t *m, unsigned cpu, mpic_pin_t pin, bool *level) {
  if (!m || !level) return MPIC_E_ARG;
  if (cpu >= m->ncpus || (unsigned)pin >= MPIC_PIN_COUNT) return MPIC_E_RANGE;
  *level = m->cpu[cpu].pin[pin].level;
  return MPIC_OK;
}
