// Pins in both directions: external and internal inputs, int / cint / mcp /
// core reset outputs at the cycles the core stamps, the reset input.
#include "tlm_test.hpp"

using tt::EdgeLog;
using tt::Initiator;
using namespace sc_core;

struct Stim : sc_module {
  sc_out<bool> irq3, int1, int2, rst;
  Stim(sc_module_name n) : sc_module(n), irq3("irq3"), int1("int1"), int2("int2"), rst("rst") {
    SC_HAS_PROCESS(Stim);
    SC_THREAD(run);
  }
  void run() {
    const sc_time T = sc_time(2.5, SC_NS);
    wait(T * 100.0);
    irq3.write(true); // cycle 100: int0 at 100 + sync 2 + arb 3 = 105
    wait(T * 100.0);
    int1.write(true); // cycle 200: internal source 17 -> core 1's cint at 203
    wait(T * 50.0);
    int1.write(false); // cycle 250: cint1 falls at 253
    wait(T * 50.0);
    int2.write(true); // cycle 300: internal source 18 -> core 0's mcp at 303
    wait(T * 700.0);
    rst.write(true); // cycle 1000: power-on reset
    wait(T);
    rst.write(false);
  }
};

TEST(TlmPins, BothDirections) {
  mpic_tlm::Mpic mpic("mpic", "variant=fsl-v4.2 cpus=2");
  Initiator I("init");
  Stim stim("stim");
  I.sock.bind(mpic.socket);
  sc_signal<bool> irq3("irq3"), int1("int1"), int2("int2"), rst("rst");
  sc_vector<sc_signal<bool>> o_int("o_int", 2), o_cint("o_cint", 2), o_mcp("o_mcp", 2),
      o_rst("o_rst", 2);
  stim.irq3(irq3);
  stim.int1(int1);
  stim.int2(int2);
  mpic.internal[2](int2);
  stim.rst(rst);
  mpic.irq[3](irq3);
  mpic.internal[1](int1);
  mpic.reset(rst);
  mpic.int_out(o_int);
  mpic.cint_out(o_cint);
  mpic.mcp_out(o_mcp);
  mpic.reset_out(o_rst);
  EdgeLog l_int0("l_int0"), l_cint1("l_cint1"), l_mcp0("l_mcp0"), l_rst1("l_rst1");
  l_int0.in(o_int[0]);
  l_cint1.in(o_cint[1]);
  l_mcp0.in(o_mcp[0]);
  l_rst1.in(o_rst[1]);

  I.body = [&](Initiator &I) {
    I.wr(0x1020, 0x20000000);  // GCR: mixed mode
    I.wr(0x10060, 0x00C50003); // EIVPR3: level, active high, prio 5, vector 3
    I.wr(0x10070, 0x1);        // EIDR3: core 0
    I.wr(0x10220, 0x00C60011); // IIVPR1 (source 17): prio 6, vector 17
    I.wr(0x10230, 0x2);        // IIDR1: core 1
    I.wr(0x10238, 0x1);        // IILR1: critical interrupt
    I.wr(0x10240, 0x00C70012); // IIVPR2 (source 18): prio 7, vector 18
    I.wr(0x10250, 0x1);        // IIDR2: core 0
    I.wr(0x10258, 0x2);        // IILR2: machine check
    I.wr(0x20080, 0);          // CTPR0 = 0
    wait(sc_time(2.5, SC_NS) * 400.0 - sc_time_stamp());
    I.wr(0x1090, 0x2); // PIR: core 1 reset at 401
    I.wr(0x1090, 0x0); // issued at 404: released at 405
    wait(sc_time(2.5, SC_NS) * 1010.0 - sc_time_stamp());
    // After the power-on reset the registers are back to their reset values.
    EXPECT_EQ(I.rd(0x20080), 0xFu);
    EXPECT_EQ(I.rd(0x10060), 0x80000000u);
    EXPECT_EQ(I.rd(0x1020), 0u);
    // The input is still high and stays applied: unmask again -> int0.
    I.wr(0x1020, 0x20000000);
    I.wr(0x10060, 0x00C50003);
    I.wr(0x20080, 0);
    wait(sc_time(1, SC_US));
  };
  sc_start();
  using E = std::vector<std::pair<uint64_t, bool>>;
  // int0: rises at 105, falls at the power-on reset (cycle 1000), rises again
  // once software has unmasked IRQ3 (still high) and lowered CTPR.
  ASSERT_EQ(l_int0.edges.size(), 3u);
  EXPECT_EQ(l_int0.edges[0], E::value_type(105, true));
  EXPECT_EQ(l_int0.edges[1], E::value_type(1000, false));
  EXPECT_EQ(l_int0.edges[2].second, true);
  EXPECT_GT(l_int0.edges[2].first, 1010u);
  EXPECT_EQ(l_cint1.edges, (E{{203, true}, {253, false}}));
  EXPECT_EQ(l_mcp0.edges, (E{{303, true}, {1000, false}}));
  EXPECT_EQ(l_rst1.edges, (E{{401, true}, {405, false}}));
  EXPECT_EQ(mpic.stats().resets, 1u);
}
