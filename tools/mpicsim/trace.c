/*
 * trace.c - text rendering of run events (see trace.h).
 * Offsets print as 0x%05x (the block is 0x40000 bytes), values as 0x%08x.
 */
#include "trace.h"

#include <stdarg.h>

void trace_init(trace_t *t, FILE *out, bool quiet, bool verbose) {
  t->out = out;
  t->quiet = quiet;
  t->verbose = verbose && !quiet;
  t->vcd_path = NULL;
}

void trace_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when) {
  trace_t *t = ctx;
  if (t->quiet) return;
  fprintf(t->out, "@%llu out %u %s %d\n", (unsigned long long)when, cpu, mpic_pin_name(pin),
          level ? 1 : 0);
}

void trace_log(void *ctx, mpic_log_level_t level, mpic_cycle_t when, const char *msg) {
  trace_t *t = ctx;
  if (t->quiet || (level == MPIC_LOG_INFO && !t->verbose)) return;
  fprintf(t->out, "@%llu log %s: %s\n", (unsigned long long)when,
          level == MPIC_LOG_WARN ? "warn" : "info", msg ? msg : "");
}

void trace_data(trace_t *t, mpic_cycle_t when, const char *verb, uint32_t offset, uint32_t value,
                mpic_cycle_t done) {
  if (t->quiet) return;
  fprintf(t->out, "@%llu %s 0x%05x = 0x%08x", (unsigned long long)when, verb, offset, value);
  if (t->verbose && done != MPIC_NEVER) fprintf(t->out, " (done @%llu)", (unsigned long long)done);
  fputc('\n', t->out);
}

void trace_ack(trace_t *t, mpic_cycle_t when, unsigned cpu, uint32_t vector) {
  if (t->quiet) return;
  fprintf(t->out, "@%llu ack %u = 0x%08x\n", (unsigned long long)when, cpu, vector);
}

void trace_snapshot(trace_t *t, mpic_cycle_t when, const char *verb, const char *path, size_t n) {
  if (t->quiet) return;
  fprintf(t->out, "@%llu %s %s (%zu bytes)\n", (unsigned long long)when, verb, path, n);
}

void trace_rejected(trace_t *t, mpic_cycle_t when, const char *verb, mpic_status_t st) {
  if (t->quiet) return;
  fprintf(t->out, "@%llu %s rejected: %s\n", (unsigned long long)when, verb, mpic_status_name(st));
}

void trace_fail(trace_t *t, const char *file, unsigned line, const char *fmt, ...) {
  fprintf(t->out, "%s:%u: FAIL: ", file, line);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(t->out, fmt, ap);
  va_end(ap);
  fputc('\n', t->out);
}

void trace_summary(trace_t *t, unsigned passed, unsigned failed) {
  fprintf(t->out, "%u passed, %u failed\n", passed, failed);
}
