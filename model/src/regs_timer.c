/*
 * regs_timer.c - hooks of the global timer registers; the counting itself is
 * in timers.c.
 */
#include "regtable.h"

uint32_t rd_gtccr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  return timer_read_gtccr(m, idx);
}

uint32_t rd_gtbcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  return m->tmr[idx].gtbcr;
}

void wr_gtbcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
              uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)cpu;
  timer_write_gtbcr(m, idx, val & wmask, mode);
}

uint32_t rd_tcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  return m->tcr[idx];
}

void wr_tcr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)r, (void)cpu;
  timer_write_tcr(m, idx, val & wmask, mode);
}
