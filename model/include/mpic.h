/*
 * mpic.h - public API of the Freescale/NXP MPIC core model.
 *
 * One opaque object per MPIC instance; no global mutable state.
 * Time is an explicit 64-bit count of platform (CCB) clock cycles carried by
 * every call that can change state; it never goes backwards. The core never
 * ticks: it reports when its next internal event is due (mpic_next_event) and
 * the host advances it (mpic_advance). Every call returns an mpic_status_t.
 *
 * Single-threaded by contract: one owner thread calls the core.
 */
#ifndef MPIC_H
#define MPIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t mpic_cycle_t;
#define MPIC_NEVER UINT64_MAX

/* Size of the register block (CCSR + 0x40000 on e500 SoCs). */
#define MPIC_BLOCK_SIZE 0x40000u
#define MPIC_MAX_CPUS   32u

typedef enum {
  MPIC_OK = 0,
  MPIC_E_UNMAPPED = 1,   /* no register at this offset (or outside the block) */
  MPIC_E_MISALIGNED = 2, /* offset not 4-byte aligned */
  MPIC_E_SIZE = 3,       /* access size other than 4 bytes */
  MPIC_E_TIME = 4,       /* time went backwards */
  MPIC_E_RANGE = 5,      /* source, CPU, bank or parameter out of range */
  MPIC_E_CONFIG = 6,     /* invalid configuration (unknown variant/key/value) */
  MPIC_E_MODE = 7,       /* call not valid in this state (ack outside proxy, ...) */
  MPIC_E_ARG = 8,        /* NULL pointer or otherwise malformed argument */
  MPIC_E_NOMEM = 9,      /* allocation failed */
  MPIC_E_DRIVEN = 10,    /* source is driven internally (MSI, messaging, error summary) */
  MPIC_E_ATTR = 11,      /* unknown device-attribute group or attribute */
  MPIC_E_CORRUPT = 12,   /* snapshot truncated, malformed or failing its checksum */
  MPIC_E_VERSION = 13,   /* snapshot of an unsupported format version */
  MPIC_E_MISMATCH = 14,  /* snapshot of another configuration (variant, cores, params) */
  MPIC_E_GONE = 15,      /* the MPIC behind a handle has been destroyed */
  MPIC_E_THREAD = 16,    /* called from a thread other than the owner (checking builds) */
} mpic_status_t;

/* Short stable name ("ok", "unmapped", ...) of a status. */
const char *mpic_status_name(mpic_status_t st);

/* Output pins of the MPIC. INT/CINT/MCP/RESET exist per core; IRQ_OUT is the
 * single v2.0 external IRQ_OUT pin (EP-routed sources), reported as core 0. */
typedef enum {
  MPIC_PIN_INT = 0,
  MPIC_PIN_CINT = 1,
  MPIC_PIN_MCP = 2,
  MPIC_PIN_RESET = 3,
  MPIC_PIN_IRQ_OUT = 4,
  MPIC_PIN_COUNT = 5
} mpic_pin_t;

const char *mpic_pin_name(mpic_pin_t pin); /* "int", "cint", "mcp", "reset", "irq_out" */

/* Called when an output changes level, with the cycle of the change. */
typedef void (*mpic_output_fn)(void *ctx, unsigned cpu, mpic_pin_t pin, bool level,
                               mpic_cycle_t when);

typedef enum { MPIC_LOG_INFO = 0, MPIC_LOG_WARN = 1 } mpic_log_level_t;
/* Diagnostic messages (writes while active, reserved modes, ...). */
typedef void (*mpic_log_fn)(void *ctx, mpic_log_level_t level, mpic_cycle_t when, const char *msg);

/* ---- Parameters (timing and behaviour knobs), described in one table ---- */
typedef enum {
  MPIC_P_SYNC_DEPTH = 0,     /* external pin synchroniser depth (cycles) */
  MPIC_P_MIN_PULSE,          /* narrower external pulses are lost (capped at sync_depth) */
  MPIC_P_ARB_LATENCY,        /* source change -> int/cint/mcp change */
  MPIC_P_READ_LATENCY,       /* register read issue -> data */
  MPIC_P_WRITE_LATENCY,      /* register write issue -> acknowledge */
  MPIC_P_IACK_LATENCY,       /* IACK read issue -> data */
  MPIC_P_EOI_LATENCY,        /* EOI write issue -> acknowledge */
  MPIC_P_IACK_TO_INT,        /* IACK / proxy ack -> int deassertion */
  MPIC_P_EOI_TO_ARB,         /* EOI -> re-arbitrated int */
  MPIC_P_RESET_DURATION,     /* GCR[RST] reads 1 for this long */
  MPIC_P_CORE_RESET_LATENCY, /* PIR write -> core reset output */
  MPIC_P_MPIC_CLK_DIV,       /* platform cycles per MPIC clock (0 = variant default) */
  MPIC_P_LENIENT_DECODE,     /* 1: unmapped reads 0 / writes ignored, logged */
  MPIC_P_COUNT
} mpic_param_t;

typedef struct {
  const char *name;    /* key usable from every front end */
  uint64_t def;        /* default */
  uint64_t min, max;   /* accepted range */
  const char *unit;    /* "cycles", "ratio", "bool" */
  const char *meaning; /* one line */
} mpic_param_info_t;

const mpic_param_info_t *mpic_param_info(mpic_param_t p); /* NULL if out of range */
/* Look a parameter up by name; returns MPIC_E_CONFIG if unknown. */
mpic_status_t mpic_param_find(const char *name, mpic_param_t *out);

/* ---- Configuration ---- */
typedef struct {
  char variant[16]; /* "fsl-v2.0", "fsl-v3.1", "fsl-v4.2", "fsl-v4.3" */
  unsigned ncpus;   /* 1 .. variant maximum */
  uint64_t param[MPIC_P_COUNT];
  mpic_output_fn output;
  void *output_ctx;
  mpic_log_fn log;
  void *log_ctx;
  /* Called from the posting thread when the async queue becomes non-empty, so
   * the host can schedule mpic_drain() on the owner thread (SystemC:
   * async_request_update). Optional. */
  void (*wake)(void *ctx);
  void *wake_ctx;
} mpic_config_t;

/* Fill cfg with defaults for a variant (ncpus = 1). */
mpic_status_t mpic_config_init(mpic_config_t *cfg, const char *variant);
/* Set a key from text: "variant", "cpus" or any parameter name. Values are
 * decimal or 0x-hex. Unknown keys or bad values give MPIC_E_CONFIG and leave
 * cfg unchanged. Setting "variant" keeps ncpus and parameters already set. */
mpic_status_t mpic_config_set(mpic_config_t *cfg, const char *key, const char *value);

/* ---- Variants ---- */
typedef struct {
  const char *name;
  uint32_t brr1;
  unsigned max_cpus;
  unsigned n_ext, n_int, n_msg; /* external, internal, messaging sources */
  unsigned msi_banks, msirs_per_bank;
  unsigned timer_groups;
  unsigned source_slots; /* last implemented source number + 1 */
  bool has_ilr, has_ci_bits, has_eisr, has_proxy, has_crit_summary;
  bool crit_masked;   /* MSK gates critical / machine-check routing (v4.1+) */
  bool int_pol_fixed; /* internal P bit read-only (v4.0+) */
} mpic_variant_info_t;

unsigned mpic_variant_count(void);
const mpic_variant_info_t *mpic_variant_at(unsigned i);
const mpic_variant_info_t *mpic_variant_find(const char *name);

/* ---- Lifetime ---- */
typedef struct mpic mpic_t;

mpic_status_t mpic_create(const mpic_config_t *cfg, mpic_t **out);
void mpic_destroy(mpic_t *m);
const mpic_variant_info_t *mpic_variant(const mpic_t *m);
unsigned mpic_ncpus(const mpic_t *m);
uint64_t mpic_get_param(const mpic_t *m, mpic_param_t p);

/* ---- Time ---- */
mpic_cycle_t mpic_now(const mpic_t *m);        /* latest time seen */
mpic_cycle_t mpic_next_event(const mpic_t *m); /* MPIC_NEVER when none */
/* Process every internal event due at or before now. */
mpic_status_t mpic_advance(mpic_t *m, mpic_cycle_t now);

/* ---- Register access (bus side) ----
 * offset is relative to the block base; size must be 4 and offset aligned.
 * cpu is the accessing core (used by the this-CPU page at 0x0..0xFFF).
 * done (optional) receives the cycle at which the access completes, also for a
 * rejected access (which completes with its error after the plain read or
 * write latency). */
mpic_status_t mpic_read(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t offset, unsigned size,
                        uint32_t *value, mpic_cycle_t *done);
mpic_status_t mpic_write(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t offset, unsigned size,
                         uint32_t value, mpic_cycle_t *done);

/* Debug access: no side effects (a peek of IACK acknowledges nothing, of MSIR
 * clears nothing; a poke of EOI retires nothing). A poke stores the writable
 * fields as a write would, at the current model time, and outputs follow. */
mpic_status_t mpic_peek(mpic_t *m, unsigned cpu, uint32_t offset, uint32_t *value);
mpic_status_t mpic_poke(mpic_t *m, unsigned cpu, uint32_t offset, uint32_t value);

/* ---- Inputs ----
 * Numbered source lines (external IRQ0..11 are sources 0..11, internal n is
 * 16+n). Messaging, MSI and (v4.1+) source 16 are driven internally:
 * MPIC_E_DRIVEN. External pins pass through the input synchroniser. */
mpic_status_t mpic_set_irq(mpic_t *m, mpic_cycle_t now, unsigned source, bool level);
/* Input level as last driven (before the synchroniser). */
mpic_status_t mpic_get_irq(const mpic_t *m, unsigned source, bool *level);
/* Error sub-source k (0..31) of the v4.1+ error interrupt (EISR bit 31-k). */
mpic_status_t mpic_set_error(mpic_t *m, mpic_cycle_t now, unsigned k, bool level);
/* A shared MSI: the value an inbound write puts in bank's MSIIR (register
 * view: SRS bits 31:29, IBS bits 28:24). */
mpic_status_t mpic_msi(mpic_t *m, mpic_cycle_t now, unsigned bank, uint32_t msiir);

/* Proxy (EPR) mode: the core takes the external interrupt; returns the vector
 * that IACK would and commits it the same way. MPIC_E_MODE outside proxy. */
mpic_status_t mpic_ack(mpic_t *m, mpic_cycle_t now, unsigned cpu, uint32_t *vector);

/* ---- Outputs ---- */
mpic_status_t mpic_get_output(const mpic_t *m, unsigned cpu, mpic_pin_t pin, bool *level);

/* ---- Observation (tracers, debuggers; no side effects) ---- */
typedef struct {
  uint8_t ctpr;              /* current task priority */
  uint8_t isr_depth;         /* number of in-service entries */
  uint8_t isr_top_prio;      /* priority of the top in-service entry (0 when none) */
  uint32_t iack_vector;      /* what an IACK would return now */
  bool pin[MPIC_PIN_COUNT];  /* output levels now */
  bool want[MPIC_PIN_COUNT]; /* what the logic drives: pins follow after their latency */
} mpic_cpu_state_t;
mpic_status_t mpic_cpu_state(const mpic_t *m, unsigned cpu, mpic_cpu_state_t *st);

typedef struct {
  uint64_t rises;      /* rising transitions of the input seen by the source logic */
  bool input;          /* line as the source logic sees it (after the synchroniser) */
  bool pending;        /* latched edge or asserted level (polarity applied) */
  bool active;         /* the VPR A bit */
  uint32_t in_service; /* cores having it in service */
} mpic_source_state_t;
/* Numbered sources only; MPIC_E_RANGE for unimplemented numbers. */
mpic_status_t mpic_source_state(const mpic_t *m, unsigned source, mpic_source_state_t *st);
/* Number of source slots (FRR NIRQ + 1). */
unsigned mpic_source_slots(const mpic_t *m);

/* Called after every processed event and at the end of every call that can
 * change state, with the cycle of the step. One hook per instance. */
typedef void (*mpic_step_fn)(void *ctx, mpic_cycle_t when);
void mpic_set_step_hook(mpic_t *m, mpic_step_fn fn, void *ctx);

/* ---- Device control (in the spirit of KVM's MPIC device attributes) ----
 * REGISTER: attr = offset | (uint64_t)cpu << 32 (cpu selects the this-CPU
 *   page's core); get/set = peek/poke, without side effects.
 * IRQ_ACTIVE: attr = source number; get = input level as driven; set = drive
 *   the line at the current model time (as mpic_set_irq at mpic_now()).
 * MISC: BASE_ADDR (get/set; 0 = unmapped, else 256 KiB aligned, stored for
 *   the host), VARIANT (get: index for mpic_variant_at), NCPUS (get). */
typedef enum {
  MPIC_ATTR_GRP_REGISTER = 1,
  MPIC_ATTR_GRP_IRQ_ACTIVE = 2,
  MPIC_ATTR_GRP_MISC = 3
} mpic_attr_group_t;
typedef enum {
  MPIC_ATTR_MISC_BASE_ADDR = 0,
  MPIC_ATTR_MISC_VARIANT = 1,
  MPIC_ATTR_MISC_NCPUS = 2
} mpic_attr_misc_t;
mpic_status_t mpic_attr_get(mpic_t *m, unsigned group, uint64_t attr, uint64_t *value);
mpic_status_t mpic_attr_set(mpic_t *m, unsigned group, uint64_t attr, uint64_t value);

/* ---- Snapshot: versioned, endian-neutral, checksummed (docs/device-control.md) ----
 * mpic_save writes the complete state (registers, pending / in-service sets,
 * timers, input levels and synchroniser contents, pending events, time).
 * mpic_restore accepts only a blob of the same format version and the same
 * configuration (variant, cores, parameters); on any error the target is left
 * untouched. Restoring does not call the output callback: outputs take the
 * saved levels (query them with mpic_get_output). */
#define MPIC_SNAPSHOT_VERSION 1u
mpic_status_t mpic_snapshot_size(const mpic_t *m, size_t *size);
mpic_status_t mpic_save(const mpic_t *m, void *buf, size_t len, size_t *written);
mpic_status_t mpic_restore(mpic_t *m, const void *buf, size_t len);

/* ---- Line handles and lifetime ----
 * A handle names an input line (external / internal source) or an MSI bank
 * and holds a reference on the MPIC. mpic_destroy() with handles outstanding
 * is legal: calls through a handle then return MPIC_E_GONE and touch nothing
 * freed; the last mpic_line_release() frees the remaining memory. */
typedef struct mpic_line mpic_line_t;
mpic_status_t mpic_line_bind(mpic_t *m, unsigned source, mpic_line_t **out);
mpic_status_t mpic_msi_bind(mpic_t *m, unsigned bank, mpic_line_t **out);
void mpic_line_release(mpic_line_t *h);
/* Owner thread: act now (level lines: mpic_set_irq; MSI handles: mpic_msi). */
mpic_status_t mpic_line_set(mpic_line_t *h, mpic_cycle_t now, bool level);
mpic_status_t mpic_line_msi(mpic_line_t *h, mpic_cycle_t now, uint32_t msiir);
/* Any thread: queue the change; it is applied, in posting order, at the
 * owner's next timed call (at that call's cycle) or at mpic_drain(). */
mpic_status_t mpic_line_post(mpic_line_t *h, bool level);
mpic_status_t mpic_line_post_msi(mpic_line_t *h, uint32_t msiir);
/* Owner thread: apply every queued change at cycle now. */
mpic_status_t mpic_drain(mpic_t *m, mpic_cycle_t now);
typedef struct {
  uint64_t posted;  /* changes queued by mpic_line_post* (all threads) */
  uint64_t applied; /* changes applied by the owner */
} mpic_async_stats_t;
/* Owner thread. */
mpic_status_t mpic_async_stats(const mpic_t *m, mpic_async_stats_t *st);
/* Make the calling thread the owner (checking builds reject calls from
 * other threads with MPIC_E_THREAD and log which call broke the rule). */
mpic_status_t mpic_set_owner(mpic_t *m);

/* ---- Introspection for tests and tools ---- */
typedef enum {
  MPIC_REG_RO = 1u << 0,       /* writes ignored */
  MPIC_REG_WO = 1u << 1,       /* reads return 0 */
  MPIC_REG_RSIDE = 1u << 2,    /* read has a side effect (IACK, MSIR, MSGR) */
  MPIC_REG_WSIDE = 1u << 3,    /* write has an action beyond storage (EOI, IPIDR, ...) */
  MPIC_REG_THIS_CPU = 1u << 4, /* aliases the accessing core */
  MPIC_REG_PER_CPU = 1u << 5,  /* one instance per configured core */
  MPIC_REG_VOLATILE = 1u << 6, /* value changes by itself (counters, status) */
} mpic_reg_flags_t;

typedef struct {
  const char *name; /* "GTBCR", "EIVPR", ... */
  uint32_t offset;  /* first instance */
  uint32_t stride;  /* between outer instances (banks, groups, sources) */
  unsigned count;   /* instances in this configuration (outer * inner) */
  uint32_t stride2; /* between inner instances (0 when count2 == 1) */
  unsigned count2;  /* inner instances per outer one (1 for 1-D rows) */
  uint32_t reset;   /* reset value of instance 0 (see reset_of) */
  uint32_t rmask;   /* bits that read back */
  uint32_t wmask;   /* bits a write stores */
  unsigned flags;   /* mpic_reg_flags_t */
  const char *desc; /* one line */
} mpic_reg_info_t;

/* Registers present in this instance, in table order. */
unsigned mpic_reg_count(const mpic_t *m);
mpic_status_t mpic_reg_at(const mpic_t *m, unsigned i, mpic_reg_info_t *out);
/* Reset value of instance idx of register i (some depend on the index). */
uint32_t mpic_reg_reset_of(const mpic_t *m, unsigned i, unsigned idx);
/* Write mask of instance idx of register i. */
uint32_t mpic_reg_wmask_of(const mpic_t *m, unsigned i, unsigned idx);
/* Offset of instance idx: offset + (idx / count2) * stride + (idx % count2) * stride2. */
uint32_t mpic_reg_instance_offset(const mpic_reg_info_t *r, unsigned idx);

#ifdef __cplusplus
}
#endif
#endif /* MPIC_H */
