// Behaviour: global timers (behaviour.md items 18, 19, 19b, 20; draft "Timer tick period").
// Tick period = mpic_clk_div * (8 << CLKR) platform cycles; v4.x default mpic_clk_div = 2,
// v2.0/v3.1 = 1. Latencies are 0, so the timer interrupt appears at the expiry cycle.
#include <chrono>

#include "fixture.hpp"

using namespace mt;

namespace {

uint32_t count_at(Sim &s, mpic_cycle_t c, unsigned tm = 0) {
  s.at(c);
  return s.rd(gtccr(tm));
}

// Item 19: count computed from time; first tick one period after start; expiry after
// `base` ticks toggles TOG, fires and reloads in the same tick.
TEST_F(Core, TimerCountsFromTimeAndExpires) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(gtvpr(0), prio(5) | 0x70);
  at(1000);
  wr(gtbcr(0), 100); // CI = 0: start
  EXPECT_EQ(rd(gtbcr(0)), 100u);
  EXPECT_EQ(count_at(*this, 1000), 100u);
  EXPECT_EQ(count_at(*this, 1015), 100u);
  EXPECT_EQ(count_at(*this, 1016), 99u);
  EXPECT_EQ(count_at(*this, 1000 + 16 * 37 + 5), 63u);
  EXPECT_EQ(count_at(*this, 1000 + 16 * 99), 1u);
  EXPECT_EQ(count_at(*this, 1000 + 16 * 100 - 1), 1u);
  EXPECT_FALSE(intr());
  EXPECT_EQ(count_at(*this, 2600), TOG | 100u) << "reloaded with TOG toggled in the same tick";
  EXPECT_TRUE(intr());
  auto io = outs(0, MPIC_PIN_INT);
  ASSERT_EQ(io.size(), 1u);
  EXPECT_EQ(io[0].when, 2600u);
  EXPECT_EQ(iack(), 0x70u);
  eoi();
  EXPECT_EQ(count_at(*this, 2600 + 16 * 50), TOG | 50u);
  EXPECT_FALSE(intr());
  EXPECT_EQ(count_at(*this, 4200), 100u) << "second expiry toggles TOG back";
  EXPECT_TRUE(intr());
  io = outs(0, MPIC_PIN_INT);
  ASSERT_EQ(io.size(), 3u);
  EXPECT_EQ(io[2], (Out{0, MPIC_PIN_INT, true, 4200}));
}

// Item 19: CI stops and holds; clearing CI reloads from base; GTCCR writes ignored.
TEST_F(Core, TimerStopHoldAndRestart) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(gtvpr(0), prio(5) | 0x70);
  at(0);
  wr(gtbcr(0), 100);
  at(16 * 30 + 7);
  wr(gtbcr(0), CI | 100);
  EXPECT_EQ(rd(gtccr(0)), 70u);
  EXPECT_EQ(count_at(*this, 100000), 70u) << "count holds while CI = 1";
  EXPECT_FALSE(intr());
  wr(gtccr(0), 5);
  EXPECT_EQ(rd(gtccr(0)), 70u) << "GTCCR writes are ignored";
  at(200000);
  wr(gtbcr(0), 100);
  EXPECT_EQ(rd(gtccr(0)), 100u) << "clearing CI loads the base count";
  EXPECT_EQ(count_at(*this, 200000 + 16 * 100 - 1), 1u);
  EXPECT_FALSE(intr());
  EXPECT_EQ(count_at(*this, 200000 + 16 * 100), TOG | 100u);
  EXPECT_TRUE(intr());
}

// Item 19: a base count written while running takes effect at the next reload.
TEST_F(Core, TimerBaseChangeAtNextReload) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(gtvpr(0), prio(5) | 0x70);
  at(0);
  wr(gtbcr(0), 100);
  at(16 * 10);
  wr(gtbcr(0), 50);
  EXPECT_EQ(rd(gtccr(0)), 90u) << "running count unaffected";
  EXPECT_EQ(count_at(*this, 1599), 1u);
  EXPECT_EQ(count_at(*this, 1600), TOG | 50u) << "reload uses the new base";
  EXPECT_EQ(iack(), 0x70u);
  eoi();
  EXPECT_EQ(count_at(*this, 1600 + 16 * 50 - 1), TOG | 1u);
  EXPECT_FALSE(intr());
  EXPECT_EQ(count_at(*this, 1600 + 16 * 50), 50u);
  EXPECT_TRUE(intr());
}

// Item 19: base count 0 never expires.
TEST_F(Core, TimerBaseZeroNeverExpires) {
  functional_mixed(*this, "fsl-v2.0", 1);
  wr(gtvpr(0), prio(5) | 0x70);
  wr(gtbcr(0), 0);
  run_to(1000000);
  EXPECT_FALSE(intr());
  EXPECT_EQ(rd(gtccr(0)) & TOG, 0u);
}

// Item 18: tick period = mpic_clk_div * (8 << CLKR), per variant and with the parameter.
TEST(Timers, ClockRatioAndMpicClockDivider) {
  struct C {
    const char *v;
    const char *div; // nullptr: variant default
    unsigned clkdiv;
  } cases[] = {{"fsl-v2.0", nullptr, 1}, {"fsl-v3.1", nullptr, 1}, {"fsl-v4.2", nullptr, 2},
               {"fsl-v4.3", nullptr, 2}, {"fsl-v4.2", "3", 3},     {"fsl-v2.0", "5", 5}};
  for (auto &c : cases) {
    for (unsigned clkr = 0; clkr < 4; clkr++) {
      SCOPED_TRACE(std::string(c.v) + " div " + (c.div ? c.div : "default") + " CLKR " +
                   std::to_string(clkr));
      Sim s;
      Params extra;
      if (c.div) extra.push_back({"mpic_clk_div", c.div});
      functional_mixed(s, c.v, 1, extra);
      mpic_cycle_t per = mpic_cycle_t(c.clkdiv) * (8u << clkr);
      s.wr(tcr(0), clkr << 8);
      s.wr(gtvpr(1), prio(5) | 0x71);
      s.at(77);
      s.wr(gtbcr(1), 10);
      EXPECT_EQ(count_at(s, 77 + per - 1, 1), 10u);
      EXPECT_EQ(count_at(s, 77 + per, 1), 9u);
      s.advance(77 + 10 * per - 1);
      EXPECT_FALSE(s.intr());
      s.advance(77 + 10 * per);
      EXPECT_TRUE(s.intr());
    }
  }
}

// Item 20: group B on v3.1 and later, not on v2.0; TCRB controls group B.
TEST(Timers, GroupB) {
  for (const char *v : {"fsl-v3.1", "fsl-v4.2"}) {
    SCOPED_TRACE(v);
    Sim s;
    functional_mixed(s, v, 1);
    unsigned div = std::string(v) == "fsl-v3.1" ? 1 : 2;
    s.wr(tcr(1), 1u << 8); // group B: /16
    s.wr(gtvpr(5), prio(5) | 0x75);
    s.wr(gtvpr(1), prio(4) | 0x71);
    s.wr(gtbcr(5), 4);
    s.wr(gtbcr(1), 4); // group A still /8
    s.advance(4 * 8 * div);
    EXPECT_TRUE(s.intr());
    EXPECT_EQ(s.iack(), 0x71u);
    s.eoi();
    EXPECT_FALSE(s.intr());
    s.advance(4 * 16 * div);
    EXPECT_TRUE(s.intr());
    EXPECT_EQ(s.iack(), 0x75u);
  }
  Sim s;
  s.create("fsl-v2.0", 1);
  uint32_t x;
  EXPECT_EQ(mpic_peek(s.m, 0, gtbcr(4), &x), MPIC_E_UNMAPPED);
  EXPECT_EQ(mpic_peek(s.m, 0, tcr(1), &x), MPIC_E_UNMAPPED);
  EXPECT_EQ(mpic_peek(s.m, 0, TFRRB, &x), MPIC_E_UNMAPPED);
}

// Item 20: several GTDR bits multicast like IPIs.
TEST_F(Core, MulticastTimer) {
  functional_mixed(*this, "fsl-v4.2", 2);
  wr(gtvpr(2), prio(5) | 0x72);
  wr(gtdr(2), 0x3);
  wr(gtbcr(2), 3);
  advance(3 * 16);
  EXPECT_TRUE(intr(0));
  EXPECT_TRUE(intr(1));
  EXPECT_EQ(iack(0), 0x72u);
  EXPECT_TRUE(intr(1)) << "core 1 keeps its own copy";
  EXPECT_EQ(iack(1), 0x72u);
  wr(gtbcr(2), CI | 3);
  eoi(0);
  eoi(1);
  EXPECT_FALSE(peek(gtvpr(2)) & VPR_A);
}

// Timers after simulated seconds: exact count far from the start.
TEST_F(Core, TimerAfterSimulatedSeconds) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(tcr(0), 3u << 8); // /64: 128 cycles per tick
  wr(gtvpr(3), VPR_MSK | prio(5) | 0x73);
  const uint64_t base = 0x7FFFFFFFu, per = 128, S = 12345;
  at(S);
  wr(gtbcr(3), uint32_t(base));
  const uint64_t t1 = 100000000000ull; // ~125 s at 800 MHz
  EXPECT_EQ(count_at(*this, t1, 3), uint32_t(base - (t1 - S) / per));
  const uint64_t t2 = 300000000000ull; // after one expiry
  uint64_t ticks = (t2 - S) / per;
  ASSERT_GT(ticks, base);
  ASSERT_LT(ticks, 2 * base);
  EXPECT_EQ(count_at(*this, t2, 3), TOG | uint32_t(base - (ticks - base)));
  EXPECT_EQ(mpic_now(m), t2);
}

// Item 19b: cascade, Linux programming: upper = ticks / 0xFFFFFFFF, lower = remainder,
// ROVR set: the pair expires after exactly `ticks` ticks; only the upper timer fires.
void cascade_linux(uint64_t ticks) {
  Sim s;
  functional_mixed(s, "fsl-v4.2", 1);
  const uint64_t per = 16;
  s.wr(tcr(0), 0x01000001u); // CASC bit 0 (timers 0+1), ROVR bit 0
  s.wr(gtvpr(0), prio(6) | 0x70);
  s.wr(gtvpr(1), prio(5) | 0x71);
  uint32_t upper = uint32_t(ticks / 0xFFFFFFFFull), lower = uint32_t(ticks % 0xFFFFFFFFull);
  s.wr(gtccr(1), 0);
  s.wr(gtbcr(1), CI | upper);
  s.wr(gtccr(0), 0);
  s.wr(gtbcr(0), lower);
  const mpic_cycle_t S = 1000;
  s.at(S);
  s.wr(gtbcr(1), upper); // start the pair
  const mpic_cycle_t E = S + ticks * per;
  unsigned steps = s.run_to(E - 1);
  EXPECT_FALSE(s.intr()) << "one cycle before the expiry";
  EXPECT_LT(steps, 1000u) << "next_event must jump, not tick";
  s.run_to(E);
  EXPECT_TRUE(s.intr()) << "expiry at S + ticks * period = " << E;
  EXPECT_EQ(s.iack(), 0x71u) << "only the upper timer's interrupt fires";
  s.eoi();
  EXPECT_FALSE(s.intr()) << "the lower timer must not fire";
}

TEST(Timers, CascadeLinuxProgramming) {
  {
    SCOPED_TRACE("ticks = 0x1_0000_0005");
    cascade_linux(0x100000005ull);
  }
  {
    SCOPED_TRACE("ticks = 5 * 0xFFFFFFFF + 0x80000003 (lower uses bit 31 as count)");
    cascade_linux(5ull * 0xFFFFFFFFull + 0x80000003ull);
  }
  {
    SCOPED_TRACE("ticks = 1000 (upper 0)");
    cascade_linux(1000);
  }
}

// Item 19b without ROVR: the lower stage reloads from its base: expiry after (U+1) * L ticks.
TEST(Timers, CascadeWithoutRollover) {
  Sim s;
  functional_mixed(s, "fsl-v2.0", 1); // 8 cycles per tick
  s.wr(tcr(0), 0x2);                  // CASC bit 1: timers 1+2
  s.wr(gtvpr(2), prio(5) | 0x72);
  s.wr(gtvpr(1), prio(6) | 0x71);
  s.wr(gtbcr(2), CI | 2);
  s.wr(gtbcr(1), 10);
  s.at(0);
  s.wr(gtbcr(2), 2);
  s.advance(30 * 8 - 1);
  EXPECT_FALSE(s.intr());
  s.advance(30 * 8);
  EXPECT_TRUE(s.intr());
  EXPECT_EQ(s.iack(), 0x72u);
}

// One second of platform time (800 MHz) with all 8 timers at the fastest ratio. The host loop
// must run in proportion to expiries, not cycles; every expiry is delivered exactly once.
TEST(Timers, OneSecondAllTimersFastest) {
  Sim s;
  functional_mixed(s, "fsl-v4.2", 1);
  const uint64_t T = 800000000ull, per = 16;
  uint64_t expected[8], total = 0;
  for (unsigned tm = 0; tm < 8; tm++) {
    s.wr(gtvpr(tm), prio(1 + tm) | (0x700 + tm));
    s.wr(gtbcr(tm), 1000 + 7 * tm);
  }
  for (unsigned tm = 0; tm < 8; tm++) {
    expected[tm] = T / (per * (1000 + 7 * tm));
    total += expected[tm];
  }
  uint64_t got[8] = {}, loops = 0, acks = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    mpic_cycle_t e = s.next();
    if (e == MPIC_NEVER || e > T) break;
    s.advance(e);
    loops++;
    while (s.intr()) {
      uint32_t v = s.iack();
      if (v >= 0x700 && v < 0x708) got[v - 0x700]++;
      acks++;
      s.eoi();
      if (acks > 2 * total + 100) break;
    }
    if (loops > 4 * total + 1000) break;
  }
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  for (unsigned tm = 0; tm < 8; tm++) {
    EXPECT_EQ(got[tm], expected[tm]) << "timer " << tm;
  }
  EXPECT_LE(loops, 2 * total + 16) << "loop iterations must scale with expiries";
  EXPECT_GE(loops, total / 8) << "every expiry needs an event to deliver its interrupt";
  ::testing::Test::RecordProperty("expiries", std::to_string(total));
  ::testing::Test::RecordProperty("loops", std::to_string(loops));
  ::testing::Test::RecordProperty("wall_ms", std::to_string(ms.count()));
  std::printf("[ one second, 8 timers ] %llu expiries, %llu loop steps, %.1f ms wall\n",
              (unsigned long long)total, (unsigned long long)loops, ms.count());
}

} // namespace
