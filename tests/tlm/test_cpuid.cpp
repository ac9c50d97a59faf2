// The CPU-id extension selects the core behind the this-CPU page; without it
// the configured default applies.
#include "tlm_test.hpp"

using namespace sc_core;

TEST(TlmCpuId, ExtensionAndDefault) {
  mpic_tlm::Mpic a("a", "variant=fsl-v4.2 cpus=4");
  mpic_tlm::Mpic b("b", "variant=fsl-v4.2 cpus=4 default_cpu=2");
  tt::Initiator ia("ia"), ib("ib");
  ia.sock.bind(a.socket);
  ib.sock.bind(b.socket);
  ia.body = [&](tt::Initiator &I) {
    for (int c = 0; c < 4; c++)
      EXPECT_EQ(I.rd(0x90, c), unsigned(c)); // WHOAMI
    EXPECT_EQ(I.rd(0x90), 0u);               // no extension: default 0
    I.wr(0x80, 3, 2);                        // CTPR via the this-CPU page as core 2
    EXPECT_EQ(I.rd(0x22080), 3u);
    EXPECT_EQ(I.rd(0x20080), 15u);
    // IPIDR via the this-CPU page, the extension changes nothing else:
    // global registers read the same from every core.
    EXPECT_EQ(I.rd(0x1000, 3), I.rd(0x1000, 1));
  };
  ib.body = [&](tt::Initiator &I) {
    EXPECT_EQ(I.rd(0x90), 2u); // default_cpu=2
    EXPECT_EQ(I.rd(0x90, 1), 1u);
    I.wr(0x80, 4);
    EXPECT_EQ(I.rd(0x22080), 4u);
  };
  sc_start();
  EXPECT_TRUE(ia.finished);
  EXPECT_TRUE(ib.finished);
}
