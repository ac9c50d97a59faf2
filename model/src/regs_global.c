/*
 * regs_global.c - hooks of the global registers: BRR1, FRR, GCR, VIR, PIR,
 * SVR, TFRR, performance-monitor masks, and the dynamic masks / values the
 * register table refers to.
 */
#include "regtable.h"

uint32_t rd_zero(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)m, (void)r, (void)idx, (void)cpu, (void)mode;
  return 0;
}

uint32_t val_brr1(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)r, (void)idx;
  return m->var->brr1;
}

uint32_t rd_brr1(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return val_brr1(m, r, idx);
}

/* FRR reports this instance (behaviour.md item 22). */
uint32_t val_frr(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)r, (void)idx;
  return ((m->slots - 1) << 16) | ((m->ncpus - 1) << 8) | 2u;
}

uint32_t rd_frr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return val_frr(m, r, idx);
}

uint32_t val_gcr_wmask(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)r, (void)idx;
  return m->var->has_proxy ? 0xE0000000u : 0xA0000000u;
}

uint32_t val_cpu_mask(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)r, (void)idx;
  return m->cpu_mask;
}

uint32_t val_index(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)m, (void)r;
  return idx;
}

uint32_t rd_gcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  return m->gcr | (m->in_reset ? GCR_RST : 0);
}

/* GCR: RST resets the whole controller for reset_duration cycles; the mode
 * bits select pass-through / mixed / proxy (behaviour.md items 10, 14, 27, 28). */
void wr_gcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu;
  if (mode == ACC_RESET) {
    m->gcr = val & ~GCR_RST;
    return;
  }
  val &= wmask;
  if ((val & GCR_RST) && mode == ACC_BUS) {
    mpic_reset_state(m);
    m->in_reset = true;
    mpic_schedule(m, EV_RESET_DONE, 0, cycle_add(m->now, m->cfg.param[MPIC_P_RESET_DURATION]));
    return;
  }
  m->gcr = val & ~GCR_RST;
  if (gcr_mode(m) == MODE_RESERVED)
    mpic_log(m, MPIC_LOG_WARN, "GCR mode 10 is reserved; behaving as mixed");
  out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}

uint32_t rd_pir(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  return m->pir;
}

void wr_pir(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu;
  m->pir = val & wmask;
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_CORE_RESET_LATENCY]);
}

uint32_t rd_svr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  return m->svr;
}

void wr_svr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  m->svr = val & wmask;
}

uint32_t rd_tfrr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  return m->tfrr[idx];
}

void wr_tfrr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
             uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  m->tfrr[idx] = val & wmask;
}

uint32_t rd_pm(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return m->pm[idx][r->arg];
}

void wr_pm(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
           acc_mode_t mode) {
  (void)cpu, (void)mode;
  m->pm[idx][r->arg] = val & wmask;
}
