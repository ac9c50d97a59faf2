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

/* Store a routing field (DR or ILR) of source i and re-arbitrate; writes that
 * change it while the source is active are applied and logged (item 4). */
static void store_route_field(mpic_t *m, unsigned i, uint32_t *field, uint32_t neu, acc_mode_t mode,
                              const char *what) {
  if (mode == ACC_BUS && neu != *field && src_activity(m, &m->src[i]))
    mpic_log(m, MPIC_LOG_WARN, "%s of source %u written while active (A=1); applied", what, i);
  *field = neu;
  src_changed(m, i, mode);
}

void wr_dr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
           acc_mode_t mode) {
  (void)cpu;
  unsigned i = row_src(m, r, idx);
  bool timer = r->arg == ARG_TIMER && mode != ACC_RESET;
  if (timer) timer_sync(m, idx);
  store_route_field(m, i, &m->src[i].dr, val & wmask, mode, "destination");
  if (timer) timer_source_changed(m, idx);
}

uint32_t rd_ilr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  return m->src[row_src(m, r, idx)].ilr;
}

void wr_ilr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val, uint32_t wmask,
            acc_mode_t mode) {
  (void)cpu;
  unsigned i = row_src(m, r, idx);
  uint32_t neu = val & wmask;
  if (mode == ACC_BUS && neu > 2)
    mpic_log(m, MPIC_LOG_WARN, "ILR %u of source %u is not public; routed to int", neu, i);
  store_route_field(m, i, &m->src[i].ilr, neu, mode, "ILR");
}
