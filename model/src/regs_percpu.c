/*
 * regs_percpu.c - hooks of the per-core registers (this-CPU page and banks):
 * IPIDR, CTPR, WHOAMI, IACK, EOI. `cpu` is the bank's core or the accessing
 * core for the this-CPU page.
 */
#include "regtable.h"

/* IPI dispatch: every selected core gets its own pending copy (item 7). */
void wr_ipidr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
              uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)cpu;
  if (mode != ACC_BUS || !(val & wmask)) return;
  src_fire_edge(m, ipi_index(m, idx), val & wmask);
}

uint32_t rd_ctpr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)mode;
  return m->cpu[cpu].ctpr;
}

void wr_ctpr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
             uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)idx;
  m->cpu[cpu].ctpr = (uint8_t)(val & wmask);
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}

uint32_t rd_whoami(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)m, (void)r, (void)idx, (void)mode;
  return cpu;
}

uint32_t rd_iack(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx;
  return arb_iack(m, cpu, mode == ACC_BUS, m->cfg.param[MPIC_P_IACK_TO_INT]);
}

void wr_eoi(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)r, (void)idx, (void)val, (void)wmask;
  if (mode == ACC_BUS) arb_eoi(m, cpu);
}
