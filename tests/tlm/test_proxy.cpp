// Proxy (EPR) mode: the CPU model's acknowledge call returns the vector and
// commits it like IACK; MPIC_E_MODE outside proxy mode.
#include "tlm_test.hpp"

using namespace sc_core;

TEST(TlmProxy, Acknowledge) {
  mpic_tlm::Mpic mpic("mpic", "variant=fsl-v4.2 cpus=2");
  tt::Initiator I("init");
  I.sock.bind(mpic.socket);
  sc_signal<bool> int1("int1"), irq5("irq5");
  mpic.int_out[1](int1);
  mpic.irq[5](irq5);
  tt::EdgeLog log("log");
  log.in(int1);
  std::vector<uint32_t> vectors;
  I.body = [&](tt::Initiator &I) {
    const sc_time T = sc_time(2.5, SC_NS);
    uint32_t v = 0;
    EXPECT_EQ(mpic.acknowledge(1, v), MPIC_E_MODE); // pass-through mode
    I.wr(0x1020, 0x60000000);                       // GCR: proxy mode
    I.wr(0x100A0, 0x00880005);                      // EIVPR5: edge, rising, prio 8, vector 5
    I.wr(0x100B0, 0x2);                             // EIDR5: core 1
    I.wr(0x21080, 0);                               // CTPR1 = 0
    wait(T * 100.0 - sc_time_stamp());
    irq5.write(true); // cycle 100: int1 at 105
    wait(int1.posedge_event());
    EXPECT_EQ(tt::cycle_now(), 105u);
    // The CPU takes the interrupt 3 cycles later (a decoupled CPU passes its offset).
    EXPECT_EQ(mpic.acknowledge(1, v, T * 3.0), MPIC_OK); // at 108: int1 falls at 110
    vectors.push_back(v);
    wait(T * 20.0);
    EXPECT_EQ(mpic.acknowledge(1, v), MPIC_OK); // nothing pending: spurious
    vectors.push_back(v);
    EXPECT_EQ(mpic.acknowledge(7, v), MPIC_E_RANGE);
    I.wr(0xB0, 0, 1); // EOI as core 1
    mpic_cpu_state_t st;
    mpic_cpu_state(mpic.core(), 1, &st);
    EXPECT_EQ(st.isr_depth, 0u);
  };
  sc_start();
  EXPECT_EQ(vectors, (std::vector<uint32_t>{5, 0xFFFF}));
  using E = std::vector<std::pair<uint64_t, bool>>;
  EXPECT_EQ(log.edges, (E{{105, true}, {110, false}}));
}
