/*
 * fuzz_core.c - libFuzzer target for the MPIC core (model/include/mpic.h).
 *
 * The input is a small configuration header followed by a byte-coded command
 * stream (the encoding is documented in tests/fuzz/README.md and produced by
 * tests/fuzz/mpic2seed.py from the scenario scripts). Every command drives the
 * core through its public API only; after every command the invariants below
 * are checked and any violation aborts (libFuzzer then saves the input).
 *
 * Cost: the checks that need every source (per-source activity, in-service
 * counts, int explained by a qualifying source) and the lockstep snapshot
 * comparison run in a full sweep every SWEEP_EVERY steps, after the last
 * step of every input (so a prefix of an input checks any intermediate state
 * in full), before a restore replaces a's state and whenever lockstep ends.
 * After every other step: everything per core, time, callbacks, the sources
 * the step named and a rotating window of SRC_WINDOW sources.
 *
 *  - every status returned is one of the documented mpic_status_t values;
 *  - a call that fails changes nothing (the snapshot blob is unchanged) when
 *    the call was made with deliberately bad arguments (always), or for every
 *    call in "paranoid" inputs (header flag);
 *  - per core: isr_depth <= 15, isr_top_prio <= 15, ctpr <= 15;
 *  - zero-latency configurations: after every call each pin equals `want`;
 *    any configuration: with no event pending, each pin equals `want`;
 *  - int wanted in mixed / proxy mode: IACK would return the vector of a
 *    source that qualifies (unmasked, priority above CTPR and the in-service
 *    top, routed to that core's int); int not wanted: IACK returns the SVR
 *    vector; a qualifying numbered source forces int; pass-through: core 0 int
 *    follows source 0's input, the other cores' int is low;
 *  - per numbered source: active == ((pending && !MSK) || in_service), the
 *    VPR A bit reads the same, in_service only names configured cores, and
 *    the in-service sources of a core never outnumber its in-service depth;
 *  - mpic_now never decreases (except across a restore), mpic_next_event >=
 *    mpic_now; the output callback reports only real changes, in time order,
 *    and its levels match mpic_get_output after every call;
 *  - an IACK read / proxy ack returns what mpic_cpu_state predicted; an EOI
 *    retires exactly one in-service entry;
 *  - snapshots: save/restore round trips are byte-exact, a restored copy run
 *    in lockstep with the original stays byte-identical and emits the same
 *    outputs, a corrupted blob is rejected and leaves the target untouched.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpic.h"

#define FUZZ_MAX_CMDS 2000
#ifndef SWEEP_EVERY
#define SWEEP_EVERY 16 /* steps between full invariant sweeps */
#endif
#define SRC_WINDOW       4 /* sources checked every step, rotating through all */
#define MAX_TOUCHED      8 /* sources named by one step, checked after it */
#define NHANDLES         4
#define TIME_CAP         (1ull << 60) /* host time stays below this */
#define VPR_MSK          0x80000000u
#define VPR_A            0x40000000u
#define VPR_P            0x00800000u
#define VPR_S            0x00400000u
#define STATUS_MAX       MPIC_E_THREAD
#define SRC_VPR(n)       (0x10000u + 0x20u * (n))
#define SRC_DR(n)        (0x10010u + 0x20u * (n))
#define SRC_ILR(n)       (0x10018u + 0x20u * (n))
#define IPI_VPR(i)       (0x010A0u + 0x10u * (i))
#define TMR_BCR(t)       (0x01110u + 0x1000u * ((t) / 4) + 0x40u * ((t) % 4))
#define TMR_VPR(t)       (0x01120u + 0x1000u * ((t) / 4) + 0x40u * ((t) % 4))
#define TMR_DR(t)        (0x01130u + 0x1000u * ((t) / 4) + 0x40u * ((t) % 4))
#define TMR_TCR(g)       (0x01300u + 0x1000u * (g))
#define GCR              0x01020u
#define SVR              0x010E0u
#define PCPU_CTPR(c)     (0x20080u + 0x1000u * (c))
#define PCPU_IACK(c)     (0x200A0u + 0x1000u * (c))
#define PCPU_EOI(c)      (0x200B0u + 0x1000u * (c))
#define PCPU_IPIDR(c, i) (0x20040u + 0x1000u * (c) + 0x10u * (i))

/* ---- failure reporting ---- */

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz_core: INVARIANT VIOLATED: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}
#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    if (!(cond)) fail(__VA_ARGS__);                                                                \
  } while (0)

/* ---- input reader ---- */

typedef struct {
  const uint8_t *p;
  size_t n, pos;
} in_t;

static bool in_more(const in_t *in) {
  return in->pos < in->n;
}
static uint8_t u8(in_t *in) {
  return in->pos < in->n ? in->p[in->pos++] : 0;
}
static uint16_t u16(in_t *in) {
  uint16_t v = u8(in);
  return (uint16_t)(v << 8 | u8(in));
}
static uint32_t u32(in_t *in) {
  uint32_t v = u16(in);
  return v << 16 | u16(in);
}
static uint64_t u64(in_t *in) {
  uint64_t v = u32(in);
  return v << 32 | u32(in);
}

/* ---- instances ---- */

typedef struct {
  mpic_t *m;
  const char *name;
  mpic_line_t *h[NHANDLES];
  uint8_t hkind[NHANDLES]; /* 0: line, 1: MSI bank */
  unsigned hidx[NHANDLES];
  bool shadow[MPIC_MAX_CPUS][MPIC_PIN_COUNT]; /* levels as heard by the callback */
  uint64_t out_hash;                          /* of every callback since mirroring began */
  mpic_cycle_t last_when;                     /* of the last callback */
  mpic_cycle_t last_now;
  unsigned window; /* next source of the rotating per-step window */
  bool tainted;    /* holds a CRC-fixed mutated snapshot: semantic checks off */
} inst_t;

typedef struct {
  mpic_config_t cfg;
  inst_t a, b; /* b: restore target, lockstep mirror of a while `mirror` */
  bool have_b, mirror;
  bool zero_lat, paranoid;
  mpic_cycle_t cur; /* host time of the next timed call */
  uint8_t *blob, *blob2;
  size_t blob_cap;
  size_t saved_len;  /* last blob saved by the snapshot command (in blob2) */
  uint8_t *gblob[2]; /* per instance: state before a guarded call */
  size_t glen[2];
  bool gvalid[2]; /* gblob[i] holds the current state */
  bool saved_tainted;
  unsigned nregs;
  unsigned steps; /* check_all calls so far */
  unsigned touched[MAX_TOUCHED], ntouched;
} fz_t;

static void on_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when) {
  inst_t *x = ctx;
  CHECK(cpu < MPIC_MAX_CPUS && (unsigned)pin < MPIC_PIN_COUNT, "%s: callback cpu %u pin %d",
        x->name, cpu, (int)pin);
  if (!x->tainted) {
    CHECK(x->shadow[cpu][pin] != level, "%s: callback for cpu %u %s repeats level %d", x->name, cpu,
          mpic_pin_name(pin), level);
    CHECK(when >= x->last_when, "%s: callback time %llu before previous %llu", x->name,
          (unsigned long long)when, (unsigned long long)x->last_when);
  }
  x->shadow[cpu][pin] = level;
  x->last_when = when;
  x->out_hash = (x->out_hash ^ (cpu * 8u + (unsigned)pin * 2u + level) ^ when) * 0x100000001b3ull;
}

static void on_log(void *ctx, mpic_log_level_t level, mpic_cycle_t when, const char *msg) {
  (void)ctx, (void)level, (void)when;
  CHECK(msg != NULL, "log message NULL");
}

static void status_ok(const inst_t *x, mpic_status_t st, const char *what) {
  CHECK((unsigned)st <= STATUS_MAX, "%s: %s returned undocumented status %d", x->name, what,
        (int)st);
  const char *nm = mpic_status_name(st);
  CHECK(nm && *nm, "%s: no name for status %d", x->name, (int)st);
}

/* Resynchronise the callback shadow with the pins (after a restore). */
static void resync_shadow(inst_t *x) {
  unsigned n = mpic_ncpus(x->m);
  for (unsigned c = 0; c < n; c++)
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) {
      bool lv = false;
      mpic_get_output(x->m, c, (mpic_pin_t)p, &lv);
      x->shadow[c][p] = lv;
    }
  x->last_when = mpic_now(x->m);
  x->last_now = mpic_now(x->m);
}

/* Save x into buf (blob_cap bytes). The guards save often: they skip the
 * mpic_snapshot_size cross-check, which the other saves make. */
static size_t save_ex(fz_t *f, const inst_t *x, uint8_t *buf, bool sized) {
  size_t need = 0, wr = 0;
  if (sized) {
    CHECK(mpic_snapshot_size(x->m, &need) == MPIC_OK, "snapshot_size failed");
    CHECK(need <= f->blob_cap, "snapshot of %zu bytes exceeds %zu", need, f->blob_cap);
  }
  mpic_status_t st = mpic_save(x->m, buf, f->blob_cap, &wr);
  CHECK(st == MPIC_OK && (!sized || wr == need), "%s: save: %s, %zu of %zu bytes", x->name,
        mpic_status_name(st), wr, need);
  return wr;
}
static size_t save(fz_t *f, const inst_t *x, uint8_t *buf) {
  return save_ex(f, x, buf, true);
}

/* ---- guarded calls: a failing call must change nothing ---- */

typedef struct {
  size_t len;
  bool on;
} guard_t;

/* The "before" blob of each instance (gblob) is reused while it is known to
 * equal the state: a guard saves it, a failed guarded call leaves it valid
 * (that is what the guard checks), anything that may change the state drops
 * it (guard_end of an unguarded or successful call, and every command that
 * is not a single guarded call: see do_cmd). */
static unsigned inst_idx(const fz_t *f, const inst_t *x) {
  return x == &f->b;
}
static void guard_drop(fz_t *f) {
  f->gvalid[0] = f->gvalid[1] = false;
}

/* on: check this call exactly (deliberately bad arguments, or paranoid). */
static guard_t guard_begin_on(fz_t *f, const inst_t *x, bool on) {
  guard_t g = {0, on};
  unsigned i = inst_idx(f, x);
  if (on && !f->gvalid[i]) {
    f->glen[i] = save_ex(f, x, f->gblob[i], false);
    f->gvalid[i] = true;
  }
  g.len = f->glen[i];
  return g;
}
static guard_t guard_begin(fz_t *f, const inst_t *x, bool force) {
  return guard_begin_on(f, x, force || f->paranoid);
}

static void guard_end(fz_t *f, const inst_t *x, guard_t g, mpic_status_t st, const char *what) {
  status_ok(x, st, what);
  unsigned i = inst_idx(f, x);
  if (!g.on || st == MPIC_OK) {
    f->gvalid[i] = false;
    return;
  }
  size_t len = save_ex(f, x, f->blob2 + f->blob_cap, false);
  CHECK(len == g.len && memcmp(f->gblob[i], f->blob2 + f->blob_cap, len) == 0,
        "%s: %s failed with %s but changed the state", x->name, what, mpic_status_name(st));
}

/* ---- invariants ---- */

static uint32_t peek(inst_t *x, unsigned cpu, uint32_t off) {
  uint32_t v = 0;
  mpic_status_t st = mpic_peek(x->m, cpu, off, &v);
  CHECK(st == MPIC_OK, "%s: peek 0x%05x: %s", x->name, off, mpic_status_name(st));
  return v;
}

/* Where numbered source n goes for int on core c (mirrors the documented
 * routing: v2.0/v3.1 EP and CI bits, v4 ILR 1 = cint, 2 = mcp). */
static bool routed_int(inst_t *x, unsigned n, unsigned c) {
  const mpic_variant_info_t *v = mpic_variant(x->m);
  unsigned ncpus = mpic_ncpus(x->m);
  uint32_t dr = peek(x, 0, SRC_DR(n));
  if (v->has_ci_bits) {
    if (dr & 0x80000000u) return false;
    for (unsigned k = 0; k < ncpus; k++)
      if (dr & (1u << (30 - k))) return false;
    return (dr & (1u << c)) != 0;
  }
  if (v->has_ilr) {
    uint32_t ilr = peek(x, 0, SRC_ILR(n)) & 0xFFu;
    if (ilr == 1 || ilr == 2) return false;
  }
  return (dr & (1u << c)) != 0;
}

static unsigned thresh(const mpic_cpu_state_t *cs) {
  return cs->ctpr > cs->isr_top_prio ? cs->ctpr : cs->isr_top_prio;
}

#define MAX_SLOTS 1024
typedef struct {
  unsigned slots;
  bool valid[MAX_SLOTS];
  mpic_source_state_t ss[MAX_SLOTS];
  uint32_t vpr[MAX_SLOTS];
} srcview_t;

/* A numbered source that would be a candidate for int on core c now. */
static bool qualifies(inst_t *x, const srcview_t *sv, unsigned n, unsigned c, unsigned th) {
  if (!sv->valid[n] || !sv->ss[n].pending || sv->ss[n].in_service) return false;
  uint32_t vpr = sv->vpr[n];
  if ((vpr & VPR_MSK) || ((vpr >> 16) & 15u) <= th) return false;
  return routed_int(x, n, c);
}

/* Does some source explain int on core c with vector vec? */
static bool int_has_reason(inst_t *x, const srcview_t *sv, unsigned c, const mpic_cpu_state_t *cs,
                           uint32_t vec) {
  unsigned th = thresh(cs);
  for (unsigned n = 0; n < sv->slots; n++)
    if ((sv->vpr[n] & 0xFFFFu) == vec && qualifies(x, sv, n, c, th)) return true;
  for (unsigned i = 0; i < 4; i++) { /* IPIs: per-core pending copies are not observable */
    uint32_t vpr = peek(x, 0, IPI_VPR(i));
    if (!(vpr & VPR_MSK) && ((vpr >> 16) & 15u) > th && (vpr & 0xFFFFu) == vec) return true;
  }
  unsigned ntimers = 4 * mpic_variant(x->m)->timer_groups;
  for (unsigned t = 0; t < ntimers; t++) { /* pending copies follow GTDR at expiry, not now */
    uint32_t vpr = peek(x, 0, TMR_VPR(t));
    if (!(vpr & VPR_MSK) && ((vpr >> 16) & 15u) > th && (vpr & 0xFFFFu) == vec) return true;
  }
  return false;
}

/* One numbered source: activity, VPR.A and in-service bits agree. Fills
 * sv->ss[n], sv->vpr[n], sv->valid[n]; returns false for an unimplemented
 * slot. */
static bool check_source(inst_t *x, srcview_t *sv, unsigned n, uint32_t cpu_mask) {
  mpic_source_state_t *ss = &sv->ss[n];
  mpic_status_t st = mpic_source_state(x->m, n, ss);
  status_ok(x, st, "mpic_source_state");
  sv->valid[n] = st == MPIC_OK;
  sv->vpr[n] = 0;
  if (st == MPIC_E_RANGE) return false;
  CHECK(st == MPIC_OK, "%s: source_state %u: %s", x->name, n, mpic_status_name(st));
  uint32_t vpr = sv->vpr[n] = peek(x, 0, SRC_VPR(n));
  if (x->tainted) return true;
  bool expect = (ss->pending && !(vpr & VPR_MSK)) || ss->in_service != 0;
  CHECK(ss->active == expect, "%s: source %u active=%d but pending=%d MSK=%d in_service=0x%x",
        x->name, n, ss->active, ss->pending, !!(vpr & VPR_MSK), ss->in_service);
  CHECK(!!(vpr & VPR_A) == ss->active, "%s: source %u VPR.A=%d but active=%d", x->name, n,
        !!(vpr & VPR_A), ss->active);
  CHECK(!(ss->in_service & ~cpu_mask), "%s: source %u in service on 0x%x (cores 0x%x)", x->name, n,
        ss->in_service, cpu_mask);
  return true;
}

/* Invariants of one instance. Every step: time, per-core state, pins and
 * callbacks, IACK vector when int is not wanted, pass-through, and the
 * per-source invariants of the sources the step named plus a rotating window
 * of SRC_WINDOW slots. `full` (every SWEEP_EVERY steps, at the end of every
 * input and before state is replaced): every source, in-service counts, and
 * that int (not) wanted is explained by (no) qualifying source. */
static void check_inst(fz_t *f, inst_t *x, bool full) {
  static srcview_t sv;
  mpic_t *m = x->m;
  unsigned ncpus = mpic_ncpus(m);
  uint32_t cpu_mask = ncpus == 32 ? 0xFFFFFFFFu : (1u << ncpus) - 1;
  mpic_cycle_t now = mpic_now(m), next = mpic_next_event(m);
  CHECK(now >= x->last_now, "%s: mpic_now went back from %llu to %llu", x->name,
        (unsigned long long)x->last_now, (unsigned long long)now);
  x->last_now = now;
  CHECK(next >= now, "%s: next event %llu before now %llu", x->name, (unsigned long long)next,
        (unsigned long long)now);
  uint32_t gcr = peek(x, 0, GCR);
  unsigned mode = (gcr >> 29) & 3u;
  uint32_t svr_vec = peek(x, 0, SVR) & 0xFFFFu;
  sv.slots = mpic_source_slots(m);
  CHECK(sv.slots <= MAX_SLOTS, "%u source slots", sv.slots);

  /* sources */
  unsigned inserv_count[MPIC_MAX_CPUS] = {0};
  uint32_t pending_any = 0;
  if (full) {
    for (unsigned n = 0; n < sv.slots; n++) {
      if (!check_source(x, &sv, n, cpu_mask) || x->tainted) continue;
      const mpic_source_state_t *ss = &sv.ss[n];
      uint32_t vpr = sv.vpr[n];
      for (uint32_t b = ss->in_service; b; b &= b - 1)
        inserv_count[__builtin_ctz(b)]++;
      if (ss->pending && !ss->in_service && !(vpr & VPR_MSK) && (vpr & 0x000F0000u)) pending_any++;
    }
  } else {
    for (unsigned i = 0; i < f->ntouched; i++)
      if (f->touched[i] < sv.slots) check_source(x, &sv, f->touched[i], cpu_mask);
    for (unsigned i = 0; i < SRC_WINDOW; i++)
      check_source(x, &sv, (x->window + i) % sv.slots, cpu_mask);
    x->window = (x->window + SRC_WINDOW) % sv.slots;
    if (mode == 0) check_source(x, &sv, 0, cpu_mask); /* IRQ0 input for pass-through */
  }

  for (unsigned c = 0; c < ncpus; c++) {
    mpic_cpu_state_t cs;
    mpic_status_t st = mpic_cpu_state(m, c, &cs);
    CHECK(st == MPIC_OK, "%s: cpu_state %u: %s", x->name, c, mpic_status_name(st));
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) {
      bool lv = !cs.pin[p];
      CHECK(mpic_get_output(m, c, (mpic_pin_t)p, &lv) == MPIC_OK && lv == cs.pin[p],
            "%s: get_output cpu %u %s disagrees with cpu_state", x->name, c,
            mpic_pin_name((mpic_pin_t)p));
      if (!x->tainted)
        CHECK(x->shadow[c][p] == cs.pin[p], "%s: cpu %u %s is %d but the callback said %d", x->name,
              c, mpic_pin_name((mpic_pin_t)p), cs.pin[p], x->shadow[c][p]);
    }
    if (x->tainted) continue;
    CHECK(cs.isr_depth <= 15, "%s: cpu %u in-service depth %u", x->name, c, cs.isr_depth);
    CHECK(cs.isr_top_prio <= 15, "%s: cpu %u in-service top priority %u", x->name, c,
          cs.isr_top_prio);
    CHECK(cs.ctpr <= 15, "%s: cpu %u CTPR %u", x->name, c, cs.ctpr);
    CHECK(cs.isr_depth > 0 || cs.isr_top_prio == 0, "%s: cpu %u depth 0 with top priority %u",
          x->name, c, cs.isr_top_prio);
    CHECK(inserv_count[c] <= cs.isr_depth, "%s: cpu %u: %u numbered sources in service, depth %u",
          x->name, c, inserv_count[c], cs.isr_depth);
    if (f->zero_lat || next == MPIC_NEVER)
      for (unsigned p = 0; p < MPIC_PIN_COUNT; p++)
        CHECK(cs.pin[p] == cs.want[p], "%s: cpu %u %s is %d, logic wants %d (%s, next event %llu)",
              x->name, c, mpic_pin_name((mpic_pin_t)p), cs.pin[p], cs.want[p],
              f->zero_lat ? "zero latency" : "no event pending", (unsigned long long)next);
    if (mode == 0) { /* pass-through */
      if (sv.valid[0])
        CHECK(cs.want[MPIC_PIN_INT] == (c == 0 && sv.ss[0].input),
              "%s: pass-through: cpu %u int wants %d, IRQ0 input %d", x->name, c,
              cs.want[MPIC_PIN_INT], sv.ss[0].input);
    } else if (cs.want[MPIC_PIN_INT]) {
      if (full)
        CHECK(int_has_reason(x, &sv, c, &cs, cs.iack_vector),
              "%s: cpu %u int wanted but no source explains vector 0x%x (ctpr %u, isr top %u)",
              x->name, c, cs.iack_vector, cs.ctpr, cs.isr_top_prio);
    } else {
      CHECK(cs.iack_vector == svr_vec, "%s: cpu %u int not wanted but IACK would return 0x%x",
            x->name, c, cs.iack_vector);
      if (!full || !pending_any) continue;
      for (unsigned n = 0; n < sv.slots; n++) /* no numbered source may qualify */
        CHECK(!qualifies(x, &sv, n, c, thresh(&cs)),
              "%s: source %u qualifies for cpu %u but int is not wanted", x->name, n, c);
    }
  }
}

/* Compare the lockstep copy with the original byte for byte. */
static void check_mirror_state(fz_t *f) {
  size_t la = save(f, &f->a, f->blob), lb = save(f, &f->b, f->blob2 + f->blob_cap);
  CHECK(la == lb && memcmp(f->blob, f->blob2 + f->blob_cap, la) == 0,
        "mirror: restored copy diverged from the original");
}

/* After every step; `full` forces the complete sweep, which otherwise runs
 * every SWEEP_EVERY steps. */
static void check_all(fz_t *f, bool full) {
  if (++f->steps % SWEEP_EVERY == 0) full = true;
  check_inst(f, &f->a, full);
  if (f->mirror) {
    /* b byte-equal to a (checked in full) has a's state invariants: the
     * quick pass covers what is b's own (callbacks, shadow, time) */
    check_inst(f, &f->b, false);
    CHECK(f->a.out_hash == f->b.out_hash, "mirror: restored copy emitted different outputs");
    if (full) check_mirror_state(f);
  }
  f->ntouched = 0;
}

/* The source a step names (checked individually after the step). */
static void touch(fz_t *f, unsigned n) {
  if (f->ntouched < MAX_TOUCHED) f->touched[f->ntouched++] = n;
}

/* ---- commands ---- */

enum {
  C_READ,
  C_WRITE,
  C_PEEK,
  C_POKE,
  C_IRQ,
  C_ERR,
  C_MSI,
  C_ACK,
  C_TIME,
  C_SNAP,
  C_GCR_RESET,
  C_DRAIN,
  C_LINE,
  C_BAD,
  C_SOURCE,
  C_MODE,
  C_PERCPU,
  C_ATTR,
  C_TIMER,
  C_NCMD
};

typedef struct {
  uint32_t off;
  unsigned size, cpu;
  bool table; /* a real register instance */
  const char *name;
  unsigned bank_cpu; /* core the instance belongs to (per-cpu rows) or accessing core */
} acc_t;

/* Offset spec: sel byte (cpu = low 5 bits, kind = top 3). */
static acc_t pick_access(fz_t *f, in_t *in) {
  acc_t a = {0, 4, 0, false, NULL, 0};
  uint8_t sel = u8(in);
  unsigned ncpus = f->cfg.ncpus;
  a.cpu = (sel & 31u) % ncpus;
  a.bank_cpu = a.cpu;
  unsigned kind = sel >> 5;
  if (kind <= 4) {
    mpic_reg_info_t r;
    unsigned i = u8(in) % f->nregs;
    uint8_t idx = u8(in);
    if (mpic_reg_at(f->a.m, i, &r) != MPIC_OK || r.count == 0) fail("reg_at %u", i);
    unsigned k = idx % r.count;
    a.off = mpic_reg_instance_offset(&r, k);
    a.table = true;
    a.name = r.name;
    if (r.flags & MPIC_REG_PER_CPU) a.bank_cpu = k / r.count2;
  } else if (kind == 5) {
    a.off = u32(in) & (MPIC_BLOCK_SIZE - 4);
  } else if (kind == 6) {
    a.off = u32(in);
    a.size = u8(in) % 9;
  } else {
    a.off = u32(in);
  }
  return a;
}

static unsigned targets(fz_t *f, inst_t **t) {
  t[0] = &f->a;
  if (f->mirror) {
    t[1] = &f->b;
    return 2;
  }
  return 1;
}

/* Run one operation on every target and require identical results. */
#define FOR_TARGETS(f, x, ...)                                                                     \
  do {                                                                                             \
    inst_t *tg_[2];                                                                                \
    unsigned ntg_ = targets((f), tg_);                                                             \
    mpic_status_t res_st_[2] = {MPIC_OK, MPIC_OK};                                                 \
    uint64_t res_v_[2] = {0, 0};                                                                   \
    for (unsigned k_ = 0; k_ < ntg_; k_++) {                                                       \
      inst_t *x = tg_[k_];                                                                         \
      mpic_status_t st = MPIC_OK;                                                                  \
      uint64_t val = 0;                                                                            \
      __VA_ARGS__;                                                                                 \
      res_st_[k_] = st;                                                                            \
      res_v_[k_] = val;                                                                            \
    }                                                                                              \
    if (ntg_ == 2)                                                                                 \
      CHECK(res_st_[0] == res_st_[1] && res_v_[0] == res_v_[1],                                    \
            "mirror: results differ (%s/%s, 0x%llx/0x%llx)", mpic_status_name(res_st_[0]),         \
            mpic_status_name(res_st_[1]), (unsigned long long)res_v_[0],                           \
            (unsigned long long)res_v_[1]);                                                        \
  } while (0)

/* Can the core check exactly what an IACK / EOI does now? */
static bool exact_now(fz_t *f, inst_t *x) {
  if (x->tainted || f->cur != mpic_now(x->m)) return false;
  mpic_async_stats_t as;
  mpic_async_stats(x->m, &as);
  if (as.posted != as.applied) return false; /* queued changes apply first */
  return !(peek(x, 0, GCR) & 0x80000000u);   /* writes are ignored during a reset */
}

static void do_access(fz_t *f, in_t *in, int op) {
  acc_t a = pick_access(f, in);
  uint32_t wval = (op == C_WRITE || op == C_POKE) ? u32(in) : 0;
  bool is_iack = a.table && strcmp(a.name, "IACK") == 0;
  bool is_eoi = a.table && strcmp(a.name, "EOI") == 0;
  if (a.off >= SRC_VPR(0) && a.off < SRC_VPR(MAX_SLOTS)) touch(f, (a.off - SRC_VPR(0)) / 0x20u);
  FOR_TARGETS(f, x, {
    /* a raw access the core will refuse (a peek decodes the same way) */
    uint32_t probe = 0;
    bool bad = !a.table && (a.size != 4 || mpic_peek(x->m, a.cpu, a.off, &probe) != MPIC_OK);
    bool exact = exact_now(f, x);
    mpic_cpu_state_t before;
    mpic_cpu_state(x->m, a.bank_cpu, &before);
    /* paranoid: a table register access that does not peek must succeed
     * (checked below), so only a refused raw access or a peek needs the
     * snapshot comparison */
    bool table_ok = a.table && !x->tainted && op != C_PEEK;
    guard_t g = guard_begin_on(f, x, bad || (f->paranoid && !table_ok));
    uint32_t v = 0;
    switch (op) {
    case C_READ:
      st = mpic_read(x->m, f->cur, a.cpu, a.off, a.size, &v, NULL);
      guard_end(f, x, g, st, "mpic_read");
      break;
    case C_WRITE:
      st = mpic_write(x->m, f->cur, a.cpu, a.off, a.size, wval, NULL);
      guard_end(f, x, g, st, "mpic_write");
      break;
    case C_PEEK:
      st = mpic_peek(x->m, a.cpu, a.off, &v);
      status_ok(x, st, "mpic_peek");
      /* a peek changes nothing, successful or not */
      guard_end(f, x, g, st == MPIC_OK ? MPIC_E_ARG : st, "mpic_peek");
      break;
    default:
      st = mpic_poke(x->m, a.cpu, a.off, wval);
      guard_end(f, x, g, st, "mpic_poke");
      break;
    }
    if (a.table && !x->tainted)
      CHECK(st == MPIC_OK, "%s: access to table register %s at 0x%05x refused: %s", x->name, a.name,
            a.off, mpic_status_name(st));
    if (st == MPIC_OK && op == C_READ && is_iack && exact)
      CHECK(v == before.iack_vector, "%s: IACK of cpu %u returned 0x%x, cpu_state said 0x%x",
            x->name, a.bank_cpu, v, before.iack_vector);
    if (st == MPIC_OK && op == C_WRITE && is_eoi && exact) {
      mpic_cpu_state_t after;
      mpic_cpu_state(x->m, a.bank_cpu, &after);
      unsigned want = before.isr_depth ? before.isr_depth - 1u : 0u;
      CHECK(after.isr_depth == want, "%s: EOI on cpu %u: depth %u -> %u", x->name, a.bank_cpu,
            before.isr_depth, after.isr_depth);
    }
    val = v;
  });
}

static mpic_cycle_t clamp_add(mpic_cycle_t t, uint64_t d) {
  if (d >= TIME_CAP || t >= TIME_CAP - d) return TIME_CAP - 1;
  return t + d;
}

/* Shortest interval between timer expiries now (a lower bound), MPIC_NEVER
 * when no timer counts. Each expiry is one event, so a long advance with a
 * fast timer costs time in proportion: the fuzzer keeps advances within
 * TIMER_EVENT_BUDGET expiries. */
#define TIMER_EVENT_BUDGET 20000u
static mpic_cycle_t timer_min_interval(inst_t *x) {
  const mpic_variant_info_t *v = mpic_variant(x->m);
  mpic_cycle_t best = MPIC_NEVER;
  uint64_t div = mpic_get_param(x->m, MPIC_P_MPIC_CLK_DIV);
  for (unsigned t = 0; t < 4 * v->timer_groups; t++) {
    uint32_t bcr = peek(x, 0, TMR_BCR(t));
    if (bcr & 0x80000000u) continue;
    uint32_t tcr = peek(x, 0, TMR_TCR(t / 4));
    uint64_t per = div * (8u << ((tcr >> 8) & 3u));
    uint64_t base = bcr & 0x7FFFFFFFu;
    mpic_cycle_t iv = per * (base ? base : 1);
    if (iv < best) best = iv;
  }
  return best;
}

static void do_time(fz_t *f, in_t *in) {
  uint8_t k = u8(in);
  bool call = (k & 0x80u) != 0;
  uint64_t d = 0;
  switch (k & 7u) {
  case 0: d = u8(in); break;
  case 1: d = u16(in); break;
  case 2: d = u32(in); break;
  case 3: {
    uint32_t b = u32(in);
    d = (uint64_t)b << (u8(in) % 25u);
    break;
  }
  case 4: {
    mpic_cycle_t ne = mpic_next_event(f->a.m);
    if (ne != MPIC_NEVER && ne > f->cur) d = ne - f->cur;
    break;
  }
  case 5: { /* step through the next events one by one */
    unsigned steps = u8(in) % 64u;
    for (unsigned s = 0; s < steps; s++) {
      mpic_cycle_t ne = mpic_next_event(f->a.m);
      if (ne == MPIC_NEVER || ne >= TIME_CAP) break;
      if (ne > f->cur) f->cur = ne;
      FOR_TARGETS(f, x, {
        st = mpic_advance(x->m, f->cur);
        status_ok(x, st, "mpic_advance");
      });
      check_all(f, false);
    }
    return;
  }
  case 6: d = u64(in); break;
  default: d = 0; break;
  }
  mpic_cycle_t iv = timer_min_interval(&f->a);
  if (iv != MPIC_NEVER && d / iv > TIMER_EVENT_BUDGET) d = iv * TIMER_EVENT_BUDGET;
  f->cur = clamp_add(f->cur, d);
  if (call) {
    FOR_TARGETS(f, x, {
      st = mpic_advance(x->m, f->cur);
      status_ok(x, st, "mpic_advance");
      CHECK(st == MPIC_OK || x->tainted, "%s: advance to %llu refused: %s", x->name,
            (unsigned long long)f->cur, mpic_status_name(st));
    });
  }
}

/* Leave lockstep; the copy must still match the original. */
static void stop_mirror(fz_t *f) {
  if (!f->mirror) return;
  check_inst(f, &f->a, true);
  check_inst(f, &f->b, false);
  CHECK(f->a.out_hash == f->b.out_hash, "mirror: restored copy emitted different outputs");
  check_mirror_state(f);
  f->mirror = false;
}

static void release_handles(inst_t *x) {
  for (unsigned i = 0; i < NHANDLES; i++) {
    mpic_line_release(x->h[i]);
    x->h[i] = NULL;
  }
}

static mpic_status_t create_inst(fz_t *f, inst_t *x, const char *name) {
  memset(x, 0, sizeof *x);
  x->name = name;
  mpic_config_t cfg = f->cfg;
  cfg.output = on_output;
  cfg.output_ctx = x;
  cfg.log = on_log;
  cfg.log_ctx = x;
  mpic_status_t st = mpic_create(&cfg, &x->m);
  if (st == MPIC_OK) resync_shadow(x);
  return st;
}

/* The second instance is created when a command first needs it. */
static bool need_b(fz_t *f) {
  if (!f->have_b && create_inst(f, &f->b, "b") == MPIC_OK) f->have_b = true;
  return f->have_b;
}

/* Make b a lockstep copy of a. */
static void start_mirror(fz_t *f) {
  stop_mirror(f); /* compares a running mirror before b is overwritten */
  if (!need_b(f) || f->a.tainted) return;
  /* posted changes are not part of a snapshot: apply them first */
  mpic_status_t st = mpic_drain(f->a.m, f->cur);
  status_ok(&f->a, st, "mpic_drain");
  if (st != MPIC_OK) return;
  st = mpic_drain(f->b.m, mpic_now(f->b.m));
  status_ok(&f->b, st, "mpic_drain");
  size_t len = save(f, &f->a, f->blob);
  st = mpic_restore(f->b.m, f->blob, len);
  CHECK(st == MPIC_OK, "restore of a fresh snapshot into a second instance: %s",
        mpic_status_name(st));
  f->b.tainted = false;
  resync_shadow(&f->b);
  size_t lb = save(f, &f->b, f->blob2 + f->blob_cap);
  CHECK(lb == len && memcmp(f->blob, f->blob2 + f->blob_cap, len) == 0,
        "save(restore(save(a))) differs from save(a)");
  /* same handles on both sides */
  release_handles(&f->b);
  for (unsigned i = 0; i < NHANDLES; i++) {
    if (!f->a.h[i]) continue;
    f->b.hkind[i] = f->a.hkind[i], f->b.hidx[i] = f->a.hidx[i];
    st = f->a.hkind[i] ? mpic_msi_bind(f->b.m, f->a.hidx[i], &f->b.h[i])
                       : mpic_line_bind(f->b.m, f->a.hidx[i], &f->b.h[i]);
    CHECK(st == MPIC_OK, "re-binding handle %u on the copy: %s", i, mpic_status_name(st));
  }
  f->a.out_hash = f->b.out_hash = 0;
  f->mirror = true;
}

static void do_snap(fz_t *f, in_t *in) {
  uint8_t k = u8(in);
  inst_t *a = &f->a;
  switch (k % 8u) {
  case 0: { /* save, restore into the same instance: nothing changes */
    size_t len = save(f, a, f->blob);
    mpic_status_t st = mpic_restore(a->m, f->blob, len);
    status_ok(a, st, "mpic_restore");
    CHECK(st == MPIC_OK || a->tainted, "self-restore refused: %s", mpic_status_name(st));
    if (st != MPIC_OK) break;
    size_t l2 = save(f, a, f->blob2 + f->blob_cap);
    CHECK(l2 == len && memcmp(f->blob, f->blob2 + f->blob_cap, len) == 0,
          "self-restore changed the state");
    memcpy(f->blob2, f->blob, len);
    f->saved_len = len;
    f->saved_tainted = a->tainted;
    break;
  }
  case 1: /* restore into the second instance and run both in lockstep */ start_mirror(f); break;
  case 2:   /* corrupted blob, checksum not fixed: rejected, target untouched */
  case 3:   /* corrupted blob, checksum fixed */
  case 4: { /* truncated / extended blob */
    stop_mirror(f);
    size_t len = save(f, a, f->blob);
    uint8_t *mut = f->blob2 + f->blob_cap;
    memcpy(mut, f->blob, len);
    size_t mlen = len;
    unsigned nmut = 1 + u8(in) % 4u;
    for (unsigned i = 0; i < nmut; i++) {
      size_t pos = u16(in) % len;
      uint8_t x = u8(in);
      if ((k % 8u) != 4) {
        if (x == 0) x = 1;
        mut[pos] ^= x;
      } else {
        mlen = pos;
      }
    }
    if ((k % 8u) == 3 && mlen >= 4) { /* recompute the CRC-32 */
      uint32_t c = 0xFFFFFFFFu;
      for (size_t i = 0; i < mlen - 4; i++) {
        c ^= mut[i];
        for (int b = 0; b < 8; b++)
          c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
      }
      c = ~c;
      mut[mlen - 4] = (uint8_t)(c >> 24), mut[mlen - 3] = (uint8_t)(c >> 16);
      mut[mlen - 2] = (uint8_t)(c >> 8), mut[mlen - 1] = (uint8_t)c;
    }
    bool changed = mlen != len || memcmp(mut, f->blob, len) != 0;
    inst_t *t = ((k & 0x10u) && need_b(f)) ? &f->b : a;
    if (t == a) check_inst(f, a, true);             /* a restore may replace a's state */
    size_t lt = t == a ? len : save(f, t, f->blob); /* blob: target before */
    mpic_status_t st = mpic_restore(t->m, mut, mlen);
    status_ok(t, st, "mpic_restore");
    if (st == MPIC_OK) {
      CHECK((k % 8u) == 3 || !changed, "%s: corrupted blob (mode %u) accepted", t->name, k % 8u);
      if (changed) t->tainted = true; /* semantic checks no longer apply */
      resync_shadow(t);
      if (t == a) f->cur = mpic_now(t->m) < TIME_CAP ? mpic_now(t->m) : TIME_CAP - 1;
    } else {
      CHECK(st == MPIC_E_CORRUPT || st == MPIC_E_VERSION || st == MPIC_E_MISMATCH,
            "%s: corrupted blob refused with %s", t->name, mpic_status_name(st));
      size_t l2 = save(f, t, mut);
      CHECK(l2 == lt && memcmp(f->blob, mut, lt) == 0,
            "%s: refused restore (%s) changed the target", t->name, mpic_status_name(st));
    }
    break;
  }
  case 5: stop_mirror(f); break;
  case 6: /* destroy and recreate b: its handles are left dangling (gone) */
    stop_mirror(f);
    if (f->have_b) {
      mpic_line_t *keep[NHANDLES];
      memcpy(keep, f->b.h, sizeof keep);
      mpic_destroy(f->b.m);
      for (unsigned i = 0; i < NHANDLES; i++)
        if (keep[i]) {
          mpic_status_t st = mpic_line_set(keep[i], f->cur, true);
          CHECK(st == MPIC_E_GONE || st == MPIC_E_MODE, "handle after destroy: %s",
                mpic_status_name(st));
          st = mpic_line_post(keep[i], false);
          CHECK(st == MPIC_E_GONE || st == MPIC_E_MODE, "post after destroy: %s",
                mpic_status_name(st));
          st = mpic_line_msi(keep[i], f->cur, 0);
          CHECK(st == MPIC_E_GONE || st == MPIC_E_MODE, "msi after destroy: %s",
                mpic_status_name(st));
          mpic_line_release(keep[i]);
        }
      f->have_b = false;
    }
    need_b(f);
    break;
  default: /* restore the last saved blob into a (time may go back) */
    if (!f->saved_len) break;
    stop_mirror(f);
    check_inst(f, a, true); /* before a's state is replaced */
    {
      mpic_status_t st = mpic_restore(a->m, f->blob2, f->saved_len);
      status_ok(a, st, "mpic_restore");
      CHECK(st == MPIC_OK, "restore of a saved blob refused: %s", mpic_status_name(st));
      a->tainted = f->saved_tainted;
      resync_shadow(a);
      f->cur = mpic_now(a->m); /* the host follows the restored time */
    }
    break;
  }
}

static void do_line(fz_t *f, in_t *in) {
  uint8_t sel = u8(in);
  unsigned slot = sel % NHANDLES, op = (sel >> 2) % 8u;
  uint16_t arg = u16(in);
  uint32_t v = (op == 4 || op == 5) ? u32(in) : 0;
  unsigned slots = f->cfg.ncpus ? mpic_source_slots(f->a.m) : 0;
  const mpic_variant_info_t *var = mpic_variant(f->a.m);
  if (op == 0) touch(f, arg % (slots + 4u));
  if ((op == 2 || op == 3) && f->a.h[slot] && !f->a.hkind[slot]) touch(f, f->a.hidx[slot]);
  FOR_TARGETS(f, x, {
    mpic_line_t **h = &x->h[slot];
    switch (op) {
    case 0: /* bind a source line */
      mpic_line_release(*h);
      *h = NULL;
      st = mpic_line_bind(x->m, arg % (slots + 4u), h);
      status_ok(x, st, "mpic_line_bind");
      x->hkind[slot] = 0, x->hidx[slot] = arg % (slots + 4u);
      CHECK((st == MPIC_OK) == (*h != NULL), "line_bind: %s with handle %p", mpic_status_name(st),
            (void *)*h);
      break;
    case 1: /* bind an MSI bank */
      mpic_line_release(*h);
      *h = NULL;
      st = mpic_msi_bind(x->m, arg % (var->msi_banks + 1u), h);
      status_ok(x, st, "mpic_msi_bind");
      x->hkind[slot] = 1, x->hidx[slot] = arg % (var->msi_banks + 1u);
      CHECK((st == MPIC_OK) == (*h != NULL), "msi_bind: %s", mpic_status_name(st));
      break;
    case 2:
      if (*h) st = mpic_line_set(*h, f->cur, arg & 1u);
      status_ok(x, st, "mpic_line_set");
      break;
    case 3:
      if (*h) st = mpic_line_post(*h, arg & 1u);
      status_ok(x, st, "mpic_line_post");
      break;
    case 4:
      if (*h) st = mpic_line_msi(*h, f->cur, v);
      status_ok(x, st, "mpic_line_msi");
      break;
    case 5:
      if (*h) st = mpic_line_post_msi(*h, v);
      status_ok(x, st, "mpic_line_post_msi");
      break;
    case 6:
      mpic_line_release(*h);
      *h = NULL;
      break;
    default: {
      mpic_async_stats_t as;
      st = mpic_async_stats(x->m, &as);
      CHECK(st == MPIC_OK && as.applied <= as.posted, "async stats: applied %llu > posted %llu",
            (unsigned long long)as.applied, (unsigned long long)as.posted);
      break;
    }
    }
    val = *h != NULL;
  });
}

/* Deliberately bad calls: each must fail and change nothing. */
static void do_bad(fz_t *f, in_t *in) {
  inst_t *x = &f->a;
  mpic_t *m = x->m;
  uint8_t k = u8(in);
  uint8_t arg = u8(in);
  mpic_cycle_t now = mpic_now(m);
  mpic_cycle_t back = now ? now - 1 - (arg % now) : 0;
  unsigned ncpus = mpic_ncpus(m), slots = mpic_source_slots(m);
  const mpic_variant_info_t *var = mpic_variant(m);
  guard_t g = guard_begin(f, x, true);
  mpic_status_t st = MPIC_OK, want = MPIC_OK; /* want: exact status when known */
  uint32_t v = 0;
  const char *what = "?";
  switch (k % 16u) {
  case 0:
    if (!now) goto out;
    st = mpic_advance(m, back), want = MPIC_E_TIME, what = "advance backwards";
    break;
  case 1:
    if (!now) goto out;
    st = mpic_read(m, back, 0, GCR, 4, &v, NULL), want = MPIC_E_TIME, what = "read backwards";
    break;
  case 2:
    if (!now) goto out;
    st = mpic_write(m, back, 0, SRC_VPR(0), 4, 0, NULL), want = MPIC_E_TIME;
    what = "write backwards";
    break;
  case 3:
    if (!now) goto out;
    st = mpic_set_irq(m, back, 0, arg & 1u), want = MPIC_E_TIME, what = "irq backwards";
    break;
  case 4:
    st = mpic_set_irq(m, f->cur, slots + arg, true), want = MPIC_E_RANGE, what = "irq bad source";
    break;
  case 5:
    st = mpic_read(m, f->cur, ncpus + arg % 64u, GCR, 4, &v, NULL), want = MPIC_E_RANGE;
    what = "read bad cpu";
    break;
  case 6: st = mpic_ack(m, f->cur, ncpus + arg % 64u, &v), what = "ack bad cpu"; break;
  case 7:
    st = mpic_msi(m, f->cur, var->msi_banks + arg, 0), want = MPIC_E_RANGE, what = "msi bad bank";
    break;
  case 8: st = mpic_set_error(m, f->cur, 32u + arg, true), what = "error bad k"; break;
  case 9:
    st = mpic_read(m, f->cur, 0, GCR, (arg % 8u == 4) ? 2 : arg % 8u, &v, NULL);
    want = MPIC_E_SIZE, what = "read bad size";
    break;
  case 10:
    st = mpic_write(m, f->cur, 0, GCR + 1u + arg % 3u, 4, 0, NULL), want = MPIC_E_MISALIGNED;
    what = "write misaligned";
    break;
  case 11:
    st = mpic_read(m, f->cur, 0, GCR, 4, NULL, NULL), want = MPIC_E_ARG, what = "read NULL";
    break;
  case 12:
    if (!now) goto out;
    st = mpic_drain(m, back), want = MPIC_E_TIME, what = "drain backwards";
    break;
  case 13:
    switch (arg % 5u) {
    case 0: st = mpic_attr_set(m, 0, 0, 0), want = MPIC_E_ATTR; break;
    case 1:
      st = mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_NCPUS, 1), want = MPIC_E_MODE;
      break;
    case 2:
      st = mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, 0x1000);
      want = MPIC_E_RANGE;
      break;
    case 3:
      st = mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, (uint64_t)ncpus << 32, 0), want = MPIC_E_RANGE;
      break;
    default:
      st = mpic_attr_set(m, MPIC_ATTR_GRP_IRQ_ACTIVE, slots + arg, 1), want = MPIC_E_RANGE;
      break;
    }
    what = "attr_set";
    break;
  case 14: {
    size_t need = 0;
    mpic_snapshot_size(m, &need);
    st = mpic_save(m, f->blob2 + f->blob_cap, need - 1 - arg % need, NULL), want = MPIC_E_RANGE;
    what = "save short buffer";
    if (st == MPIC_OK) fail("save into a short buffer succeeded");
    break;
  }
  default: {
    mpic_line_t *h = NULL;
    st = mpic_msi_bind(m, var->msi_banks + arg, &h), want = MPIC_E_RANGE, what = "msi_bind";
    CHECK(h == NULL, "failed msi_bind returned a handle");
    break;
  }
  }
  CHECK(st != MPIC_OK, "bad call '%s' succeeded", what);
  if (want != MPIC_OK)
    CHECK(st == want, "bad call '%s' returned %s, expected %s", what, mpic_status_name(st),
          mpic_status_name(want));
  guard_end(f, x, g, st, what);
  /* queries with bad arguments */
  {
    mpic_cpu_state_t cs;
    mpic_source_state_t ss;
    bool lv;
    CHECK(mpic_cpu_state(m, ncpus, &cs) == MPIC_E_RANGE, "cpu_state bad cpu");
    CHECK(mpic_cpu_state(m, 0, NULL) == MPIC_E_ARG, "cpu_state NULL");
    CHECK(mpic_source_state(m, slots, &ss) == MPIC_E_RANGE, "source_state bad source");
    CHECK(mpic_get_output(m, ncpus, MPIC_PIN_INT, &lv) == MPIC_E_RANGE, "get_output bad cpu");
    CHECK(mpic_get_output(m, 0, MPIC_PIN_COUNT, &lv) == MPIC_E_RANGE, "get_output bad pin");
    CHECK(mpic_restore(m, NULL, 0) == MPIC_E_ARG, "restore NULL");
  }
  return;
out:
  guard_end(f, x, g, MPIC_OK, what);
}

static void do_source(fz_t *f, in_t *in) {
  /* program a numbered source: VPR then DR (and ILR on v4) */
  uint16_t sn = u16(in);
  uint8_t pf = u8(in); /* prio 0..15, bit 4 S (level), bit 5 P, bit 6 masked, bit 7: ILR */
  uint16_t vec = u16(in);
  uint32_t dr = u32(in);
  unsigned slots = mpic_source_slots(f->a.m);
  unsigned n = sn % slots;
  mpic_source_state_t ss;
  if (mpic_source_state(f->a.m, n, &ss) != MPIC_OK) return;
  touch(f, n);
  uint32_t vpr = ((uint32_t)(pf & 15u) << 16) | vec | ((pf & 0x10u) ? VPR_S : 0) |
                 ((pf & 0x20u) ? VPR_P : 0) | ((pf & 0x40u) ? VPR_MSK : 0);
  const mpic_variant_info_t *var = mpic_variant(f->a.m);
  FOR_TARGETS(f, x, {
    st = mpic_write(x->m, f->cur, 0, SRC_VPR(n), 4, vpr, NULL);
    status_ok(x, st, "mpic_write");
    st = mpic_write(x->m, f->cur, 0, SRC_DR(n), 4, dr, NULL);
    status_ok(x, st, "mpic_write");
    if (var->has_ilr && (pf & 0x80u)) {
      st = mpic_write(x->m, f->cur, 0, SRC_ILR(n), 4, (dr >> 24) % 4u, NULL);
      status_ok(x, st, "mpic_write");
    }
  });
}

static void do_mode(fz_t *f, in_t *in) {
  uint8_t b = u8(in);
  uint32_t gcr = (uint32_t)(b & 3u) << 29;
  FOR_TARGETS(f, x, {
    st = mpic_write(x->m, f->cur, 0, GCR, 4, gcr, NULL);
    status_ok(x, st, "mpic_write GCR");
    if (b & 4u) {
      st = mpic_write(x->m, f->cur, 0, SVR, 4, 0xFFFFu - (b >> 3), NULL);
      status_ok(x, st, "mpic_write SVR");
    }
  });
}

static void do_percpu(fz_t *f, in_t *in) {
  uint8_t b = u8(in);
  uint8_t arg = u8(in);
  unsigned c = (b & 31u) % f->cfg.ncpus;
  switch ((b >> 5) & 3u) {
  case 0: { /* IACK */
    FOR_TARGETS(f, x, {
      mpic_cpu_state_t cs;
      mpic_cpu_state(x->m, c, &cs);
      uint32_t v = 0;
      bool exact = exact_now(f, x);
      st = (arg & 1u) ? mpic_read(x->m, f->cur, c, 0xA0, 4, &v, NULL)
                      : mpic_read(x->m, f->cur, 0, PCPU_IACK(c), 4, &v, NULL);
      status_ok(x, st, "IACK");
      if (exact && st == MPIC_OK)
        CHECK(v == cs.iack_vector, "%s: IACK cpu %u returned 0x%x, predicted 0x%x", x->name, c, v,
              cs.iack_vector);
      val = v;
    });
    break;
  }
  case 1: /* EOI */
    FOR_TARGETS(f, x, {
      st = mpic_write(x->m, f->cur, 0, PCPU_EOI(c), 4, 0, NULL);
      status_ok(x, st, "EOI");
    });
    break;
  case 2: /* CTPR */
    FOR_TARGETS(f, x, {
      st = mpic_write(x->m, f->cur, 0, PCPU_CTPR(c), 4, arg & 15u, NULL);
      status_ok(x, st, "CTPR");
    });
    break;
  default: /* IPI dispatch, with IPI n unmasked first */
    FOR_TARGETS(f, x, {
      unsigned i = arg % 4u;
      st = mpic_write(x->m, f->cur, 0, IPI_VPR(i), 4, ((uint32_t)(arg >> 2) << 16) | (0x100u + i),
                      NULL);
      status_ok(x, st, "IPIVPR");
      st = mpic_write(x->m, f->cur, 0, PCPU_IPIDR(c, i), 4, b >> 7 ? 0xFFFFFFFFu : 1u << c, NULL);
      status_ok(x, st, "IPIDR");
    });
    break;
  }
}

static void do_timer(fz_t *f, in_t *in) {
  uint8_t t = u8(in);
  uint32_t base = u16(in);
  uint8_t pf = u8(in);
  const mpic_variant_info_t *var = mpic_variant(f->a.m);
  unsigned nt = 4 * var->timer_groups;
  if (!nt) return;
  unsigned tn = t % nt;
  FOR_TARGETS(f, x, {
    st = mpic_write(x->m, f->cur, 0, TMR_VPR(tn), 4,
                    ((uint32_t)(pf & 15u) << 16) | (0x200u + tn) | ((pf & 0x10u) ? VPR_MSK : 0),
                    NULL);
    status_ok(x, st, "GTVPR");
    st = mpic_write(x->m, f->cur, 0, TMR_DR(tn), 4, (pf >> 5) + 1u, NULL);
    status_ok(x, st, "GTDR");
    if (t & 0x80u) {
      st = mpic_write(x->m, f->cur, 0, TMR_TCR(tn / 4), 4,
                      ((uint32_t)(t >> 4) & 7u) | ((base & 3u) << 8), NULL);
      status_ok(x, st, "TCR");
    }
    st = mpic_write(x->m, f->cur, 0, TMR_BCR(tn), 4, (t & 0x40u) ? 0x80000000u : base, NULL);
    status_ok(x, st, "GTBCR");
  });
}

static void do_attr(fz_t *f, in_t *in) {
  uint8_t k = u8(in);
  uint32_t a = u32(in);
  if (k % 4u == 1 || k % 4u == 2) touch(f, a % 300u);
  FOR_TARGETS(f, x, {
    uint64_t v = 0;
    switch (k % 4u) {
    case 0:
      st = mpic_attr_get(x->m, MPIC_ATTR_GRP_REGISTER,
                         ((uint64_t)((k >> 2) % f->cfg.ncpus) << 32) | (a & 0x3FFFCu), &v);
      break;
    case 1: st = mpic_attr_get(x->m, MPIC_ATTR_GRP_IRQ_ACTIVE, a % 300u, &v); break;
    case 2: st = mpic_attr_set(x->m, MPIC_ATTR_GRP_IRQ_ACTIVE, a % 300u, (k >> 2) & 1u); break;
    default:
      st = mpic_attr_set(x->m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR,
                         (uint64_t)a * MPIC_BLOCK_SIZE);
      if (st == MPIC_OK) {
        st = mpic_attr_get(x->m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, &v);
        CHECK(st == MPIC_OK && v == (uint64_t)a * MPIC_BLOCK_SIZE, "BASE_ADDR readback");
      }
      break;
    }
    status_ok(x, st, "mpic_attr");
    val = v;
  });
}

static void do_cmd(fz_t *f, in_t *in) {
  uint8_t op = u8(in) % C_NCMD;
  /* commands that are one guarded call (plus observers) keep the guard blob */
  bool one_guarded = op <= C_ACK || op == C_BAD;
  if (!one_guarded) guard_drop(f);
  unsigned slots = mpic_source_slots(f->a.m);
  const mpic_variant_info_t *var = mpic_variant(f->a.m);
  switch (op) {
  case C_READ:
  case C_WRITE:
  case C_PEEK:
  case C_POKE: do_access(f, in, op); break;
  case C_IRQ: {
    unsigned src = u16(in) % (slots + 8u);
    bool lv = u8(in) & 1u;
    touch(f, src);
    FOR_TARGETS(f, x, {
      guard_t g = guard_begin(f, x, src >= slots);
      st = mpic_set_irq(x->m, f->cur, src, lv);
      guard_end(f, x, g, st, "mpic_set_irq");
    });
    break;
  }
  case C_ERR: {
    unsigned k = u8(in) % 40u;
    bool lv = u8(in) & 1u;
    touch(f, 16); /* the error summary source (v4.1+) */
    FOR_TARGETS(f, x, {
      guard_t g = guard_begin(f, x, k >= 32 || !var->has_eisr);
      st = mpic_set_error(x->m, f->cur, k, lv);
      guard_end(f, x, g, st, "mpic_set_error");
    });
    break;
  }
  case C_MSI: {
    unsigned bank = u8(in) % (var->msi_banks + 1u);
    uint32_t v = u32(in);
    FOR_TARGETS(f, x, {
      guard_t g = guard_begin(f, x, bank >= var->msi_banks);
      st = mpic_msi(x->m, f->cur, bank, v);
      guard_end(f, x, g, st, "mpic_msi");
    });
    break;
  }
  case C_ACK: {
    unsigned c = u8(in) % (f->cfg.ncpus + 1u);
    FOR_TARGETS(f, x, {
      mpic_cpu_state_t cs = {0};
      bool exact = c < f->cfg.ncpus && exact_now(f, x);
      if (exact) mpic_cpu_state(x->m, c, &cs);
      guard_t g = guard_begin(f, x, c >= f->cfg.ncpus);
      uint32_t v = 0;
      st = mpic_ack(x->m, f->cur, c, &v);
      guard_end(f, x, g, st, "mpic_ack");
      if (st == MPIC_OK && exact)
        CHECK(v == cs.iack_vector, "%s: ack cpu %u returned 0x%x, predicted 0x%x", x->name, c, v,
              cs.iack_vector);
      val = v;
    });
    break;
  }
  case C_TIME: do_time(f, in); break;
  case C_SNAP: do_snap(f, in); break;
  case C_GCR_RESET: {
    uint8_t b = u8(in);
    FOR_TARGETS(f, x, {
      st = mpic_write(x->m, f->cur, 0, GCR, 4, 0x80000000u | ((uint32_t)(b & 3u) << 29), NULL);
      status_ok(x, st, "GCR reset");
    });
    break;
  }
  case C_DRAIN:
    FOR_TARGETS(f, x, {
      st = mpic_drain(x->m, f->cur);
      status_ok(x, st, "mpic_drain");
      mpic_async_stats_t as;
      mpic_async_stats(x->m, &as);
      if (st == MPIC_OK)
        CHECK(as.posted == as.applied, "%s: drain left %llu posted, %llu applied", x->name,
              (unsigned long long)as.posted, (unsigned long long)as.applied);
    });
    break;
  case C_LINE: do_line(f, in); break;
  case C_BAD:
    stop_mirror(f);
    do_bad(f, in);
    break;
  case C_SOURCE: do_source(f, in); break;
  case C_MODE: do_mode(f, in); break;
  case C_PERCPU: do_percpu(f, in); break;
  case C_ATTR: do_attr(f, in); break;
  default: do_timer(f, in); break;
  }
  if (!one_guarded) guard_drop(f);
}

/* ---- configuration header ---- */

static bool parse_header(fz_t *f, in_t *in) {
  uint8_t vb = u8(in), cb = u8(in), flags = u8(in);
  unsigned nv = mpic_variant_count();
  const mpic_variant_info_t *v = mpic_variant_at(vb % nv);
  if (mpic_config_init(&f->cfg, v->name) != MPIC_OK) return false;
  unsigned ncpus = (cb & 0x80u) ? 1u + (cb & 0x7Fu) % v->max_cpus : 1u + (cb & 3u);
  if (ncpus > v->max_cpus) ncpus = v->max_cpus;
  f->cfg.ncpus = ncpus;
  if (flags & 1u) {
    static const mpic_param_t zero[] = {MPIC_P_SYNC_DEPTH,  MPIC_P_MIN_PULSE,
                                        MPIC_P_ARB_LATENCY, MPIC_P_IACK_TO_INT,
                                        MPIC_P_EOI_TO_ARB,  MPIC_P_CORE_RESET_LATENCY};
    for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
      f->cfg.param[zero[i]] = 0;
  }
  if (flags & 2u) f->cfg.param[MPIC_P_LENIENT_DECODE] = 1;
  if (flags & 4u) { /* explicit parameter values, taken into range */
    unsigned n = u8(in) % 16u;
    for (unsigned i = 0; i < n; i++) {
      unsigned p = u8(in) % MPIC_P_COUNT;
      uint32_t val = u32(in);
      const mpic_param_info_t *pi = mpic_param_info((mpic_param_t)p);
      uint64_t span = pi->max - pi->min + 1;
      f->cfg.param[p] = pi->min + (val >= pi->min && val <= pi->max ? val - pi->min : val % span);
    }
  }
  f->paranoid = (flags & 8u) != 0;
  f->zero_lat = f->cfg.param[MPIC_P_SYNC_DEPTH] == 0 && f->cfg.param[MPIC_P_MIN_PULSE] == 0 &&
                f->cfg.param[MPIC_P_ARB_LATENCY] == 0 && f->cfg.param[MPIC_P_IACK_TO_INT] == 0 &&
                f->cfg.param[MPIC_P_EOI_TO_ARB] == 0 &&
                f->cfg.param[MPIC_P_CORE_RESET_LATENCY] == 0;
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  in_t in = {data, size, 0};
  fz_t f;
  memset(&f, 0, sizeof f);
  if (!parse_header(&f, &in)) return 0;
  mpic_status_t st = create_inst(&f, &f.a, "a");
  CHECK(st == MPIC_OK, "mpic_create(%s, %u cpus): %s", f.cfg.variant, f.cfg.ncpus,
        mpic_status_name(st));
  size_t need = 0;
  mpic_snapshot_size(f.a.m, &need);
  f.blob_cap = need + 12u * 72u * 9u + 256u; /* + every synchroniser slot */
  f.blob = malloc(f.blob_cap);
  f.blob2 = malloc(2 * f.blob_cap); /* [0, cap): saved blob; [cap, 2cap): scratch */
  f.gblob[0] = malloc(f.blob_cap);
  f.gblob[1] = malloc(f.blob_cap);
  if (!f.blob || !f.blob2 || !f.gblob[0] || !f.gblob[1]) abort();
  f.nregs = mpic_reg_count(f.a.m);
  CHECK(f.nregs > 0, "no registers");
  check_all(&f, true);

  for (unsigned n = 0; n < FUZZ_MAX_CMDS && in_more(&in); n++) {
    do_cmd(&f, &in);
    /* the full sweep always runs after the last step */
    check_all(&f, !in_more(&in) || n + 1 == FUZZ_MAX_CMDS);
  }

  /* tear down in an input-chosen order: handles may outlive their MPIC */
  bool handles_last = size && (data[size - 1] & 1u);
  if (!handles_last) {
    release_handles(&f.a);
    release_handles(&f.b);
  }
  mpic_destroy(f.a.m);
  if (f.have_b) mpic_destroy(f.b.m);
  if (handles_last) {
    for (unsigned i = 0; i < NHANDLES; i++) {
      if (!f.a.h[i]) continue;
      st = f.a.hkind[i] ? mpic_line_post_msi(f.a.h[i], 0) : mpic_line_post(f.a.h[i], true);
      CHECK(st == MPIC_E_GONE, "post through a handle of a destroyed MPIC: %s",
            mpic_status_name(st));
    }
    release_handles(&f.a);
    release_handles(&f.b);
  }
  free(f.blob);
  free(f.blob2);
  free(f.gblob[0]);
  free(f.gblob[1]);
  return 0;
}
