/*
 * arbiter.c - where priorities are arbitrated. Per core, a 16-bit mask of
 * non-empty priority levels and, per level, a two-level bitmap of candidate
 * sources, so the best candidate is found in constant time whatever the number
 * of sources. Ties go to the lowest index: numbered sources by number, then
 * IPIs 0-3, then timers 0-7 (behaviour.md items 6, 33).
 * Also IACK and EOI, which move entries in and out of the in-service set.
 */
#include "internal.h"

static uint64_t *level_bits(const mpic_t *m, unsigned c, unsigned prio) {
  return m->cpu[c].bits + (size_t)prio * m->nwords;
}

void arb_insert(mpic_t *m, unsigned c, unsigned prio, unsigned idx) {
  cpu_t *cpu = &m->cpu[c];
  uint64_t *w = level_bits(m, c, prio);
  w[idx / 64] |= 1ull << (idx % 64);
  cpu->summ[prio] |= 1ull << (idx / 64);
  cpu->lvl_mask |= (uint16_t)BIT(prio);
}

void arb_remove(mpic_t *m, unsigned c, unsigned prio, unsigned idx) {
  cpu_t *cpu = &m->cpu[c];
  uint64_t *w = level_bits(m, c, prio);
  w[idx / 64] &= ~(1ull << (idx % 64));
  if (!w[idx / 64]) {
    cpu->summ[prio] &= ~(1ull << (idx / 64));
    if (!cpu->summ[prio]) cpu->lvl_mask &= (uint16_t)~BIT(prio);
  }
}

/* Highest-priority candidate of core c (index), or -1. */
int arb_best(const mpic_t *m, unsigned c, unsigned *prio) {
  const cpu_t *cpu = &m->cpu[c];
  if (!cpu->lvl_mask) return -1;
  unsigned p = 31u - (unsigned)__builtin_clz(cpu->lvl_mask);
  unsigned w = (unsigned)__builtin_ctzll(cpu->summ[p]);
  unsigned b = (unsigned)__builtin_ctzll(level_bits(m, c, p)[w]);
  *prio = p;
  return (int)(w * 64 + b);
}

static unsigned isr_top(const cpu_t *cpu) {
  return cpu->isr_mask ? 31u - (unsigned)__builtin_clz(cpu->isr_mask) : 0;
}

/* A candidate is signalled when its priority beats both CTPR and the highest
 * in-service priority (behaviour.md item 5); never in pass-through mode. */
bool arb_signalled(const mpic_t *m, unsigned c, int *idx) {
  unsigned p;
  int b = arb_best(m, c, &p);
  if (b < 0 || gcr_mode(m) == MODE_PASSTHROUGH) return false;
  const cpu_t *cpu = &m->cpu[c];
  if (p <= cpu->ctpr || p <= isr_top(cpu)) return false;
  if (idx) *idx = b;
  return true;
}

/* IACK for core c: the vector of the signalled candidate, moved in service
 * (edge pending or the core's IPI/timer copy cleared), or the SVR vector with
 * nothing changed (behaviour.md item 8). With commit=false: a side-effect-free
 * peek. */
uint32_t arb_iack(mpic_t *m, unsigned c, bool commit, mpic_cycle_t latency) {
  int b;
  if (!arb_signalled(m, c, &b)) return m->svr & VPR_VEC_MASK;
  src_t *s = &m->src[b];
  uint32_t vector = s->vpr & VPR_VEC_MASK;
  if (!commit) return vector;
  bool timer = s->kind == SRC_TIMER;
  unsigned tn = (unsigned)b - m->slots - N_IPI;
  if (timer) timer_sync(m, tn);
  cpu_t *cpu = &m->cpu[c];
  unsigned p = s->cand_prio;
  cpu->isr_mask |= (uint16_t)BIT(p);
  cpu->isr_src[p] = (uint16_t)b;
  s->inserv_cpus |= BIT(c);
  if (s->kind == SRC_IPI || s->kind == SRC_TIMER)
    s->pend_cpus &= ~BIT(c);
  else
    s->edge = false; /* level sources stay pending while asserted */
  src_update(m, (unsigned)b);
  if (timer) timer_source_changed(m, tn);
  out_eval(m, latency);
  return vector;
}

/* EOI: retire the highest-priority in-service entry of core c (no-op when
 * none), then re-arbitrate with CTPR taken into account. */
void arb_eoi(mpic_t *m, unsigned c) {
  cpu_t *cpu = &m->cpu[c];
  if (!cpu->isr_mask) return;
  unsigned p = isr_top(cpu);
  unsigned idx = cpu->isr_src[p];
  cpu->isr_mask &= (uint16_t)~BIT(p);
  m->src[idx].inserv_cpus &= ~BIT(c);
  src_update(m, idx);
  out_eval(m, m->cfg.param[MPIC_P_EOI_TO_ARB]);
}

/* Drop every in-service entry (GCR reset). */
void arb_clear(mpic_t *m) {
  for (unsigned c = 0; c < m->ncpus; c++)
    m->cpu[c].isr_mask = 0;
  for (unsigned i = 0; i < m->nidx; i++)
    m->src[i].inserv_cpus = 0;
}
