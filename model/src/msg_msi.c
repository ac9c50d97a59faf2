/*
 * msg_msi.c - messaging registers (MSGR/MER/MSR), shared MSI banks
 * (MSIR/MSISR/MSIIR and aliases) and the v4.1+ error summary (EISR/EIMR):
 * the internally driven sources (behaviour.md items 16, 17, 29).
 */
#include "regtable.h"

static void msg_group_changed(mpic_t *m, unsigned group, acc_mode_t mode) {
  for (unsigned n = group * 4; n < group * 4 + 4 && n < m->var->n_msg; n++)
    src_update(m, SRC_MSG_BASE + n);
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}

/* ---- messaging ---- */

uint32_t rd_msgr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu;
  unsigned n = r->arg + idx;
  if (mode == ACC_BUS && (m->msr[n / 4] & BIT(n % 4))) {
    m->msr[n / 4] &= ~BIT(n % 4);
    src_changed(m, SRC_MSG_BASE + n, ACC_BUS);
  }
  return m->msgr[n];
}

void wr_msgr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
             uint32_t wmask, acc_mode_t mode) {
  (void)cpu;
  unsigned n = r->arg + idx;
  m->msgr[n] = val & wmask;
  if (mode == ACC_BUS) {
    m->msr[n / 4] |= BIT(n % 4);
    src_changed(m, SRC_MSG_BASE + n, ACC_BUS);
  }
}

uint32_t rd_mer(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)idx, (void)cpu, (void)mode;
  return m->mer[r->arg];
}

void wr_mer(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)idx, (void)cpu;
  m->mer[r->arg] = val & wmask;
  msg_group_changed(m, r->arg, mode);
}

uint32_t rd_msr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)idx, (void)cpu, (void)mode;
  return m->msr[r->arg];
}

/* Bus writes clear the bits written as 1; a poke (or reset) stores the value. */
void wr_msr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)idx, (void)cpu;
  if (mode == ACC_BUS)
    m->msr[r->arg] &= ~(val & wmask);
  else
    m->msr[r->arg] = val & wmask;
  msg_group_changed(m, r->arg, mode);
}

/* ---- shared MSIs ---- */

unsigned msi_source(const mpic_t *m, unsigned bank, unsigned reg) {
  return SRC_MSI_BASE + bank * m->var->msirs_per_bank + reg;
}

void msi_write_msiir(mpic_t *m, unsigned bank, unsigned srs, unsigned ibs) {
  if (srs >= m->var->msirs_per_bank) {
    mpic_log(m, MPIC_LOG_WARN, "MSIIR bank %u: SRS %u beyond the bank's MSIRs; ignored", bank, srs);
    return;
  }
  unsigned src = msi_source(m, bank, srs);
  m->msir[src - SRC_MSI_BASE] |= BIT(ibs & 31);
  src_changed(m, src, ACC_BUS);
}

uint32_t rd_msir(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu;
  uint32_t v = m->msir[idx];
  if (mode == ACC_BUS && v) {
    m->msir[idx] = 0;
    src_changed(m, SRC_MSI_BASE + idx, ACC_BUS);
  }
  return v;
}

uint32_t rd_msisr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)cpu, (void)mode;
  uint32_t v = 0;
  unsigned per = m->var->msirs_per_bank;
  for (unsigned i = 0; i < per; i++)
    if (m->msir[idx * per + i]) v |= BIT(i);
  return v;
}

/* Register view: SRS bits 31:29, IBS bits 28:24 (behaviour.md item 16). */
void wr_msiir(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
              uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)cpu, (void)wmask;
  if (mode == ACC_BUS) msi_write_msiir(m, idx, val >> 29, (val >> 24) & 31u);
}

/* v4.3 MSIIR1: layout not public; guessed as SRS bits 31:28, IBS 27:23. */
void wr_msiir1(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
               uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)cpu, (void)wmask;
  if (mode == ACC_BUS) msi_write_msiir(m, idx, val >> 28, (val >> 23) & 31u);
}

/* ---- error interrupt summary (source 16 on v4.1+) ---- */

uint32_t rd_eisr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  return m->eisr;
}

uint32_t rd_eimr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  return m->eimr;
}

void wr_eimr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
             uint32_t wmask, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu;
  m->eimr = val & wmask;
  src_changed(m, SRC_ERR, mode);
}
