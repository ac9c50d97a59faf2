/*
 * mpic.c - the public entry points: lifetime, explicit time, bus and debug
 * access, inputs. Every call validates its arguments completely before it
 * touches any state, then processes the internal events due up to `now`,
 * acts at `now`, and runs any zero-latency consequence before returning.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void mpic_log(mpic_t *m, mpic_log_level_t lvl, const char *fmt, ...) {
  if (!m->cfg.log) return;
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  m->cfg.log(m->cfg.log_ctx, lvl, m->now, buf);
}

static mpic_status_t check_config(const mpic_config_t *cfg, const mpic_variant_info_t **var) {
  if (!cfg) return MPIC_E_ARG;
  if (!memchr(cfg->variant, 0, sizeof cfg->variant)) return MPIC_E_CONFIG;
  *var = mpic_variant_find(cfg->variant);
  if (!*var) return MPIC_E_CONFIG;
  if (cfg->ncpus < 1 || cfg->ncpus > (*var)->max_cpus) return MPIC_E_CONFIG;
  for (unsigned p = 0; p < MPIC_P_COUNT; p++) {
    const mpic_param_info_t *pi = mpic_param_info((mpic_param_t)p);
    if (cfg->param[p] < pi->min || cfg->param[p] > pi->max) return MPIC_E_CONFIG;
  }
  return MPIC_OK;
}

static void init_kinds(mpic_t *m) {
  const mpic_variant_info_t *v = m->var;
  for (unsigned i = 0; i < v->n_ext; i++)
    m->src[i].kind = SRC_EXT;
  for (unsigned i = 0; i < v->n_int; i++)
    m->src[SRC_INT_BASE + i].kind = SRC_INTERNAL;
  if (v->has_eisr) m->src[SRC_ERR].kind = SRC_ERRSUM;
  for (unsigned i = 0; i < v->n_msg; i++)
    m->src[SRC_MSG_BASE + i].kind = SRC_MSG;
  for (unsigned i = 0; i < v->msi_banks * v->msirs_per_bank; i++)
    m->src[SRC_MSI_BASE + i].kind = SRC_MSI;
  for (unsigned i = 0; i < N_IPI; i++)
    m->src[ipi_index(m, i)].kind = SRC_IPI;
  for (unsigned t = 0; t < N_TIMERS_PER_GROUP * v->timer_groups; t++)
    m->src[timer_index(m, t)].kind = SRC_TIMER;
}

mpic_status_t mpic_create(const mpic_config_t *cfg, mpic_t **out) {
  const mpic_variant_info_t *var;
  if (!out) return MPIC_E_ARG;
  *out = NULL;
  mpic_status_t st = check_config(cfg, &var);
  if (st != MPIC_OK) return st;

  mpic_t *m = calloc(1, sizeof *m);
  if (!m) return MPIC_E_NOMEM;
  m->cfg = *cfg;
  m->var = var;
  m->vbit = 1u << (unsigned)(var - mpic_variant_at(0));
  m->ncpus = cfg->ncpus;
  m->cpu_mask = m->ncpus == 32 ? 0xFFFFFFFFu : BIT(m->ncpus) - 1;
  m->clk_div = (unsigned)cfg->param[MPIC_P_MPIC_CLK_DIV];
  if (!m->clk_div) m->clk_div = var->has_ilr ? 2 : 1;
  m->slots = var->source_slots;
  m->nidx = m->slots + N_IPI + N_TIMERS_MAX;
  m->nwords = (m->nidx + 63) / 64;
  m->src = calloc(m->nidx, sizeof *m->src);
  m->bits_block = calloc((size_t)m->ncpus * NLEVELS * m->nwords, sizeof *m->bits_block);
  m->msir = calloc((size_t)var->msi_banks * var->msirs_per_bank, sizeof *m->msir);

  unsigned nslots = 0;
  m->ev_base[EV_OUT] = nslots, nslots += m->ncpus * MPIC_PIN_COUNT;
  m->ev_base[EV_SYNC] = nslots, nslots += N_EXT_MAX;
  m->ev_base[EV_TIMER] = nslots, nslots += N_TIMERS_MAX;
  m->ev_base[EV_RESET_DONE] = nslots, nslots += 1;
  m->ev_base[EV_PULSE] = nslots, nslots += N_EXT_MAX;

  if (!m->src || !m->bits_block || !m->msir || evq_init(&m->evq, (int)nslots) != 0 ||
      decode_build(m) != MPIC_OK || shared_create(m) != MPIC_OK) {
    mpic_destroy(m);
    return MPIC_E_NOMEM;
  }
  for (unsigned c = 0; c < m->ncpus; c++)
    m->cpu[c].bits = m->bits_block + (size_t)c * NLEVELS * m->nwords;
  init_kinds(m);
  mpic_reset_state(m);
  *out = m;
  return MPIC_OK;
}

void mpic_destroy(mpic_t *m) {
  if (!m) return;
  shared_detach(m);
  evq_free(&m->evq);
  free(m->src);
  free(m->bits_block);
  free(m->msir);
  free(m->page_rows);
  free(m->present_rows);
  free(m);
}

const mpic_variant_info_t *mpic_variant(const mpic_t *m) {
  return m ? m->var : NULL;
}
unsigned mpic_ncpus(const mpic_t *m) {
  return m ? m->ncpus : 0;
}

uint64_t mpic_get_param(const mpic_t *m, mpic_param_t p) {
  if (!m || (unsigned)p >= MPIC_P_COUNT) return 0;
  if (p == MPIC_P_MPIC_CLK_DIV) return m->clk_div;
  return m->cfg.param[p];
}

/* ---- time ---- */

mpic_cycle_t mpic_now(const mpic_t *m) {
  return m ? m->now : 0;
}
mpic_cycle_t mpic_next_event(const mpic_t *m) {
  return m ? evq_top_time(&m->evq) : MPIC_NEVER;
}

/* Start of a timed call: events due up to now, then changes posted by other
 * threads (applied at now, in posting order). */
void mpic_enter(mpic_t *m, mpic_cycle_t now) {
  mpic_run_events(m, now);
  async_apply(m);
}

/* End of a call: zero-latency consequences, then the step hook. */
void mpic_finish(mpic_t *m) {
  mpic_run_events(m, m->now);
  mpic_step(m);
}

static mpic_status_t check_time(const mpic_t *m, mpic_cycle_t now) {
  return now < m->now ? MPIC_E_TIME : MPIC_OK;
}

/* Advance and drain are one operation: every timed call applies both. */
static mpic_status_t advance_to(mpic_t *m, mpic_cycle_t now, const char *call) {
  if (!m) return MPIC_E_ARG;
  CHECK_OWNER(m, call);
  if (check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  mpic_enter(m, now);
  mpic_finish(m);
  return MPIC_OK;
}

mpic_status_t mpic_advance(mpic_t *m, mpic_cycle_t now) {
  return advance_to(m, now, "mpic_advance");
}
mpic_status_t mpic_drain(mpic_t *m, mpic_cycle_t now) {
  return advance_to(m, now, "mpic_drain");
}

/* ---- register access ---- */

static mpic_status_t access(mpic_t *m, mpic_cycle_t now, bool timed, unsigned cpu, uint32_t off,
                            unsigned size, bool is_write, uint32_t *val, mpic_cycle_t *done,
                            const char *call) {
  if (!m || !val) return MPIC_E_ARG;
  CHECK_OWNER(m, call);
  /* a rejected access still completes (with its error) after the plain latency */
  if (done) *done = cycle_add(now, m->cfg.param[reg_latency(-1, is_write)]);
  if (cpu >= m->ncpus) return MPIC_E_RANGE;
  if (timed && check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  int row;
  unsigned outer, inner;
  mpic_status_t st = reg_decode(m, off, size, &row, &outer, &inner);
  if (st != MPIC_OK) return st;
  if (timed) mpic_enter(m, now);
  acc_mode_t mode = timed ? ACC_BUS : ACC_DEBUG;
  reg_do(m, row, outer, inner, cpu, is_write, val, mode, off);
  if (timed || is_write) mpic_finish(m); /* a peek changes nothing */
  if (done) *done = cycle_add(now, m->cfg.param[reg_latency(row, is_write)]);
  return MPIC_OK;
}

mpic_status_t mpic_read(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t offset, unsigned size,
                        uint32_t *value, mpic_cycle_t *done) {
  return access(m, now, true, cpu, offset, size, false, value, done, "mpic_read");
}

mpic_status_t mpic_write(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t offset, unsigned size,
                         uint32_t value, mpic_cycle_t *done) {
  return access(m, now, true, cpu, offset, size, true, &value, done, "mpic_write");
}

mpic_status_t mpic_peek(mpic_t *m, unsigned cpu, uint32_t offset, uint32_t *value) {
  return access(m, m ? m->now : 0, false, cpu, offset, 4, false, value, NULL, "mpic_peek");
}

mpic_status_t mpic_poke(mpic_t *m, unsigned cpu, uint32_t offset, uint32_t value) {
  return access(m, m ? m->now : 0, false, cpu, offset, 4, true, &value, NULL, "mpic_poke");
}

/* ---- inputs ---- */

/* Drive a validated source line at m->now: external pins pass the
 * synchroniser, internal lines act at once. */
void mpic_apply_level(mpic_t *m, unsigned source, bool level) {
  src_t *s = &m->src[source];
  if (s->kind == SRC_INTERNAL) {
    src_set_line(m, source, level);
  } else {
    s->pin = level;
    sync_pin_change(m, source, level);
  }
}

mpic_status_t mpic_set_irq(mpic_t *m, mpic_cycle_t now, unsigned source, bool level) {
  if (!m) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_set_irq");
  if (source >= m->slots || m->src[source].kind == SRC_NONE) return MPIC_E_RANGE;
  src_t *s = &m->src[source];
  if (s->kind != SRC_EXT && s->kind != SRC_INTERNAL) return MPIC_E_DRIVEN;
  if (check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  mpic_enter(m, now);
  mpic_apply_level(m, source, level);
  mpic_finish(m);
  return MPIC_OK;
}

mpic_status_t mpic_get_irq(const mpic_t *m, unsigned source, bool *level) {
  if (!m || !level) return MPIC_E_ARG;
  if (source >= m->slots || m->src[source].kind == SRC_NONE) return MPIC_E_RANGE;
  const src_t *s = &m->src[source];
  if (s->kind != SRC_EXT && s->kind != SRC_INTERNAL) return MPIC_E_DRIVEN;
  *level = s->kind == SRC_EXT ? s->pin : s->line;
  return MPIC_OK;
}

mpic_status_t mpic_set_error(mpic_t *m, mpic_cycle_t now, unsigned k, bool level) {
  if (!m) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_set_error");
  if (!m->var->has_eisr) return MPIC_E_MODE;
  if (k >= 32) return MPIC_E_RANGE;
  if (check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  mpic_enter(m, now);
  uint32_t bit = BIT(31 - k);
  uint32_t old = m->eisr;
  m->eisr = level ? (m->eisr | bit) : (m->eisr & ~bit);
  if (m->eisr != old) src_changed(m, SRC_ERR, ACC_BUS);
  mpic_finish(m);
  return MPIC_OK;
}

mpic_status_t mpic_msi(mpic_t *m, mpic_cycle_t now, unsigned bank, uint32_t msiir) {
  if (!m) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_msi");
  if (bank >= m->var->msi_banks) return MPIC_E_RANGE;
  if (check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  mpic_enter(m, now);
  msi_write_msiir(m, bank, msiir >> 29, (msiir >> 24) & 31u);
  mpic_finish(m);
  return MPIC_OK;
}

mpic_status_t mpic_ack(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t *vector) {
  if (!m || !vector) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_ack");
  if (cpu >= m->ncpus) return MPIC_E_RANGE;
  if (!m->var->has_proxy || gcr_mode(m) != MODE_PROXY) return MPIC_E_MODE;
  if (check_time(m, now) != MPIC_OK) return MPIC_E_TIME;
  mpic_enter(m, now);
  *vector = arb_iack(m, cpu, true, m->cfg.param[MPIC_P_IACK_TO_INT]);
  mpic_finish(m);
  return MPIC_OK;
}
