/*
 * trace.h - the one place where mpicsim reports what happens during a run:
 * output-pin changes, read data, rejected calls, failed expectations, core
 * log messages and the final summary. A waveform writer (e.g. --vcd) hooks
 * in here: every pin change passes through trace_output.
 */
#ifndef MPICSIM_TRACE_H
#define MPICSIM_TRACE_H

#include "mpic.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
  FILE *out;
  bool quiet;           /* only failures and the summary */
  bool verbose;         /* also info-level core log messages and access completion */
  const char *vcd_path; /* also record a waveform of the run (NULL: none) */
} trace_t;

void trace_init(trace_t *t, FILE *out, bool quiet, bool verbose);

/* mpic_output_fn / mpic_log_fn compatible callbacks (ctx = trace_t *). */
void trace_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when);
void trace_log(void *ctx, mpic_log_level_t level, mpic_cycle_t when, const char *msg);

/* "@T read 0xOOOOO = 0xVVVVVVVV" (verb is "read" or "peek"). */
void trace_data(trace_t *t, mpic_cycle_t when, const char *verb, uint32_t offset, uint32_t value,
                mpic_cycle_t done);
/* "@T ack <cpu> = 0xVVVVVVVV" */
void trace_ack(trace_t *t, mpic_cycle_t when, unsigned cpu, uint32_t vector);
/* "@T <verb> rejected: <status>" for a call the core refused. */
void trace_rejected(trace_t *t, mpic_cycle_t when, const char *verb, mpic_status_t st);
/* "@T save|restore <path> (<n> bytes)" */
void trace_snapshot(trace_t *t, mpic_cycle_t when, const char *verb, const char *path, size_t n);
/* "FILE:LINE: FAIL: <message>" */
void trace_fail(trace_t *t, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "<N> passed, <M> failed" */
void trace_summary(trace_t *t, unsigned passed, unsigned failed);

#endif /* MPICSIM_TRACE_H */
