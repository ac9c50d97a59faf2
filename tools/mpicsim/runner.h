/*
 * runner.h - executes a parsed script against one core instance.
 */
#ifndef MPICSIM_RUNNER_H
#define MPICSIM_RUNNER_H

#include "script.h"
#include "trace.h"

#include <stddef.h>

typedef struct {
  unsigned passed, failed;
} run_result_t;

/* Exit codes shared by the CLI. */
enum { RUN_PASS = 0, RUN_FAIL = 1, RUN_MALFORMED = 2 };

/* Run every command of s in order. Returns RUN_PASS, RUN_FAIL, or
 * RUN_MALFORMED when the instance cannot be created (message in err). */
int run_script(const script_t *s, trace_t *t, run_result_t *res, char *err, size_t errlen);

#endif /* MPICSIM_RUNNER_H */
