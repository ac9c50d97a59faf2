/*
 * decode.c - where a register is decoded. At creation each 4 KiB page gets
 * the list of table rows that have instances in it; an access checks size,
 * alignment and range, finds its row and instance, and calls the row's hook.
 * Also the public introspection of the table.
 */
#include <stdlib.h>

#include "regtable.h"

#define NPAGES (MPIC_BLOCK_SIZE >> 12)

static uint32_t row_last(const mpic_t *m, const reg_row_t *r) {
  unsigned n1, n2;
  row_count(m, r, &n1, &n2);
  return r->offset + (n1 - 1) * r->stride + (n2 - 1) * r->stride2;
}

mpic_status_t decode_build(mpic_t *m) {
  m->present_rows = calloc(mpic_reg_nrows, sizeof *m->present_rows);
  if (!m->present_rows) return MPIC_E_NOMEM;
  m->n_present = 0;
  for (unsigned i = 0; i < mpic_reg_nrows; i++)
    if (row_count(m, &mpic_reg_rows[i], NULL, NULL)) m->present_rows[m->n_present++] = (uint16_t)i;

  /* two passes: count per page, then fill */
  unsigned total = 0;
  for (unsigned p = 0; p < NPAGES; p++) {
    uint32_t lo = p << 12, hi = lo + 0xFFF;
    m->page_first[p] = (uint16_t)total;
    for (unsigned k = 0; k < m->n_present; k++) {
      const reg_row_t *r = &mpic_reg_rows[m->present_rows[k]];
      if (r->offset <= hi && row_last(m, r) >= lo) total++;
    }
    m->page_n[p] = (uint16_t)(total - m->page_first[p]);
  }
  m->page_rows = calloc(total ? total : 1, sizeof *m->page_rows);
  if (!m->page_rows) return MPIC_E_NOMEM;
  unsigned j = 0;
  for (unsigned p = 0; p < NPAGES; p++) {
    uint32_t lo = p << 12, hi = lo + 0xFFF;
    for (unsigned k = 0; k < m->n_present; k++) {
      const reg_row_t *r = &mpic_reg_rows[m->present_rows[k]];
      if (r->offset <= hi && row_last(m, r) >= lo) m->page_rows[j++] = m->present_rows[k];
    }
  }
  return MPIC_OK;
}

/* Does row r hold offset off? Gives outer and inner index. */
static bool row_match(const mpic_t *m, const reg_row_t *r, uint32_t off, unsigned *outer,
                      unsigned *inner) {
  if (off < r->offset) return false;
  unsigned n1, n2;
  row_count(m, r, &n1, &n2);
  uint32_t d = off - r->offset;
  uint32_t o = r->stride ? d / r->stride : 0;
  uint32_t rem = r->stride ? d % r->stride : d;
  if (o >= n1) return false;
  uint32_t in = 0;
  if (r->stride2) {
    in = rem / r->stride2;
    rem %= r->stride2;
  }
  if (rem || in >= n2) return false;
  *outer = o;
  *inner = in;
  return true;
}

mpic_status_t reg_decode(const mpic_t *m, uint32_t off, unsigned size, int *row, unsigned *outer,
                         unsigned *inner) {
  if (size != 4) return MPIC_E_SIZE;
  if (off & 3u) return MPIC_E_MISALIGNED;
  if (off >= MPIC_BLOCK_SIZE) return MPIC_E_UNMAPPED;
  unsigned p = off >> 12;
  for (unsigned k = 0; k < m->page_n[p]; k++) {
    unsigned ri = m->page_rows[m->page_first[p] + k];
    if (row_match(m, &mpic_reg_rows[ri], off, outer, inner)) {
      *row = (int)ri;
      return MPIC_OK;
    }
  }
  *row = -1;
  return m->cfg.param[MPIC_P_LENIENT_DECODE] ? MPIC_OK : MPIC_E_UNMAPPED;
}

/* Perform a decoded access. `cpu` is the accessing core. */
void reg_do(mpic_t *m, int row, unsigned outer, unsigned inner, unsigned cpu, bool is_write,
            uint32_t *val, acc_mode_t mode, uint32_t off) {
  if (row < 0) { /* lenient decode of an unmapped offset */
    mpic_log(m, MPIC_LOG_WARN, "%s of unmapped offset 0x%05x (lenient: %s)",
             is_write ? "write" : "read", off, is_write ? "ignored" : "reads 0");
    if (!is_write) *val = 0;
    return;
  }
  const reg_row_t *r = &mpic_reg_rows[row];
  unsigned n1, n2;
  row_count(m, r, &n1, &n2);
  unsigned idx, hook_cpu = cpu;
  if (r->flags & MPIC_REG_PER_CPU) {
    hook_cpu = outer;
    idx = inner;
  } else {
    idx = outer * n2 + inner;
  }
  if (is_write) {
    if (m->in_reset && mode == ACC_BUS) { /* behaviour.md item 28 */
      mpic_log(m, MPIC_LOG_WARN, "write of %s (0x%05x) during GCR reset ignored", r->name, off);
      return;
    }
    if (!(r->flags & MPIC_REG_RO) && r->wr)
      r->wr(m, r, idx, hook_cpu, *val, row_wmask(m, r, idx), mode);
  } else {
    *val = (r->flags & MPIC_REG_WO) ? 0 : r->rd(m, r, idx, hook_cpu, mode) & r->rmask;
  }
}

/* Reset every stored register to its table value. */
void reg_reset_all(mpic_t *m) {
  for (unsigned k = 0; k < m->n_present; k++) {
    const reg_row_t *r = &mpic_reg_rows[m->present_rows[k]];
    if (!r->wr || (r->flags & (MPIC_REG_RO | MPIC_REG_WO | MPIC_REG_THIS_CPU | REG_NORESET)))
      continue;
    unsigned n1, n2;
    row_count(m, r, &n1, &n2);
    for (unsigned o = 0; o < n1; o++)
      for (unsigned i = 0; i < n2; i++) {
        bool percpu = (r->flags & MPIC_REG_PER_CPU) != 0;
        unsigned idx = percpu ? i : o * n2 + i;
        r->wr(m, r, idx, percpu ? o : 0, row_reset(m, r, idx), 0xFFFFFFFFu, ACC_RESET);
      }
  }
}

/* Which latency parameter an access to a row completes with. */
mpic_param_t reg_latency(int row, bool is_write) {
  unsigned f = row >= 0 ? mpic_reg_rows[row].flags : 0;
  if ((f & REG_LAT_IACK) && !is_write) return MPIC_P_IACK_LATENCY; /* reading IACK */
  if ((f & REG_LAT_EOI) && is_write) return MPIC_P_EOI_LATENCY;    /* writing EOI */
  return is_write ? MPIC_P_WRITE_LATENCY : MPIC_P_READ_LATENCY;
}

/* ---- introspection ---- */

unsigned mpic_reg_count(const mpic_t *m) {
  return m ? m->n_present : 0;
}

mpic_status_t mpic_reg_at(const mpic_t *m, unsigned i, mpic_reg_info_t *out) {
  if (!m || !out) return MPIC_E_ARG;
  if (i >= m->n_present) return MPIC_E_RANGE;
  const reg_row_t *r = &mpic_reg_rows[m->present_rows[i]];
  unsigned n1, n2;
  out->name = r->name;
  out->offset = r->offset;
  out->count = row_count(m, r, &n1, &n2);
  out->stride = n1 > 1 ? r->stride : 0;
  out->stride2 = n2 > 1 ? r->stride2 : 0;
  out->count2 = n2;
  out->reset = (r->flags & MPIC_REG_WO) ? 0 : row_reset(m, r, 0) & r->rmask;
  out->rmask = (r->flags & MPIC_REG_WO) ? 0 : r->rmask;
  out->wmask = (r->flags & MPIC_REG_RO) ? 0 : row_wmask(m, r, 0);
  out->flags = r->flags & 0xFFFFu;
  out->desc = r->desc;
  return MPIC_OK;
}

uint32_t mpic_reg_reset_of(const mpic_t *m, unsigned i, unsigned idx) {
  if (!m || i >= m->n_present) return 0;
  const reg_row_t *r = &mpic_reg_rows[m->present_rows[i]];
  return (r->flags & MPIC_REG_WO) ? 0 : row_reset(m, r, idx) & r->rmask;
}

uint32_t mpic_reg_wmask_of(const mpic_t *m, unsigned i, unsigned idx) {
  if (!m || i >= m->n_present) return 0;
  const reg_row_t *r = &mpic_reg_rows[m->present_rows[i]];
  return (r->flags & MPIC_REG_RO) ? 0 : row_wmask(m, r, idx);
}

uint32_t mpic_reg_instance_offset(const mpic_reg_info_t *r, unsigned idx) {
  if (!r || !r->count2) return 0;
  return r->offset + (idx / r->count2) * r->stride + (idx % r->count2) * r->stride2;
}
