// Device attributes (mpic_attr_get / mpic_attr_set): registers by offset without side
// effects, source input levels, misc facts, and every error leaving the state alone.
#include "fixture.hpp"
#include "state.hpp"

#include <cstring>

using namespace mt;

namespace {

uint64_t reg_attr(uint32_t off, unsigned cpu = 0) {
  return off | (uint64_t)cpu << 32;
}

class Attrs : public Core {
protected:
  // fsl-v4.2, 2 cores, default timing: ext 1 (edge, prio 5, vec 0x41) and internal 17
  // (level, prio 7, vec 0x71) to core 0; one MSI in MSIR0 of bank 0 (masked source).
  void SetUp() override {
    create("fsl-v4.2", 2);
    mixed();
    ctpr(0, 0);
    ctpr(1, 0);
    src(1, VPR_P | prio(5) | 0x41);
    src(17, VPR_S | VPR_P | prio(7) | 0x71);
    at(100);
    msi(0, msiir_val(0, 3));
    advance(200);
    out.clear();
  }
  uint64_t get(unsigned grp, uint64_t attr) {
    uint64_t v = 0xDEADBEEFull;
    mpic_status_t st = mpic_attr_get(m, grp, attr, &v);
    EXPECT_EQ(st, MPIC_OK) << "attr_get " << grp << " " << hex(attr);
    return v;
  }
  mpic_status_t get_st(unsigned grp, uint64_t attr) {
    uint64_t v = 0x5A5A5A5Aull;
    mpic_status_t st = mpic_attr_get(m, grp, attr, &v);
    EXPECT_EQ(v, 0x5A5A5A5Aull) << "a failed get must not write the value";
    return st;
  }
};

TEST_F(Attrs, RegisterGetEqualsPeekForEveryRegisterAndCore) {
  unsigned n = 0;
  for (unsigned i = 0; i < mpic_reg_count(m); i++) {
    mpic_reg_info_t r;
    ASSERT_EQ(mpic_reg_at(m, i, &r), MPIC_OK);
    for (unsigned idx = 0; idx < r.count; idx++) {
      uint32_t off = mpic_reg_instance_offset(&r, idx);
      for (unsigned c = 0; c < 2; c++) {
        uint32_t pv = 0;
        ASSERT_EQ(mpic_peek(m, c, off, &pv), MPIC_OK) << r.name;
        EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(off, c)), pv) << r.name << " cpu" << c;
        n++;
      }
    }
  }
  EXPECT_GT(n, 200u);
  EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(P_WHOAMI, 1)), 1u) << "cpu selects the page";
  EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(P_WHOAMI, 0)), 0u);
}

TEST_F(Attrs, IackGetAcknowledgesNothing) {
  at(300);
  irq(1, true);
  advance(320);
  ASSERT_TRUE(intr(0));
  State before = state_of(m);
  for (int k = 0; k < 3; k++) {
    EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(bank(0, P_IACK), 0)), 0x41u);
    EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(P_IACK, 0)), 0x41u);
  }
  EXPECT_TRUE(same_state(before, state_of(m)));
  mpic_source_state_t ss;
  ASSERT_EQ(mpic_source_state(m, 1, &ss), MPIC_OK);
  EXPECT_TRUE(ss.pending);
  EXPECT_EQ(ss.in_service, 0u);
  EXPECT_EQ(iack(0), 0x41u) << "the real acknowledge still finds the interrupt";
  ASSERT_EQ(mpic_source_state(m, 1, &ss), MPIC_OK);
  EXPECT_FALSE(ss.pending);
  EXPECT_EQ(ss.in_service, 1u);
}

TEST_F(Attrs, MsirGetClearsNothing) {
  State before = state_of(m);
  for (int k = 0; k < 3; k++)
    EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(msir(0, 0))), 1u << 3);
  EXPECT_EQ(get(MPIC_ATTR_GRP_REGISTER, reg_attr(msisr(0))), 1u);
  EXPECT_TRUE(same_state(before, state_of(m)));
  EXPECT_EQ(rd(msir(0, 0)), 1u << 3) << "a bus read returns and clears";
  EXPECT_EQ(rd(msir(0, 0)), 0u);
}

TEST_F(Attrs, EoiSetRetiresNothing) {
  at(300);
  irq(1, true);
  advance(320);
  EXPECT_EQ(iack(0), 0x41u);
  advance(340);
  mpic_cpu_state_t cs;
  ASSERT_EQ(mpic_cpu_state(m, 0, &cs), MPIC_OK);
  ASSERT_EQ(cs.isr_depth, 1u);
  State before = state_of(m);
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, reg_attr(bank(0, P_EOI)), 0), MPIC_OK);
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, reg_attr(P_EOI, 0), 0), MPIC_OK);
  advance(400);
  ASSERT_EQ(mpic_cpu_state(m, 0, &cs), MPIC_OK);
  EXPECT_EQ(cs.isr_depth, 1u);
  EXPECT_TRUE(active(1));
  State after = state_of(m);
  before[0] = after[0]; // only the time moved
  EXPECT_TRUE(same_state(before, after));
  eoi(0);
  ASSERT_EQ(mpic_cpu_state(m, 0, &cs), MPIC_OK);
  EXPECT_EQ(cs.isr_depth, 0u) << "a bus EOI retires it";
}

TEST_F(Attrs, RegisterSetStoresWritableFieldsAndOutputsFollow) {
  // Unmask the MSI source through an attribute: stored like a poke, int follows.
  uint32_t v = VPR_P | prio(6) | 0x80;
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, reg_attr(vpr(224)), v), MPIC_OK);
  EXPECT_EQ(peek(vpr(224)) & ~VPR_A, v);
  uint32_t pv = 0;
  ASSERT_EQ(mpic_peek(m, 0, idr(224), &pv), MPIC_OK);
  EXPECT_EQ(pv, 1u);
  run_to(300);
  EXPECT_TRUE(intr(0));
  EXPECT_FALSE(out.empty());
  // CTPR of core 1 through its this-CPU page view.
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, reg_attr(P_CTPR, 1), 9), MPIC_OK);
  EXPECT_EQ(peek(bank(1, P_CTPR)), 9u);
  EXPECT_EQ(peek(bank(0, P_CTPR)), 0u);
  // Read-only register: the write is ignored like a poke's.
  uint32_t frr = peek(FRR);
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_REGISTER, reg_attr(FRR), 0), MPIC_OK);
  EXPECT_EQ(peek(FRR), frr);
}

TEST_F(Attrs, IrqActiveGetSet) {
  EXPECT_EQ(get(MPIC_ATTR_GRP_IRQ_ACTIVE, 1), 0u);
  EXPECT_EQ(get(MPIC_ATTR_GRP_IRQ_ACTIVE, 17), 0u);
  // Internal line: acts at once at the current model time; arbitration latency follows.
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_IRQ_ACTIVE, 17, 1), MPIC_OK);
  EXPECT_EQ(get(MPIC_ATTR_GRP_IRQ_ACTIVE, 17), 1u);
  mpic_source_state_t ss;
  ASSERT_EQ(mpic_source_state(m, 17, &ss), MPIC_OK);
  EXPECT_TRUE(ss.input);
  EXPECT_EQ(ss.rises, 1u);
  EXPECT_EQ(mpic_now(m), 200u);
  EXPECT_EQ(next(), 203u);
  run_to(210);
  EXPECT_EQ(out, (std::vector<Out>{{0, MPIC_PIN_INT, true, 203}}));
  // External pin: the driven level reads back at once, the logic sees it after the
  // synchroniser.
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_IRQ_ACTIVE, 3, 1), MPIC_OK);
  EXPECT_EQ(get(MPIC_ATTR_GRP_IRQ_ACTIVE, 3), 1u);
  ASSERT_EQ(mpic_source_state(m, 3, &ss), MPIC_OK);
  EXPECT_FALSE(ss.input);
  EXPECT_EQ(next(), 212u);
  run_to(212);
  ASSERT_EQ(mpic_source_state(m, 3, &ss), MPIC_OK);
  EXPECT_TRUE(ss.input);
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_IRQ_ACTIVE, 3, 0), MPIC_OK);
  EXPECT_EQ(get(MPIC_ATTR_GRP_IRQ_ACTIVE, 3), 0u);
}

TEST_F(Attrs, MiscGroup) {
  EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR), 0u);
  uint64_t vi = get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_VARIANT);
  ASSERT_LT(vi, mpic_variant_count());
  EXPECT_STREQ(mpic_variant_at((unsigned)vi)->name, "fsl-v4.2");
  EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_NCPUS), 2u);

  for (uint64_t base : {0xFE040000ull, 0x40000ull, 0x1000000000ull, 0ull}) {
    EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, base), MPIC_OK);
    EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR), base);
  }
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, 0xE0040000u), MPIC_OK);
  State before = state_of(m);
  for (uint64_t bad : {0x20000ull, 0x40001ull, 0xFE041000ull, 0x4ull, 0xFFFFFFFFFFFFFFFFull}) {
    EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, bad), MPIC_E_RANGE)
        << hex(bad);
    EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR), 0xE0040000u);
  }
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_VARIANT, 0), MPIC_E_MODE);
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_VARIANT, vi), MPIC_E_MODE);
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_NCPUS, 1), MPIC_E_MODE);
  EXPECT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_NCPUS, 2), MPIC_E_MODE);
  EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_VARIANT), vi);
  EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_NCPUS), 2u);
  EXPECT_EQ(mpic_ncpus(m), 2u);
  EXPECT_TRUE(same_state(before, state_of(m)));
  EXPECT_TRUE(out.empty());
}

// The base address is part of the snapshot: it is device state, not host state.
TEST_F(Attrs, BaseAddressSurvivesSnapshot) {
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, 0xFE040000u), MPIC_OK);
  size_t n = 0;
  ASSERT_EQ(mpic_snapshot_size(m, &n), MPIC_OK);
  std::vector<uint8_t> blob(n);
  ASSERT_EQ(mpic_save(m, blob.data(), n, nullptr), MPIC_OK);
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, 0), MPIC_OK);
  ASSERT_EQ(mpic_restore(m, blob.data(), n), MPIC_OK);
  EXPECT_EQ(get(MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR), 0xFE040000u);
}

TEST_F(Attrs, ErrorsChangeNothing) {
  // An offset of the block with no register behind it, found from the core itself.
  uint32_t hole = 0;
  for (uint32_t off = 0x1000; off < MPIC_BLOCK_SIZE; off += 4) {
    uint32_t v;
    if (mpic_peek(m, 0, off, &v) == MPIC_E_UNMAPPED) {
      hole = off;
      break;
    }
  }
  ASSERT_NE(hole, 0u);
  ASSERT_EQ(mpic_attr_set(m, MPIC_ATTR_GRP_MISC, MPIC_ATTR_MISC_BASE_ADDR, 0xE0040000u), MPIC_OK);
  State before = state_of(m);
  std::vector<std::string> warn_before = warnings;
  const unsigned R = MPIC_ATTR_GRP_REGISTER, I = MPIC_ATTR_GRP_IRQ_ACTIVE, M = MPIC_ATTR_GRP_MISC;
  struct Case {
    unsigned grp;
    uint64_t attr;
    uint64_t setval;
    mpic_status_t get, set;
  };
  const Case cases[] = {
      {0, 0, 0, MPIC_E_ATTR, MPIC_E_ATTR},
      {4, 0, 0, MPIC_E_ATTR, MPIC_E_ATTR},
      {0xFFFFFFFFu, 1, 1, MPIC_E_ATTR, MPIC_E_ATTR},
      {M, 3, 0, MPIC_E_ATTR, MPIC_E_ATTR},
      {M, 1ull << 32, 0, MPIC_E_ATTR, MPIC_E_ATTR},
      {R, hole, 1, MPIC_E_UNMAPPED, MPIC_E_UNMAPPED},
      {R, MPIC_BLOCK_SIZE, 1, MPIC_E_UNMAPPED, MPIC_E_UNMAPPED},
      {R, 0xFFFFFFFCu, 1, MPIC_E_UNMAPPED, MPIC_E_UNMAPPED},
      {R, GCR + 2, GCR_RST, MPIC_E_MISALIGNED, MPIC_E_MISALIGNED},
      {R, reg_attr(P_CTPR, 2), 5, MPIC_E_RANGE, MPIC_E_RANGE},
      {R, reg_attr(GCR, 0xFFFFFFFFu), 0, MPIC_E_RANGE, MPIC_E_RANGE},
      {R, GCR, 1ull << 32 | GCR_RST, MPIC_OK, MPIC_E_RANGE},
      {I, 12, 1, MPIC_E_RANGE, MPIC_E_RANGE},   // unimplemented slot between ext and int
      {I, 4096, 1, MPIC_E_RANGE, MPIC_E_RANGE}, // beyond every slot
      {I, 1ull << 32 | 1, 1, MPIC_E_RANGE, MPIC_E_RANGE},
      {I, 1, 2, MPIC_OK, MPIC_E_RANGE},         // a level is 0 or 1
      {I, 16, 1, MPIC_E_DRIVEN, MPIC_E_DRIVEN}, // v4.2 error summary
      {I, 176, 1, MPIC_E_DRIVEN, MPIC_E_DRIVEN},
      {I, 224, 1, MPIC_E_DRIVEN, MPIC_E_DRIVEN},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE("group " + std::to_string(c.grp) + " attr " + hex(c.attr));
    if (c.get != MPIC_OK) {
      EXPECT_EQ(get_st(c.grp, c.attr), c.get);
    }
    EXPECT_EQ(mpic_attr_set(m, c.grp, c.attr, c.setval), c.set);
    EXPECT_TRUE(same_state(before, state_of(m)));
  }
  EXPECT_EQ(mpic_attr_get(m, M, MPIC_ATTR_MISC_NCPUS, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_attr_get(nullptr, M, MPIC_ATTR_MISC_NCPUS, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_attr_set(nullptr, M, MPIC_ATTR_MISC_BASE_ADDR, 0), MPIC_E_ARG);
  uint64_t base = 0;
  ASSERT_EQ(mpic_attr_get(m, M, MPIC_ATTR_MISC_BASE_ADDR, &base), MPIC_OK);
  EXPECT_EQ(base, 0xE0040000u);
  EXPECT_TRUE(same_state(before, state_of(m)));
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(warnings, warn_before);
}

} // namespace
