/*
 * params.c - the parameter table (timing and behaviour knobs) and configuration.
 * docs/timing.md explains where each default comes from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const mpic_param_info_t params[MPIC_P_COUNT] = {
    [MPIC_P_SYNC_DEPTH] = {"sync_depth", 2, 0, 64, "cycles",
                           "external pin change to source logic (synchroniser flops)"},
    [MPIC_P_MIN_PULSE] = {"min_pulse", 2, 0, 64, "cycles",
                          "external pulses narrower than this are lost (capped at sync_depth)"},
    [MPIC_P_ARB_LATENCY] = {"arb_latency", 3, 0, 1024, "cycles",
                            "source/CTPR/mask change to int/cint/mcp change"},
    [MPIC_P_READ_LATENCY] = {"read_latency", 4, 0, 1024, "cycles", "register read issue to data"},
    [MPIC_P_WRITE_LATENCY] = {"write_latency", 4, 0, 1024, "cycles",
                              "register write issue to acknowledge"},
    [MPIC_P_IACK_LATENCY] = {"iack_latency", 6, 0, 1024, "cycles", "IACK read issue to data"},
    [MPIC_P_EOI_LATENCY] = {"eoi_latency", 4, 0, 1024, "cycles", "EOI write issue to acknowledge"},
    [MPIC_P_IACK_TO_INT] = {"iack_to_int", 2, 0, 1024, "cycles",
                            "IACK or proxy acknowledge to int deassertion"},
    [MPIC_P_EOI_TO_ARB] = {"eoi_to_arb", 2, 0, 1024, "cycles", "EOI to re-arbitrated int"},
    [MPIC_P_RESET_DURATION] = {"reset_duration", 32, 1, 1u << 20, "cycles",
                               "GCR[RST] reads 1 for this many cycles"},
    [MPIC_P_CORE_RESET_LATENCY] = {"core_reset_latency", 1, 0, 1024, "cycles",
                                   "PIR write to core reset output"},
    [MPIC_P_MPIC_CLK_DIV] = {"mpic_clk_div", 0, 0, 64, "ratio",
                             "platform cycles per MPIC clock (0: 1 on v2.0/v3.1, 2 on v4.x)"},
    [MPIC_P_LENIENT_DECODE] = {"lenient_decode", 0, 0, 1, "bool",
                               "1: unmapped offsets read 0 and ignore writes (logged)"},
};

const mpic_param_info_t *mpic_param_info(mpic_param_t p) {
  return (unsigned)p < MPIC_P_COUNT ? &params[p] : NULL;
}

mpic_status_t mpic_param_find(const char *name, mpic_param_t *out) {
  if (!name || !out) return MPIC_E_ARG;
  for (unsigned i = 0; i < MPIC_P_COUNT; i++)
    if (strcmp(params[i].name, name) == 0) {
      *out = (mpic_param_t)i;
      return MPIC_OK;
    }
  return MPIC_E_CONFIG;
}

mpic_status_t mpic_config_init(mpic_config_t *cfg, const char *variant) {
  if (!cfg) return MPIC_E_ARG;
  if (!variant) variant = "fsl-v4.2";
  if (!mpic_variant_find(variant)) return MPIC_E_CONFIG;
  memset(cfg, 0, sizeof *cfg);
  snprintf(cfg->variant, sizeof cfg->variant, "%s", variant);
  cfg->ncpus = 1;
  for (unsigned i = 0; i < MPIC_P_COUNT; i++)
    cfg->param[i] = params[i].def;
  return MPIC_OK;
}

/* Strict unsigned parse: decimal or 0x-hex, the whole string. */
static bool parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s || *s == '-' || *s == '+' || *s == ' ') return false;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end) return false;
  *out = v;
  return true;
}

mpic_status_t mpic_config_set(mpic_config_t *cfg, const char *key, const char *value) {
  if (!cfg || !key || !value) return MPIC_E_ARG;
  if (strcmp(key, "variant") == 0) {
    if (!mpic_variant_find(value)) return MPIC_E_CONFIG;
    snprintf(cfg->variant, sizeof cfg->variant, "%s", value);
    return MPIC_OK;
  }
  uint64_t v;
  if (strcmp(key, "cpus") == 0) {
    const mpic_variant_info_t *var = mpic_variant_find(cfg->variant);
    unsigned max = var ? var->max_cpus : MPIC_MAX_CPUS;
    if (!parse_u64(value, &v) || v < 1 || v > max) return MPIC_E_CONFIG;
    cfg->ncpus = (unsigned)v;
    return MPIC_OK;
  }
  mpic_param_t p;
  if (mpic_param_find(key, &p) != MPIC_OK) return MPIC_E_CONFIG;
  if (!parse_u64(value, &v) || v < params[p].min || v > params[p].max) return MPIC_E_CONFIG;
  cfg->param[p] = v;
  return MPIC_OK;
}

const char *mpic_status_name(mpic_status_t st) {
  switch (st) {
  case MPIC_OK: return "ok";
  case MPIC_E_UNMAPPED: return "unmapped";
  case MPIC_E_MISALIGNED: return "misaligned";
  case MPIC_E_SIZE: return "bad-size";
  case MPIC_E_TIME: return "time-backwards";
  case MPIC_E_RANGE: return "out-of-range";
  case MPIC_E_CONFIG: return "bad-config";
  case MPIC_E_MODE: return "wrong-mode";
  case MPIC_E_ARG: return "bad-argument";
  case MPIC_E_NOMEM: return "no-memory";
  case MPIC_E_DRIVEN: return "internally-driven";
  case MPIC_E_ATTR: return "unknown-attribute";
  case MPIC_E_CORRUPT: return "corrupt-snapshot";
  case MPIC_E_VERSION: return "snapshot-version";
  case MPIC_E_MISMATCH: return "snapshot-mismatch";
  case MPIC_E_GONE: return "device-gone";
  case MPIC_E_THREAD: return "wrong-thread";
  }
  return "unknown-status";
}

const char *mpic_pin_name(mpic_pin_t pin) {
  static const char *const names[MPIC_PIN_COUNT] = {"int", "cint", "mcp", "reset", "irq_out"};
  return (unsigned)pin < MPIC_PIN_COUNT ? names[pin] : "?";
}
