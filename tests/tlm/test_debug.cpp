// transport_dbg reads and writes without side effects: a debugger reading IACK
// or MSIR changes nothing.
#include "tlm_test.hpp"

using namespace sc_core;
using namespace tlm;

TEST(TlmDebug, NoSideEffects) {
  mpic_tlm::Mpic mpic("mpic", "variant=fsl-v4.2 cpus=2");
  tt::Initiator I("init");
  I.sock.bind(mpic.socket);
  sc_signal<bool> int0("int0");
  mpic.int_out[0](int0);
  tt::EdgeLog log("log");
  log.in(int0);
  I.body = [&](tt::Initiator &I) {
    I.wr(0x1020, 0x20000000);  // mixed
    I.wr(0x11C00, 0x00070066); // MSIVPR0: prio 7, vector 102
    I.wr(0x11C10, 0x1);
    I.wr(0x20080, 0);
    I.wr(0x1740, 0x05000000); // MSIIR: MSIR0 bit 5
    wait(sc_time(100, SC_NS));
    ASSERT_TRUE(int0.read());
    // Debug reads of IACK (this-CPU page and bank) and MSIR: no acknowledge,
    // no clear, int stays high.
    for (int k = 0; k < 3; k++) {
      EXPECT_EQ(I.dbg_rd(0xA0, 0) & 0xFFFF, 102u);
      EXPECT_EQ(I.dbg_rd(0x200A0) & 0xFFFF, 102u);
      EXPECT_EQ(I.dbg_rd(0x1600), 1u << 5);
      EXPECT_EQ(I.dbg_rd(0x1720), 1u); // MSISR
    }
    wait(sc_time(100, SC_NS));
    EXPECT_TRUE(int0.read());
    mpic_cpu_state_t st;
    mpic_cpu_state(mpic.core(), 0, &st);
    EXPECT_EQ(st.isr_depth, 0u);
    // A multi-word debug read (FRR, 0x1004 unmapped: stops after one word).
    unsigned char b[16];
    EXPECT_EQ(I.dbg(TLM_READ_COMMAND, 0x1000, b, 8), 4u);
    EXPECT_EQ(mpic_tlm::load_be32(b), 0x00F70102u);
    // IPIVPR0..3 in one go.
    EXPECT_EQ(I.dbg(TLM_READ_COMMAND, 0x10A0, b, 16), 4u); // 0x10A4 is a hole
    EXPECT_EQ(I.dbg(TLM_READ_COMMAND, 0x1002, b, 4), 0u);  // misaligned
    EXPECT_EQ(I.dbg(TLM_READ_COMMAND, 0x40000, b, 4), 0u); // outside
    // A debug write of EOI retires nothing; of CTPR stores it.
    unsigned char z[4] = {0, 0, 0, 0};
    EXPECT_EQ(I.dbg(TLM_WRITE_COMMAND, 0xB0, z, 4, 0), 4u);
    // The real IACK then returns the vector, the real MSIR read clears.
    EXPECT_EQ(I.rd(0xA0, 0) & 0xFFFF, 102u);
    EXPECT_EQ(I.rd(0x1600), 1u << 5);
    EXPECT_EQ(I.dbg_rd(0x1600), 0u);
    mpic_cpu_state(mpic.core(), 0, &st);
    EXPECT_EQ(st.isr_depth, 1u);
    unsigned char eoi[4] = {0, 0, 0, 0};
    EXPECT_EQ(I.dbg(TLM_WRITE_COMMAND, 0x200B0, eoi, 4), 4u);
    mpic_cpu_state(mpic.core(), 0, &st);
    EXPECT_EQ(st.isr_depth, 1u); // poke of EOI retires nothing
    unsigned char ctpr[4] = {0, 0, 0, 9};
    EXPECT_EQ(I.dbg(TLM_WRITE_COMMAND, 0x80, ctpr, 4, 1), 4u); // core 1's CTPR
    EXPECT_EQ(I.rd(0x21080), 9u);
    I.wr(0xB0, 0, 0);
  };
  sc_start();
  // int0: up once at the MSI, down after the real IACK only.
  ASSERT_EQ(log.edges.size(), 2u);
  EXPECT_TRUE(log.edges[0].second);
  EXPECT_FALSE(log.edges[1].second);
  EXPECT_GE(mpic.stats().debug, 10u);
}
