/*
 * regtable.c - every MPIC register, described once (mpic-facts.md §1).
 * Columns: name, offset, outer stride/count, inner stride/count, variants,
 * flags, reset, read mask, write mask, dynamic masks, hooks, argument.
 */
#include "regtable.h"

#define RO     MPIC_REG_RO
#define WO     MPIC_REG_WO
#define RSIDE  MPIC_REG_RSIDE
#define WSIDE  MPIC_REG_WSIDE
#define THIS   MPIC_REG_THIS_CPU
#define PERCPU MPIC_REG_PER_CPU
#define VOL    MPIC_REG_VOLATILE

/* source configuration triplet: VPR +0x00, DR +0x10, ILR +0x18, stride 0x20 */
#define SRC_ROWS(prefix, off, cnt, first, what)                                                    \
  {prefix "VPR",                                                                                   \
   off,                                                                                            \
   0x20,                                                                                           \
   cnt,                                                                                            \
   0,                                                                                              \
   0,                                                                                              \
   0,                                                                                              \
   0,                                                                                              \
   VALL,                                                                                           \
   0,                                                                                              \
   0,                                                                                              \
   0xC0CFFFFF,                                                                                     \
   0,                                                                                              \
   val_vpr_wmask,                                                                                  \
   val_vpr_reset,                                                                                  \
   rd_vpr,                                                                                         \
   wr_vpr,                                                                                         \
   first,                                                                                          \
   what " vector/priority (MSK, A, P, S, PRIORITY, VECTOR)"},                                      \
      {prefix "DR",                                                                                \
       off + 0x10,                                                                                 \
       0x20,                                                                                       \
       cnt,                                                                                        \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       VALL,                                                                                       \
       0,                                                                                          \
       1,                                                                                          \
       0xE0FFFFFF,                                                                                 \
       0,                                                                                          \
       val_dr_wmask,                                                                               \
       NULL,                                                                                       \
       rd_dr,                                                                                      \
       wr_dr,                                                                                      \
       first,                                                                                      \
       what " destination (P bits; v2.0/v3.1 EP bit 31, CI bits 30-n)"},                           \
  {                                                                                                \
    prefix "LR", off + 0x18, 0x20, cnt, 0, 0, 0, 0, V4X, 0, 0, 0xFF, 0xFF, NULL, NULL, rd_ilr,     \
        wr_ilr, first, what " level (INTTGT 0 int, 1 cint, 2 mcp)"                                 \
  }

#define CPU_ROWS(off, flags, cntk)                                                                 \
  {"IPIDR",                                                                                        \
   off + 0x40,                                                                                     \
   0x1000,                                                                                         \
   cntk,                                                                                           \
   0,                                                                                              \
   0x10,                                                                                           \
   CNT_FIXED,                                                                                      \
   4,                                                                                              \
   VALL,                                                                                           \
   WO | WSIDE | flags,                                                                             \
   0,                                                                                              \
   0,                                                                                              \
   0,                                                                                              \
   val_cpu_mask,                                                                                   \
   NULL,                                                                                           \
   rd_zero,                                                                                        \
   wr_ipidr,                                                                                       \
   0,                                                                                              \
   "IPI dispatch n: bit c raises IPI n on core c"},                                                \
      {"CTPR",                                                                                     \
       off + 0x80,                                                                                 \
       0x1000,                                                                                     \
       cntk,                                                                                       \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       VALL,                                                                                       \
       flags,                                                                                      \
       0xF,                                                                                        \
       0xF,                                                                                        \
       0xF,                                                                                        \
       NULL,                                                                                       \
       NULL,                                                                                       \
       rd_ctpr,                                                                                    \
       wr_ctpr,                                                                                    \
       0,                                                                                          \
       "current task priority"},                                                                   \
      {"WHOAMI",                                                                                   \
       off + 0x90,                                                                                 \
       0x1000,                                                                                     \
       cntk,                                                                                       \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       VALL,                                                                                       \
       RO | flags,                                                                                 \
       0,                                                                                          \
       0x1F,                                                                                       \
       0,                                                                                          \
       NULL,                                                                                       \
       val_index,                                                                                  \
       rd_whoami,                                                                                  \
       NULL,                                                                                       \
       0,                                                                                          \
       "id of the core (accessing core in the this-CPU page)"},                                    \
      {"IACK",                                                                                     \
       off + 0xA0,                                                                                 \
       0x1000,                                                                                     \
       cntk,                                                                                       \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       0,                                                                                          \
       VALL,                                                                                       \
       RO | RSIDE | VOL | REG_LAT_IACK | flags,                                                    \
       0xFFFF,                                                                                     \
       0xFFFF,                                                                                     \
       0,                                                                                          \
       NULL,                                                                                       \
       NULL,                                                                                       \
       rd_iack,                                                                                    \
       NULL,                                                                                       \
       0,                                                                                          \
       "interrupt acknowledge: vector, moves in service"},                                         \
  {                                                                                                \
    "EOI", off + 0xB0, 0x1000, cntk, 0, 0, 0, 0, VALL, WO | WSIDE | REG_LAT_EOI | flags, 0, 0,     \
        0xFFFFFFFF, NULL, NULL, rd_zero, wr_eoi, 0,                                                \
        "end of interrupt: retires the top in-service entry"                                       \
  }

const reg_row_t mpic_reg_rows[] = {
    /* this-CPU page: aliases of the accessing core's bank, plus BRR1/BRR2 */
    {"BRR1", 0x0000, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | THIS, 0, 0xFFFFFFFF, 0, NULL, val_brr1,
     rd_brr1, NULL, 0, "block revision 1: IP block id and version"},
    {"BRR2", 0x0010, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | THIS, 0, 0xFFFFFFFF, 0, NULL, NULL, rd_zero,
     NULL, 0, "block revision 2 (contents not public; reads 0)"},
    CPU_ROWS(0x0000, THIS | REG_NORESET, CNT_ONE),

    /* global registers */
    {"FRR", 0x1000, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO, 0, 0xFFFFFFFF, 0, NULL, val_frr, rd_frr, NULL,
     0, "feature reporting: NIRQ, NCPU, VID"},
    {"GCR", 0x1020, 0, CNT_ONE, 0, 0, 0, 0, VALL, VOL, 0, 0xE0000000, 0, val_gcr_wmask, NULL,
     rd_gcr, wr_gcr, 0, "global configuration: RST, mode (pass-through/mixed/proxy)"},
    {"VIR", 0x1080, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO, 0, 0xFFFFFFFF, 0, NULL, NULL, rd_zero, NULL,
     0, "vendor identification (FSL value not public; reads 0)"},
    {"PIR", 0x1090, 0, CNT_ONE, 0, 0, 0, 0, VALL, 0, 0, 0xFFFFFFFF, 0, val_cpu_mask, NULL, rd_pir,
     wr_pir, 0, "processor initialisation: bit c holds core c in reset"},
    {"IPIVPR", 0x10A0, 0x10, CNT_FIXED, 4, 0, 0, 0, VALL, 0, 0x80000000, 0xC00FFFFF, 0x800FFFFF,
     NULL, NULL, rd_vpr, wr_vpr, ARG_IPI, "IPI n vector/priority (MSK, A, PRIORITY, VECTOR)"},
    {"SVR", 0x10E0, 0, CNT_ONE, 0, 0, 0, 0, VALL, 0, 0xFFFF, 0xFFFF, 0xFFFF, NULL, NULL, rd_svr,
     wr_svr, 0, "spurious vector returned by IACK when nothing qualifies"},
    {"TFRR", 0x10F0, 0x1000, CNT_GROUPS, 0, 0, 0, 0, VALL, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, NULL, NULL,
     rd_tfrr, wr_tfrr, 0, "timer frequency reporting (software-written Hz), group A/B"},
    {"GTCCR", 0x1100, 0x1000, CNT_GROUPS, 0, 0x40, CNT_FIXED, 4, VALL, RO | VOL, 0, 0xFFFFFFFF, 0,
     NULL, NULL, rd_gtccr, NULL, ARG_TIMER, "global timer current count (TOG bit 31)"},
    {"GTBCR", 0x1110, 0x1000, CNT_GROUPS, 0, 0x40, CNT_FIXED, 4, VALL, 0, 0x80000000, 0xFFFFFFFF,
     0xFFFFFFFF, NULL, NULL, rd_gtbcr, wr_gtbcr, ARG_TIMER,
     "global timer base count (CI bit 31: count inhibit)"},
    {"GTVPR", 0x1120, 0x1000, CNT_GROUPS, 0, 0x40, CNT_FIXED, 4, VALL, 0, 0x80000000, 0xC00FFFFF,
     0x800FFFFF, NULL, NULL, rd_vpr, wr_vpr, ARG_TIMER, "global timer vector/priority"},
    {"GTDR", 0x1130, 0x1000, CNT_GROUPS, 0, 0x40, CNT_FIXED, 4, VALL, 0, 1, 0xFFFFFFFF, 0,
     val_cpu_mask, NULL, rd_dr, wr_dr, ARG_TIMER, "global timer destination (P bits)"},
    {"TCR", 0x1300, 0x1000, CNT_GROUPS, 0, 0, 0, 0, VALL, 0, 0, 0x07010307, 0x07010307, NULL, NULL,
     rd_tcr, wr_tcr, 0, "timer control: ROVR 26:24, RTM 16, CLKR 9:8, CASC 2:0"},
    {"ERQSR", 0x1308, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFF00000, 0, NULL, NULL, rd_erqsr,
     NULL, 0, "external request summary: IRQn pin level at bit 31-n"},
    {"IRQSR0", 0x1310, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | VOL, 0, 0x0000FFFF, 0, NULL, NULL,
     rd_irqsr, NULL, 0, "IRQ_OUT summary 0: message n bit 15-n, external n bit 11-n"},
    {"IRQSR1", 0x1320, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | VOL, 0, 0xFFFFFFFF, 0, NULL, NULL,
     rd_irqsr, NULL, 1, "IRQ_OUT summary 1: internal n bit 31-n"},
    {"IRQSR2", 0x1324, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFFFFFFF, 0, NULL, NULL,
     rd_irqsr, NULL, 2, "IRQ_OUT summary 2: internal 32+n bit 31-n"},
    {"CISR0", 0x1330, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | VOL, 0, 0x0000FFFF, 0, NULL, NULL, rd_cisr,
     NULL, 0, "critical summary 0: message n bit 15-n, external n bit 11-n"},
    {"CISR1", 0x1340, 0, CNT_ONE, 0, 0, 0, 0, VALL, RO | VOL, 0, 0xFFFFFFFF, 0, NULL, NULL, rd_cisr,
     NULL, 1, "critical summary 1: internal n bit 31-n"},
    {"CISR2", 0x1344, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFFFFFFF, 0, NULL, NULL, rd_cisr,
     NULL, 2, "critical summary 2: internal 32+n bit 31-n"},
    {"PMMR0", 0x1350, 0x20, CNT_FIXED, 4, 0, 0, 0, VALL, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, NULL, NULL,
     rd_pm, wr_pm, 0, "performance monitor m mask 0 (storage)"},
    {"PMMR1", 0x1360, 0x20, CNT_FIXED, 4, 0, 0, 0, VALL, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, NULL, NULL,
     rd_pm, wr_pm, 1, "performance monitor m mask 1 (storage)"},
    {"PMMR2", 0x1364, 0x20, CNT_FIXED, 4, 0, 0, 0, V4X, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, NULL, NULL,
     rd_pm, wr_pm, 2, "performance monitor m mask 2 (storage)"},
    {"MSGR", 0x1400, 0x10, CNT_MSG_A, 0, 0, 0, 0, VALL, RSIDE | WSIDE, 0, 0xFFFFFFFF, 0xFFFFFFFF,
     NULL, NULL, rd_msgr, wr_msgr, 0, "message n (write sets MSR bit n, read clears it)"},
    {"MER", 0x1500, 0, CNT_ONE, 0, 0, 0, 0, VALL, 0, 0, 0xF, 0xF, NULL, NULL, rd_mer, wr_mer, 0,
     "message enable, group A"},
    {"MSR", 0x1510, 0, CNT_ONE, 0, 0, 0, 0, VALL, WSIDE | VOL, 0, 0xF, 0xF, NULL, NULL, rd_msr,
     wr_msr, 0, "message status, group A (write 1 to clear)"},
    {"MSIR", 0x1600, 0x200, CNT_MSI_BANKS, 0, 0x10, CNT_MSIRS, 0, VALL, RO | RSIDE | VOL, 0,
     0xFFFFFFFF, 0, NULL, NULL, rd_msir, NULL, 0, "shared MSI register (read returns and clears)"},
    {"MSISR", 0x1720, 0x200, CNT_MSI_BANKS, 0, 0, 0, 0, VALL, RO | VOL, 0, 0xFFFF, 0, NULL, NULL,
     rd_msisr, NULL, 0, "MSI status: bit i set while MSIR i is non-zero"},
    {"MSIIR", 0x1740, 0x200, CNT_MSI_BANKS, 0, 0, 0, 0, VALL, WO | WSIDE, 0, 0, 0xFFFFFFFF, NULL,
     NULL, rd_zero, wr_msiir, 0, "MSI index: SRS 31:29, IBS 28:24 sets MSIR[SRS] bit IBS"},
    {"MSGR", 0x2400, 0x10, CNT_MSG_B, 0, 0, 0, 0, V4X, RSIDE | WSIDE, 0, 0xFFFFFFFF, 0xFFFFFFFF,
     NULL, NULL, rd_msgr, wr_msgr, 4, "message 4+n, group B"},
    {"MER", 0x2500, 0, CNT_ONE, 0, 0, 0, 0, V4X, 0, 0, 0xF, 0xF, NULL, NULL, rd_mer, wr_mer, 1,
     "message enable, group B (bit 0 = MSGR4)"},
    {"MSR", 0x2510, 0, CNT_ONE, 0, 0, 0, 0, V4X, WSIDE | VOL, 0, 0xF, 0xF, NULL, NULL, rd_msr,
     wr_msr, 1, "message status, group B (write 1 to clear)"},
    {"EISR", 0x3900, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFFFFFFF, 0, NULL, NULL, rd_eisr,
     NULL, 0, "error interrupt summary: sub-source k at bit 31-k"},
    {"EIMR", 0x3910, 0, CNT_ONE, 0, 0, 0, 0, V4X, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, NULL, NULL, rd_eimr,
     wr_eimr, 0, "error interrupt mask: 1 masks sub-source k (bit 31-k)"},
    {"CSR_EXT", 0x3B00, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFF00000, 0, NULL, NULL,
     rd_sum_ext, NULL, ROUTE_CINT, "critical summary, external n at bit 31-n"},
    {"CSR_INT", 0x3B40, 0x10, CNT_CRIT_WORDS, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFFFFFFF, 0, NULL,
     NULL, rd_sum_int, NULL, ROUTE_CINT, "critical summary word k: source 16+32k+j at bit 31-j"},
    {"MCSR_EXT", 0x3C00, 0, CNT_ONE, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFF00000, 0, NULL, NULL,
     rd_sum_ext, NULL, ROUTE_MCP, "machine-check summary, external n at bit 31-n"},
    {"MCSR_INT", 0x3C40, 0x10, CNT_CRIT_WORDS, 0, 0, 0, 0, V4X, RO | VOL, 0, 0xFFFFFFFF, 0, NULL,
     NULL, rd_sum_int, NULL, ROUTE_MCP,
     "machine-check summary word k: source 16+32k+j at bit 31-j"},
    {"MSIIRA", 0x4140, 0x1000, CNT_MSI_BANKS, 0, 0, 0, 0, V4X, WO | WSIDE, 0, 0, 0xFFFFFFFF, NULL,
     NULL, rd_zero, wr_msiir, 0, "MSIIR alias of bank b in its own 4 KiB page"},
    {"MSIIR1", 0x4148, 0x1000, CNT_MSI_BANKS, 0, 0, 0, 0, V43, WO | WSIDE, 0, 0, 0xFFFFFFFF, NULL,
     NULL, rd_zero, wr_msiir1, 0, "MSIIR1 (v4.3, layout guessed): SRS 31:28, IBS 27:23"},

    /* per-source configuration, stride 0x20 */
    SRC_ROWS("EI", 0x10000, CNT_EXT, 0, "external source n"),
    SRC_ROWS("II", 0x10200, CNT_INT, SRC_INT_BASE, "internal source n"),
    SRC_ROWS("MI", 0x11600, CNT_MSG, SRC_MSG_BASE, "messaging source n"),
    SRC_ROWS("MSI", 0x11C00, CNT_MSI_SRC, SRC_MSI_BASE, "shared MSI source n"),

    /* per-core banks */
    CPU_ROWS(0x20000, PERCPU, CNT_CPUS),
};

const unsigned mpic_reg_nrows = sizeof mpic_reg_rows / sizeof mpic_reg_rows[0];

static unsigned kind_count(const mpic_t *m, unsigned kind, unsigned fixed) {
  const mpic_variant_info_t *v = m->var;
  switch ((count_kind_t)kind) {
  case CNT_ONE: return 1;
  case CNT_FIXED: return fixed;
  case CNT_CPUS: return m->ncpus;
  case CNT_EXT: return v->n_ext;
  case CNT_INT: return v->n_int;
  case CNT_MSG: return v->n_msg;
  case CNT_MSG_A: return v->n_msg < 4 ? v->n_msg : 4;
  case CNT_MSG_B: return v->n_msg > 4 ? v->n_msg - 4 : 0;
  case CNT_MSI_SRC: return v->msi_banks * v->msirs_per_bank;
  case CNT_MSI_BANKS: return v->msi_banks;
  case CNT_MSIRS: return v->msirs_per_bank;
  case CNT_GROUPS: return v->timer_groups;
  case CNT_CRIT_WORDS: {
    unsigned w = (m->slots - SRC_INT_BASE + 31) / 32;
    return w > 12 ? 12 : w; /* words must end before 0x3C00 */
  }
  }
  return 0;
}

/* Instances of a row in this configuration (0 if absent). */
unsigned row_count(const mpic_t *m, const reg_row_t *r, unsigned *n1, unsigned *n2) {
  unsigned a = (r->vmask & m->vbit) ? kind_count(m, r->count_kind, r->count) : 0;
  unsigned b = r->stride2 ? kind_count(m, r->count2_kind, r->count2) : 1;
  if (n1) *n1 = a;
  if (n2) *n2 = b;
  return a * b;
}

uint32_t row_wmask(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  return r->wmask_fn ? r->wmask_fn(m, r, idx) : r->wmask;
}

uint32_t row_reset(const mpic_t *m, const reg_row_t *r, unsigned idx) {
  return r->reset_fn ? r->reset_fn(m, r, idx) : r->reset;
}
