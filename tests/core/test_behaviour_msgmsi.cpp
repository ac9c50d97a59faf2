// Behaviour: MSI, messaging, error sub-sources, summary registers, RO / WO registers
// (behaviour.md items 11b, 16, 17, 29, 30; facts §1.5-1.7, 2.10, 2.11, 2.14).
#include "fixture.hpp"

using namespace mt;

namespace {

// Item 16: MSIIR write / mpic_msi set MSIR bits; MSISR; read-to-clear; peek does not clear.
TEST_F(Core, MsiSetReadToClearAndSummary) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(vpr(224), prio(5) | 0xE0);
  wr(msiir(0), msiir_val(0, 5));
  EXPECT_EQ(peek(msir(0, 0)), 1u << 5);
  EXPECT_EQ(peek(msir(0, 0)), 1u << 5) << "peek does not clear";
  EXPECT_EQ(rd(msisr(0)), 1u);
  EXPECT_TRUE(intr());
  EXPECT_TRUE(active(224));
  wr(msiir(0), msiir_val(0, 31));
  EXPECT_EQ(peek(msir(0, 0)), 0x80000020u);
  msi(0, msiir_val(2, 1));
  EXPECT_EQ(peek(msir(0, 2)), 2u);
  EXPECT_EQ(rd(msisr(0)), 0x5u) << "MSISR bit i (LSB-0) for MSIR i";
  EXPECT_EQ(rd(msiir(0)), 0u) << "MSIIR is write-only: reads 0";
  EXPECT_EQ(rd(msir(0, 0)), 0x80000020u);
  EXPECT_EQ(peek(msir(0, 0)), 0u) << "read clears";
  EXPECT_EQ(rd(msisr(0)), 0x4u);
  EXPECT_FALSE(intr()) << "MSI source 224 deasserted by the MSIR read";
  EXPECT_FALSE(active(224));
  // writes to MSIR / MSISR are ignored
  wr(msir(0, 1), 0xFFFFFFFFu);
  wr(msisr(0), 0xFFu);
  EXPECT_EQ(peek(msir(0, 1)), 0u);
  EXPECT_EQ(peek(msisr(0)), 0x4u);
}

// Item 16: banks 1 and 2 through their MSIIR aliases; sources 224 + 8b + i; MSI is level.
TEST_F(Core, MsiBanksAliasesAndLevelSemantics) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(0x5140, msiir_val(7, 0)); // bank 1 alias
  EXPECT_EQ(peek(msir(1, 7)), 1u);
  EXPECT_EQ(peek(msisr(1)), 0x80u);
  EXPECT_EQ(peek(msisr(0)), 0u);
  wr(0x4140, msiir_val(1, 2)); // bank 0 alias
  EXPECT_EQ(peek(msir(0, 1)), 4u);
  msi(2, msiir_val(1, 3));
  EXPECT_EQ(peek(msir(2, 1)), 8u);
  wr(vpr(224 + 8 + 7), prio(6) | 0xEF);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0xEFu);
  eoi();
  EXPECT_TRUE(intr()) << "MSIR still non-zero: level source requests again";
  EXPECT_EQ(iack(), 0xEFu);
  EXPECT_EQ(rd(msir(1, 7)), 1u);
  eoi();
  EXPECT_FALSE(intr());
  wr(vpr(224 + 16 + 1), prio(6) | 0xF1);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0xF1u);
  uint32_t x;
  EXPECT_EQ(mpic_msi(m, t, 3, 0), MPIC_E_RANGE) << "v4.2 has banks 0-2";
  EXPECT_EQ(mpic_set_irq(m, t, 224, true), MPIC_E_DRIVEN);
  EXPECT_EQ(mpic_peek(m, 0, 0x7140, &x), MPIC_E_UNMAPPED);
}

TEST_F(Core, MsiSingleBankOnV20) {
  functional_mixed(*this, "fsl-v2.0", 1);
  wr(vpr(231), VPR_P | prio(2) | 0x7); // P is writable before v4.0: keep active high
  msi(0, msiir_val(7, 9));
  EXPECT_EQ(peek(msir(0, 7)), 1u << 9);
  EXPECT_TRUE(intr());
  uint32_t x;
  EXPECT_EQ(mpic_msi(m, t, 1, 0), MPIC_E_RANGE);
  EXPECT_EQ(mpic_peek(m, 0, 0x4140, &x), MPIC_E_UNMAPPED);
  EXPECT_EQ(mpic_peek(m, 0, msibank(1), &x), MPIC_E_UNMAPPED);
}

// Item 17: MSGR write sets MSR; MER gates; read clears; MSR write-1-to-clear.
TEST_F(Core, MessagingGroupA) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(vpr(176), prio(4) | 0xB0);
  wr(msgr(0), 0xDEAD);
  EXPECT_EQ(rd(MSR_A), 1u);
  EXPECT_FALSE(intr()) << "MER bit 0 clear gates the source";
  EXPECT_FALSE(active(176));
  wr(MER_A, 1);
  EXPECT_TRUE(intr());
  EXPECT_EQ(peek(msgr(0)), 0xDEADu);
  EXPECT_EQ(peek(MSR_A), 1u) << "peek does not clear";
  EXPECT_EQ(rd(msgr(0)), 0xDEADu);
  EXPECT_EQ(rd(MSR_A), 0u) << "reading MSGR0 clears MSR bit 0";
  EXPECT_FALSE(intr());
  // W1C
  wr(msgr(1), 5);
  wr(msgr(2), 6);
  EXPECT_EQ(rd(MSR_A), 0x6u);
  wr(MSR_A, 0x2);
  EXPECT_EQ(rd(MSR_A), 0x4u);
  wr(MSR_A, 0);
  EXPECT_EQ(rd(MSR_A), 0x4u) << "writing 0 clears nothing";
  // MER enables a message already written
  wr(vpr(178), prio(4) | 0xB2);
  EXPECT_FALSE(intr());
  wr(MER_A, 0x5);
  EXPECT_TRUE(intr());
  EXPECT_EQ(iack(), 0xB2u);
  eoi();
  EXPECT_TRUE(intr()) << "level: still asserted until MSGR2 is read";
  wr(MER_A, 0x1);
  EXPECT_FALSE(intr()) << "clearing MER deasserts";
  EXPECT_EQ(rd(MER_A), 1u);
  EXPECT_EQ(mpic_set_irq(m, t, 176, true), MPIC_E_DRIVEN);
}

TEST_F(Core, MessagingGroupBOnV4Only) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(vpr(180), prio(4) | 0xB4);
  wr(vpr(183), prio(3) | 0xB7);
  wr(msgr(4), 9);
  wr(msgr(7), 10);
  EXPECT_EQ(rd(MSR_B), 0x9u);
  EXPECT_EQ(rd(MSR_A), 0u);
  wr(MER_B, 0x9);
  EXPECT_EQ(iack(), 0xB4u);
  EXPECT_EQ(rd(msgr(4)), 9u);
  eoi();
  EXPECT_EQ(iack(), 0xB7u);
  for (const char *vname : {"fsl-v2.0", "fsl-v3.1"}) {
    Sim s;
    s.create(vname, 1);
    uint32_t x;
    EXPECT_EQ(mpic_peek(s.m, 0, msgr(4), &x), MPIC_E_UNMAPPED) << vname;
    EXPECT_EQ(mpic_peek(s.m, 0, MER_B, &x), MPIC_E_UNMAPPED) << vname;
    EXPECT_EQ(mpic_peek(s.m, 0, vpr(180), &x), MPIC_E_UNMAPPED) << vname;
  }
}

// Item 29: source 16 = (EISR & ~EIMR) != 0; EISR bit 31-k; EISR read-only.
TEST_F(Core, ErrorSubSourcesV42) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(vpr(16), prio(5) | 0x10);
  err(3, true);
  EXPECT_EQ(rd(EISR), 1u << 28);
  EXPECT_TRUE(intr());
  wr(EIMR, 1u << 28);
  EXPECT_FALSE(intr());
  EXPECT_FALSE(active(16));
  wr(EIMR, 0);
  EXPECT_TRUE(intr());
  err(3, false);
  EXPECT_FALSE(intr());
  EXPECT_EQ(rd(EISR), 0u);
  err(0, true);
  err(31, true);
  EXPECT_EQ(rd(EISR), 0x80000001u);
  wr(EISR, 0);
  EXPECT_EQ(rd(EISR), 0x80000001u) << "EISR is read-only";
  EXPECT_EQ(iack(), 0x10u);
  err(0, false);
  err(31, false);
  eoi();
  EXPECT_FALSE(intr());
  EXPECT_EQ(mpic_set_irq(m, t, 16, true), MPIC_E_DRIVEN);
  EXPECT_EQ(mpic_set_error(m, t, 32, true), MPIC_E_RANGE);
}

TEST_F(Core, NoErrorSummaryOnV20) {
  functional_mixed(*this, "fsl-v2.0", 1);
  EXPECT_NE(mpic_set_error(m, t, 0, true), MPIC_OK);
  uint32_t x;
  EXPECT_EQ(mpic_peek(m, 0, EISR, &x), MPIC_E_UNMAPPED);
  src(16, VPR_P | prio(5) | 0x10);
  irq(16, true); // an ordinary internal source on v2.0
  EXPECT_TRUE(intr());
}

// v2.0 summary registers: CISRn / IRQSRn (external n -> bit 11-n, message n -> bit 15-n,
// internal n -> bit 31-n of word 1).
TEST_F(Core, SummaryRegistersV20) {
  functional_mixed(*this, "fsl-v2.0", 1);
  src(2, VPR_S | VPR_P | prio(5) | 0x42, 0x40000000u);
  irq(2, true);
  EXPECT_EQ(rd(CISR0), 1u << 9);
  src(21, VPR_P | prio(5) | 0x55, 0x40000000u); // internal 5
  irq(21, true);
  EXPECT_EQ(rd(CISR1), 1u << 26);
  src(22, VPR_P | prio(5) | 0x56, IDR_EP); // internal 6 to IRQ_OUT
  irq(22, true);
  EXPECT_EQ(rd(IRQSR1), 1u << 25);
  EXPECT_EQ(rd(IRQSR0), 0u);
  src(177, VPR_P | prio(5) | 0xB1, 0x40000000u); // message 1 critical
  wr(MER_A, 0x2);
  wr(msgr(1), 1);
  EXPECT_EQ(rd(CISR0), (1u << 9) | (1u << 14));
  wr(CISR0, 0);
  EXPECT_EQ(rd(CISR0), (1u << 9) | (1u << 14)) << "summary registers are read-only";
  irq(2, false);
  irq(21, false);
  EXPECT_EQ(rd(CISR0), 1u << 14);
  EXPECT_EQ(rd(CISR1), 0u);
}

// v4.x critical / machine-check summaries at 0x3B00 / 0x3C00 (external n -> bit 31-n).
TEST_F(Core, SummaryRegistersV42) {
  functional_mixed(*this, "fsl-v4.2", 1);
  wr(ilr(2), 1);
  src(2, VPR_S | VPR_P | prio(5) | 0x42);
  wr(ilr(3), 2);
  src(3, VPR_S | VPR_P | prio(5) | 0x43);
  irq(2, true);
  irq(3, true);
  EXPECT_EQ(rd(CRIT_SUM_EXT), 1u << 29);
  EXPECT_EQ(rd(MCHK_SUM_EXT), 1u << 28);
  wr(ilr(21), 1);
  src(21, prio(5) | 0x55);
  irq(21, true);
  uint32_t x;
  if (mpic_peek(m, 0, 0x3B40, &x) == MPIC_OK) {
    EXPECT_EQ(x, 1u << 26) << "internal source 16+j -> bit 31-j of 0x3B40 (libos)";
  }
  irq(2, false);
  EXPECT_EQ(rd(CRIT_SUM_EXT), 0u);
  wr(MCHK_SUM_EXT, 0);
  EXPECT_EQ(rd(MCHK_SUM_EXT), 1u << 28);
}

// Item 11b: writes to read-only registers are accepted and ignored; WO registers read 0.
TEST_F(Core, ReadOnlyWritesIgnoredWriteOnlyReadZero) {
  functional_mixed(*this, "fsl-v4.2", 2);
  wr(P_IACK, 0x55);
  wr(bank(1, P_IACK), 0x55);
  wr(gtccr(0), 0x1234);
  EXPECT_EQ(rd(gtccr(0)), 0u);
  wr(BRR2, 0xFFFF);
  EXPECT_EQ(rd(BRR2), 0u);
  EXPECT_EQ(rd(P_EOI), 0u);
  EXPECT_EQ(rd(bank(1, P_EOI)), 0u);
  for (unsigned n = 0; n < 4; n++) {
    wr(ipidr(n), 0);
    EXPECT_EQ(rd(ipidr(n)), 0u);
    EXPECT_EQ(rd(bank(1, ipidr(n))), 0u);
  }
  EXPECT_EQ(rd(msiir(0)), 0u);
  EXPECT_EQ(rd(0x4140), 0u);
  EXPECT_TRUE(out.empty()) << "none of these writes may change an output";
  EXPECT_EQ(iack(), svr_vector());
}

} // namespace
