/*
 * mpic_vcd.h - a small VCD writer, and a tracer that records an MPIC instance
 * into it. Reusable by every front end (mpicsim, SystemC, Verilator).
 * Time in the file is the platform cycle (timescale 1 ns = 1 cycle unless the
 * caller picks another unit).
 */
#ifndef MPIC_VCD_H
#define MPIC_VCD_H

#include <stdio.h>

#include "mpic.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mpic_vcd mpic_vcd_t;

/* Open a VCD file; timescale such as "1ns". NULL on failure. */
mpic_vcd_t *mpic_vcd_open(const char *path, const char *timescale);
/* Declare a signal (before the first mpic_vcd_set) in a scope under the top
 * module "mpic" (e.g. "cpu0"). Returns its id, or -1. */
int mpic_vcd_signal(mpic_vcd_t *v, const char *scope, const char *name, unsigned width);
/* Record a value at a time (non-decreasing); unchanged values are not written. */
void mpic_vcd_set(mpic_vcd_t *v, int sig, uint64_t value, uint64_t time);
/* Flush and close; returns 0 on success (all writes succeeded). */
int mpic_vcd_close(mpic_vcd_t *v);

typedef struct mpic_tracer mpic_tracer_t;

/* Declare the MPIC's signals in vcd and record the instance after every step
 * (installs the instance's step hook). Per core: int, cint, mcp, reset,
 * ctpr, iack_vector, isr_depth; irq_out; per source: input, pending; per
 * timer: count; bus accesses reported with mpic_tracer_bus. */
mpic_tracer_t *mpic_tracer_create(mpic_t *m, mpic_vcd_t *vcd);
/* Record a bus access issued at `when` (front ends call it per access). */
void mpic_tracer_bus(mpic_tracer_t *t, mpic_cycle_t when, unsigned cpu, bool write, uint32_t offset,
                     uint32_t data, mpic_status_t status);
/* Sample everything now (also done automatically after each step). */
void mpic_tracer_sample(mpic_tracer_t *t, mpic_cycle_t when);
/* Remove the hook and free the tracer (the VCD stays open). */
void mpic_tracer_destroy(mpic_tracer_t *t);

#ifdef __cplusplus
}
#endif
#endif
