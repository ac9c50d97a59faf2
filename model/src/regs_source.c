/*
 * regs_source.c - hooks of the per-source configuration registers: VPR, DR,
 * ILR for numbered sources, and the IPI / timer vector-priority and
 * destination registers that share their layout.
 */
#include "regtable.h"

static unsigned row_src(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  if (r->arg == ARG_IPI) return ipi_index(m, idx);
  if (r->arg == ARG_TIMER) return timer_index(m, idx);
  return r->arg + idx;
}

/* External sources own P and S; the others are level, active high, with P
 * writable before v4.0 (behaviour.md items 3, 24). */
uint32_t val_vpr_wmask(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  const src_t *s = &m->src[row_src(m, r, idx)];
  if (s->kind == SRC_EXT) return 0x80CFFFFFu;
  return m->var->int_pol_fixed ? 0x800FFFFFu : 0x808FFFFFu;
}

uint32_t val_vpr_reset(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  return m->src[row_src(m, r, idx)].kind == SRC_EXT ? 0x80000000u : 0x80800000u;
}

uint32_t val_dr_wmask(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  (void)r, (void)idx;
  uint32_t mask = m->cpu_mask;
  if (m->var->has_ci_bits) {
    mask |= DR_EP;
    for (unsigned c = 0; c < m->ncpus; c++)
      mask |= BIT(30 - c);
  }
  return mask;
}

uint32_t rd_vpr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return src_vpr_read(m, row_src(m, r, idx));
}

void wr_vpr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)cpu;
  unsigned i = row_src(m, r, idx);
  uint32_t neu = mode == ACC_RESET ? val : (m->src[i].vpr & ~wmask) | (val & wmask);
  src_vpr_store(m, i, neu & ~VPR_A, mode);
}

uint32_t rd_dr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return m->src[row_src(m, r, idx)].dr;
}

void wr_dr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
           acc_mode_t mode) {
  (void)cpu;
  unsigned i = row_src(m, r, idx);
  src_t *s = &m->src[i];
  uint32_t neu = val & wmask;
  if (mode == ACC_BUS && neu != s->dr && src_activity(m, s))
    mpic_log(m, MPIC_LOG_WARN, "destination of source %u written while active (A=1); applied", i);
  s->dr = neu;
  src_update(m, i);
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}

uint32_t rd_ilr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return m->src[row_src(m, r, idx)].ilr;
}

void wr_ilr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)cpu;
  unsigned i = row_src(m, r, idx);
  src_t *s = &m->src[i];
  uint32_t neu = val & wmask;
  if (mode == ACC_BUS) {
    if (neu > 2)
      mpic_log(m, MPIC_LOG_WARN, "ILR %u of source %u is not public; routed to int", neu, i);
    if (neu != s->ilr && src_activity(m, s))
      mpic_log(m, MPIC_LOG_WARN, "ILR of source %u written while active (A=1); applied", i);
  }
  s->ilr = neu;
  src_update(m, i);
  if (mode != ACC_RESET) out_eval(m, m->cfg.param[MPIC_P_ARB_LATENCY]);
}
