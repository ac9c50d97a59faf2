// Behaviour: destinations, IPIs, critical / machine-check routing, modes and proxy
// (behaviour.md items 7, 9, 10, 27, 30, 31; facts §2.6, 2.7, 2.12, 2.13).
#include "fixture.hpp"

using namespace mt;

namespace {

// Item 7: IPIs are true multicast; each core acknowledges its own copy.
TEST_F(Core, IpiToSeveralCoresEachAcksItsOwnCopy) {
  functional_mixed(*this, "fsl-v4.2", 4);
  wr(ipivpr(0), prio(6) | 0x50);
  wr(ipidr(0), 0x6, 3); // sent from core 3: the dispatching core is irrelevant
  EXPECT_FALSE(intr(0));
  EXPECT_TRUE(intr(1));
  EXPECT_TRUE(intr(2));
  EXPECT_FALSE(intr(3));
  EXPECT_EQ(rd(P_IACK, 1), 0x50u); // this-CPU page as core 1
  EXPECT_FALSE(intr(1));
  EXPECT_TRUE(intr(2)) << "core 2 keeps its own copy";
  EXPECT_EQ(iack(2), 0x50u);
  EXPECT_FALSE(intr(2));
  EXPECT_EQ(iack(0), svr_vector());
  EXPECT_EQ(iack(3), svr_vector());
  wr(P_EOI, 0, 1);
  eoi(2);
  EXPECT_FALSE(peek(ipivpr(0)) & VPR_A);
  // a second IPI to a core that has the first in service waits for its EOI
  wr(ipidr(0), 0x1);
  EXPECT_EQ(iack(0), 0x50u);
  wr(ipidr(0), 0x1);
  EXPECT_FALSE(intr(0));
  eoi(0);
  EXPECT_TRUE(intr(0));
  EXPECT_EQ(rd(ipidr(0)), 0u) << "IPIDR reads 0";
}

// Item 7: a numbered source with several P bits: the first IACK takes it.
TEST_F(Core, MultiDestinationEdgeSourceFirstIackTakesIt) {
  functional_mixed(*this, "fsl-v4.2", 2);
  src(1, VPR_P | prio(5) | 0x41, 0x3);
  irq(1, true);
  EXPECT_TRUE(intr(0));
  EXPECT_TRUE(intr(1));
  EXPECT_EQ(iack(1), 0x41u);
  EXPECT_FALSE(intr(0)) << "taken by core 1";
  EXPECT_FALSE(intr(1));
  EXPECT_EQ(iack(0), svr_vector());
  eoi(1);
  EXPECT_FALSE(intr(0)) << "edge pending was cleared by core 1's IACK";
  EXPECT_FALSE(intr(1));
}

TEST_F(Core, MultiDestinationLevelSourceOfferedToNoOtherCoreUntilEoi) {
  functional_mixed(*this, "fsl-v4.2", 2);
  src(2, VPR_S | VPR_P | prio(5) | 0x42, 0x3);
  irq(2, true);
  EXPECT_EQ(iack(0), 0x42u);
  EXPECT_FALSE(intr(1)) << "in service on core 0: offered to no other core";
  EXPECT_EQ(iack(1), svr_vector());
  eoi(0);
  EXPECT_TRUE(intr(0));
  EXPECT_TRUE(intr(1));
  irq(2, false);
  EXPECT_FALSE(intr(0));
  EXPECT_FALSE(intr(1));
}

// Items 9, 30: v2.0 critical routing by IDR CI bits; bypasses priority, CTPR, MSK, IACK/EOI.
TEST_F(Core, CriticalRoutingV20CiBitsIgnoreMask) {
  functional_mixed(*this, "fsl-v2.0", 2);
  ctpr(0, 15);
  src(2, VPR_MSK | VPR_S | VPR_P | prio(0) | 0x42, 0x40000000u); // CI0, masked, prio 0
  irq(2, true);
  EXPECT_TRUE(cint(0)) << "MSK does not gate critical routing before v4.1";
  EXPECT_FALSE(cint(1));
  EXPECT_FALSE(intr(0));
  EXPECT_EQ(iack(0), svr_vector()) << "critical sources are not acknowledged by IACK";
  EXPECT_TRUE(cint(0));
  eoi(0);
  EXPECT_TRUE(cint(0)) << "EOI does not affect critical outputs";
  irq(2, false);
  EXPECT_FALSE(cint(0));
  // CI1 routes to core 1; P bits together with CI: cint only
  wr(idr(2), 0x20000000u | 0x3);
  wr(vpr(2), VPR_S | VPR_P | prio(5) | 0x42);
  ctpr(0, 0);
  ctpr(1, 0);
  irq(2, true);
  EXPECT_TRUE(cint(1));
  EXPECT_FALSE(cint(0));
  EXPECT_FALSE(intr(0)) << "a source with P and CI bits goes to cint only";
  EXPECT_FALSE(intr(1));
  // OR of several sources
  src(3, VPR_S | VPR_P | prio(5) | 0x43, 0x20000000u);
  irq(3, true);
  irq(2, false);
  EXPECT_TRUE(cint(1));
  irq(3, false);
  EXPECT_FALSE(cint(1));
  for (auto &o : out) {
    EXPECT_NE(o.pin, MPIC_PIN_MCP) << "v2.0 has no machine-check routing";
  }
}

// Items 9, 30: v4.2 ILR selects int / cint / mcp; MSK gates; other values act as int (logged).
TEST_F(Core, CriticalAndMachineCheckRoutingV42Ilr) {
  functional_mixed(*this, "fsl-v4.2", 2);
  ctpr(1, 15);
  wr(ilr(20), 1);
  src(20, VPR_MSK | prio(0) | 0x60, 0x2);
  irq(20, true);
  EXPECT_FALSE(cint(1)) << "MSK gates critical routing from v4.1";
  wr(vpr(20), prio(0) | 0x60);
  EXPECT_TRUE(cint(1)) << "priority and CTPR are bypassed";
  EXPECT_FALSE(intr(1));
  EXPECT_FALSE(cint(0));
  EXPECT_EQ(iack(1), svr_vector());
  EXPECT_TRUE(cint(1));
  wr(vpr(20), VPR_MSK | prio(0) | 0x60);
  EXPECT_FALSE(cint(1));
  wr(vpr(20), prio(0) | 0x60);
  EXPECT_TRUE(cint(1));
  irq(20, false);
  EXPECT_FALSE(cint(1));
  // machine check
  wr(ilr(21), 2);
  src(21, prio(3) | 0x61, 0x1);
  irq(21, true);
  EXPECT_TRUE(mcp(0));
  EXPECT_FALSE(cint(0));
  EXPECT_FALSE(intr(0));
  irq(21, false);
  EXPECT_FALSE(mcp(0));
  // ILR 3: treated as int, logged
  size_t w = warnings.size();
  wr(ilr(22), 3);
  EXPECT_GT(warnings.size(), w) << "reserved ILR value must be logged";
  EXPECT_EQ(rd(ilr(22)), 3u);
  src(22, prio(3) | 0x62, 0x1);
  irq(22, true);
  EXPECT_TRUE(intr(0));
  EXPECT_FALSE(cint(0));
  EXPECT_FALSE(mcp(0));
  EXPECT_EQ(iack(0), 0x62u);
}

// Item 30: an edge source routed to cint / mcp pulses it for one MPIC clock, latching nothing.
TEST_F(Core, EdgeSourceOnCintPulsesOneMpicClock) {
  functional_mixed(*this, "fsl-v4.2", 1); // MPIC clock = 2 platform cycles
  wr(ilr(3), 1);
  src(3, VPR_P | prio(5) | 0x43);
  at(100);
  irq(3, true);
  run_to(200);
  auto c = outs(0, MPIC_PIN_CINT);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (Out{0, MPIC_PIN_CINT, true, 100}));
  EXPECT_EQ(c[1], (Out{0, MPIC_PIN_CINT, false, 102}));
  wr(ilr(3), 0);
  EXPECT_FALSE(intr()) << "nothing was latched";
  EXPECT_EQ(iack(), svr_vector());
  // mcp, with an explicit MPIC clock divider
  Sim b;
  functional_mixed(b, "fsl-v4.2", 1, {{"mpic_clk_div", "5"}});
  b.wr(ilr(4), 2);
  b.src(4, VPR_P | prio(5) | 0x44);
  b.at(50);
  b.irq(4, true);
  b.run_to(100);
  auto mc = b.outs(0, MPIC_PIN_MCP);
  ASSERT_EQ(mc.size(), 2u);
  EXPECT_EQ(mc[0].when, 50u);
  EXPECT_EQ(mc[1].when, 55u);
}

TEST_F(Core, EdgeSourceOnCintV20PulsesOneMpicClock) {
  functional_mixed(*this, "fsl-v2.0", 1); // MPIC clock = platform clock
  src(3, VPR_P | prio(5) | 0x43, 0x40000000u);
  at(10);
  irq(3, true);
  run_to(50);
  auto c = outs(0, MPIC_PIN_CINT);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].when, 10u);
  EXPECT_EQ(c[1].when, 11u);
  EXPECT_FALSE(c[1].level);
}

// Item 30: v2.0 EP routes to the single irq_out pin (reported as core 0).
TEST_F(Core, ExternalProxyPinV20IrqOut) {
  functional_mixed(*this, "fsl-v2.0", 2);
  src(4, VPR_S | VPR_P | prio(5) | 0x44, IDR_EP);
  src(5, VPR_S | VPR_P | prio(5) | 0x45, IDR_EP);
  irq(4, true);
  EXPECT_TRUE(level(0, MPIC_PIN_IRQ_OUT));
  EXPECT_FALSE(intr(0));
  EXPECT_EQ(peek(IRQSR0), 1u << (11 - 4));
  irq(5, true);
  irq(4, false);
  EXPECT_TRUE(level(0, MPIC_PIN_IRQ_OUT));
  EXPECT_EQ(peek(IRQSR0), 1u << (11 - 5));
  irq(5, false);
  EXPECT_FALSE(level(0, MPIC_PIN_IRQ_OUT));
  EXPECT_EQ(peek(IRQSR0), 0u);
}

// Items 10, 27: pass-through: core 0 int = raw IRQ0 level; router drives no int; IACK = SVR;
// cint / mcp routing still works.
TEST_F(Core, PassThroughMode) {
  create_functional("fsl-v4.2", 2);
  ASSERT_EQ(rd(GCR), 0u) << "reset mode is pass-through";
  ctpr(0, 0);
  src(0, VPR_MSK | prio(0) | 0x40); // VPR ignored in pass-through, even masked/falling
  src(1, VPR_P | prio(5) | 0x41);
  irq(0, true);
  EXPECT_TRUE(intr(0));
  EXPECT_FALSE(intr(1));
  irq(1, true);
  EXPECT_EQ(iack(0), svr_vector()) << "router bypassed";
  EXPECT_TRUE(intr(0));
  irq(0, false);
  EXPECT_FALSE(intr(0)) << "source 1 pending must not drive int in pass-through";
  irq(0, true);
  EXPECT_TRUE(intr(0));
  // critical routing works in pass-through
  wr(ilr(20), 1);
  src(20, prio(1) | 0x60, 0x2);
  irq(20, true);
  EXPECT_TRUE(cint(1));
  // switching to mixed: the router takes over (source 0 is masked)
  irq(0, false);
  mixed();
  irq(1, false);
  irq(1, true);
  EXPECT_TRUE(intr(0));
  EXPECT_EQ(iack(0), 0x41u);
  eoi(0);
  EXPECT_FALSE(intr(0));
  // back to pass-through: IRQ0 level drives int again
  wr(GCR, 0);
  irq(0, true);
  EXPECT_TRUE(intr(0));
}

// Item 27: GCR mode 10 (reserved) behaves as mixed and is logged.
TEST_F(Core, ReservedModeBehavesAsMixed) {
  create_functional("fsl-v4.2", 1);
  ctpr(0, 0);
  size_t w = warnings.size();
  wr(GCR, GCR_RESERVED10);
  EXPECT_GT(warnings.size(), w);
  src(0, VPR_P | prio(5) | 0x40);
  src(1, VPR_P | prio(5) | 0x41);
  irq(1, true);
  EXPECT_TRUE(intr(0));
  EXPECT_EQ(iack(0), 0x41u);
  EXPECT_EQ(rd(GCR), GCR_RESERVED10);
  irq(0, true);
  EXPECT_FALSE(intr(0)) << "IRQ0 does not pass through in reserved (mixed-like) mode";
}

// Items 10, 31: proxy mode acknowledge; MPIC_E_MODE outside proxy.
TEST_F(Core, ProxyAcknowledge) {
  functional_mixed(*this, "fsl-v4.2", 2);
  src(1, VPR_P | prio(5) | 0x41);
  irq(1, true);
  uint32_t v = 0;
  EXPECT_EQ(mpic_ack(m, t, 0, &v), MPIC_E_MODE) << "ack outside proxy mode";
  EXPECT_TRUE(intr(0)) << "failed ack changed nothing";
  EXPECT_TRUE(active(1));
  wr(GCR, GCR_PROXY);
  EXPECT_EQ(rd(GCR), GCR_PROXY);
  EXPECT_TRUE(intr(0));
  EXPECT_EQ(ack(0), 0x41u);
  EXPECT_FALSE(intr(0));
  EXPECT_TRUE(active(1)) << "committed: in service";
  EXPECT_EQ(ack(0), svr_vector()) << "nothing else: spurious";
  // IACK still works in proxy mode
  src(2, VPR_P | prio(7) | 0x42);
  irq(2, true);
  EXPECT_EQ(iack(0), 0x42u);
  eoi(0);
  eoi(0);
  EXPECT_FALSE(active(1));
  EXPECT_FALSE(active(2));
  // ack on core 1 takes core 1's interrupt
  src(3, VPR_P | prio(4) | 0x43, 0x2);
  irq(3, true);
  EXPECT_EQ(ack(1), 0x43u);
  EXPECT_FALSE(intr(1));
}

TEST_F(Core, ProxyUnavailableOnV20) {
  functional_mixed(*this, "fsl-v2.0", 1);
  wr(GCR, GCR_PROXY);
  EXPECT_EQ(rd(GCR), GCR_MIXED);
  src(1, VPR_P | prio(5) | 0x41);
  irq(1, true);
  uint32_t v = 0;
  EXPECT_EQ(mpic_ack(m, t, 0, &v), MPIC_E_MODE);
  EXPECT_TRUE(intr(0));
  EXPECT_EQ(iack(0), 0x41u);
}

} // namespace
