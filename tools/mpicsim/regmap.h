/*
 * regmap.h - Markdown tables generated from the core's introspection API:
 * the register map of each variant and the parameter table.
 */
#ifndef MPICSIM_REGMAP_H
#define MPICSIM_REGMAP_H

#include <stdio.h>

/* variant NULL = every variant (cpus clamped to each maximum); cpus 0 = the
 * variant's maximum.
 * Returns 0, or 2 after printing "error: ..." to err. */
int regmap_print(FILE *out, FILE *err, const char *variant, unsigned cpus);
/* Parameter table (mpic_param_info). Returns 0. */
int params_print(FILE *out);

#endif /* MPICSIM_REGMAP_H */
