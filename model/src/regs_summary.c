/*
 * regs_summary.c - read-only summary registers, computed on read from the
 * sources' current routing contributions: IRQSR (IRQ_OUT), CISR (critical),
 * ERQSR (raw external pin levels) and the v4 critical / machine-check summaries.
 */
#include "regtable.h"

static bool contributes(const src_t *s, route_t route) {
  switch (route) {
  case ROUTE_CINT: return s->crit_cpus != 0;
  case ROUTE_MCP: return s->mcp_cpus != 0;
  case ROUTE_EP: return s->ep_on;
  default: return false;
  }
}

/* v2.0 layout (VxWorks BSP): word 0 message n bit 15-n, external n bit 11-n;
 * word w >= 1: internal 32(w-1)+n at bit 31-n. */
static uint32_t summary_word(const mpic_t *m, unsigned word, route_t route) {
  uint32_t v = 0;
  if (word == 0) {
    for (unsigned n = 0; n < m->var->n_ext; n++)
      if (contributes(&m->src[n], route)) v |= BIT(11 - n);
    for (unsigned n = 0; n < 4 && n < m->var->n_msg; n++)
      if (contributes(&m->src[SRC_MSG_BASE + n], route)) v |= BIT(15 - n);
    return v;
  }
  for (unsigned n = 0; n < 32; n++) {
    unsigned s = SRC_INT_BASE + 32 * (word - 1) + n;
    if (s < SRC_INT_BASE + m->var->n_int && contributes(&m->src[s], route)) v |= BIT(31 - n);
  }
  return v;
}

uint32_t rd_irqsr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)idx, (void)cpu, (void)mode;
  return summary_word(m, r->arg, ROUTE_EP);
}

uint32_t rd_cisr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)idx, (void)cpu, (void)mode;
  return summary_word(m, r->arg, ROUTE_CINT);
}

uint32_t rd_erqsr(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)r, (void)idx, (void)cpu, (void)mode;
  uint32_t v = 0;
  for (unsigned n = 0; n < m->var->n_ext; n++)
    if (m->src[n].line) v |= BIT(31 - n); /* raw synchronised pin level */
  return v;
}

uint32_t rd_sum_ext(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)idx, (void)cpu, (void)mode;
  uint32_t v = 0;
  for (unsigned n = 0; n < m->var->n_ext; n++)
    if (contributes(&m->src[n], (route_t)r->arg)) v |= BIT(31 - n);
  return v;
}

uint32_t rd_sum_int(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, acc_mode_t mode) {
  (void)cpu, (void)mode;
  uint32_t v = 0;
  for (unsigned j = 0; j < 32; j++) {
    unsigned s = SRC_INT_BASE + 32 * idx + j;
    if (s < m->slots && contributes(&m->src[s], (route_t)r->arg)) v |= BIT(31 - j);
  }
  return v;
}
