// Time: next_event / advance contract, output stamping, default latencies (draft "Timing
// parameters"), access completion cycles, determinism, independent instances.
#include "fixture.hpp"

using namespace mt;

namespace {

// Default latencies: sync 2, arb 3, read 4, write 4, iack 6, eoi 4, iack_to_int 2,
// eoi_to_arb 2, core_reset 1; v4.2 MPIC clock = 2 cycles.
class Timed : public Core {
protected:
  void SetUp() override {
    create("fsl-v4.2", 2);
    mixed();
    ctpr(0, 0);
    ctpr(1, 0);
    advance(50);
    out.clear();
  }
  std::vector<Out> ints(unsigned cpu = 0) { return outs(cpu, MPIC_PIN_INT); }
};

TEST(Time, FreshInstanceHasNoEvents) {
  Sim s;
  s.create("fsl-v2.0", 1);
  EXPECT_EQ(mpic_now(s.m), 0u);
  EXPECT_EQ(mpic_next_event(s.m), MPIC_NEVER);
  EXPECT_EQ(mpic_advance(s.m, 1000000), MPIC_OK);
  EXPECT_EQ(mpic_now(s.m), 1000000u);
  EXPECT_EQ(mpic_next_event(s.m), MPIC_NEVER);
  EXPECT_TRUE(s.out.empty());
}

// next_event names each internal step; advancing to it performs it; nothing happens earlier.
TEST_F(Timed, NextEventAndAdvanceContract) {
  src(1, VPR_P | prio(5) | 0x41);
  settle = false;
  at(100);
  ASSERT_EQ(mpic_set_irq(m, 100, 1, true), MPIC_OK);
  EXPECT_EQ(mpic_now(m), 100u);
  EXPECT_EQ(next(), 102u) << "synchroniser: T + sync_depth";
  EXPECT_EQ(mpic_advance(m, 101), MPIC_OK);
  EXPECT_EQ(next(), 102u);
  EXPECT_FALSE(intr());
  EXPECT_EQ(mpic_advance(m, 102), MPIC_OK);
  EXPECT_EQ(next(), 105u) << "arbitration latency";
  EXPECT_FALSE(intr());
  EXPECT_EQ(mpic_advance(m, 104), MPIC_OK);
  EXPECT_FALSE(intr());
  EXPECT_EQ(mpic_advance(m, 105), MPIC_OK);
  EXPECT_TRUE(intr());
  EXPECT_EQ(next(), MPIC_NEVER);
  EXPECT_EQ(ints(), (std::vector<Out>{{0, MPIC_PIN_INT, true, 105}}));
}

// Advancing far past several events stamps each output with its own cycle.
TEST_F(Timed, OutputsStampedWithEventCycleNotAdvanceTarget) {
  src(1, VPR_P | prio(5) | 0x41);
  at(100);
  irq(1, true);
  advance(100000);
  EXPECT_EQ(ints(), (std::vector<Out>{{0, MPIC_PIN_INT, true, 105}}));
  EXPECT_EQ(mpic_now(m), 100000u);
}

// Outputs are reported only when they change.
TEST_F(Timed, OutputsFiredOnlyOnChange) {
  src(1, VPR_P | prio(5) | 0x41);
  src(2, VPR_S | VPR_P | prio(7) | 0x42);
  at(100);
  irq(1, true);
  at(200);
  irq(2, true); // int already high
  at(300);
  irq(2, false);
  at(400);
  irq(2, true);
  advance(1000);
  EXPECT_EQ(ints().size(), 1u) << "int stayed high: a single event";
  at(1000);
  wr(bank(0, P_CTPR), 0); // rewrite the same CTPR
  advance(2000);
  EXPECT_EQ(out.size(), 1u);
}

// Draft: external pin -> source at T+sync_depth -> int at +arb_latency; internal, MSI and
// messaging act at T.
TEST_F(Timed, DefaultSourceLatencies) {
  src(3, VPR_P | prio(5) | 0x43);
  at(1000);
  irq(3, true);
  advance(1100);
  ASSERT_EQ(ints().size(), 1u);
  EXPECT_EQ(ints()[0].when, 1005u) << "external pin: T + sync_depth + arb_latency";
  EXPECT_EQ(iack(), 0x43u);
  eoi();
  out.clear();

  src(20, prio(5) | 0x60, 0x2);
  at(2000);
  irq(20, true);
  advance(2100);
  ASSERT_EQ(ints(1).size(), 1u);
  EXPECT_EQ(ints(1)[0].when, 2003u) << "internal line: T + arb_latency";
  irq(20, false);
  advance(2200);
  ASSERT_EQ(ints(1).size(), 2u);
  EXPECT_EQ(ints(1)[1].when, 2103u);
  out.clear();

  wr(vpr(225), prio(5) | 0xE1);
  at(3000);
  msi(0, msiir_val(1, 0));
  advance(3100);
  ASSERT_EQ(ints().size(), 1u);
  EXPECT_EQ(ints()[0].when, 3003u) << "MSI: T + arb_latency";
  rd(msir(0, 1));
  advance(3200);
  out.clear();

  wr(vpr(177), prio(5) | 0xB1);
  wr(MER_A, 0x2);
  at(4000);
  wr(msgr(1), 1);
  advance(4100);
  ASSERT_EQ(ints().size(), 1u);
  EXPECT_EQ(ints()[0].when, 4003u) << "message: T + arb_latency";
}

// Draft: IACK -> int low after iack_to_int; EOI -> re-arbitrated int after eoi_to_arb;
// CTPR -> arb_latency; PIR -> core_reset_latency.
TEST_F(Timed, DefaultAckEoiCtprPirLatencies) {
  src(20, prio(7) | 0x60);
  src(21, prio(4) | 0x61);
  at(100);
  irq(20, true);
  irq(21, true);
  advance(200);
  ASSERT_EQ(ints().size(), 1u);
  EXPECT_EQ(ints()[0].when, 103u);
  at(200);
  mpic_cycle_t done = 0;
  EXPECT_EQ(rd(bank(0, P_IACK), 0, &done), 0x60u);
  EXPECT_EQ(done, 206u) << "IACK completes after iack_latency";
  advance(300);
  ASSERT_EQ(ints().size(), 2u);
  EXPECT_EQ(ints()[1], (Out{0, MPIC_PIN_INT, false, 202}));
  at(300);
  irq(20, false);
  wr(bank(0, P_EOI), 0, 0, &done);
  EXPECT_EQ(done, 304u) << "EOI completes after eoi_latency";
  advance(400);
  ASSERT_EQ(ints().size(), 3u);
  EXPECT_EQ(ints()[2], (Out{0, MPIC_PIN_INT, true, 302})) << "EOI -> int after eoi_to_arb";
  at(400);
  wr(bank(0, P_CTPR), 5, 0, &done);
  EXPECT_EQ(done, 404u) << "write completes after write_latency";
  advance(500);
  ASSERT_EQ(ints().size(), 4u);
  EXPECT_EQ(ints()[3], (Out{0, MPIC_PIN_INT, false, 403})) << "CTPR -> arb_latency";
  at(500);
  EXPECT_EQ(rd(bank(0, P_CTPR), 0, &done), 5u);
  EXPECT_EQ(done, 504u) << "read completes after read_latency";
  at(600);
  wr(PIR, 0x2);
  advance(700);
  auto r = outs(1, MPIC_PIN_RESET);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].when, 601u);
}

TEST(Time, CompletionLatenciesFollowParameters) {
  Sim s;
  s.create("fsl-v2.0", 1,
           {{"read_latency", "10"},
            {"write_latency", "11"},
            {"iack_latency", "12"},
            {"eoi_latency", "13"}});
  s.at(100);
  mpic_cycle_t d = 0;
  s.rd(SVR, 0, &d);
  EXPECT_EQ(d, 110u);
  s.wr(SVR, 1, 0, &d);
  EXPECT_EQ(d, 111u);
  s.rd(P_IACK, 0, &d);
  EXPECT_EQ(d, 112u);
  s.wr(P_EOI, 0, 0, &d);
  EXPECT_EQ(d, 113u);
  EXPECT_EQ(s.rd(SVR), 1u) << "the write took effect at its issue cycle";
}

// Draft: a pulse shorter than sync_depth is lost.
TEST_F(Timed, PulseShorterThanSynchroniserIsLost) {
  src(1, VPR_P | prio(5) | 0x41);
  src(2, VPR_S | VPR_P | prio(5) | 0x42);
  at(100);
  irq(1, true);
  irq(2, true);
  at(101);
  irq(1, false);
  irq(2, false);
  advance(1000);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(iack(), svr_vector()) << "no edge latched";
  // a pulse of exactly sync_depth cycles gets through
  at(2000);
  irq(1, true);
  at(2002);
  irq(1, false);
  advance(3000);
  EXPECT_TRUE(intr());
}

// Draft: output pins are inertial.
TEST_F(Timed, InertialOutputs) {
  src(20, prio(5) | 0x60);
  src(21, prio(6) | 0x61);
  at(100);
  irq(20, true); // pin due at 103
  at(101);
  wr(vpr(20), VPR_MSK | prio(5) | 0x60); // selector back low before the pin moved
  advance(200);
  EXPECT_TRUE(out.empty()) << "selector returned to the pin's level first: nothing happens";
  at(300);
  irq(21, true); // pin due at 303
  at(301);
  wr(vpr(20), prio(5) | 0x60); // another change toward high: earlier time stands
  advance(400);
  EXPECT_EQ(ints(), (std::vector<Out>{{0, MPIC_PIN_INT, true, 303}}));
}

// Draft: an edge source on cint pulses the selector for one MPIC clock; the pin follows after
// sync + arb latency.
TEST_F(Timed, EdgeCintPulseWithDefaultLatencies) {
  wr(ilr(4), 1);
  src(4, VPR_P | prio(5) | 0x44);
  at(100);
  irq(4, true);
  advance(200);
  auto c = outs(0, MPIC_PIN_CINT);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (Out{0, MPIC_PIN_CINT, true, 105}));
  EXPECT_EQ(c[1], (Out{0, MPIC_PIN_CINT, false, 107}));
}

// Timer expiry is a source change: int follows after arb_latency.
TEST_F(Timed, TimerExpiryPlusArbitrationLatency) {
  wr(gtvpr(0), prio(5) | 0x70);
  at(1000);
  wr(gtbcr(0), 10);
  run_to(2000);
  ASSERT_EQ(ints().size(), 1u);
  EXPECT_EQ(ints()[0].when, 1000u + 10 * 16 + 3);
}

// Two identical runs give identical output logs.
std::vector<Out> scenario() {
  Sim s;
  s.create("fsl-v4.2", 2);
  s.mixed();
  s.ctpr(0, 0);
  s.ctpr(1, 0);
  s.src(1, VPR_P | prio(5) | 0x41, 0x3);
  s.src(20, prio(7) | 0x60, 0x2);
  s.wr(gtvpr(0), prio(3) | 0x70);
  s.wr(gtbcr(0), 7);
  s.wr(ipivpr(1), prio(9) | 0x51);
  for (mpic_cycle_t c = 10; c < 3000; c += 37) {
    s.at(c);
    if (c % 3 == 0) s.irq(1, (c / 37) & 1);
    if (c % 5 == 0) s.irq(20, (c / 37) & 1);
    if (c % 7 == 0) s.wr(ipidr(1), 0x3);
    if (c % 2 == 0 && s.intr(0)) {
      s.iack(0);
      s.eoi(0);
    }
    if (c % 11 == 0 && s.intr(1)) {
      s.iack(1);
      s.eoi(1);
    }
  }
  s.run_to(5000);
  return s.out;
}

TEST(Time, DeterministicRuns) {
  auto a = scenario(), b = scenario();
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  for (size_t i = 1; i < a.size(); i++) {
    EXPECT_LE(a[i - 1].when, a[i].when) << "in time order";
  }
}

// Two instances coexist without sharing state.
TEST(Time, TwoInstancesAreIndependent) {
  Sim a, b;
  functional_mixed(a, "fsl-v4.2", 2);
  functional_mixed(b, "fsl-v2.0", 1);
  a.wr(SVR, 0x1111);
  b.wr(SVR, 0x2222);
  a.src(1, VPR_P | prio(5) | 0x41);
  b.src(1, VPR_P | prio(5) | 0x51);
  a.at(10);
  a.irq(1, true);
  EXPECT_TRUE(a.intr());
  EXPECT_FALSE(b.intr());
  EXPECT_TRUE(b.out.empty());
  b.at(5); // b keeps its own time
  b.irq(1, true);
  EXPECT_EQ(b.iack(), 0x51u);
  EXPECT_EQ(a.iack(), 0x41u);
  EXPECT_EQ(a.rd(SVR), 0x1111u);
  EXPECT_EQ(b.rd(SVR), 0x2222u);
  EXPECT_EQ(mpic_now(a.m), 10u);
  EXPECT_EQ(mpic_now(b.m), 5u);
  EXPECT_EQ(a.rd(BRR1), 0x00400402u);
  EXPECT_EQ(b.rd(BRR1), 0x00400200u);
}

} // namespace
