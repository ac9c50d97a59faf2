/*
 * regtable.h - the register table: one row per register or register array.
 * Decode, reset, introspection (docs, table-driven tests) derive from it.
 */
#ifndef MPIC_REGTABLE_H
#define MPIC_REGTABLE_H

#include "internal.h"

/* Hooks. For PER_CPU rows `cpu` is the bank's core and idx the inner index;
 * for THIS_CPU rows `cpu` is the accessing core; otherwise idx is the full
 * instance index (outer * inner-count + inner) and cpu the accessing core. */
typedef uint32_t (*reg_rd_fn)(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu,
                              acc_mode_t mode);
typedef void (*reg_wr_fn)(mpic_t *m, const reg_row_t *r, unsigned idx, unsigned cpu, uint32_t val,
                          uint32_t wmask, acc_mode_t mode);
typedef uint32_t (*reg_val_fn)(const mpic_t *m, const reg_row_t *r, unsigned idx);

typedef enum {
  CNT_ONE = 0,
  CNT_FIXED,     /* row.count */
  CNT_CPUS,      /* configured cores */
  CNT_EXT,       /* external sources */
  CNT_INT,       /* internal sources */
  CNT_MSG,       /* messaging sources */
  CNT_MSG_A,     /* messaging group A registers (<= 4) */
  CNT_MSG_B,     /* messaging group B registers */
  CNT_MSI_SRC,   /* MSI sources (banks * MSIRs) */
  CNT_MSI_BANKS, /* MSI banks */
  CNT_MSIRS,     /* MSIRs per bank */
  CNT_GROUPS,    /* timer groups */
  CNT_CRIT_WORDS /* internal words of the v4 critical / machine-check summaries */
} count_kind_t;

#define V20  0x1u
#define V31  0x2u
#define V42  0x4u
#define V43  0x8u
#define VALL 0xFu
#define V4X  (V42 | V43)

/* Row arguments naming the special source kinds. */
#define ARG_IPI   0x10000u
#define ARG_TIMER 0x20000u

/* Row-only flags beyond mpic_reg_flags_t. */
#define REG_NORESET  (1u << 16) /* state reset elsewhere (aliases, computed) */
#define REG_LAT_IACK (1u << 17) /* completes after iack_latency */
#define REG_LAT_EOI  (1u << 18) /* completes after eoi_latency */

struct reg_row {
  const char *name;
  uint32_t offset;
  uint32_t stride; /* outer */
  uint8_t count_kind, count;
  uint32_t stride2; /* inner; 0 = no inner dimension */
  uint8_t count2_kind, count2;
  uint8_t vmask;
  unsigned flags;
  uint32_t reset, rmask, wmask;
  reg_val_fn wmask_fn; /* dynamic write mask (core masks, variant bits) */
  reg_val_fn reset_fn; /* dynamic reset / documented value */
  reg_rd_fn rd;
  reg_wr_fn wr;
  unsigned arg; /* row-specific: first source number, group, ... */
  const char *desc;
};

extern const reg_row_t mpic_reg_rows[];
extern const unsigned mpic_reg_nrows;

unsigned row_count(const mpic_t *m, const reg_row_t *r, unsigned *n1, unsigned *n2);
uint32_t row_wmask(const mpic_t *m, const reg_row_t *r, unsigned idx);
uint32_t row_reset(const mpic_t *m, const reg_row_t *r, unsigned idx);

/* hooks, by concern */
/* regs_global.c */
uint32_t rd_zero(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_brr1(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_frr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_gcr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_gcr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_pir(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_pir(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_svr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_svr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_tfrr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_tfrr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_pm(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_pm(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t val_frr(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_brr1(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_gcr_wmask(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_cpu_mask(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_index(const mpic_t *, const reg_row_t *, unsigned);
/* regs_percpu.c */
void wr_ipidr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_ctpr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_ctpr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_whoami(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_iack(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_eoi(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
/* regs_source.c */
uint32_t rd_vpr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_vpr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_dr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_dr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_ilr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_ilr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t val_vpr_wmask(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_vpr_reset(const mpic_t *, const reg_row_t *, unsigned);
uint32_t val_dr_wmask(const mpic_t *, const reg_row_t *, unsigned);
/* regs_timer.c */
uint32_t rd_gtccr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_gtbcr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_gtbcr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_tcr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_tcr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
/* msg_msi.c */
uint32_t rd_msgr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_msgr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_mer(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_mer(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_msr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_msr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_msir(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_msisr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_msiir(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
void wr_msiir1(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
uint32_t rd_eisr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_eimr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
void wr_eimr(mpic_t *, const reg_row_t *, unsigned, unsigned, uint32_t, uint32_t, acc_mode_t);
/* regs_summary.c */
uint32_t rd_erqsr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_irqsr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_cisr(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_sum_ext(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);
uint32_t rd_sum_int(mpic_t *, const reg_row_t *, unsigned, unsigned, acc_mode_t);

#endif
