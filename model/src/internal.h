/*
 * internal.h - private state of one MPIC instance, shared by the core's files.
 */
#ifndef MPIC_INTERNAL_H
#define MPIC_INTERNAL_H

#include <pthread.h>

#include "mpic.h"

#define BIT(n) (1u << (n))

/* VPR fields (IPIVPR and GTVPR share MSK/A/PRIORITY/VECTOR). */
#define VPR_MSK        0x80000000u
#define VPR_A          0x40000000u
#define VPR_P          0x00800000u
#define VPR_S          0x00400000u
#define VPR_PRIO_SHIFT 16
#define VPR_PRIO_MASK  0x000F0000u
#define VPR_VEC_MASK   0x0000FFFFu
#define DR_EP          0x80000000u
#define GCR_RST        0x80000000u
#define GCR_MODE_SHIFT 29
#define GTBCR_CI       0x80000000u
#define GTCCR_TOG      0x80000000u

/* Fixed source numbers (behaviour.md item 1). */
#define SRC_INT_BASE       16u
#define SRC_MSG_BASE       176u
#define SRC_MSI_BASE       224u
#define SRC_ERR            16u
#define N_EXT_MAX          12u
#define N_IPI              4u
#define N_TIMERS_PER_GROUP 4u
#define N_TIMER_GROUPS_MAX 2u
#define N_TIMERS_MAX       (N_TIMERS_PER_GROUP * N_TIMER_GROUPS_MAX)

typedef enum {
  SRC_NONE = 0, /* unimplemented slot */
  SRC_EXT,      /* external pin IRQ0..11 */
  SRC_INTERNAL, /* on-chip peripheral line */
  SRC_ERRSUM,   /* v4.1+ source 16: error summary */
  SRC_MSG,      /* messaging register */
  SRC_MSI,      /* shared MSI register */
  SRC_IPI,
  SRC_TIMER,
} src_kind_t;

/* An edge on a cint/mcp/EP route travels to the pin as a pulse: it becomes
 * visible after the arbitration latency and lasts one MPIC clock. */
typedef enum { PULSE_NONE = 0, PULSE_IN_FLIGHT, PULSE_VISIBLE } pulse_phase_t;

typedef enum { ROUTE_INT = 0, ROUTE_CINT, ROUTE_MCP, ROUTE_EP } route_t;
typedef enum { MODE_PASSTHROUGH = 0, MODE_MIXED = 1, MODE_RESERVED = 2, MODE_PROXY = 3 } gcr_mode_t;
typedef enum { ACC_BUS = 0, ACC_DEBUG, ACC_RESET } acc_mode_t;

typedef struct {
  uint32_t vpr; /* stored fields, A excluded */
  uint32_t dr;
  uint32_t ilr;
  uint8_t kind;         /* src_kind_t */
  bool pin;             /* external: level driven on the pin (before synchroniser) */
  bool line;            /* input level as the source logic sees it */
  bool active_prev;     /* polarity-adjusted line at the last evaluation (edge detect) */
  bool edge;            /* latched edge (edge-sensed sources) */
  uint8_t pulse;        /* pulse_phase_t: one-MPIC-clock pulse on a cint/mcp/EP route */
  uint64_t rises;       /* rising input transitions seen by the source logic */
  uint32_t pend_cpus;   /* IPI / timer: per-core pending copies */
  uint32_t inserv_cpus; /* cores that have it in service */
  /* arbitration bookkeeping (what the per-core bitmaps currently hold) */
  uint8_t cand_prio;
  uint32_t cand_cpus;
  uint32_t crit_cpus, mcp_cpus;
  bool ep_on;
} src_t;

typedef struct {
  bool level;
  bool sched;
} pin_t;

#define NLEVELS 16
typedef struct {
  uint16_t lvl_mask;         /* priority levels with candidates */
  uint64_t summ[NLEVELS];    /* per level: words with candidates */
  uint64_t *bits;            /* [NLEVELS][nwords] candidate bitmaps */
  uint16_t isr_mask;         /* in-service priority levels */
  uint16_t isr_src[NLEVELS]; /* in-service source index per level */
  uint8_t ctpr;
  unsigned crit_cnt, mcp_cnt;
  pin_t pin[MPIC_PIN_COUNT];
} cpu_t;

typedef enum { TROLE_SOLO = 0, TROLE_LOWER, TROLE_UPPER } timer_role_t;

typedef struct {
  uint32_t gtbcr;
  uint32_t count; /* solo: count; pair lower: 32-bit low stage; pair upper: high stage */
  bool tog;
  uint8_t role;           /* timer_role_t */
  bool running;           /* solo / upper: unit counting */
  mpic_cycle_t next_tick; /* solo / upper: time of the next tick */
} gtimer_t;

/* Event slots: a fixed id per kind of pending event; the heap orders them. */
typedef enum { EV_OUT = 0, EV_SYNC, EV_TIMER, EV_RESET_DONE, EV_PULSE } ev_kind_t;

typedef struct {
  int *heap;          /* slot ids */
  int *pos;           /* slot -> heap position, -1 if idle */
  mpic_cycle_t *time; /* slot -> due time */
  uint64_t *seq;      /* slot -> scheduling sequence (tie order) */
  int n, cap;
  uint64_t next_seq;
} evq_t;

/* Changes in flight through one pin's synchroniser (depth <= 64, so at most
 * 65 changes separated by at least one cycle). */
#define SYNC_QCAP 72
typedef struct {
  mpic_cycle_t when[SYNC_QCAP];
  bool level[SYNC_QCAP];
  uint8_t head, n;
} sync_q_t;

typedef struct reg_row reg_row_t;
typedef struct mpic_shared mpic_shared_t;

struct mpic {
  mpic_config_t cfg;
  const mpic_variant_info_t *var;
  unsigned vbit; /* variant bit for register presence */
  unsigned ncpus;
  uint32_t cpu_mask;
  unsigned clk_div; /* platform cycles per MPIC clock */
  mpic_cycle_t now;

  /* sources: numbered [0, slots), then IPIs, then timers */
  unsigned slots, nidx, nwords;
  src_t *src;
  cpu_t cpu[MPIC_MAX_CPUS];
  uint64_t *bits_block;
  unsigned ep_cnt;

  /* global registers */
  uint32_t gcr, pir, svr;
  bool in_reset; /* GCR[RST] reads 1 until the reset-done event */
  uint32_t tfrr[N_TIMER_GROUPS_MAX], tcr[N_TIMER_GROUPS_MAX];
  gtimer_t tmr[N_TIMERS_MAX];
  uint32_t pm[4][3];
  uint32_t msgr[8], mer[2], msr[2];
  uint32_t *msir; /* [banks * msirs_per_bank] */
  uint32_t eisr, eimr;

  /* register decode: per 4 KiB page, a range of row indices into page_rows */
  uint16_t page_first[MPIC_BLOCK_SIZE >> 12];
  uint16_t page_n[MPIC_BLOCK_SIZE >> 12];
  uint16_t *page_rows;
  uint16_t *present_rows; /* rows present in this instance, table order */
  unsigned n_present;

  evq_t evq;
  mpic_shared_t *sh; /* lifetime block shared with handles */
  pthread_t owner;
  uint64_t async_applied;
  uint64_t base_addr;
  mpic_step_fn step_fn;
  void *step_ctx;
  bool in_step;
  sync_q_t sync[N_EXT_MAX];
  unsigned ev_base[EV_PULSE + 1];
};

/* ---- helpers ---- */
static inline unsigned src_prio(const src_t *s) {
  return (s->vpr & VPR_PRIO_MASK) >> VPR_PRIO_SHIFT;
}
static inline bool src_masked(const src_t *s) {
  return (s->vpr & VPR_MSK) != 0;
}
static inline unsigned ipi_index(const mpic_t *m, unsigned n) {
  return m->slots + n;
}
static inline unsigned timer_index(const mpic_t *m, unsigned t) {
  return m->slots + N_IPI + t;
}
static inline gcr_mode_t gcr_mode(const mpic_t *m) {
  return (gcr_mode_t)((m->gcr >> GCR_MODE_SHIFT) & 3u);
}
/* now + d, saturating just below MPIC_NEVER: times near the end of the 64-bit
 * range never wrap around to the past. */
static inline mpic_cycle_t cycle_add(mpic_cycle_t t, uint64_t d) {
  return t > MPIC_NEVER - 1 - d ? MPIC_NEVER - 1 : t + d;
}

void mpic_log(mpic_t *m, mpic_log_level_t lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* events.c */
int evq_init(evq_t *q, int slots);
void evq_free(evq_t *q);
void evq_schedule(evq_t *q, int slot, mpic_cycle_t when);
void evq_insert(evq_t *q, int slot, mpic_cycle_t when, uint64_t seq);
void evq_cancel(evq_t *q, int slot);
bool evq_pending(const evq_t *q, int slot);
mpic_cycle_t evq_top_time(const evq_t *q);
int evq_pop(evq_t *q, mpic_cycle_t *when);
void mpic_schedule(mpic_t *m, ev_kind_t kind, unsigned arg, mpic_cycle_t when);
void mpic_cancel(mpic_t *m, ev_kind_t kind, unsigned arg);
void mpic_run_events(mpic_t *m, mpic_cycle_t upto);
void mpic_step(mpic_t *m);

/* sources.c */
bool src_requesting(const mpic_t *m, const src_t *s);
bool src_active_level(const mpic_t *m, const src_t *s);
route_t src_route(const mpic_t *m, const src_t *s, uint32_t *cpus);
void src_update(mpic_t *m, unsigned idx);
void src_changed(mpic_t *m, unsigned idx, acc_mode_t mode);
void src_line_changed(mpic_t *m, unsigned idx);
void src_set_line(mpic_t *m, unsigned idx, bool level);
void src_vpr_store(mpic_t *m, unsigned idx, uint32_t newvpr, acc_mode_t mode);
uint32_t src_vpr_read(const mpic_t *m, unsigned idx);
bool src_activity(const mpic_t *m, const src_t *s);
void src_pulse_event(mpic_t *m, unsigned ext);
void src_fire_edge(mpic_t *m, unsigned idx, uint32_t cpus);
bool msi_asserted(const mpic_t *m, unsigned idx);
bool msg_asserted(const mpic_t *m, unsigned n);

/* synchroniser.c */
void sync_pin_change(mpic_t *m, unsigned ext, bool level);
void sync_event(mpic_t *m, unsigned ext);

/* arbiter.c */
void arb_insert(mpic_t *m, unsigned c, unsigned prio, unsigned idx);
void arb_remove(mpic_t *m, unsigned c, unsigned prio, unsigned idx);
int arb_best(const mpic_t *m, unsigned c, unsigned *prio);
bool arb_signalled(const mpic_t *m, unsigned c, int *idx);
uint32_t arb_iack(mpic_t *m, unsigned c, bool commit, mpic_cycle_t latency);
void arb_eoi(mpic_t *m, unsigned c);
void arb_clear(mpic_t *m);

/* outputs.c */
bool out_selector(const mpic_t *m, unsigned c, mpic_pin_t p);
void out_eval(mpic_t *m, mpic_cycle_t latency);
void out_eval_cpu(mpic_t *m, unsigned c, mpic_cycle_t latency);
void out_fire(mpic_t *m, unsigned c, mpic_pin_t p);
void out_reset_levels(mpic_t *m);

/* timers.c */
unsigned timer_groups(const mpic_t *m);
mpic_cycle_t timer_period(const mpic_t *m, unsigned group);
void timer_sync(mpic_t *m, unsigned t);
void timer_source_changed(mpic_t *m, unsigned t);
uint32_t timer_read_gtccr(const mpic_t *m, unsigned t);
void timer_write_gtbcr(mpic_t *m, unsigned t, uint32_t val, acc_mode_t mode);
void timer_write_tcr(mpic_t *m, unsigned group, uint32_t val, acc_mode_t mode);
void timer_reset(mpic_t *m);
unsigned timer_casc_roles(uint32_t tcr, uint8_t role[4]);

/* msg_msi.c */
void msi_write_msiir(mpic_t *m, unsigned bank, unsigned srs, unsigned ibs);
unsigned msi_source(const mpic_t *m, unsigned bank, unsigned reg);

/* decode.c */
mpic_status_t decode_build(mpic_t *m);
mpic_status_t reg_decode(const mpic_t *m, uint32_t off, unsigned size, int *row, unsigned *outer,
                         unsigned *inner);
void reg_do(mpic_t *m, int row, unsigned outer, unsigned inner, unsigned cpu, bool is_write,
            uint32_t *val, acc_mode_t mode, uint32_t off);
void reg_reset_all(mpic_t *m);
mpic_param_t reg_latency(int row, bool is_write);

/* lifetime.c */
mpic_status_t shared_create(mpic_t *m);
void shared_detach(mpic_t *m);
void async_apply(mpic_t *m);
mpic_status_t mpic_check_owner(mpic_t *m, const char *call);
#define CHECK_OWNER(m, call)                                                                       \
  do {                                                                                             \
    if (mpic_check_owner((m), (call)) != MPIC_OK) return MPIC_E_THREAD;                            \
  } while (0)

/* mpic.c */
void mpic_apply_level(mpic_t *m, unsigned source, bool level);
void mpic_enter(mpic_t *m, mpic_cycle_t now);
void mpic_finish(mpic_t *m);

/* reset.c */
void mpic_reset_state(mpic_t *m);

#endif
