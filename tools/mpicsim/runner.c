/*
 * runner.c - execution of script commands and expectation accounting.
 *
 * Counting rule: every explicit expectation (each expect= option and each
 * `expect` command) is one check that passes or fails; a call the core
 * rejects without expect=error is one failed check. Successful calls without
 * expect= count nothing.
 */
#include "runner.h"
#include "mpic_vcd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const script_t *s;
  trace_t *t;
  mpic_t *m;
  run_result_t *res;
  mpic_tracer_t *tracer; /* NULL unless --vcd */
} runner_t;

static void pass(runner_t *r) {
  r->res->passed++;
}

#define FAIL(r, cmd, ...)                                                                          \
  do {                                                                                             \
    (r)->res->failed++;                                                                            \
    trace_fail((r)->t, (r)->s->file, (cmd)->line, __VA_ARGS__);                                    \
  } while (0)

/* Accounts for the call status; returns true when the caller should go on to
 * check the returned value. */
static bool check_status(runner_t *r, const cmd_t *cmd, mpic_status_t st) {
  const char *verb = cmd_kind_name(cmd->kind);
  if (st != MPIC_OK) trace_rejected(r->t, cmd->cycle, verb, st);
  if (cmd->exp == EXP_ERROR) {
    if (st != MPIC_OK)
      pass(r);
    else
      FAIL(r, cmd, "%s: expected an error, the call succeeded", verb);
    return false;
  }
  if (st != MPIC_OK) {
    FAIL(r, cmd, "%s: call rejected (%s)", verb, mpic_status_name(st));
    return false;
  }
  return true;
}

static void check_value(runner_t *r, const cmd_t *cmd, const char *what, uint32_t seen) {
  if (cmd->exp != EXP_VALUE) return;
  uint32_t want = cmd->expect & cmd->mask, got = seen & cmd->mask;
  uint32_t dist = want > got ? want - got : got - want;
  if (dist <= cmd->tol) {
    pass(r);
    return;
  }
  char extra[64] = "";
  if (cmd->mask != UINT32_MAX) snprintf(extra, sizeof extra, " (mask 0x%08x)", cmd->mask);
  if (cmd->tol)
    snprintf(extra + strlen(extra), sizeof extra - strlen(extra), " (tol %u)", cmd->tol);
  FAIL(r, cmd, "%s: expected 0x%08x, seen 0x%08x%s", what, cmd->expect, seen, extra);
}

static void do_access(runner_t *r, const cmd_t *cmd) {
  mpic_status_t st = MPIC_OK;
  uint32_t v = 0;
  mpic_cycle_t done = MPIC_NEVER;
  char what[48];
  snprintf(what, sizeof what, "%s 0x%05x cpu=%u", cmd_kind_name(cmd->kind), cmd->offset, cmd->cpu);
  switch (cmd->kind) {
  case CMD_READ: st = mpic_read(r->m, cmd->cycle, cmd->cpu, cmd->offset, 4, &v, &done); break;
  case CMD_PEEK: st = mpic_peek(r->m, cmd->cpu, cmd->offset, &v); break;
  case CMD_WRITE:
    st = mpic_write(r->m, cmd->cycle, cmd->cpu, cmd->offset, 4, cmd->value, &done);
    break;
  case CMD_POKE: st = mpic_poke(r->m, cmd->cpu, cmd->offset, cmd->value); break;
  default: return;
  }
  bool reading = cmd->kind == CMD_READ || cmd->kind == CMD_PEEK;
  if (cmd->kind == CMD_READ || cmd->kind == CMD_WRITE)
    mpic_tracer_bus(r->tracer, cmd->cycle, cmd->cpu, cmd->kind == CMD_WRITE, cmd->offset,
                    cmd->kind == CMD_WRITE ? cmd->value : v, st);
  if (st == MPIC_OK && reading)
    trace_data(r->t, cmd->cycle, cmd_kind_name(cmd->kind), cmd->offset, v, done);
  if (check_status(r, cmd, st) && reading) check_value(r, cmd, what, v);
}

static void do_expect(runner_t *r, const cmd_t *cmd) {
  bool level = false;
  mpic_status_t st = mpic_get_output(r->m, cmd->index, cmd->pin, &level);
  if (st != MPIC_OK) {
    FAIL(r, cmd, "expect %u %s: cannot read the output (%s)", cmd->index, mpic_pin_name(cmd->pin),
         mpic_status_name(st));
  } else if (level != cmd->level) {
    FAIL(r, cmd, "expect %u %s: expected %d, seen %d", cmd->index, mpic_pin_name(cmd->pin),
         cmd->level, level);
  } else {
    pass(r);
  }
}

/* Snapshot file I/O; on failure returns false with the reason in why. The file
 * is written to a temporary name and renamed, so a reader never sees half a file. */
static bool save_file(mpic_t *m, const char *path, size_t *n, mpic_status_t *st, char *why,
                      size_t whylen) {
  *st = mpic_snapshot_size(m, n);
  if (*st != MPIC_OK) return true;
  uint8_t *buf = malloc(*n);
  if (!buf) return snprintf(why, whylen, "out of memory"), false;
  *st = mpic_save(m, buf, *n, n);
  bool ok = true;
  if (*st == MPIC_OK) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    ok = f && fwrite(buf, 1, *n, f) == *n;
    if (f && fclose(f) != 0) ok = false;
    if (ok && rename(tmp, path) != 0) ok = false;
    if (!ok) {
      snprintf(why, whylen, "cannot write %s: %s", path, strerror(errno));
      remove(tmp);
    }
  }
  free(buf);
  return ok;
}

static bool restore_file(mpic_t *m, const char *path, size_t *n, mpic_status_t *st, char *why,
                         size_t whylen) {
  FILE *f = fopen(path, "rb");
  if (!f) return snprintf(why, whylen, "cannot open %s: %s", path, strerror(errno)), false;
  size_t cap = 1 << 14;
  uint8_t *buf = malloc(cap);
  *n = 0;
  while (buf) {
    *n += fread(buf + *n, 1, cap - *n, f);
    if (*n < cap) break;
    uint8_t *b = realloc(buf, cap * 2);
    if (!b) free(buf);
    buf = b;
    cap *= 2;
  }
  bool ok = buf && !ferror(f);
  fclose(f);
  if (!ok) {
    free(buf);
    return snprintf(why, whylen, "cannot read %s", path), false;
  }
  *st = mpic_restore(m, buf, *n);
  free(buf);
  return true;
}

/* save / restore: a file problem or a rejected restore is a failed check
 * unless expect=error asks for it. */
static void do_snapshot(runner_t *r, const cmd_t *cmd) {
  const char *verb = cmd_kind_name(cmd->kind);
  char why[512] = "";
  size_t n = 0;
  mpic_status_t st = MPIC_OK;
  bool io_ok = cmd->kind == CMD_SAVE ? save_file(r->m, cmd->path, &n, &st, why, sizeof why)
                                     : restore_file(r->m, cmd->path, &n, &st, why, sizeof why);
  if (!io_ok) {
    if (cmd->exp == EXP_ERROR)
      pass(r);
    else
      FAIL(r, cmd, "%s: %s", verb, why);
    return;
  }
  if (st == MPIC_OK) trace_snapshot(r->t, cmd->cycle, verb, cmd->path, n);
  check_status(r, cmd, st);
}

static void execute(runner_t *r, const cmd_t *cmd) {
  mpic_status_t st = mpic_advance(r->m, cmd->cycle);
  if (st != MPIC_OK) {
    FAIL(r, cmd, "advance to cycle %llu rejected (%s)", (unsigned long long)cmd->cycle,
         mpic_status_name(st));
    return;
  }
  uint32_t vec = 0;
  switch (cmd->kind) {
  case CMD_READ:
  case CMD_PEEK:
  case CMD_WRITE:
  case CMD_POKE: do_access(r, cmd); break;
  case CMD_IRQ: check_status(r, cmd, mpic_set_irq(r->m, cmd->cycle, cmd->index, cmd->level)); break;
  case CMD_ERR:
    check_status(r, cmd, mpic_set_error(r->m, cmd->cycle, cmd->index, cmd->level));
    break;
  case CMD_MSI: check_status(r, cmd, mpic_msi(r->m, cmd->cycle, cmd->index, cmd->value)); break;
  case CMD_ACK:
    st = mpic_ack(r->m, cmd->cycle, cmd->index, &vec);
    if (st == MPIC_OK) trace_ack(r->t, cmd->cycle, cmd->index, vec);
    if (check_status(r, cmd, st)) {
      char what[32];
      snprintf(what, sizeof what, "ack %u", cmd->index);
      check_value(r, cmd, what, vec);
    }
    break;
  case CMD_EXPECT: do_expect(r, cmd); break;
  case CMD_RUN: break;
  case CMD_SAVE:
  case CMD_RESTORE: do_snapshot(r, cmd); break;
  }
}

int run_script(const script_t *s, trace_t *t, run_result_t *res, char *err, size_t errlen) {
  memset(res, 0, sizeof *res);
  mpic_config_t cfg = s->cfg;
  cfg.output = trace_output;
  cfg.output_ctx = t;
  cfg.log = trace_log;
  cfg.log_ctx = t;
  runner_t r = {.s = s, .t = t, .res = res};
  mpic_status_t st = mpic_create(&cfg, &r.m);
  if (st != MPIC_OK) {
    snprintf(err, errlen, "%s:%u: error: configuration rejected by the core (%s)", s->file,
             s->config_line, mpic_status_name(st));
    return RUN_MALFORMED;
  }
  mpic_vcd_t *vcd = NULL;
  if (t->vcd_path) {
    vcd = mpic_vcd_open(t->vcd_path, "1ns");
    r.tracer = vcd ? mpic_tracer_create(r.m, vcd) : NULL;
    if (!r.tracer) {
      snprintf(err, errlen, "mpicsim: error: cannot write %s", t->vcd_path);
      mpic_vcd_close(vcd);
      mpic_destroy(r.m);
      return RUN_MALFORMED;
    }
  }
  for (size_t i = 0; i < s->ncmds; i++)
    execute(&r, &s->cmds[i]);
  mpic_tracer_destroy(r.tracer);
  if (vcd && mpic_vcd_close(vcd) != 0) {
    snprintf(err, errlen, "mpicsim: error: writing %s failed", t->vcd_path);
    mpic_destroy(r.m);
    return RUN_MALFORMED;
  }
  mpic_destroy(r.m);
  trace_summary(t, res->passed, res->failed);
  return res->failed ? RUN_FAIL : RUN_PASS;
}
