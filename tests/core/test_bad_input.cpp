// Bad input: every error returns its status and changes nothing (behaviour.md items 11, 11b, 22,
// 29, 31, 32; header status codes).
#include <cstring>
#include <map>

#include "fixture.hpp"
#include "regspec.hpp"

using namespace mt;

namespace {

struct Snap {
  std::map<uint32_t, uint32_t> regs;
  std::vector<bool> outs;
  std::vector<bool> inputs;
  size_t nout = 0, nwarn = 0;
  mpic_cycle_t now = 0, next = 0;
};

Snap snap(Sim &s, const std::string &variant, unsigned ncpus) {
  Snap r;
  for (auto &ri : expected_regs(*vspec(variant), ncpus)) {
    uint32_t v;
    if (mpic_peek(s.m, 0, ri.off, &v) == MPIC_OK) r.regs[ri.off] = v;
  }
  for (unsigned c = 0; c < ncpus; c++)
    for (int p = MPIC_PIN_INT; p <= MPIC_PIN_RESET; p++) {
      bool l = false;
      EXPECT_EQ(mpic_get_output(s.m, c, mpic_pin_t(p), &l), MPIC_OK);
      r.outs.push_back(l);
    }
  for (unsigned src = 0; src < 12; src++) {
    bool l = false;
    EXPECT_EQ(mpic_get_irq(s.m, src, &l), MPIC_OK);
    r.inputs.push_back(l);
  }
  r.nout = s.out.size();
  r.nwarn = s.warnings.size();
  r.now = mpic_now(s.m);
  r.next = mpic_next_event(s.m);
  return r;
}

void expect_same(const Snap &a, const Snap &b, const std::string &what) {
  SCOPED_TRACE(what);
  for (auto &kv : a.regs) {
    auto it = b.regs.find(kv.first);
    ASSERT_NE(it, b.regs.end()) << hex(kv.first);
    EXPECT_EQ(it->second, kv.second) << "register " << hex(kv.first) << " changed";
  }
  EXPECT_EQ(a.outs, b.outs) << "outputs changed";
  EXPECT_EQ(a.inputs, b.inputs) << "inputs changed";
  EXPECT_EQ(a.nout, b.nout) << "output events emitted";
  EXPECT_EQ(a.now, b.now) << "mpic_now changed";
  EXPECT_EQ(a.next, b.next) << "next event changed";
}

// A busy instance with default latencies: pending, in service, timer, MSI, message, IPI.
class Bad : public Core {
protected:
  void SetUp() override {
    create("fsl-v4.2", 2);
    mixed();
    ctpr(0, 0);
    ctpr(1, 0);
    src(1, VPR_S | VPR_P | prio(5) | 0x41);
    irq(1, true);
    advance(20);
    src(2, VPR_P | prio(9) | 0x42, 0x2);
    irq(2, true);
    advance(40);
    EXPECT_EQ(iack(1), 0x42u);
    wr(gtvpr(0), prio(3) | 0x70);
    wr(gtbcr(0), 1000);
    wr(vpr(224), prio(4) | 0xE0);
    msi(0, msiir_val(0, 3));
    wr(MER_A, 1);
    wr(msgr(0), 0x55);
    wr(ipivpr(0), prio(7) | 0x50);
    wr(ipidr(0), 1, 1);
    at(500);
    sync();
    before = snap(*this, "fsl-v4.2", 2);
  }
  void check(const std::string &what) { expect_same(before, snap(*this, "fsl-v4.2", 2), what); }
  Snap before;
};

TEST_F(Bad, MisalignedAccess) {
  uint32_t v = 0;
  for (uint32_t off : {0x1021u, 0x1022u, 0x1023u, 0x200A2u, 0x10001u}) {
    EXPECT_EQ(mpic_read(m, t, 0, off, 4, &v, nullptr), MPIC_E_MISALIGNED) << hex(off);
    EXPECT_EQ(mpic_write(m, t, 0, off, 4, 0xFFFFFFFF, nullptr), MPIC_E_MISALIGNED) << hex(off);
    EXPECT_EQ(mpic_peek(m, 0, off, &v), MPIC_E_MISALIGNED) << hex(off);
    EXPECT_EQ(mpic_poke(m, 0, off, 0xFFFFFFFF), MPIC_E_MISALIGNED) << hex(off);
  }
  check("misaligned");
}

TEST_F(Bad, WrongSize) {
  uint32_t v = 0;
  for (unsigned size : {0u, 1u, 2u, 3u, 8u}) {
    for (uint32_t off : {0x10E0u, (uint32_t)bank(0, P_IACK), (uint32_t)bank(1, P_EOI), 0x1600u,
                         (uint32_t)msgr(0), (uint32_t)P_IACK}) {
      EXPECT_EQ(mpic_read(m, t, 0, off, size, &v, nullptr), MPIC_E_SIZE)
          << hex(off) << " size " << size;
      EXPECT_EQ(mpic_write(m, t, 0, off, size, 0, nullptr), MPIC_E_SIZE)
          << hex(off) << " size " << size;
    }
  }
  check("wrong size (IACK not acknowledged, EOI not retired, MSIR/MSGR not cleared)");
}

TEST_F(Bad, UnmappedAndOutsideBlock) {
  uint32_t v = 0;
  for (uint32_t off : {0x1004u, 0x00C0u, 0x10180u, 0x1FFFCu, (uint32_t)bank(2, P_CTPR),
                       (uint32_t)bank(0, BRR1), 0x40000u, 0x40004u, 0xFFFFFFFCu, 0x7140u}) {
    EXPECT_EQ(mpic_read(m, t, 0, off, 4, &v, nullptr), MPIC_E_UNMAPPED) << hex(off);
    EXPECT_EQ(mpic_write(m, t, 0, off, 4, 0xFFFFFFFF, nullptr), MPIC_E_UNMAPPED) << hex(off);
    EXPECT_EQ(mpic_peek(m, 0, off, &v), MPIC_E_UNMAPPED) << hex(off);
    EXPECT_EQ(mpic_poke(m, 0, off, 0xFFFFFFFF), MPIC_E_UNMAPPED) << hex(off);
  }
  check("unmapped");
}

TEST_F(Bad, OutOfRangeIndices) {
  uint32_t v = 0;
  bool l = false;
  EXPECT_EQ(mpic_read(m, t, 2, P_CTPR, 4, &v, nullptr), MPIC_E_RANGE) << "cpu 2 of 2";
  EXPECT_EQ(mpic_read(m, t, 2, P_IACK, 4, &v, nullptr), MPIC_E_RANGE);
  EXPECT_EQ(mpic_write(m, t, 99, P_EOI, 4, 0, nullptr), MPIC_E_RANGE);
  EXPECT_EQ(mpic_peek(m, 2, P_CTPR, &v), MPIC_E_RANGE);
  EXPECT_EQ(mpic_poke(m, 2, P_CTPR, 0), MPIC_E_RANGE);
  for (unsigned s : {12u, 15u, 184u, 223u, 248u, 1000u}) {
    EXPECT_EQ(mpic_set_irq(m, t, s, true), MPIC_E_RANGE) << "source " << s;
    EXPECT_EQ(mpic_get_irq(m, s, &l), MPIC_E_RANGE) << "source " << s;
  }
  for (unsigned s : {16u, 176u, 183u, 224u, 247u}) {
    EXPECT_EQ(mpic_set_irq(m, t, s, true), MPIC_E_DRIVEN) << "source " << s;
  }
  EXPECT_EQ(mpic_set_error(m, t, 32, true), MPIC_E_RANGE);
  EXPECT_EQ(mpic_msi(m, t, 3, msiir_val(0, 0)), MPIC_E_RANGE);
  EXPECT_EQ(mpic_get_output(m, 2, MPIC_PIN_INT, &l), MPIC_E_RANGE);
  EXPECT_EQ(mpic_get_output(m, 0, MPIC_PIN_COUNT, &l), MPIC_E_RANGE);
  mpic_reg_info_t ri;
  EXPECT_EQ(mpic_reg_at(m, mpic_reg_count(m), &ri), MPIC_E_RANGE);
  EXPECT_EQ(mpic_param_info(MPIC_P_COUNT), nullptr);
  EXPECT_EQ(mpic_ack(m, t, 0, &v), MPIC_E_MODE) << "ack outside proxy mode";
  check("out of range");
}

TEST_F(Bad, TimeGoingBackwards) {
  uint32_t v = 0;
  ASSERT_EQ(mpic_now(m), 500u);
  EXPECT_EQ(mpic_advance(m, 499), MPIC_E_TIME);
  EXPECT_EQ(mpic_read(m, 499, 0, bank(0, P_IACK), 4, &v, nullptr), MPIC_E_TIME);
  EXPECT_EQ(mpic_read(m, 0, 0, msir(0, 0), 4, &v, nullptr), MPIC_E_TIME);
  EXPECT_EQ(mpic_write(m, 499, 0, bank(1, P_EOI), 4, 0, nullptr), MPIC_E_TIME);
  EXPECT_EQ(mpic_write(m, 499, 0, GCR, 4, GCR_RST, nullptr), MPIC_E_TIME);
  EXPECT_EQ(mpic_set_irq(m, 499, 1, false), MPIC_E_TIME);
  EXPECT_EQ(mpic_set_error(m, 499, 0, true), MPIC_E_TIME);
  EXPECT_EQ(mpic_msi(m, 499, 0, msiir_val(1, 1)), MPIC_E_TIME);
  check("time backwards");
  // the same cycle again is fine
  EXPECT_EQ(mpic_advance(m, 500), MPIC_OK);
}

TEST_F(Bad, NullArguments) {
  bool l;
  uint32_t v;
  EXPECT_EQ(mpic_read(m, t, 0, GCR, 4, nullptr, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_read(m, t, 0, bank(0, P_IACK), 4, nullptr, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_peek(m, 0, GCR, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_get_output(m, 0, MPIC_PIN_INT, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_get_irq(m, 1, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_reg_at(m, 0, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_param_find(nullptr, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_read(nullptr, t, 0, GCR, 4, &v, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_write(nullptr, t, 0, GCR, 4, 0, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_peek(nullptr, 0, GCR, &v), MPIC_E_ARG);
  EXPECT_EQ(mpic_poke(nullptr, 0, GCR, 0), MPIC_E_ARG);
  EXPECT_EQ(mpic_advance(nullptr, 1000), MPIC_E_ARG);
  EXPECT_EQ(mpic_set_irq(nullptr, t, 1, true), MPIC_E_ARG);
  EXPECT_EQ(mpic_set_error(nullptr, t, 1, true), MPIC_E_ARG);
  EXPECT_EQ(mpic_msi(nullptr, t, 0, 0), MPIC_E_ARG);
  EXPECT_EQ(mpic_ack(nullptr, t, 0, &v), MPIC_E_ARG);
  EXPECT_EQ(mpic_get_output(nullptr, 0, MPIC_PIN_INT, &l), MPIC_E_ARG);
  EXPECT_EQ(mpic_get_irq(nullptr, 0, &l), MPIC_E_ARG);
  check("NULL arguments");
  mpic_destroy(nullptr); // must be harmless
}

TEST_F(Bad, AckNullVectorInProxyMode) {
  wr(GCR, GCR_PROXY);
  Snap b = snap(*this, "fsl-v4.2", 2);
  EXPECT_EQ(mpic_ack(m, t, 0, nullptr), MPIC_E_ARG);
  uint32_t v;
  EXPECT_EQ(mpic_ack(m, t, 2, &v), MPIC_E_RANGE);
  expect_same(b, snap(*this, "fsl-v4.2", 2), "ack NULL / cpu out of range");
}

// Item 32: lenient decode turns unmapped accesses into read-0 / write-ignored, logged.
TEST(BadInput, LenientDecode) {
  Sim s;
  s.create("fsl-v2.0", 1, {{"lenient_decode", "1"}});
  size_t w = s.warnings.size();
  EXPECT_EQ(s.rd(0x1004), 0u);
  s.wr(0x1004, 0xFFFFFFFF);
  EXPECT_GT(s.warnings.size(), w) << "lenient decode logs";
  uint32_t v = 1;
  EXPECT_EQ(mpic_read(s.m, 0, 0, 0x1021, 4, &v, nullptr), MPIC_E_MISALIGNED);
  EXPECT_EQ(mpic_read(s.m, 0, 0, 0x1020, 2, &v, nullptr), MPIC_E_SIZE);
  EXPECT_EQ(s.rd(SVR), 0xFFFFu);
}

bool same_cfg(const mpic_config_t &a, const mpic_config_t &b) {
  return std::strcmp(a.variant, b.variant) == 0 && a.ncpus == b.ncpus &&
         std::memcmp(a.param, b.param, sizeof a.param) == 0;
}

TEST(BadInput, InvalidConfiguration) {
  mpic_config_t c;
  std::memset(&c, 0, sizeof c);
  EXPECT_EQ(mpic_config_init(&c, "fsl-v9.9"), MPIC_E_CONFIG);
  EXPECT_EQ(mpic_config_init(nullptr, "fsl-v2.0"), MPIC_E_ARG);
  ASSERT_EQ(mpic_config_init(&c, "fsl-v2.0"), MPIC_OK);
  mpic_config_t ref = c;
  struct KV {
    const char *k, *v;
  } bad[] = {
      {"cpus", "0"},           {"cpus", "3"},         {"cpus", "-1"},
      {"cpus", "abc"},         {"cpus", ""},          {"bogus", "1"},
      {"variant", "fsl-v1.0"}, {"sync_depth", "x1"},  {"sync_depth", "12abc"},
      {"lenient_decode", "2"}, {"arb_latency", "-3"}, {"sync_depth", "99999999999999999999999"}};
  for (auto &kv : bad) {
    EXPECT_EQ(mpic_config_set(&c, kv.k, kv.v), MPIC_E_CONFIG) << kv.k << "=" << kv.v;
    EXPECT_TRUE(same_cfg(c, ref)) << kv.k << "=" << kv.v << " changed the configuration";
    c = ref; // isolate the cases
  }
  EXPECT_EQ(mpic_config_set(nullptr, "cpus", "1"), MPIC_E_ARG);
  EXPECT_EQ(mpic_config_set(&c, nullptr, "1"), MPIC_E_ARG);
  EXPECT_EQ(mpic_config_set(&c, "cpus", nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_param_find("bogus", nullptr) == MPIC_OK, false);
  mpic_param_t p;
  EXPECT_EQ(mpic_param_find("bogus", &p), MPIC_E_CONFIG);
  // good values, decimal and hex
  EXPECT_EQ(mpic_config_set(&c, "sync_depth", "0x10"), MPIC_OK);
  EXPECT_EQ(c.param[MPIC_P_SYNC_DEPTH], 16u);
  EXPECT_EQ(mpic_config_set(&c, "cpus", "2"), MPIC_OK);
  EXPECT_EQ(c.ncpus, 2u);
  // setting variant keeps ncpus and parameters
  EXPECT_EQ(mpic_config_set(&c, "variant", "fsl-v4.2"), MPIC_OK);
  EXPECT_STREQ(c.variant, "fsl-v4.2");
  EXPECT_EQ(c.ncpus, 2u);
  EXPECT_EQ(c.param[MPIC_P_SYNC_DEPTH], 16u);
  EXPECT_EQ(mpic_config_set(&c, "cpus", "8"), MPIC_OK);
  EXPECT_EQ(mpic_config_set(&c, "cpus", "9"), MPIC_E_CONFIG);
  mpic_config_t c43;
  ASSERT_EQ(mpic_config_init(&c43, "fsl-v4.3"), MPIC_OK);
  EXPECT_EQ(mpic_config_set(&c43, "cpus", "24"), MPIC_OK);
  EXPECT_EQ(mpic_config_set(&c43, "cpus", "25"), MPIC_E_CONFIG);
  EXPECT_EQ(mpic_config_set(&c43, "cpus", "33"), MPIC_E_CONFIG);
}

TEST(BadInput, CreateRejectsInvalidStructs) {
  mpic_t *m = reinterpret_cast<mpic_t *>(0x1);
  mpic_config_t c;
  ASSERT_EQ(mpic_config_init(&c, "fsl-v2.0"), MPIC_OK);
  EXPECT_EQ(mpic_create(nullptr, &m), MPIC_E_ARG);
  EXPECT_EQ(mpic_create(&c, nullptr), MPIC_E_ARG);
  auto bad = [](mpic_config_t x, const char *what) {
    mpic_t *mm = nullptr;
    mpic_status_t st = mpic_create(&x, &mm);
    EXPECT_TRUE(st == MPIC_E_CONFIG || st == MPIC_E_RANGE) << what << ": " << mpic_status_name(st);
    EXPECT_EQ(mm, nullptr) << what;
    if (mm) mpic_destroy(mm);
  };
  mpic_config_t x = c;
  x.ncpus = 0;
  bad(x, "ncpus 0");
  x = c;
  x.ncpus = 3;
  bad(x, "ncpus 3 on v2.0");
  x = c;
  x.ncpus = MPIC_MAX_CPUS + 1;
  bad(x, "ncpus 33");
  x = c;
  std::strcpy(x.variant, "nope");
  bad(x, "unknown variant");
  x = c;
  x.param[MPIC_P_LENIENT_DECODE] = 7;
  bad(x, "bool parameter 7");
  x = c;
  const mpic_param_info_t *pi = mpic_param_info(MPIC_P_MPIC_CLK_DIV);
  ASSERT_NE(pi, nullptr);
  if (pi->max < UINT64_MAX) {
    x.param[MPIC_P_MPIC_CLK_DIV] = pi->max + 1;
    bad(x, "mpic_clk_div above max");
  }
}

TEST(BadInput, NamesForEveryStatusAndPin) {
  for (int s = MPIC_OK; s <= MPIC_E_DRIVEN; s++) {
    ASSERT_NE(mpic_status_name(mpic_status_t(s)), nullptr);
    EXPECT_GT(std::strlen(mpic_status_name(mpic_status_t(s))), 0u);
  }
  EXPECT_STREQ(mpic_status_name(MPIC_OK), "ok");
  EXPECT_STREQ(mpic_status_name(MPIC_E_UNMAPPED), "unmapped");
  const char *pins[] = {"int", "cint", "mcp", "reset", "irq_out"};
  for (int p = 0; p < MPIC_PIN_COUNT; p++) {
    EXPECT_STREQ(mpic_pin_name(mpic_pin_t(p)), pins[p]);
  }
}

} // namespace
