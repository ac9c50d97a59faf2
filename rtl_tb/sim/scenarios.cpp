/*
 * scenarios.cpp - the testbench scenarios. Every scenario runs behind the
 * protocol checker (TA / TEA at the predicted cycle) and arms pin-timing
 * expectations where the interrupt path is known; everything it does is also
 * replayed on the bare core and compared (make test-rtl).
 */
#include <algorithm>
#include <cstdio>
#include <random>

#include "tb.h"

namespace tb {
namespace {

/* ---- register map (fsl-v4.x offsets, docs/registers.md) ---- */
constexpr uint32_t BRR1 = 0x00000, IPIDR0 = 0x00040, CTPR = 0x00080, WHOAMI = 0x00090,
                   IACK = 0x000A0, EOI = 0x000B0;
constexpr uint32_t FRR = 0x01000, GCR = 0x01020, PIR = 0x01090, IPIVPR0 = 0x010A0, SVR = 0x010E0;
constexpr uint32_t GTCCR0 = 0x01100, GTBCR0 = 0x01110, GTVPR0 = 0x01120, GTDR0 = 0x01130,
                   TCR = 0x01300;
constexpr uint32_t MSIR0 = 0x01600, MSISR = 0x01720, MSIIR = 0x01740;
constexpr uint32_t EIVPR0 = 0x10000, EIDR0 = 0x10010, EILR0 = 0x10018;
constexpr uint32_t MSIVPR0 = 0x11C00, MSIDR0 = 0x11C10;
constexpr uint32_t IRQSR0 = 0x01310, CISR0 = 0x01330; /* v2.0 / v3.1: external n at bit 11-n */
constexpr uint32_t IDR_EP = 0x80000000u;              /* v2.0 / v3.1: route to IRQ_OUT */
constexpr uint32_t GCR_RST = 0x80000000u, GCR_MIXED = 0x20000000u;
constexpr uint32_t VPR_MSK = 0x80000000u, VPR_A = 0x40000000u, VPR_P = 0x00800000u,
                   VPR_S = 0x00400000u;
constexpr uint32_t SPURIOUS = 0x7FF;

uint32_t eivpr(unsigned n) {
  return EIVPR0 + 0x20 * n;
}
uint32_t eidr(unsigned n) {
  return EIDR0 + 0x20 * n;
}
uint32_t eilr(unsigned n) {
  return EILR0 + 0x20 * n;
}
uint32_t bank(unsigned cpu, uint32_t this_cpu_off) {
  return 0x20000 + 0x1000 * cpu + this_cpu_off;
}
uint32_t vpr(unsigned prio, unsigned vec, uint32_t flags = 0) {
  return flags | (prio << 16) | vec;
}
/* v2.0 / v3.1 IDR critical-interrupt bit of core c */
uint32_t idr_ci(unsigned cpu) {
  return 1u << (30 - cpu);
}

/* Linux-order bring-up (mpic_alloc + mpic_init), every source masked,
 * mixed mode, CTPR 0 on every core. brr1 / frr_nirq: the variant's BRR1 and
 * FRR NIRQ field (docs/registers.md). */
void os_init(Tb &t, uint32_t brr1 = 0x00400402, uint32_t frr_nirq = 0xF7) {
  unsigned n = t.ncpus();
  t.check_eq(t.rd(0, BRR1), brr1, "BRR1");
  uint32_t g = t.rd(0, GCR);
  t.wr(0, GCR, g | GCR_RST);
  uint64_t rst_at = t.txn((int)t.txn_count() - 1).issue;
  unsigned dur = t.param("reset_duration");
  while (t.rd(0, GCR) & GCR_RST) {
    t.check(t.now() < rst_at + dur + 16, "GCR[RST] still set");
  }
  /* RST read 0: the read was issued at or after rst_at + reset_duration */
  t.check(t.txn((int)t.txn_count() - 1).issue >= rst_at + dur, "GCR[RST] cleared early");
  t.check_eq(t.rd(0, FRR), (frr_nirq << 16) | 0x2u | ((n - 1) << 8), "FRR");
  for (unsigned c = 0; c < n; c++)
    t.wr(c, CTPR, 0xF);
  for (unsigned i = 0; i < 4; i++) { /* timers A: masked, prio 9 */
    t.wr(0, GTDR0 + 0x40 * i, 1);
    t.wr(0, GTVPR0 + 0x40 * i, vpr(9, 0x7F3 + i, VPR_MSK));
  }
  for (unsigned i = 0; i < 4; i++) /* IPIs: masked, prio 10 */
    t.wr(0, IPIVPR0 + 0x10 * i, vpr(10, 0x7FB + i, VPR_MSK));
  for (unsigned s = 0; s < NIRQ; s++) { /* externals: masked, prio 8, vector = source */
    t.wr(0, eivpr(s), vpr(8, s, VPR_MSK));
    t.wr(0, eidr(s), 1);
  }
  t.wr(0, SVR, SPURIOUS);
  t.wr(0, GCR, t.rd(0, GCR) | GCR_MIXED);
  for (unsigned c = 0; c < n; c++) {
    t.check_eq(t.rd(c, WHOAMI), c, "WHOAMI");
    t.wr(c, CTPR, 0);
  }
}

/* Program external source s: priority, sense/polarity, destination core. */
void ext_setup(Tb &t, unsigned s, unsigned prio, bool level, unsigned cpu, unsigned ilr = 0) {
  t.wr(0, eidr(s), 1u << cpu);
  t.wr(0, eilr(s), ilr);
  t.wr(0, eivpr(s), vpr(prio, s, VPR_P | (level ? VPR_S : 0)));
}

/* IACK on `cpu` with the int fall expected iack_to_int after the issue. */
uint32_t iack_expect_fall(Tb &t, unsigned cpu, bool falls = true) {
  int id = t.submit(cpu, RD, IACK);
  t.wait_issued(id);
  if (falls) t.expect_pin(cpu, INT, false, SEL_IACK, t.txn(id).issue);
  return t.wait(id).rdata;
}

/* EOI on `cpu`; when `rises`, int re-arbitrates high eoi_to_arb later. */
void eoi_expect(Tb &t, unsigned cpu, bool rises) {
  int id = t.submit(cpu, WR, EOI, 0);
  t.wait_issued(id);
  if (rises) t.expect_pin(cpu, INT, true, SEL_EOI, t.txn(id).issue);
  t.wait(id);
}

/* Edge on an IRQ pin with the output rise expected sync_depth + arb_latency later. */
void pin_edge_expect(Tb &t, unsigned src, bool level, unsigned cpu, Pin p, bool out_level) {
  t.set_irq(src, level);
  t.expect_pin(cpu, p, out_level, SEL_PIN_EDGE, t.now());
}

/* ---------------------------------------------------------------------- */

void sc_init(Tb &t) {
  os_init(t);
  /* reset values after GCR[RST] + init */
  t.check_eq(t.rd(0, eivpr(3)), vpr(8, 3, VPR_MSK), "EIVPR3");
  t.check_eq(t.rd(1, CTPR), 0, "CTPR core 1");
  t.check_eq(t.rd(0, bank(1, CTPR)), 0, "CTPR core 1 via its bank");
  /* core reset outputs through PIR */
  int id = t.submit(0, WR, PIR, 0x2);
  t.wait_issued(id);
  t.expect_pin(1, RESET, true, SEL_CORE_RST, t.txn(id).issue);
  t.wait(id);
  t.step(4);
  id = t.submit(0, WR, PIR, 0x0);
  t.wait_issued(id);
  t.expect_pin(1, RESET, false, SEL_CORE_RST, t.txn(id).issue);
  t.wait(id);
  /* a level source enabled on core 1 rises int 1 after the pin's synchroniser + arbitration */
  ext_setup(t, 1, 5, true, 1);
  pin_edge_expect(t, 1, true, 1, INT, true);
  t.check(t.wait_pin(1, INT, true, 50), "int 1 after IRQ1");
  t.check_eq(iack_expect_fall(t, 1), 1, "IACK vector of IRQ1");
  t.set_irq(1, false);
  t.step(4);
  eoi_expect(t, 1, false);
  t.step(8);
}

/* The interrupt's life of docs/timing.md, then a service loop over every
 * external source, edge and level. */
void sc_iack_eoi(Tb &t) {
  os_init(t);
  ext_setup(t, 3, 5, false, 0); /* IRQ3 edge, rising, prio 5 */
  ext_setup(t, 4, 3, true, 0);  /* IRQ4 level high, prio 3 */
  t.set_irq(4, true);           /* the priority-3 source, pending first */
  t.check(t.wait_pin(0, INT, true, 50), "int for IRQ4");
  uint32_t v = iack_expect_fall(t, 0);
  t.check_eq(v, 4, "IACK IRQ4");
  /* now IRQ3 (prio 5) pre-empts the in-service IRQ4 */
  pin_edge_expect(t, 3, true, 0, INT, true);
  t.check(t.wait_pin(0, INT, true, 50), "int for IRQ3");
  t.step(5);
  t.check_eq(iack_expect_fall(t, 0), 3, "IACK IRQ3");
  t.set_irq(3, false);
  t.step(14);
  eoi_expect(t, 0, false); /* retires IRQ3; IRQ4 still in service */
  t.set_irq(4, false);     /* level source drops before its EOI */
  t.step(6);
  eoi_expect(t, 0, false);
  t.check_eq(t.rd(0, IACK), SPURIOUS, "IACK with nothing pending");
  eoi_expect(t, 0, false);

  /* service loop: each external source, alternately edge and level */
  for (unsigned round = 0; round < 3; round++) {
    for (unsigned s = 0; s < NIRQ; s++) {
      bool level = (s + round) & 1;
      ext_setup(t, s, 1 + (s % 14), level, 0);
      pin_edge_expect(t, s, true, 0, INT, true);
      t.check(t.wait_pin(0, INT, true, 50), "int for IRQ%u", s);
      if (level) {
        t.check_eq(iack_expect_fall(t, 0), s, "IACK vector");
        t.set_irq(s, false);
      } else {
        t.set_irq(s, false);
        t.check_eq(iack_expect_fall(t, 0), s, "IACK vector");
      }
      t.step(2);
      eoi_expect(t, 0, false);
      t.wr(0, eivpr(s), vpr(8, s, VPR_MSK));
    }
  }
  /* EOI re-arbitration: two sources pending, the lower one waits for the EOI */
  ext_setup(t, 6, 9, true, 0);
  ext_setup(t, 7, 4, true, 0);
  t.set_irq(7, true);
  t.set_irq(6, true);
  t.check(t.wait_pin(0, INT, true, 50), "int for IRQ6");
  t.check_eq(iack_expect_fall(t, 0), 6, "IACK IRQ6 first");
  t.step(3);
  /* IRQ7 (prio 4) is below the in-service IRQ6: int stays low until the EOI */
  t.check(!t.pin(0, INT), "int low while IRQ6 in service");
  t.set_irq(6, false);
  eoi_expect(t, 0, true);
  t.check_eq(iack_expect_fall(t, 0), 7, "IACK IRQ7 after EOI");
  t.set_irq(7, false);
  eoi_expect(t, 0, false);
  t.step(8);
}

/* docs/bus.md "An interrupt's life on the pins", cycle for cycle: IRQ3 rises
 * at 100; IACK TS at 109; IRQ4 (priority 3) arrives while IRQ3 is in
 * service; EOI TS at 129. */
void sc_life(Tb &t) {
  t.wr(0, GCR, GCR_MIXED);
  ext_setup(t, 3, 5, false, 0);
  ext_setup(t, 4, 3, true, 0);
  t.wr(0, CTPR, 0);
  t.check(t.now() < 100, "init too long for the diagram");
  t.until(100);
  pin_edge_expect(t, 3, true, 0, INT, true); /* int at 105 */
  t.until(109);
  int id = t.submit(0, RD, IACK); /* TS 109 */
  t.wait_issued(id);
  t.check(t.txn(id).issue == 110, "IACK issued at %llu", (unsigned long long)t.txn(id).issue);
  t.expect_pin(0, INT, false, SEL_IACK, 110); /* int falls at 112 */
  t.until(113);
  t.set_irq(4, true); /* priority 3: blocked by the in-service priority 5 */
  Txn &a = t.wait(id);
  t.check(a.done == 116 && a.rdata == 3, "IACK TA at %llu, vector %u", (unsigned long long)a.done,
          a.rdata);
  t.until(129);
  id = t.submit(0, WR, EOI, 0); /* TS 129 */
  t.wait_issued(id);
  t.check(t.txn(id).issue == 130, "EOI issued at %llu", (unsigned long long)t.txn(id).issue);
  t.expect_pin(0, INT, true, SEL_EOI, 130); /* int rises again at 132 */
  t.check(t.wait(id).done == 134, "EOI TA at 134");
  t.check(t.pin(0, INT), "int for IRQ4");
  t.check_eq(iack_expect_fall(t, 0), 4, "IACK IRQ4");
  t.set_irq(4, false);
  t.set_irq(3, false);
  eoi_expect(t, 0, false);
  t.step(8);
}

/* Nested priorities: 1 < 5 < 9 < 14 pre-empt one another; equal priority does not. */
void sc_nested(Tb &t) {
  os_init(t);
  const unsigned src[4] = {2, 5, 8, 11}, prio[4] = {1, 5, 9, 14};
  for (unsigned i = 0; i < 4; i++)
    ext_setup(t, src[i], prio[i], false, 0);
  ext_setup(t, 9, 9, false, 0); /* same priority as IRQ8 */
  for (unsigned i = 0; i < 4; i++) {
    pin_edge_expect(t, src[i], true, 0, INT, true);
    t.check(t.wait_pin(0, INT, true, 50), "int for level %u", i);
    t.check_eq(iack_expect_fall(t, 0), src[i], "nested IACK");
    if (i == 2) { /* IRQ9 at the in-service priority: no int */
      t.set_irq(9, true);
      t.step(12);
      t.check(!t.pin(0, INT), "equal priority does not pre-empt");
    }
  }
  /* in service: 14, 9, 5, 1 (IRQ9 pending). EOIs retire top-down; IRQ9 is
   * signalled once the in-service top drops below 9. */
  eoi_expect(t, 0, false); /* retires 14: top is 9, IRQ9 still blocked */
  t.step(4);
  t.check(!t.pin(0, INT), "IRQ9 blocked by in-service 9");
  eoi_expect(t, 0, true); /* retires 9 (IRQ8): IRQ9 goes */
  t.check_eq(iack_expect_fall(t, 0), 9, "IACK IRQ9");
  for (unsigned i = 0; i < 3; i++)
    eoi_expect(t, 0, false);
  t.check_eq(t.rd(0, IACK), SPURIOUS, "nothing left");
  for (unsigned s = 0; s < NIRQ; s++)
    t.set_irq(s, false);
  t.step(8);
}

/* IPIs between cores: each core sends IPI n to the next, then a multicast. */
void sc_ipi(Tb &t) {
  os_init(t);
  unsigned n = t.ncpus();
  for (unsigned i = 0; i < 4; i++)
    t.wr(0, IPIVPR0 + 0x10 * i, vpr(10 + i, 0x100 + i));
  for (unsigned from = 0; from < n; from++) {
    unsigned to = (from + 1) % n, ipi = from % 4;
    int id = t.submit(from, WR, IPIDR0 + 0x10 * ipi, 1u << to);
    t.wait_issued(id);
    t.expect_pin(to, INT, true, SEL_ARB, t.txn(id).issue);
    t.wait(id);
    t.check(t.wait_pin(to, INT, true, 50), "IPI int on core %u", to);
    t.check_eq(iack_expect_fall(t, to), 0x100 + ipi, "IPI vector");
    eoi_expect(t, to, false);
  }
  /* multicast IPI 3 from core 0 to every core, through core 1's bank page */
  uint32_t all = (1u << n) - 1;
  int id = t.submit(1, WR, bank(0, IPIDR0 + 0x30), all);
  t.wait_issued(id);
  for (unsigned c = 0; c < n; c++)
    t.expect_pin(c, INT, true, SEL_ARB, t.txn(id).issue);
  t.wait(id);
  for (unsigned c = 0; c < n; c++) {
    t.check(t.wait_pin(c, INT, true, 50), "multicast int core %u", c);
    t.check_eq(iack_expect_fall(t, c), 0x103, "multicast vector");
    eoi_expect(t, c, false);
  }
  t.step(8);
}

/* Global timer 0: period B ticks of mpic_clk_div * 8 cycles; int rises
 * arb_latency after each expiry; service five expiries. */
void sc_timer(Tb &t) {
  os_init(t);
  const uint32_t base = 20;
  uint64_t tick = (uint64_t)t.param("mpic_clk_div") * 8; /* TCR CLKR = 0 */
  t.wr(0, TCR, 0);
  t.wr(0, GTDR0, 1);
  t.wr(0, GTVPR0, vpr(6, 0x55));
  int id = t.submit(0, WR, GTBCR0, base); /* CI = 0: start */
  t.wait_issued(id);
  uint64_t start = t.txn(id).issue;
  t.wait(id);
  for (unsigned k = 1; k <= 5; k++) {
    uint64_t expiry = start + k * base * tick;
    t.until(expiry - 1);
    /* current count just before the expiry: one tick left */
    t.expect_pin(0, INT, true, SEL_ARB, expiry);
    t.check(t.wait_pin(0, INT, true, 4 * tick), "timer int %u", k);
    t.check_eq(iack_expect_fall(t, 0), 0x55, "timer vector");
    eoi_expect(t, 0, false);
    uint32_t cc = t.rd(0, GTCCR0);
    t.check((cc & 0x7FFFFFFFu) <= base, "GTCCR count 0x%08x", cc);
  }
  t.wr(0, GTBCR0, 0x80000000u | base); /* stop */
  t.step(8);
}

/* Shared MSIs: an inbound write to MSIIR sets MSIR[SRS] bit IBS; the MSI
 * source asserts arb_latency later; reading MSIR clears it. */
void sc_msi(Tb &t) {
  os_init(t);
  for (unsigned k = 0; k < 8; k++) {
    t.wr(0, MSIDR0 + 0x20 * k, 1u << (k % t.ncpus()));
    t.wr(0, MSIVPR0 + 0x20 * k, vpr(7, 0xE0 + k));
  }
  for (unsigned k = 0; k < 8; k++) {
    unsigned cpu = k % t.ncpus(), ibs = (k * 5) % 32;
    int id = t.submit(0, WR, MSIIR, (k << 29) | (ibs << 24));
    t.wait_issued(id);
    t.expect_pin(cpu, INT, true, SEL_ARB, t.txn(id).issue);
    t.wait(id);
    t.check(t.wait_pin(cpu, INT, true, 50), "MSI int");
    t.check_eq(t.rd(cpu, MSISR), 1u << k, "MSISR");
    t.check_eq(iack_expect_fall(t, cpu), 0xE0 + k, "MSI vector");
    t.check_eq(t.rd(cpu, MSIR0 + 0x10 * k), 1u << ibs, "MSIR read-and-clear");
    t.check_eq(t.rd(cpu, MSIR0 + 0x10 * k), 0, "MSIR cleared");
    eoi_expect(t, cpu, false);
  }
  /* two MSIs into one register, back to back and pipelined */
  t.set_pipeline(2);
  t.submit(0, WR, MSIIR, (2u << 29) | (1u << 24));
  t.submit(0, WR, MSIIR, (2u << 29) | (7u << 24));
  t.wait_all();
  t.check(t.wait_pin(0, INT, true, 50), "MSI int");
  t.check_eq(iack_expect_fall(t, 0), 0xE2, "MSI vector");
  t.check_eq(t.rd(0, MSIR0 + 0x20), 0x82, "two MSIs in MSIR2");
  eoi_expect(t, 0, false);
  t.step(8);
}

/* Critical routing (v4.x ILR): level source to cint, edge source pulses mcp,
 * both bypassing CTPR and IACK. */
void sc_critical(Tb &t) {
  os_init(t);
  t.wr(1, CTPR, 15);               /* cint / mcp ignore the task priority */
  ext_setup(t, 5, 3, true, 1, 1);  /* IRQ5 level -> cint 1 */
  ext_setup(t, 6, 3, false, 0, 2); /* IRQ6 edge  -> mcp 0 */
  pin_edge_expect(t, 5, true, 1, CINT, true);
  t.check(t.wait_pin(1, CINT, true, 50), "cint 1");
  t.check(!t.pin(1, INT), "no int for a critical source");
  t.check_eq(t.rd(1, IACK), SPURIOUS, "IACK ignores critical sources");
  pin_edge_expect(t, 5, false, 1, CINT, false);
  t.check(t.wait_pin(1, CINT, false, 50), "cint 1 falls with the level");
  /* edge on the mcp route: one MPIC clock pulse */
  uint64_t edge = t.now();
  t.set_irq(6, true);
  t.expect_pin(0, MCP, true, SEL_PIN_EDGE, edge);
  t.check(t.wait_pin(0, MCP, true, 50), "mcp 0 pulse");
  t.expect_pin(0, MCP, false, SEL_EDGE_PULSE, edge);
  t.step(12);
  t.set_irq(6, false);
  /* masking the route (v4.1+: MSK gates critical routing) */
  t.wr(0, eivpr(5), vpr(3, 5, VPR_P | VPR_S | VPR_MSK));
  t.set_irq(5, true);
  t.step(12);
  t.check(!t.pin(1, CINT), "masked critical source");
  t.set_irq(5, false);
  t.step(8);
}

/* Error responses: TEA for every access the core rejects, also pipelined
 * next to good ones. */
void sc_errors(Tb &t) {
  os_init(t);
  struct Bad {
    Kind k;
    uint32_t off;
    unsigned size, cpu;
  } bad[] = {
      {RD, 0x00020, 4, 0},       /* unmapped in the this-CPU page */
      {WR, 0x0FFFC, 4, 0},       /* unmapped */
      {RD, 0x3FFFC, 4, 1},       /* last word of the block: unmapped */
      {RD, 0x01002, 4, 0},       /* misaligned */
      {WR, 0x00081, 4, 0},       /* misaligned */
      {RD, 0x01000, 1, 0},       /* byte */
      {RD, 0x01000, 2, 0},       /* half word */
      {WR, 0x00080, 8, 0},       /* double word */
      {RD, 0x01000, 32, 0},      /* burst */
      {BADTT, 0x01000, 4, 0},    /* unsupported transfer type */
      {RD, 0x00090, 4, 5},       /* initiator id beyond the configured cores */
      {RD, bank(3, CTPR), 4, 0}, /* bank of an absent core */
  };
  t.set_pipeline(1);
  for (const Bad &b : bad) {
    int id = t.submit(b.cpu, b.k, b.off, 0x5A5A5A5A, b.size);
    t.txn(id).expect_err = true;
    t.wait(id);
  }
  /* pipelined: good, bad, good, bad */
  t.set_pipeline(2);
  for (unsigned i = 0; i < 8; i++) {
    const Bad &b = bad[i % 12];
    t.submit(0, RD, FRR);
    int id = t.submit(b.cpu, b.k, b.off, 0, b.size);
    t.txn(id).expect_err = true;
  }
  t.wait_all();
  /* nothing changed by the rejected writes */
  t.check_eq(t.rd(0, CTPR), 0, "CTPR untouched");

  /* outside the block: no AACK from the slave; the bus monitor acknowledges
   * bm_timeout cycles after TS and ends the data tenure with TEA one cycle
   * later (the checker predicts both cycles) */
  unsigned tmo = t.bm_timeout();
  const uint32_t outside[] = {BASE - 4, BASE + BLOCK_SIZE, 0x00000000u, 0xFFFFFFFCu};
  t.set_pipeline(1);
  for (unsigned i = 0; i < 4; i++) {
    int id = t.submit_addr(outside[i], 0, i & 1 ? WR : RD, 0x5A5A5A5A);
    t.txn(id).expect_err = true;
    Txn &x = t.wait(id);
    t.check(x.err && x.issue == x.ts + tmo && x.done == x.issue + 1,
            "bus monitor: TS %llu, AACK %llu, TEA %llu (timeout %u)", (unsigned long long)x.ts,
            (unsigned long long)x.issue, (unsigned long long)x.done, tmo);
  }
  /* pipelined behind a long IACK (this scenario's iack_latency exceeds the
   * timeout): the monitor's AACK waits until the IACK's data tenure has
   * ended, then a good access follows */
  t.set_pipeline(2);
  int a = t.submit(0, RD, IACK);
  int b = t.submit_addr(BASE - 0x1000, 0, RD);
  int c = t.submit(1, RD, WHOAMI);
  t.txn(b).expect_err = true;
  t.wait_all();
  t.check_eq(t.txn(a).rdata, SPURIOUS, "IACK before the bus monitor's tenure");
  uint64_t bm_aack = std::max(t.txn(b).ts + tmo, t.txn(a).done + 1);
  t.check(t.txn(a).done + 1 > t.txn(b).ts + tmo || t.param("iack_latency") <= tmo + 2,
          "the IACK did not hold the bus monitor back");
  t.check(t.txn(b).issue == bm_aack && t.txn(b).done == t.txn(b).issue + 1,
          "bus monitor after the IACK: AACK %llu, TEA %llu, IACK TA %llu",
          (unsigned long long)t.txn(b).issue, (unsigned long long)t.txn(b).done,
          (unsigned long long)t.txn(a).done);
  t.check_eq(t.txn(c).rdata, 1, "WHOAMI after the bus monitor's tenure");
  /* the MPIC still answers */
  t.check_eq(t.rd(0, BRR1), 0x00400402, "BRR1 after bus errors");
  t.step(8);
}

/* v2.0 IDR routing: EP (bit 31) to the single IRQ_OUT pin, CI (bit 30-n) to
 * core n's cint. Level sources drive the pin while asserted, edge sources
 * pulse it for one MPIC clock; EP wins over CI and P, CI over P; CTPR, IACK
 * and (before v4.1) MSK do not gate either route. Every edge of both pins is
 * an exact-cycle expectation. */
void sc_irq_out(Tb &t) {
  os_init(t, 0x00400200, 0xE7);
  t.wr(0, CTPR, 15);
  t.wr(1, CTPR, 15);
  /* IRQ7 level, EP + CI core 1 + P core 0: IRQ_OUT only, while asserted */
  t.wr(0, eidr(7), IDR_EP | idr_ci(1) | 1u);
  t.wr(0, eivpr(7), vpr(4, 7, VPR_P | VPR_S));
  pin_edge_expect(t, 7, true, 0, IRQ_OUT, true);
  t.check(t.wait_pin(0, IRQ_OUT, true, 50), "irq_out for IRQ7");
  t.step(10);
  t.check(t.pin(0, IRQ_OUT), "irq_out held by the level");
  t.check(!t.pin(1, CINT) && !t.pin(0, INT), "EP wins over CI and P");
  t.check_eq(t.rd(0, IRQSR0), 1u << (11 - 7), "IRQSR0 with IRQ7 on IRQ_OUT");
  t.check_eq(t.rd(0, CISR0), 0, "CISR0 with IRQ7 on IRQ_OUT");
  t.check_eq(t.rd(0, IACK), SPURIOUS, "IACK ignores the IRQ_OUT route");
  pin_edge_expect(t, 7, false, 0, IRQ_OUT, false);
  t.check(t.wait_pin(0, IRQ_OUT, false, 50), "irq_out falls with the level");

  /* IRQ2 edge on EP: one MPIC clock pulse, arb_latency after the synchronised edge */
  t.wr(0, eidr(2), IDR_EP);
  t.wr(0, eivpr(2), vpr(4, 2, VPR_P));
  uint64_t edge = t.now();
  t.set_irq(2, true);
  t.expect_pin(0, IRQ_OUT, true, SEL_PIN_EDGE, edge);
  t.check(t.wait_pin(0, IRQ_OUT, true, 50), "irq_out pulse");
  t.expect_pin(0, IRQ_OUT, false, SEL_EDGE_PULSE, edge);
  t.step(12);
  t.check(!t.pin(0, IRQ_OUT), "an edge source latches nothing on IRQ_OUT");
  t.set_irq(2, false);
  t.step(4);

  /* IRQ5 level, CI core 1 + P core 0: cint 1 only */
  t.wr(0, eidr(5), idr_ci(1) | 1u);
  t.wr(0, eivpr(5), vpr(3, 5, VPR_P | VPR_S));
  pin_edge_expect(t, 5, true, 1, CINT, true);
  t.check(t.wait_pin(1, CINT, true, 50), "cint 1 for IRQ5");
  t.step(6);
  t.check(!t.pin(0, INT) && !t.pin(0, CINT) && !t.irq_out(), "CI wins over P");
  t.check_eq(t.rd(0, CISR0), 1u << (11 - 5), "CISR0 with IRQ5 critical");
  t.check_eq(t.rd(0, IACK), SPURIOUS, "IACK ignores critical sources");
  pin_edge_expect(t, 5, false, 1, CINT, false);
  t.check(t.wait_pin(1, CINT, false, 50), "cint 1 falls with the level");

  /* IRQ6 edge, CI core 0: one MPIC clock pulse on cint 0 */
  t.wr(0, eidr(6), idr_ci(0));
  t.wr(0, eivpr(6), vpr(3, 6, VPR_P));
  edge = t.now();
  t.set_irq(6, true);
  t.expect_pin(0, CINT, true, SEL_PIN_EDGE, edge);
  t.check(t.wait_pin(0, CINT, true, 50), "cint 0 pulse");
  t.expect_pin(0, CINT, false, SEL_EDGE_PULSE, edge);
  t.step(12);
  t.set_irq(6, false);

  /* v2.0: MSK does not gate the critical or IRQ_OUT routes (v4.1+ only) */
  t.wr(0, eivpr(7), vpr(4, 7, VPR_P | VPR_S | VPR_MSK));
  t.wr(0, eivpr(5), vpr(3, 5, VPR_P | VPR_S | VPR_MSK));
  t.set_irq(7, true);
  t.set_irq(5, true);
  t.expect_pin(0, IRQ_OUT, true, SEL_PIN_EDGE, t.now());
  t.expect_pin(1, CINT, true, SEL_PIN_EDGE, t.now());
  t.check(t.wait_pin(0, IRQ_OUT, true, 50) && t.wait_pin(1, CINT, true, 50),
          "masked sources still drive IRQ_OUT and cint on v2.0");
  /* re-routing an asserted level source from EP to CI core 0 moves it */
  int id = t.submit(0, WR, eidr(7), idr_ci(0));
  t.wait_issued(id);
  t.expect_pin(0, IRQ_OUT, false, SEL_ARB, t.txn(id).issue);
  t.expect_pin(0, CINT, true, SEL_ARB, t.txn(id).issue);
  t.wait(id);
  t.set_irq(7, false);
  t.set_irq(5, false);
  t.step(12);
  t.check(t.pins_quiet(), "every pin low at the end");
}

/* rst_ni asserted mid-run (docs/bus.md "Reset"): with three tenures in
 * flight (two awaiting TA, one awaiting AACK) and int, cint and a core reset
 * output asserted. Every output drops in that cycle, no tenure from before
 * the reset ever terminates, the core comes back in its power-on state
 * (pass-through: int 0 follows IRQ0, still held high), and works again. */
void sc_reset(Tb &t) {
  os_init(t);
  ext_setup(t, 0, 5, true, 0);    /* IRQ0 level -> int 0 */
  ext_setup(t, 5, 3, true, 1, 1); /* IRQ5 level -> cint 1 */
  pin_edge_expect(t, 0, true, 0, INT, true);
  pin_edge_expect(t, 5, true, 1, CINT, true);
  t.check(t.wait_pin(0, INT, true, 50) && t.wait_pin(1, CINT, true, 50), "int 0 and cint 1");
  int p = t.submit(0, WR, PIR, 0x2);
  t.wait_issued(p);
  t.expect_pin(1, RESET, true, SEL_CORE_RST, t.txn(p).issue);
  t.wait(p);
  t.check(t.wait_pin(1, RESET, true, 50), "core 1 reset output");
  t.set_pipeline(3);
  int a = t.submit(1, RD, IACK); /* long latency, core 1 (nothing pending: int 0 stays) */
  int b = t.submit(0, RD, FRR);
  int c = t.submit(0, WR, eivpr(5), vpr(3, 5, VPR_P | VPR_S | VPR_MSK));
  uint64_t start = t.now();
  while (!(t.addr_open() && t.data_pending() == 2) && t.now() < start + 50)
    t.step(1);
  t.check(t.addr_open() && t.data_pending() == 2, "three tenures in flight");
  t.check(t.pin(0, INT) && t.pin(1, CINT) && t.pin(1, RESET), "pins asserted before the reset");
  t.reset_mid(3);
  t.check(t.now() == 0, "cycle_o restarts at 0, now %llu", (unsigned long long)t.now());
  /* power-on core: pass-through, so int 0 follows the synchronised IRQ0 */
  t.expect_pin(0, INT, true, SEL_PIN_EDGE, 0);
  t.step(16);
  for (int id : {a, b, c})
    t.check(t.txn(id).dropped && !t.txn(id).complete, "access %d dropped by the reset", id);
  t.check(t.pin(0, INT) && !t.pin(1, CINT) && !t.pin(1, RESET), "pins of the power-on core");
  t.check_eq(t.rd(0, GCR), 0, "GCR after reset");
  t.check_eq(t.rd(0, PIR), 0, "PIR after reset");
  t.check_eq(t.rd(0, eivpr(5)), VPR_MSK, "EIVPR5 after reset");
  t.check_eq(t.rd(0, eilr(5)), 0, "EILR5 after reset");
  t.check_eq(t.rd(1, CTPR), 0xF, "CTPR core 1 after reset");
  t.check_eq(t.rd(0, IACK), 0xFFFF, "IACK in pass-through returns the SVR reset value");
  /* bring-up again; IRQ5 routed to cint 1 once more */
  os_init(t);
  ext_setup(t, 5, 3, true, 1, 1);
  t.check(t.wait_pin(1, CINT, true, 50), "cint 1 after the new bring-up");
  t.set_irq(0, false);
  t.set_irq(5, false);
  t.step(12);
}

/* Pipelined pairs with latencies that force the in-order rule: an IACK of
 * 12 cycles followed by a 4-cycle read completes in address order. */
void sc_pipeline(Tb &t) {
  os_init(t);
  t.set_pipeline(3); /* more than the slave takes: AACK is withheld */
  for (unsigned i = 0; i < 16; i++) {
    t.submit(i & 1, RD, FRR);
    t.submit(i & 1, WR, CTPR, 0);
  }
  t.wait_all();
  ext_setup(t, 2, 5, true, 0);
  t.set_irq(2, true);
  t.check(t.wait_pin(0, INT, true, 50), "int");
  int a = t.submit(0, RD, IACK);
  int b = t.submit(0, RD, BRR1);
  int c = t.submit(1, RD, WHOAMI);
  t.wait_all();
  t.check_eq(t.txn(a).rdata, 2, "pipelined IACK");
  t.check_eq(t.txn(b).rdata, 0x00400402, "pipelined BRR1");
  t.check_eq(t.txn(c).rdata, 1, "pipelined WHOAMI");
  t.check(t.txn(b).done > t.txn(a).done && t.txn(c).done > t.txn(b).done, "in order");
  t.check(t.txn(b).issue < t.txn(a).done, "second tenure acknowledged while the first waits");
  t.set_irq(2, false);
  eoi_expect(t, 0, false);
  t.step(8);
}

/* Random traffic and random IRQ pins from a seed, now and then an access
 * outside the block. Everything is checked by the protocol checker and by the
 * replay on the bare core. */
void sc_random(Tb &t) {
  std::mt19937_64 rng(t.opt().seed);
  auto rnd = [&](uint64_t n) { return (uint64_t)(rng() % n); };
  os_init(t);
  unsigned n = t.ncpus();
  for (unsigned s = 0; s < NIRQ; s++) {
    t.wr(0, eidr(s), 1u << rnd(n));
    t.wr(0, eilr(s), rnd(4) == 0 ? 1 + rnd(2) : 0);
    t.wr(0, eivpr(s), vpr(1 + rnd(15), s, (rnd(2) ? VPR_P : 0) | (rnd(2) ? VPR_S : 0)));
  }
  for (unsigned i = 0; i < 4; i++)
    t.wr(0, IPIVPR0 + 0x10 * i, vpr(1 + rnd(15), 0x100 + i));
  for (unsigned k = 0; k < 8; k++)
    t.wr(0, MSIVPR0 + 0x20 * k, vpr(1 + rnd(15), 0xE0 + k));
  t.wr(0, GTVPR0, vpr(4, 0x55));
  t.wr(0, GTBCR0, 37);
  const uint32_t regs[] = {BRR1,   CTPR,   WHOAMI, IACK,  FRR,          GCR, PIR,    SVR,
                           GTCCR0, GTBCR0, MSISR,  MSIR0, MSIR0 + 0x10, TCR, 0x3900, 0x3910};
  uint64_t end = t.now() + (t.opt().cycles ? t.opt().cycles : 200000);
  t.set_pipeline(3);
  t.set_lax_status(true);
  while (t.now() < end) {
    unsigned r = (unsigned)rnd(100);
    unsigned cpu = (unsigned)rnd(n);
    if (r < 20) {
      t.set_irq((unsigned)rnd(NIRQ), rnd(2));
      t.step(1 + (unsigned)rnd(4));
    } else if (r < 35) {
      for (unsigned c = 0; c < n; c++)
        if (t.pin(c, INT)) t.submit(c, RD, IACK);
      t.step(1 + (unsigned)rnd(3));
    } else if (r < 50) {
      t.submit(cpu, WR, EOI, 0);
    } else if (r < 58) {
      t.submit(cpu, WR, CTPR, rnd(3) ? 0 : (uint32_t)rnd(16));
    } else if (r < 68) {
      t.submit(cpu, RD, regs[rnd(sizeof regs / sizeof regs[0])]);
    } else if (r < 72) {
      t.submit(cpu, WR, IPIDR0 + 0x10 * (uint32_t)rnd(4), (uint32_t)rnd(1u << n));
    } else if (r < 76) {
      t.submit(0, WR, MSIIR, ((uint32_t)rnd(8) << 29) | ((uint32_t)rnd(32) << 24));
    } else if (r < 80) {
      unsigned s = (unsigned)rnd(NIRQ);
      t.submit(0, WR, eivpr(s),
               vpr(1 + rnd(15), s, (rnd(5) ? 0 : VPR_MSK) | VPR_P | (rnd(2) ? VPR_S : 0)));
    } else if (r < 83) {
      /* rejected accesses */
      static const uint32_t offs[] = {0x00020, 0x01002, 0x3FFFC, 0x0FFF0};
      int id = t.submit((unsigned)rnd(6), rnd(2) ? RD : WR, offs[rnd(4)], 0, rnd(2) ? 4 : 2);
      (void)id;
      if (rnd(8) == 0) /* outside the block: ended by the bus monitor */
        t.submit_addr(rnd(2) ? BASE - 4 * (1 + (uint32_t)rnd(256)) : BASE + BLOCK_SIZE, cpu,
                      rnd(2) ? RD : WR);
    } else if (r < 84) {
      t.submit(0, WR, PIR, (uint32_t)rnd(1u << n));
    } else if (r < 85 && rnd(20) == 0) {
      t.submit(0, WR, GCR, GCR_RST);
    } else {
      t.step(1 + (unsigned)rnd(8));
    }
    /* keep the queue short: no more than a few requests waiting */
    while (t.txn_count() && !t.txn((int)t.txn_count() - 1).issued && t.now() < end + 100000) {
      t.step(1);
    }
  }
  /* accesses the random generator marks as possibly failing are not
   * checked against expect_err: the TEA / TA choice is the checker's job */
  t.wait_all();
  t.step(16);
}

const std::vector<Scenario> kScenarios = {
    {"init", "variant=fsl-v4.2 cpus=2", sc_init, "reset, Linux-order init, PIR core reset"},
    {"life", "variant=fsl-v4.2 cpus=2", sc_life, "the interrupt's life of docs/bus.md"},
    {"iack_eoi", "variant=fsl-v4.2 cpus=2", sc_iack_eoi, "interrupt life, IACK/EOI loops"},
    {"nested", "variant=fsl-v4.2 cpus=2", sc_nested, "nested priorities"},
    {"ipi", "variant=fsl-v4.2 cpus=4", sc_ipi, "IPIs between cores, multicast"},
    {"timer", "variant=fsl-v4.2 cpus=2", sc_timer, "global timer interrupts"},
    {"msi", "variant=fsl-v4.2 cpus=2", sc_msi, "shared MSIs"},
    {"critical", "variant=fsl-v4.2 cpus=2", sc_critical, "critical / machine-check routing"},
    {"irq_out", "variant=fsl-v2.0 cpus=2", sc_irq_out, "v2.0 IDR EP -> IRQ_OUT, CI -> cint"},
    {"errors", "variant=fsl-v4.2 cpus=2 iack_latency=24", sc_errors,
     "TEA for rejected accesses, bus monitor"},
    {"reset", "variant=fsl-v4.2 cpus=2", sc_reset, "rst_ni mid-run, tenures in flight"},
    {"pipeline", "variant=fsl-v4.2 cpus=2 iack_latency=12", sc_pipeline,
     "pipelined tenures, in-order data"},
    {"random", "variant=fsl-v4.2 cpus=4", sc_random, "random traffic and IRQ pins (+seed)"},
};

} // namespace

const std::vector<Scenario> &scenarios() {
  return kScenarios;
}

} // namespace tb
