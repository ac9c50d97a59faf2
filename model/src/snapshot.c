/*
 * snapshot.c - save and restore the complete state as a versioned,
 * endian-neutral (big-endian fields), CRC-32-protected blob.
 *
 * Layout (docs/device-control.md): "MPICSNAP", u32 version, u32 total length,
 * char variant[16], u32 cores, u32 parameter count, u64 parameters..., the
 * state sections, u32 CRC-32 of everything before it. Restore decodes into a
 * scratch instance, checking every field, and only then swaps the state into
 * the target, so a rejected blob leaves the target untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char MAGIC[8] = {'M', 'P', 'I', 'C', 'S', 'N', 'A', 'P'};
#define HDR_FIXED 16u /* magic, version, length */

/* ---- writer / reader ---- */

typedef struct {
  uint8_t *buf; /* NULL: only count */
  size_t cap, pos;
} wr_t;

static void put(wr_t *w, uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; i++) {
    if (w->buf && w->pos < w->cap) w->buf[w->pos] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
    w->pos++;
  }
}
#define P8(w, v)  put(w, (uint64_t)(v), 1)
#define P16(w, v) put(w, (uint64_t)(v), 2)
#define P32(w, v) put(w, (uint64_t)(v), 4)
#define P64(w, v) put(w, (uint64_t)(v), 8)

typedef struct {
  const uint8_t *buf;
  size_t len, pos;
  bool bad;
} rd_t;

static uint64_t get(rd_t *r, unsigned bytes) {
  uint64_t v = 0;
  if (r->len - r->pos < bytes || r->pos > r->len) {
    r->bad = true;
    return 0;
  }
  for (unsigned i = 0; i < bytes; i++)
    v = (v << 8) | r->buf[r->pos++];
  return v;
}
#define G8(r)  ((uint8_t)get(r, 1))
#define G16(r) ((uint16_t)get(r, 2))
#define G32(r) ((uint32_t)get(r, 4))
#define G64(r) get(r, 8)

static bool gbool(rd_t *r) {
  uint8_t v = G8(r);
  if (v > 1) r->bad = true;
  return v != 0;
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

/* ---- the state, written and read in the same order ---- */

static void write_header(wr_t *w, const mpic_t *m, size_t total) {
  for (unsigned i = 0; i < 8; i++)
    P8(w, MAGIC[i]);
  P32(w, MPIC_SNAPSHOT_VERSION);
  P32(w, total);
  for (unsigned i = 0; i < sizeof m->cfg.variant; i++)
    P8(w, m->cfg.variant[i]);
  P32(w, m->ncpus);
  P32(w, MPIC_P_COUNT);
  for (unsigned p = 0; p < MPIC_P_COUNT; p++)
    P64(w, m->cfg.param[p]);
}

static void write_state(wr_t *w, const mpic_t *m) {
  P64(w, m->now);
  P64(w, m->evq.next_seq);
  P32(w, m->gcr), P32(w, m->pir), P32(w, m->svr);
  P8(w, m->in_reset);
  P64(w, m->base_addr);
  for (unsigned g = 0; g < N_TIMER_GROUPS_MAX; g++)
    P32(w, m->tfrr[g]), P32(w, m->tcr[g]);
  for (unsigned i = 0; i < 4; i++)
    for (unsigned k = 0; k < 3; k++)
      P32(w, m->pm[i][k]);
  for (unsigned i = 0; i < 8; i++)
    P32(w, m->msgr[i]);
  for (unsigned g = 0; g < 2; g++)
    P32(w, m->mer[g]), P32(w, m->msr[g]);
  P32(w, m->eisr), P32(w, m->eimr);
  for (unsigned i = 0; i < m->var->msi_banks * m->var->msirs_per_bank; i++)
    P32(w, m->msir[i]);
  for (unsigned i = 0; i < m->nidx; i++) {
    const src_t *s = &m->src[i];
    P32(w, s->vpr), P32(w, s->dr), P32(w, s->ilr);
    P8(w, s->pin), P8(w, s->line), P8(w, s->active_prev), P8(w, s->edge), P8(w, s->pulse);
    P64(w, s->rises);
    P32(w, s->pend_cpus), P32(w, s->inserv_cpus);
  }
  for (unsigned c = 0; c < m->ncpus; c++) {
    const cpu_t *cpu = &m->cpu[c];
    P8(w, cpu->ctpr);
    P16(w, cpu->isr_mask);
    for (unsigned p = 0; p < NLEVELS; p++)
      P16(w, cpu->isr_src[p]);
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++)
      P8(w, cpu->pin[p].level);
  }
  for (unsigned t = 0; t < N_TIMERS_MAX; t++) {
    const gtimer_t *tm = &m->tmr[t];
    P32(w, tm->gtbcr), P32(w, tm->count);
    P8(w, tm->tog), P8(w, tm->role), P8(w, tm->running);
    P64(w, tm->next_tick);
  }
  for (unsigned e = 0; e < N_EXT_MAX; e++) {
    const sync_q_t *q = &m->sync[e];
    P8(w, q->n);
    for (unsigned k = 0; k < q->n; k++) {
      unsigned j = (q->head + k) % SYNC_QCAP;
      P64(w, q->when[j]);
      P8(w, q->level[j]);
    }
  }
  P32(w, m->evq.cap);
  for (int slot = 0; slot < m->evq.cap; slot++) {
    bool pending = evq_pending(&m->evq, slot);
    P8(w, pending);
    if (pending) P64(w, m->evq.time[slot]), P64(w, m->evq.seq[slot]);
  }
}

static size_t blob_size(const mpic_t *m) {
  wr_t w = {0};
  write_header(&w, m, 0);
  write_state(&w, m);
  return w.pos + 4;
}

mpic_status_t mpic_snapshot_size(const mpic_t *m, size_t *size) {
  if (!m || !size) return MPIC_E_ARG;
  *size = blob_size(m);
  return MPIC_OK;
}

mpic_status_t mpic_save(const mpic_t *m, void *buf, size_t len, size_t *written) {
  if (!m || !buf) return MPIC_E_ARG;
  CHECK_OWNER((mpic_t *)m, "mpic_save");
  size_t total = blob_size(m);
  if (len < total) return MPIC_E_RANGE;
  wr_t w = {buf, len, 0};
  write_header(&w, m, total);
  write_state(&w, m);
  P32(&w, crc32(buf, w.pos));
  if (written) *written = w.pos;
  return MPIC_OK;
}

/* Decode the state sections into s (a fresh instance of the same
 * configuration), checking every value that indexes or bounds anything. */
static bool read_state(rd_t *r, mpic_t *s) {
  s->now = G64(r);
  s->evq.next_seq = G64(r);
  s->gcr = G32(r), s->pir = G32(r), s->svr = G32(r);
  s->in_reset = gbool(r);
  s->base_addr = G64(r);
  for (unsigned g = 0; g < N_TIMER_GROUPS_MAX; g++)
    s->tfrr[g] = G32(r), s->tcr[g] = G32(r);
  for (unsigned i = 0; i < 4; i++)
    for (unsigned k = 0; k < 3; k++)
      s->pm[i][k] = G32(r);
  for (unsigned i = 0; i < 8; i++)
    s->msgr[i] = G32(r);
  for (unsigned g = 0; g < 2; g++)
    s->mer[g] = G32(r), s->msr[g] = G32(r);
  s->eisr = G32(r), s->eimr = G32(r);
  for (unsigned i = 0; i < s->var->msi_banks * s->var->msirs_per_bank; i++)
    s->msir[i] = G32(r);
  for (unsigned i = 0; i < s->nidx; i++) {
    src_t *x = &s->src[i];
    x->vpr = G32(r), x->dr = G32(r), x->ilr = G32(r);
    x->pin = gbool(r), x->line = gbool(r), x->active_prev = gbool(r), x->edge = gbool(r);
    x->pulse = G8(r);
    x->rises = G64(r);
    x->pend_cpus = G32(r), x->inserv_cpus = G32(r);
    if (x->pulse > PULSE_VISIBLE || (x->pulse && i >= N_EXT_MAX)) return false;
    if ((x->pend_cpus | x->inserv_cpus) & ~s->cpu_mask) return false;
  }
  for (unsigned c = 0; c < s->ncpus; c++) {
    cpu_t *cpu = &s->cpu[c];
    cpu->ctpr = G8(r);
    cpu->isr_mask = G16(r);
    if (cpu->ctpr > 15) return false;
    for (unsigned p = 0; p < NLEVELS; p++) {
      cpu->isr_src[p] = G16(r);
      if ((cpu->isr_mask & BIT(p)) && cpu->isr_src[p] >= s->nidx) return false;
    }
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++)
      cpu->pin[p].level = gbool(r);
  }
  for (unsigned t = 0; t < N_TIMERS_MAX; t++) {
    gtimer_t *tm = &s->tmr[t];
    tm->gtbcr = G32(r), tm->count = G32(r);
    tm->tog = gbool(r);
    tm->role = G8(r);
    tm->running = gbool(r);
    tm->next_tick = G64(r);
    if (tm->role > TROLE_UPPER) return false;
  }
  /* the cascade roles must be the ones the group's TCR gives */
  for (unsigned g = 0; g < N_TIMER_GROUPS_MAX; g++) {
    uint8_t role[4];
    timer_casc_roles(s->tcr[g], role);
    for (unsigned i = 0; i < 4; i++)
      if (s->tmr[g * 4 + i].role != role[i]) return false;
  }
  for (unsigned e = 0; e < N_EXT_MAX; e++) {
    sync_q_t *q = &s->sync[e];
    q->head = 0;
    q->n = G8(r);
    if (q->n > SYNC_QCAP) return false;
    for (unsigned k = 0; k < q->n; k++)
      q->when[k] = G64(r), q->level[k] = gbool(r);
  }
  if (G32(r) != (uint32_t)s->evq.cap) return false;
  for (int slot = 0; slot < s->evq.cap; slot++) {
    evq_cancel(&s->evq, slot);
    if (!gbool(r)) continue;
    mpic_cycle_t when = G64(r);
    uint64_t seq = G64(r);
    if (when < s->now || seq >= s->evq.next_seq) return false;
    evq_insert(&s->evq, slot, when, seq);
  }
  return !r->bad;
}

/* Rebuild what is derived (arbitration bitmaps, critical counters). */
static void rebuild_derived(mpic_t *s) {
  memset(s->bits_block, 0, (size_t)s->ncpus * NLEVELS * s->nwords * sizeof *s->bits_block);
  for (unsigned c = 0; c < s->ncpus; c++) {
    s->cpu[c].lvl_mask = 0;
    memset(s->cpu[c].summ, 0, sizeof s->cpu[c].summ);
    s->cpu[c].crit_cnt = s->cpu[c].mcp_cnt = 0;
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) /* scheduled iff its event is queued */
      s->cpu[c].pin[p].sched =
          evq_pending(&s->evq, (int)(s->ev_base[EV_OUT] + c * MPIC_PIN_COUNT + p));
  }
  s->ep_cnt = 0;
  for (unsigned i = 0; i < s->nidx; i++) {
    src_t *x = &s->src[i];
    x->cand_prio = 0;
    x->cand_cpus = x->crit_cpus = x->mcp_cpus = 0;
    x->ep_on = false;
    src_update(s, i);
  }
}

mpic_status_t mpic_restore(mpic_t *m, const void *buf, size_t len) {
  if (!m || !buf) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_restore");
  const uint8_t *b = buf;
  if (len < HDR_FIXED + 4 || memcmp(b, MAGIC, sizeof MAGIC) != 0) return MPIC_E_CORRUPT;
  rd_t r = {b, len, 8, false};
  uint32_t version = G32(&r);
  uint32_t total = G32(&r);
  if (total != len) return MPIC_E_CORRUPT;
  uint32_t crc = ((uint32_t)b[len - 4] << 24) | ((uint32_t)b[len - 3] << 16) |
                 ((uint32_t)b[len - 2] << 8) | b[len - 1];
  if (crc32(b, len - 4) != crc) return MPIC_E_CORRUPT;
  if (version != MPIC_SNAPSHOT_VERSION) return MPIC_E_VERSION;

  r.len = len - 4;
  char variant[sizeof m->cfg.variant];
  for (unsigned i = 0; i < sizeof variant; i++)
    variant[i] = (char)G8(&r);
  uint32_t ncpus = G32(&r), nparams = G32(&r);
  if (r.bad) return MPIC_E_CORRUPT;
  bool same = memcmp(variant, m->cfg.variant, sizeof variant) == 0 && ncpus == m->ncpus &&
              nparams == MPIC_P_COUNT;
  for (unsigned p = 0; same && p < MPIC_P_COUNT; p++)
    same = G64(&r) == m->cfg.param[p];
  if (r.bad) return MPIC_E_CORRUPT;
  if (!same) return MPIC_E_MISMATCH;

  mpic_config_t cfg = m->cfg;
  cfg.output = NULL;
  cfg.log = NULL;
  cfg.wake = NULL;
  mpic_t *s;
  if (mpic_create(&cfg, &s) != MPIC_OK) return MPIC_E_NOMEM;
  if (!read_state(&r, s) || r.pos != r.len) {
    mpic_destroy(s);
    return MPIC_E_CORRUPT;
  }
  rebuild_derived(s);

  /* swap the state in; the target keeps its identity (callbacks, lifetime
   * block, owner, hooks, statistics) */
  mpic_t tmp = *m;
  *m = *s;
  *s = tmp;
  s->sh = m->sh; /* the scratch's own lifetime block goes with it */
  m->sh = tmp.sh;
  m->cfg = tmp.cfg;
  m->owner = tmp.owner;
  m->step_fn = tmp.step_fn, m->step_ctx = tmp.step_ctx, m->in_step = tmp.in_step;
  m->async_applied = tmp.async_applied;
  mpic_destroy(s);
  return MPIC_OK;
}
