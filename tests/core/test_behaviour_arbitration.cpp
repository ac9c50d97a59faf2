// Behaviour: sources, arbitration, IACK/EOI (behaviour.md items 2, 4-8, 25, 26; facts §2.1-2.5).
// All latencies are 0 here: outputs follow their cause in the same cycle.
#include "fixture.hpp"

using namespace mt;

namespace {

class Arb : public Core {
protected:
  void SetUp() override { functional_mixed(*this, "fsl-v4.2", 2); }
};

// Item 2: an edge source latches only on a real edge of the polarity-adjusted input.
TEST_F(Arb, EdgeSourceLatchesOnlyOnRealEdge) {
  src(1, VPR_P | prio(5) | 0x41);
  EXPECT_FALSE(intr());
  irq(1, true);
  EXPECT_TRUE(intr());
  EXPECT_TRUE(active(1));
  EXPECT_EQ(iack(), 0x41u);
  EXPECT_FALSE(intr());
  EXPECT_TRUE(active(1)) << "in service";
  irq(1, true); // repeated "set to 1": no edge
  eoi();
  EXPECT_FALSE(intr());
  EXPECT_FALSE(active(1));
  EXPECT_EQ(iack(), svr_vector()) << "no edge was latched";
  irq(1, false); // falling edge on an active-high edge source: nothing
  EXPECT_FALSE(intr());
  irq(1, true);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x41u);
  eoi();
  EXPECT_FALSE(intr());
}

// Facts §2.1: level pending follows the line; IACK does not clear it; EOI re-requests.
TEST_F(Arb, LevelSourceFollowsLineAndReRequestsAfterEoi) {
  src(2, VPR_S | VPR_P | prio(5) | 0x42);
  irq(2, true);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x42u);
  EXPECT_FALSE(intr()) << "equal priority in service blocks the still-asserted level source";
  eoi();
  EXPECT_TRUE(intr()) << "level still asserted after EOI: requested again";
  EXPECT_EQ(iack(), 0x42u);
  irq(2, false);
  eoi();
  EXPECT_FALSE(intr());
  EXPECT_FALSE(active(2));
  // negated before IACK: spurious
  irq(2, true);
  EXPECT_TRUE(intr());
  irq(2, false);
  EXPECT_FALSE(intr());
  EXPECT_EQ(iack(), svr_vector());
  EXPECT_FALSE(active(2));
}

// Item 2: P=0 is active low (level) / falling edge.
TEST_F(Arb, ActiveLowLevelSource) {
  src(3, VPR_S | prio(5) | 0x43); // input is low: asserted at once
  EXPECT_TRUE(intr());
  irq(3, true);
  EXPECT_FALSE(intr());
  irq(3, false);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x43u);
}

TEST_F(Arb, FallingEdgeSource) {
  src(4, prio(5) | 0x44); // S=0, P=0
  irq(4, true);
  EXPECT_FALSE(intr()) << "rising edge must not latch a falling-edge source";
  irq(4, false);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x44u);
  eoi();
  irq(4, false); // repeated low: no edge
  EXPECT_FALSE(intr());
}

// Item 26: writes that change P or S create no edge; changing S discards a latched edge.
TEST_F(Arb, WritesCreateNoEdgeAndSenseChangeDiscardsLatchedEdge) {
  src(5, VPR_P | prio(5) | 0x45);
  irq(5, true);
  EXPECT_EQ(iack(), 0x45u);
  eoi();
  // input high; flip P twice: the polarity-adjusted input goes 1 -> 0 -> 1 by writes only
  wr(vpr(5), prio(5) | 0x45);
  wr(vpr(5), VPR_P | prio(5) | 0x45);
  EXPECT_FALSE(intr());
  EXPECT_EQ(iack(), svr_vector());
  // latch an edge while masked, drop the line, switch to level and back to edge
  irq(5, false);
  wr(vpr(5), VPR_MSK | VPR_P | prio(5) | 0x45);
  irq(5, true);
  irq(5, false);
  wr(vpr(5), VPR_MSK | VPR_S | VPR_P | prio(5) | 0x45);
  wr(vpr(5), VPR_MSK | VPR_P | prio(5) | 0x45);
  wr(vpr(5), VPR_P | prio(5) | 0x45);
  EXPECT_FALSE(intr()) << "the latched edge must have been discarded by the S change";
  // level re-evaluated from the current input when S changes
  irq(5, true);
  EXPECT_TRUE(intr()); // fresh edge
  EXPECT_EQ(iack(), 0x45u);
  eoi();
  wr(vpr(5), VPR_S | VPR_P | prio(5) | 0x45); // input is high: level asserted
  EXPECT_TRUE(intr());
}

// Facts §2.1: a source pending while masked is requested when unmasked; masking withdraws.
TEST_F(Arb, MaskWhilePending) {
  src(1, VPR_MSK | VPR_P | prio(5) | 0x41);
  irq(1, true);
  EXPECT_FALSE(intr());
  EXPECT_FALSE(active(1)) << "item 25: A = pending and not masked";
  wr(vpr(1), VPR_P | prio(5) | 0x41);
  EXPECT_TRUE(intr());
  EXPECT_TRUE(active(1));
  wr(vpr(1), VPR_MSK | VPR_P | prio(5) | 0x41);
  EXPECT_FALSE(intr());
  EXPECT_EQ(iack(), svr_vector()) << "masked source must not be acknowledged";
  wr(vpr(1), VPR_P | prio(5) | 0x41);
  EXPECT_TRUE(intr()) << "edge stayed latched while masked";
  EXPECT_EQ(iack(), 0x41u);
  eoi();
  // level: masked assertion that goes away is not remembered
  src(2, VPR_MSK | VPR_S | VPR_P | prio(5) | 0x42);
  irq(2, true);
  irq(2, false);
  wr(vpr(2), VPR_S | VPR_P | prio(5) | 0x42);
  EXPECT_FALSE(intr());
}

// Item 5 / facts §2.3: CTPR gates by strict comparison; raising it withdraws int, lowering
// re-asserts; a spurious IACK caused by CTPR does not drop the pending edge (item 8).
TEST_F(Arb, CtprChangesWhilePending) {
  src(1, VPR_P | prio(5) | 0x41);
  ctpr(0, 5);
  irq(1, true);
  EXPECT_FALSE(intr()) << "priority equal to CTPR is not signalled";
  ctpr(0, 4);
  EXPECT_TRUE(intr());
  ctpr(0, 6);
  EXPECT_FALSE(intr());
  EXPECT_EQ(iack(), svr_vector());
  EXPECT_TRUE(active(1)) << "spurious IACK changes nothing";
  ctpr(0, 0);
  EXPECT_TRUE(intr()) << "edge still pending after the spurious IACK";
  EXPECT_EQ(iack(), 0x41u);
  eoi();
  // CTPR 15 blocks everything
  src(2, VPR_P | prio(15) | 0x4F);
  ctpr(0, 15);
  irq(2, true);
  EXPECT_FALSE(intr());
  ctpr(0, 14);
  EXPECT_TRUE(intr());
}

// Item 8: EOI re-arbitrates with CTPR taken into account.
TEST_F(Arb, EoiReArbitratesWithCtpr) {
  src(1, VPR_P | prio(9) | 0x41);
  src(2, VPR_P | prio(4) | 0x42);
  irq(1, true);
  EXPECT_EQ(iack(), 0x41u);
  irq(2, true);
  EXPECT_FALSE(intr());
  ctpr(0, 6); // while 9 in service
  eoi();
  EXPECT_FALSE(intr()) << "prio 4 pending, CTPR 6: EOI must not raise int (QEMU does)";
  ctpr(0, 3);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x42u);
}

// Back-to-back: a second edge during service, and two sources arriving together.
TEST_F(Arb, BackToBackInterrupts) {
  src(1, VPR_P | prio(5) | 0x41);
  irq(1, true);
  EXPECT_EQ(iack(), 0x41u);
  irq(1, false);
  irq(1, true); // new edge while in service
  EXPECT_FALSE(intr()) << "same source/priority in service";
  eoi();
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x41u);
  eoi();
  EXPECT_FALSE(intr());

  src(2, VPR_P | prio(7) | 0x42);
  src(3, VPR_P | prio(5) | 0x43);
  irq(3, true);
  irq(2, true);
  EXPECT_EQ(iack(), 0x42u) << "higher priority first";
  EXPECT_FALSE(intr()) << "lower priority waits for the EOI";
  eoi();
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x43u);
  eoi();
  EXPECT_FALSE(intr());
}

// A higher priority pre-empts an in-service one; EOI with another pending re-asserts int.
TEST_F(Arb, PreemptionAndEoiWithAnotherPending) {
  src(1, VPR_P | prio(3) | 0x41);
  src(2, VPR_P | prio(8) | 0x42);
  src(3, VPR_P | prio(2) | 0x43);
  irq(1, true);
  EXPECT_EQ(iack(), 0x41u);
  irq(2, true);
  EXPECT_TRUE(intr()) << "8 > in-service 3 pre-empts";
  EXPECT_EQ(iack(), 0x42u);
  irq(3, true);
  EXPECT_FALSE(intr());
  eoi(); // retires 8
  EXPECT_FALSE(intr()) << "3 still in service blocks 2";
  EXPECT_TRUE(active(1));
  EXPECT_FALSE(active(2));
  eoi(); // retires 3
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x43u);
  eoi();
  EXPECT_FALSE(intr());
  eoi(); // nothing in service: no-op
  EXPECT_FALSE(intr());
}

// Facts §2.2: up to 15 nested in-service levels per core; EOIs retire highest first.
// Internal sources 17..31 (16 is the v4.1+ error summary).
TEST_F(Arb, NestingFifteenLevels) {
  for (unsigned p = 1; p <= 15; p++)
    src(16 + p, prio(p) | (0x100 + p));
  for (unsigned p = 1; p <= 15; p++) {
    irq(16 + p, true);
    ASSERT_TRUE(intr()) << "level " << p;
    EXPECT_EQ(iack(), 0x100 + p);
    irq(16 + p, false);
    EXPECT_FALSE(intr());
  }
  // an equal priority source cannot pre-empt priority 15
  src(40, prio(15) | 0x1FF);
  irq(40, true);
  EXPECT_FALSE(intr());
  irq(40, false);
  for (unsigned p = 1; p <= 15; p++) {
    EXPECT_TRUE(active(16 + p)) << p;
  }
  for (unsigned p = 15; p >= 1; p--) {
    eoi();
    EXPECT_FALSE(active(16 + p)) << "EOI must retire priority " << p;
    if (p > 1) {
      EXPECT_TRUE(active(15 + p)) << "priority " << p - 1 << " still in service";
    }
  }
  EXPECT_FALSE(intr());
}

// Items 6 and 33: ties go to the lowest source number, then IPIs 0-3, then timers 0-7.
TEST_F(Arb, EqualPriorityTieOrder) {
  const uint32_t P = prio(7);
  // timers 1 and 0 pending (stopped after their first expiry)
  for (unsigned tm : {1u, 0u}) {
    wr(gtvpr(tm), P | (0x70 + tm));
    wr(gtdr(tm), 1);
  }
  ctpr(0, 15);
  wr(gtbcr(1), 1);
  wr(gtbcr(0), 1);
  advance(t + 1000);
  wr(gtbcr(0), CI | 1);
  wr(gtbcr(1), CI | 1);
  // IPIs 2 and 0
  wr(ipivpr(0), P | 0x80);
  wr(ipivpr(2), P | 0x82);
  wr(ipidr(2), 1);
  wr(ipidr(0), 1);
  // MSI 224 and messaging 176
  wr(vpr(224), P | 0xE0);
  wr(0x1740, msiir_val(0, 0));
  wr(vpr(176), P | 0xB0);
  wr(MER_A, 1);
  wr(msgr(0), 0x1234);
  // internal 20 (level), external 5 and 3 (edges)
  src(20, P | 0x60);
  irq(20, true);
  src(5, VPR_P | P | 0x55);
  src(3, VPR_P | P | 0x53);
  irq(5, true);
  irq(3, true);
  ctpr(0, 0);
  std::vector<uint32_t> order;
  for (int i = 0; i < 12 && intr(); i++) {
    uint32_t v = iack();
    order.push_back(v);
    if (v == 0x60) irq(20, false);
    if (v == 0xE0) rd(msir(0, 0));
    if (v == 0xB0) rd(msgr(0));
    eoi();
  }
  std::vector<uint32_t> want = {0x53, 0x55, 0x60, 0xB0, 0xE0, 0x80, 0x82, 0x70, 0x71};
  EXPECT_EQ(order, want);
}

// Item 8: with nothing signallable IACK returns the SVR vector and changes nothing.
TEST_F(Arb, SpuriousIackChangesNothing) {
  wr(SVR, 0x1234);
  EXPECT_EQ(iack(), 0x1234u);
  src(1, VPR_P | prio(5) | 0x41);
  src(2, VPR_P | prio(3) | 0x42);
  irq(1, true);
  EXPECT_EQ(iack(), 0x41u);
  irq(2, true);
  size_t nout = out.size();
  EXPECT_EQ(iack(), 0x1234u);
  EXPECT_EQ(out.size(), nout) << "spurious IACK must not change outputs";
  EXPECT_TRUE(active(1));
  EXPECT_TRUE(active(2)) << "pending and unmasked";
  eoi(); // retires 1, not a phantom entry
  EXPECT_FALSE(active(1));
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x42u);
  eoi();
  EXPECT_FALSE(active(2));
  EXPECT_EQ(iack(), 0x1234u);
}

// Item 5: priority 0 never delivers (the edge stays latched).
TEST_F(Arb, PriorityZeroNeverDelivers) {
  src(1, VPR_P | prio(0) | 0x41);
  irq(1, true);
  EXPECT_FALSE(intr());
  EXPECT_EQ(iack(), svr_vector());
  EXPECT_TRUE(active(1)) << "item 25: pending and not masked";
  wr(vpr(1), VPR_P | prio(1) | 0x41);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0x41u);
}

// Items 4, 25: A is read-only; reflects pending-unmasked or in service; writes while A=1 are
// applied, logged, and take effect at the next arbitration.
TEST_F(Arb, ActivityBitAndWritesWhileActive) {
  src(1, VPR_A | VPR_P | prio(5) | 0x41);
  EXPECT_EQ(rd(vpr(1)), VPR_P | prio(5) | 0x41u) << "A is read-only";
  irq(1, true);
  EXPECT_EQ(rd(vpr(1)), VPR_A | VPR_P | prio(5) | 0x41u);
  EXPECT_EQ(iack(), 0x41u);
  EXPECT_TRUE(active(1)) << "in service";
  size_t w = warnings.size();
  wr(vpr(1), VPR_P | prio(9) | 0x49);
  EXPECT_GT(warnings.size(), w) << "write while A=1 must be logged";
  EXPECT_EQ(rd(vpr(1)), VPR_A | VPR_P | prio(9) | 0x49u) << "write applied";
  eoi();
  EXPECT_FALSE(active(1));
  irq(1, false);
  irq(1, true);
  EXPECT_EQ(iack(), 0x49u) << "new vector used at the next arbitration";
  eoi();
  // IPI: A while any core's copy is pending or in service
  wr(ipivpr(1), prio(6) | 0x91);
  wr(ipidr(1), 0x3);
  EXPECT_TRUE(peek(ipivpr(1)) & VPR_A);
  EXPECT_EQ(iack(0), 0x91u);
  EXPECT_EQ(iack(1), 0x91u);
  EXPECT_TRUE(peek(ipivpr(1)) & VPR_A);
  eoi(0);
  EXPECT_TRUE(peek(ipivpr(1)) & VPR_A) << "core 1 still has it in service";
  eoi(1);
  EXPECT_FALSE(peek(ipivpr(1)) & VPR_A);
}

// Item 5: the highest candidate goes to each core independently.
TEST_F(Arb, DestinationSelectsCore) {
  src(1, VPR_P | prio(5) | 0x41, 0x2);
  irq(1, true);
  EXPECT_FALSE(intr(0));
  EXPECT_TRUE(intr(1));
  EXPECT_EQ(iack(0), svr_vector());
  EXPECT_EQ(iack(1), 0x41u);
  EXPECT_FALSE(intr(1));
  // destination change while pending moves the request
  src(2, VPR_P | prio(5) | 0x42, 0x1);
  wr(vpr(2), VPR_MSK | VPR_P | prio(5) | 0x42);
  irq(2, true);
  wr(idr(2), 0x2);
  wr(vpr(2), VPR_P | prio(5) | 0x42);
  EXPECT_FALSE(intr(0));
  EXPECT_FALSE(intr(1)) << "core 1 has priority 5 in service";
  eoi(1);
  EXPECT_TRUE(intr(1));
  EXPECT_EQ(iack(1), 0x42u);
}

} // namespace

namespace {

// Header "Debug access": a peek of IACK acknowledges nothing, a poke of EOI retires nothing,
// a poke stores writable fields like a write and outputs follow.
TEST_F(Arb, DebugAccessHasNoSideEffects) {
  src(1, VPR_MSK | VPR_P | prio(5) | 0x41);
  irq(1, true);
  poke(vpr(1), VPR_P | prio(5) | 0x41);
  advance(t);
  EXPECT_TRUE(intr()) << "poke unmasked the source; outputs follow";
  EXPECT_EQ(peek(bank(0, P_IACK)), 0x41u);
  EXPECT_EQ(peek(P_IACK), 0x41u);
  EXPECT_TRUE(intr()) << "peek of IACK acknowledges nothing";
  EXPECT_EQ(iack(), 0x41u);
  poke(bank(0, P_EOI), 0);
  advance(t);
  EXPECT_TRUE(active(1)) << "poke of EOI retires nothing";
  eoi();
  EXPECT_FALSE(active(1));
}

// Items 3, 24: internal P is writable and honoured before v4.0, fixed at 1 from v4.0;
// internal S reads 0 and internal sources are level.
TEST(Polarity, InternalPolarityV20HonouredV42Fixed) {
  Sim a;
  functional_mixed(a, "fsl-v2.0", 1);
  a.src(20, VPR_S | prio(5) | 0x60); // P = 0: active low; the idle (low) line asserts
  EXPECT_EQ(a.rd(vpr(20)) & (VPR_S | VPR_P), 0u);
  EXPECT_TRUE(a.intr());
  a.irq(20, true);
  EXPECT_FALSE(a.intr());
  Sim b;
  functional_mixed(b, "fsl-v4.2", 1);
  b.src(20, VPR_S | prio(5) | 0x60);
  EXPECT_EQ(b.rd(vpr(20)) & (VPR_S | VPR_P), VPR_P) << "S reads 0, P reads 1";
  EXPECT_FALSE(b.intr());
  b.irq(20, true);
  EXPECT_TRUE(b.intr());
  EXPECT_EQ(b.iack(), 0x60u);
  b.eoi();
  EXPECT_TRUE(b.intr()) << "internal sources are level: still asserted";
}

} // namespace
