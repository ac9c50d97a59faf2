/*
 * mpic_dpi.h - DPI-C glue between the RTL slave (rtl_tb/rtl/mpic_ccb_slave.sv)
 * and the MPIC core (model/include/mpic.h).
 *
 * One MPIC instance per simulation. The SystemVerilog side calls the
 * functions declared `extern "C"` below (imported in mpic_ccb_pkg.sv); the
 * C++ harness may also call them and the C++ helpers at the end.
 *
 * Time: every call carries the testbench cycle count, which is the core's
 * explicit time (one platform cycle per rising clk_i edge).
 */
#ifndef MPIC_DPI_H
#define MPIC_DPI_H

#include <stdint.h>

#include <string>

extern "C" {
/* (Re)create the core from the configuration (mpic_dpi_configure + plusargs).
 * Idempotent while the instance is unused, so a reset branch may call it on
 * every clock edge. */
void mpic_dpi_reset(void);
/* A parameter of the running core by name (mpic_get_param). */
unsigned mpic_dpi_param(const char *name);
/* Number of cores of the running core. */
unsigned mpic_dpi_ncpus(void);
/* An IRQ pin (source) changed level at cycle now. */
void mpic_dpi_set_irq(uint64_t now, unsigned src, unsigned char level);
/* A bus access issued at cycle now. kind: 0 read, 1 write, 2 unsupported
 * transfer type. Returns the mpic_status_t (kind 2: MPIC_E_ARG) and the
 * completion cycle in *done; for an error, done = now + read_latency or
 * write_latency (the core leaves done unset on errors; see docs/bus.md). */
int mpic_dpi_access(uint64_t now, unsigned cpu, unsigned kind, unsigned offset, unsigned size,
                    unsigned wdata, unsigned *rdata, uint64_t *done);
/* Decode only (no side effects): the status an access would get. */
int mpic_dpi_decode(unsigned cpu, unsigned kind, unsigned offset, unsigned size);
/* Advance the core to cycle now and return the output pins (bit c = core c)
 * with every stamped change due at or before now applied. */
void mpic_dpi_tick(uint64_t now, unsigned *int_v, unsigned *cint_v, unsigned *mcp_v,
                   unsigned *rst_v, unsigned char *irq_out);
/* Observation for waveforms: per-core state. */
void mpic_dpi_observe(unsigned cpu, unsigned char *ctpr, unsigned char *isr_depth,
                      unsigned *iack_vector);
/* Observation for waveforms: synchronised input and pending bits of sources
 * 0..31 (bit n = source n). */
void mpic_dpi_observe_src(unsigned *input, unsigned *pending);
}

/* ---- C++ side (harness) ---- */
/* Configuration applied at the next mpic_dpi_reset: "key=value ..." as
 * mpic_config_set takes; plusargs +key=value of the same keys override. */
void mpic_dpi_configure(const std::string &cfg);
/* The configuration of the running core, every key explicit. */
std::string mpic_dpi_config_line(void);
/* Errors seen by the glue (late output changes, core errors). */
unsigned mpic_dpi_errors(void);
/* Calls into the core (for the cost figures). */
uint64_t mpic_dpi_calls(void);

#endif
