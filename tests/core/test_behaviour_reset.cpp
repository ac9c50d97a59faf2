// Behaviour: GCR reset and PIR core reset (behaviour.md items 13, 14, 15, 28; facts §2.12).
#include "fixture.hpp"
#include "regspec.hpp"

using namespace mt;

namespace {

// Every register instance the independent table fixes reads its reset value (peek).
void expect_all_reset(Sim &s, const std::string &variant, unsigned ncpus) {
  for (auto &r : expected_regs(*vspec(variant), ncpus)) {
    if (r.flags & (R_OPT | R_VALUE_UNK)) continue;
    uint32_t v = 0xDEADBEEF;
    ASSERT_EQ(mpic_peek(s.m, 0, r.off, &v), MPIC_OK) << r.name << " " << hex(r.off);
    if (r.off == GCR) continue;  // RST may still read 1
    if (r.off == EISR) continue; // reflects the (kept) error input levels
    EXPECT_EQ(v, r.reset) << r.name << " @" << hex(r.off) << " after GCR reset";
  }
}

// Item 28: registers back to reset at the write; state cleared; outputs low; inputs kept;
// RST reads 1 for reset_duration (32) cycles; other writes in the window are ignored.
TEST_F(Core, GcrResetRestoresEverythingButInputs) {
  functional_mixed(*this, "fsl-v4.2", 2);
  // busy state everywhere
  src(1, VPR_S | VPR_P | prio(5) | 0x41);
  irq(1, true);
  EXPECT_EQ(iack(0), 0x41u); // in service on core 0
  src(2, VPR_P | prio(9) | 0x42, 0x2);
  irq(2, true); // pending on core 1, int high
  ASSERT_TRUE(intr(1));
  wr(ipivpr(0), VPR_MSK | prio(6) | 0x50);
  wr(ipidr(0), 0x3); // IPI pending (masked) on both cores
  wr(SVR, 0x1234);
  wr(PIR, 0x2);
  wr(gtbcr(0), 100); // timer running
  wr(MER_A, 0xF);
  wr(msgr(1), 7);
  wr(msiir(0), msiir_val(3, 4));
  wr(EIMR, 0xF0F0F0F0u);
  err(2, true);
  wr(ilr(30), 1);
  advance(500);
  ASSERT_TRUE(level(1, MPIC_PIN_RESET));

  at(1000);
  wr(GCR, GCR_RST);
  EXPECT_EQ(rd(GCR), GCR_RST);
  EXPECT_FALSE(intr(1)) << "outputs go low";
  EXPECT_FALSE(level(1, MPIC_PIN_RESET));
  size_t w = warnings.size();
  at(1010);
  wr(bank(1, P_CTPR), 3);
  wr(GCR, GCR_MIXED);
  wr(vpr(3), prio(3));
  EXPECT_GT(warnings.size(), w) << "writes during reset are logged";
  at(1031);
  EXPECT_EQ(rd(GCR), GCR_RST) << "RST reads 1 for reset_duration cycles";
  at(1032);
  EXPECT_EQ(rd(GCR), 0u) << "RST self-clears after reset_duration";
  expect_all_reset(*this, "fsl-v4.2", 2);
  bool lv = false;
  ASSERT_EQ(mpic_get_irq(m, 1, &lv), MPIC_OK);
  EXPECT_TRUE(lv) << "input levels are kept";
  EXPECT_EQ(rd(EISR), 1u << (31 - 2)) << "error sub-source input level kept";
  EXPECT_FALSE(active(1)) << "in service cleared";
  EXPECT_EQ(rd(msir(0, 3)), 0u) << "MSI state cleared";
  EXPECT_EQ(rd(MSR_A), 0u) << "messaging state cleared";
  EXPECT_EQ(rd(gtccr(0)), 0u) << "timer state cleared";
  advance(100000);
  EXPECT_EQ(rd(gtccr(0)), 0u) << "timer stopped by reset";
  for (auto &o : out) {
    if (o.when > 1000) {
      ADD_FAILURE() << "output change after reset: " << o;
    }
  }
  // after reconfiguration: the level source re-pends, IPIs are gone, nothing in service
  mixed();
  ctpr(0, 0);
  ctpr(1, 0);
  wr(ipivpr(0), prio(6) | 0x50);
  EXPECT_FALSE(intr(0)) << "IPI pending state was cleared";
  EXPECT_FALSE(intr(1));
  src(1, VPR_S | VPR_P | prio(2) | 0x41);
  EXPECT_TRUE(intr(0)) << "level input still high; priority 2 not blocked by the old in-service 5";
  EXPECT_EQ(iack(0), 0x41u);
}

// Item 28: reset in the middle of service: the in-service stack is emptied.
TEST_F(Core, GcrResetMidService) {
  functional_mixed(*this, "fsl-v2.0", 1);
  src(1, VPR_P | prio(9) | 0x41);
  irq(1, true);
  EXPECT_EQ(iack(), 0x41u);
  at(100);
  wr(GCR, GCR_RST);
  at(200);
  EXPECT_EQ(rd(GCR), 0u);
  mixed();
  ctpr(0, 0);
  eoi(); // nothing in service: no-op
  src(2, VPR_P | prio(3) | 0x42);
  irq(2, true);
  EXPECT_TRUE(intr()) << "priority 3 deliverable: the old priority-9 entry is gone";
  EXPECT_EQ(iack(), 0x42u);
  eoi();
  EXPECT_FALSE(active(1));
  EXPECT_FALSE(active(2));
}

// Item 14: reset_duration is a parameter.
TEST_F(Core, GcrResetDurationParameter) {
  create("fsl-v3.1", 1, {{"reset_duration", "100"}});
  at(10);
  wr(GCR, GCR_RST | GCR_MIXED);
  at(109);
  EXPECT_EQ(rd(GCR), GCR_RST);
  at(110);
  EXPECT_EQ(rd(GCR), 0u) << "mode bits written together with RST are not kept";
}

// Item 13: PIR bit n drives core n's reset output while set; in-service survives.
TEST_F(Core, PirCoreResetAndInServiceSurvives) {
  functional_mixed(*this, "fsl-v4.2", 2);
  src(1, VPR_P | prio(9) | 0x41, 0x2);
  src(2, VPR_P | prio(3) | 0x42, 0x2);
  irq(1, true);
  EXPECT_EQ(iack(1), 0x41u);
  at(100);
  wr(PIR, 0x2);
  EXPECT_EQ(rd(PIR), 0x2u);
  EXPECT_TRUE(level(1, MPIC_PIN_RESET));
  EXPECT_FALSE(level(0, MPIC_PIN_RESET));
  at(110);
  wr(PIR, 0);
  EXPECT_FALSE(level(1, MPIC_PIN_RESET));
  auto r = outs(1, MPIC_PIN_RESET);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], (Out{1, MPIC_PIN_RESET, true, 100}));
  EXPECT_EQ(r[1], (Out{1, MPIC_PIN_RESET, false, 110}));
  EXPECT_TRUE(active(1)) << "in-service state survives a core reset";
  irq(2, true);
  EXPECT_FALSE(intr(1)) << "priority 9 still in service blocks priority 3";
  // Linux: 15 EOIs after a core reset
  for (int i = 0; i < 15; i++)
    eoi(1);
  EXPECT_FALSE(active(1));
  EXPECT_TRUE(intr(1));
  EXPECT_EQ(iack(1), 0x42u);
}

TEST_F(Core, PirDefaultLatency) {
  create("fsl-v2.0", 2); // core_reset_latency = 1
  at(40);
  wr(PIR, 0x3);
  run_to(100);
  auto r0 = outs(0, MPIC_PIN_RESET), r1 = outs(1, MPIC_PIN_RESET);
  ASSERT_EQ(r0.size(), 1u);
  ASSERT_EQ(r1.size(), 1u);
  EXPECT_EQ(r0[0].when, 41u);
  EXPECT_EQ(r1[0].when, 41u);
}

} // namespace
