/*
 * lifetime.c - line handles, the thread-safe injection queue, and the owner
 * thread check.
 *
 * Every MPIC has a small shared block (refcounted: one reference for the MPIC,
 * one per handle) holding a mutex, an "alive" flag and the queue of posted
 * changes. mpic_destroy() marks the block dead and frees the MPIC; handles
 * keep the block until the last one is released, so a late call through a
 * handle finds "gone" instead of freed memory.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "internal.h"

typedef struct {
  uint8_t kind; /* ASYNC_LEVEL / ASYNC_MSI */
  uint16_t index;
  uint32_t value;
} async_item_t;

enum { ASYNC_LEVEL = 1, ASYNC_MSI = 2 };

struct mpic_shared {
  atomic_uint refs;
  pthread_mutex_t lock;
  bool alive;
  mpic_t *m;
  async_item_t *q;
  size_t n, cap;
  atomic_bool nonempty;
  uint64_t posted;
  void (*wake)(void *);
  void *wake_ctx;
};

struct mpic_line {
  mpic_shared_t *sh;
  uint8_t kind; /* ASYNC_LEVEL: source line, ASYNC_MSI: bank */
  uint16_t index;
};

mpic_status_t shared_create(mpic_t *m) {
  mpic_shared_t *sh = calloc(1, sizeof *sh);
  if (!sh) return MPIC_E_NOMEM;
  if (pthread_mutex_init(&sh->lock, NULL) != 0) {
    free(sh);
    return MPIC_E_NOMEM;
  }
  atomic_init(&sh->refs, 1);
  atomic_init(&sh->nonempty, false);
  sh->alive = true;
  sh->m = m;
  sh->wake = m->cfg.wake;
  sh->wake_ctx = m->cfg.wake_ctx;
  m->sh = sh;
  m->owner = pthread_self();
  return MPIC_OK;
}

static void shared_unref(mpic_shared_t *sh) {
  if (atomic_fetch_sub(&sh->refs, 1) != 1) return;
  pthread_mutex_destroy(&sh->lock);
  free(sh->q);
  free(sh);
}

/* The MPIC is going away: later handle calls see "gone". */
void shared_detach(mpic_t *m) {
  mpic_shared_t *sh = m->sh;
  if (!sh) return;
  pthread_mutex_lock(&sh->lock);
  sh->alive = false;
  sh->m = NULL;
  sh->n = 0;
  atomic_store(&sh->nonempty, false);
  pthread_mutex_unlock(&sh->lock);
  m->sh = NULL;
  shared_unref(sh);
}

/* ---- owner thread ---- */

mpic_status_t mpic_check_owner(mpic_t *m, const char *call) {
#ifndef MPIC_NO_THREAD_CHECK
  if (!pthread_equal(m->owner, pthread_self())) {
    mpic_log(m, MPIC_LOG_WARN, "%s called from a thread other than the owner; rejected", call);
    return MPIC_E_THREAD;
  }
#else
  (void)m, (void)call;
#endif
  return MPIC_OK;
}

mpic_status_t mpic_set_owner(mpic_t *m) {
  if (!m) return MPIC_E_ARG;
  m->owner = pthread_self();
  return MPIC_OK;
}

/* ---- handles ---- */

static mpic_status_t bind(mpic_t *m, uint8_t kind, unsigned index, mpic_line_t **out) {
  mpic_line_t *h = calloc(1, sizeof *h);
  if (!h) return MPIC_E_NOMEM;
  h->sh = m->sh;
  h->kind = kind;
  h->index = (uint16_t)index;
  atomic_fetch_add(&m->sh->refs, 1);
  *out = h;
  return MPIC_OK;
}

mpic_status_t mpic_line_bind(mpic_t *m, unsigned source, mpic_line_t **out) {
  if (!m || !out) return MPIC_E_ARG;
  if (mpic_check_owner(m, "mpic_line_bind") != MPIC_OK) return MPIC_E_THREAD;
  if (source >= m->slots || m->src[source].kind == SRC_NONE) return MPIC_E_RANGE;
  if (m->src[source].kind != SRC_EXT && m->src[source].kind != SRC_INTERNAL) return MPIC_E_DRIVEN;
  return bind(m, ASYNC_LEVEL, source, out);
}

mpic_status_t mpic_msi_bind(mpic_t *m, unsigned bank, mpic_line_t **out) {
  if (!m || !out) return MPIC_E_ARG;
  if (mpic_check_owner(m, "mpic_msi_bind") != MPIC_OK) return MPIC_E_THREAD;
  if (bank >= m->var->msi_banks) return MPIC_E_RANGE;
  return bind(m, ASYNC_MSI, bank, out);
}

void mpic_line_release(mpic_line_t *h) {
  if (!h) return;
  shared_unref(h->sh);
  free(h);
}

/* The live MPIC behind a handle, or NULL. Called on the owner thread, which
 * is also the only thread that destroys, so the answer stays valid. */
static mpic_t *live(mpic_line_t *h) {
  pthread_mutex_lock(&h->sh->lock);
  mpic_t *m = h->sh->alive ? h->sh->m : NULL;
  pthread_mutex_unlock(&h->sh->lock);
  return m;
}

mpic_status_t mpic_line_set(mpic_line_t *h, mpic_cycle_t now, bool level) {
  if (!h) return MPIC_E_ARG;
  if (h->kind != ASYNC_LEVEL) return MPIC_E_MODE;
  mpic_t *m = live(h);
  return m ? mpic_set_irq(m, now, h->index, level) : MPIC_E_GONE;
}

mpic_status_t mpic_line_msi(mpic_line_t *h, mpic_cycle_t now, uint32_t msiir) {
  if (!h) return MPIC_E_ARG;
  if (h->kind != ASYNC_MSI) return MPIC_E_MODE;
  mpic_t *m = live(h);
  return m ? mpic_msi(m, now, h->index, msiir) : MPIC_E_GONE;
}

/* ---- the injection queue (any thread) ---- */

static mpic_status_t post(mpic_line_t *h, uint8_t kind, uint32_t value) {
  if (!h) return MPIC_E_ARG;
  if (h->kind != kind) return MPIC_E_MODE;
  mpic_shared_t *sh = h->sh;
  pthread_mutex_lock(&sh->lock);
  if (!sh->alive) {
    pthread_mutex_unlock(&sh->lock);
    return MPIC_E_GONE;
  }
  if (sh->n == sh->cap) {
    size_t cap = sh->cap ? sh->cap * 2 : 64;
    async_item_t *q = realloc(sh->q, cap * sizeof *q);
    if (!q) {
      pthread_mutex_unlock(&sh->lock);
      return MPIC_E_NOMEM;
    }
    sh->q = q;
    sh->cap = cap;
  }
  sh->q[sh->n++] = (async_item_t){kind, h->index, value};
  sh->posted++;
  bool first = !atomic_exchange(&sh->nonempty, true);
  void (*wake)(void *) = sh->wake;
  void *ctx = sh->wake_ctx;
  pthread_mutex_unlock(&sh->lock);
  if (first && wake) wake(ctx);
  return MPIC_OK;
}

mpic_status_t mpic_line_post(mpic_line_t *h, bool level) {
  return post(h, ASYNC_LEVEL, level);
}
mpic_status_t mpic_line_post_msi(mpic_line_t *h, uint32_t msiir) {
  return post(h, ASYNC_MSI, msiir);
}

/* Owner side: apply everything queued so far, in posting order, at m->now.
 * The queue is taken out under the lock and applied outside it, so output
 * callbacks may post again (those changes wait for the next drain). */
void async_apply(mpic_t *m) {
  mpic_shared_t *sh = m->sh;
  if (!sh || !atomic_load(&sh->nonempty)) return;
  pthread_mutex_lock(&sh->lock);
  async_item_t *items = sh->q;
  size_t n = sh->n;
  sh->q = NULL;
  sh->n = sh->cap = 0;
  atomic_store(&sh->nonempty, false);
  pthread_mutex_unlock(&sh->lock);
  for (size_t i = 0; i < n; i++) {
    const async_item_t *it = &items[i];
    if (it->kind == ASYNC_LEVEL)
      mpic_apply_level(m, it->index, it->value != 0);
    else
      msi_write_msiir(m, it->index, it->value >> 29, (it->value >> 24) & 31u);
    m->async_applied++;
  }
  free(items);
}

mpic_status_t mpic_async_stats(const mpic_t *m, mpic_async_stats_t *st) {
  if (!m || !st) return MPIC_E_ARG;
  CHECK_OWNER((mpic_t *)m, "mpic_async_stats");
  pthread_mutex_lock(&m->sh->lock);
  st->posted = m->sh->posted;
  pthread_mutex_unlock(&m->sh->lock);
  st->applied = m->async_applied;
  return MPIC_OK;
}
