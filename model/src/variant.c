/*
 * variant.c - the MPIC variants as data (mpic-facts.md §1.9, behaviour.md).
 * Everything version-dependent in the core reads these fields; nothing is #if'd.
 */
#include <string.h>

#include "internal.h"

static const mpic_variant_info_t variants[] = {
    {
        .name = "fsl-v2.0", /* MPC8544 / MPC8548 class */
        .brr1 = 0x00400200,
        .max_cpus = 2,
        .n_ext = 12,
        .n_int = 64,
        .n_msg = 4,
        .msi_banks = 1,
        .msirs_per_bank = 8,
        .timer_groups = 1,
        .source_slots = 232,
        .has_ci_bits = true,
    },
    {
        .name = "fsl-v3.1", /* MPC8572 / P2020 class: adds timer group B */
        .brr1 = 0x00400301,
        .max_cpus = 2,
        .n_ext = 12,
        .n_int = 64,
        .n_msg = 4,
        .msi_banks = 1,
        .msirs_per_bank = 8,
        .timer_groups = 2,
        .source_slots = 232,
        .has_ci_bits = true,
    },
    {
        .name = "fsl-v4.2", /* P4080 class */
        .brr1 = 0x00400402,
        .max_cpus = 8,
        .n_ext = 12,
        .n_int = 160,
        .n_msg = 8,
        .msi_banks = 3,
        .msirs_per_bank = 8,
        .timer_groups = 2,
        .source_slots = 248,
        .has_ilr = true,
        .has_eisr = true,
        .has_proxy = true,
        .has_crit_summary = true,
        .crit_masked = true,
        .int_pol_fixed = true,
    },
    {
        .name = "fsl-v4.3", /* T-series class; MSI extension is a documented guess */
        .brr1 = 0x00400403,
        .max_cpus = 24,
        .n_ext = 12,
        .n_int = 160,
        .n_msg = 8,
        .msi_banks = 4,
        .msirs_per_bank = 16,
        .timer_groups = 2,
        .source_slots = 288,
        .has_ilr = true,
        .has_eisr = true,
        .has_proxy = true,
        .has_crit_summary = true,
        .crit_masked = true,
        .int_pol_fixed = true,
    },
};

unsigned mpic_variant_count(void) {
  return sizeof variants / sizeof variants[0];
}

const mpic_variant_info_t *mpic_variant_at(unsigned i) {
  return i < mpic_variant_count() ? &variants[i] : NULL;
}

const mpic_variant_info_t *mpic_variant_find(const char *name) {
  if (!name) return NULL;
  for (unsigned i = 0; i < mpic_variant_count(); i++)
    if (strcmp(variants[i].name, name) == 0) return &variants[i];
  return NULL;
}
