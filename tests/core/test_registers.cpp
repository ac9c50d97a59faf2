// Register map: reset values, write masks, read-back, decode, per variant and core count,
// checked against the independent table in regspec.hpp.
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "fixture.hpp"
#include "regspec.hpp"

using namespace mt;

namespace {

struct RegAtInst {
  std::string name;
  uint32_t off;
  uint32_t reset;
  uint32_t rmask, wmask;
  unsigned flags, count, count2;
};

std::map<uint32_t, RegAtInst> regat_instances(mpic_t *m, std::vector<std::string> *dups) {
  std::map<uint32_t, RegAtInst> r;
  unsigned n = mpic_reg_count(m);
  for (unsigned i = 0; i < n; i++) {
    mpic_reg_info_t ri{};
    EXPECT_EQ(mpic_reg_at(m, i, &ri), MPIC_OK) << "reg_at " << i;
    for (unsigned k = 0; k < ri.count; k++) {
      uint32_t off = mpic_reg_instance_offset(&ri, k);
      RegAtInst x{ri.name ? ri.name : "?",
                  off,
                  mpic_reg_reset_of(m, i, k),
                  ri.rmask,
                  mpic_reg_wmask_of(m, i, k),
                  ri.flags,
                  ri.count,
                  ri.count2};
      if (r.count(off) && dups) dups->push_back(x.name + "@" + hex(off));
      r[off] = x;
    }
  }
  return r;
}

using Cfg = std::tuple<std::string, unsigned>;

class Regs : public ::testing::TestWithParam<Cfg> {
protected:
  void SetUp() override {
    variant = std::get<0>(GetParam());
    ncpus = std::get<1>(GetParam());
    v = vspec(variant);
    ASSERT_NE(v, nullptr);
    spec = expected_regs(*v, ncpus);
    s.create(variant, ncpus);
    regat = regat_instances(s.m, nullptr);
  }
  // Instances of the spec to check in this configuration (optional ones only if decoded).
  bool present(const RegInst &r) {
    if (!(r.flags & R_OPT)) return true;
    uint32_t x;
    return mpic_peek(s.m, 0, r.off, &x) == MPIC_OK;
  }
  std::string variant;
  unsigned ncpus = 1;
  const VSpec *v = nullptr;
  std::vector<RegInst> spec;
  std::map<uint32_t, RegAtInst> regat;
  Sim s;
};

std::string cfg_name(const ::testing::TestParamInfo<Cfg> &i) {
  std::string v = std::get<0>(i.param);
  std::string o;
  for (char c : v.substr(4))
    o += (c == '.' || c == '-') ? '_' : c;
  return o + "_cpus" + std::to_string(std::get<1>(i.param));
}

TEST_P(Regs, ResetValuesByPeekAndRead) {
  for (auto &r : spec) {
    if (!present(r) || (r.flags & R_VALUE_UNK)) continue;
    SCOPED_TRACE(r.name + " @" + hex(r.off));
    unsigned cpus = (r.flags & R_THIS) ? ncpus : 1;
    for (unsigned c = 0; c < cpus; c++) {
      uint32_t exp = r.whoami && (r.flags & R_THIS) ? c : r.reset;
      uint32_t pv = 0xDEADBEEF;
      ASSERT_EQ(mpic_peek(s.m, c, r.off, &pv), MPIC_OK);
      EXPECT_EQ(pv, exp) << "peek cpu" << c;
      if (r.flags & R_RSIDE) continue;
      uint32_t rv = 0xDEADBEEF;
      ASSERT_EQ(mpic_read(s.m, 0, c, r.off, 4, &rv, nullptr), MPIC_OK);
      EXPECT_EQ(rv, exp) << "read cpu" << c;
    }
  }
}

TEST_P(Regs, WriteAllOnesThenZerosReadsBack) {
  std::map<std::string, std::vector<const RegInst *>> groups;
  for (auto &r : spec)
    if (!(r.flags & R_NOWRITE)) groups[r.group].push_back(&r);
  for (auto &g : groups) {
    Sim w;
    w.create(variant, ncpus);
    for (const RegInst *r : g.second) {
      uint32_t x;
      if (r->flags & R_VALUE_UNK) continue;
      if ((r->flags & R_OPT) && mpic_peek(w.m, 0, r->off, &x) != MPIC_OK) continue;
      SCOPED_TRACE(r->name + " @" + hex(r->off));
      uint32_t ones = r->ones, zeros = r->zeros;
      if (r->flags & R_WMASK_UNK) {
        auto it = regat.find(r->off);
        if (it == regat.end()) continue;
        ones = it->second.wmask;
        zeros = 0;
      }
      w.wr(r->off, r->onepat);
      uint32_t e1 = ones;
      EXPECT_EQ(w.peek(r->off), e1) << "after writing " << hex(r->onepat) << " (peek)";
      if (!(r->flags & R_RSIDE)) {
        EXPECT_EQ(w.rd(r->off), e1) << "after writing ones (read)";
      }
      w.wr(r->off, 0);
      uint32_t e0 = zeros;
      EXPECT_EQ(w.peek(r->off), e0) << "after writing 0 (peek)";
      if (!(r->flags & R_RSIDE)) {
        EXPECT_EQ(w.rd(r->off), e0) << "after writing 0 (read)";
      }
    }
  }
}

TEST_P(Regs, GcrModeBitsAndReadOnlyRst) {
  uint32_t gm = v->v4 ? 0x60000000u : 0x20000000u;
  s.wr(GCR, 0x7FFFFFFFu);
  EXPECT_EQ(s.rd(GCR), gm);
  s.wr(GCR, GCR_MIXED);
  EXPECT_EQ(s.rd(GCR), GCR_MIXED);
  s.wr(GCR, GCR_PROXY);
  EXPECT_EQ(s.rd(GCR), v->v4 ? GCR_PROXY : GCR_MIXED) << "proxy bit exists only on v4.x";
  s.wr(GCR, 0);
  EXPECT_EQ(s.rd(GCR), 0u);
}

TEST_P(Regs, RegAtAgreesWithIndependentTable) {
  std::vector<std::string> dups;
  auto ra = regat_instances(s.m, &dups);
  EXPECT_TRUE(dups.empty()) << "mpic_reg_at lists offsets twice, first: " << dups.front();
  std::map<uint32_t, const RegInst *> mine;
  for (auto &r : spec)
    mine[r.off] = &r;
  unsigned missing = 0, extra = 0;
  for (auto &kv : ra) {
    const RegAtInst &x = kv.second;
    auto it = mine.find(kv.first);
    if (it == mine.end()) {
      if (++extra <= 20)
        ADD_FAILURE() << "mpic_reg_at has " << x.name << " @" << hex(x.off)
                      << " which the independent table does not expect";
      continue;
    }
    const RegInst &r = *it->second;
    SCOPED_TRACE(r.name + " (core: " + x.name + ") @" + hex(x.off));
    if (!(r.flags & (R_NORESET | R_VALUE_UNK)) && !r.whoami) {
      EXPECT_EQ(x.reset, r.reset) << "reset";
    }
    if (r.whoami && (r.flags & R_PERCPU)) {
      EXPECT_EQ(x.reset, r.reset) << "WHOAMI bank reset";
    }
    if (!(r.flags & (R_WO | R_WMASK_UNK | R_RO))) {
      EXPECT_EQ(x.wmask, r.wmask) << "wmask";
    }
    EXPECT_EQ((x.flags & MPIC_REG_RO) != 0, (r.flags & R_RO) != 0) << "RO flag";
    EXPECT_EQ((x.flags & MPIC_REG_WO) != 0, (r.flags & R_WO) != 0) << "WO flag";
    EXPECT_EQ((x.flags & MPIC_REG_THIS_CPU) != 0, (r.flags & R_THIS) != 0) << "THIS_CPU flag";
    if (r.flags & R_RSIDE) {
      EXPECT_TRUE(x.flags & MPIC_REG_RSIDE) << "RSIDE flag";
    }
    if (x.flags & MPIC_REG_PER_CPU) {
      EXPECT_EQ(x.count / x.count2, ncpus) << "PER_CPU count";
    }
    if (r.flags & R_PERCPU) {
      EXPECT_TRUE(x.flags & MPIC_REG_PER_CPU) << "PER_CPU flag";
    }
    if (r.flags & R_RO) {
      EXPECT_EQ(x.wmask, 0u) << "RO register with a write mask";
    }
    if (!(r.flags & R_WO)) {
      EXPECT_EQ(x.wmask & ~x.rmask, 0u) << "written bits must read back";
    }
  }
  for (auto &r : spec) {
    if (r.flags & R_OPT) continue;
    if (!ra.count(r.off) && ++missing <= 20)
      ADD_FAILURE() << "expected " << r.name << " @" << hex(r.off) << " missing in mpic_reg_at";
  }
  EXPECT_EQ(missing, 0u);
  EXPECT_EQ(extra, 0u);
}

TEST_P(Regs, WholeBlockDecodesExactlyTheListedOffsets) {
  std::set<uint32_t> req, opt;
  for (auto &r : spec)
    (r.flags & R_OPT ? opt : req).insert(r.off);
  unsigned bad_regat = 0, bad_spec = 0, bad_read = 0;
  std::ostringstream first;
  for (uint32_t off = 0; off < MPIC_BLOCK_SIZE; off += 4) {
    uint32_t x = 0;
    mpic_status_t st = mpic_peek(s.m, 0, off, &x);
    bool mapped_core = regat.count(off) != 0;
    mpic_status_t want = mapped_core ? MPIC_OK : MPIC_E_UNMAPPED;
    if (st != want && ++bad_regat <= 10)
      first << " peek " << hex(off) << "=" << mpic_status_name(st) << " reg_at "
            << (mapped_core ? "lists it" : "does not list it") << ";";
    if (!opt.count(off)) {
      mpic_status_t want2 = req.count(off) ? MPIC_OK : MPIC_E_UNMAPPED;
      if (st != want2 && ++bad_spec <= 10)
        first << " peek " << hex(off) << "=" << mpic_status_name(st) << " table wants "
              << mpic_status_name(want2) << ";";
    }
    mpic_status_t rst = mpic_read(s.m, 0, 0, off, 4, &x, nullptr);
    if (rst != st && ++bad_read <= 10)
      first << " read " << hex(off) << "=" << mpic_status_name(rst) << " but peek "
            << mpic_status_name(st) << ";";
  }
  EXPECT_EQ(bad_regat + bad_spec + bad_read, 0u) << first.str();
}

TEST_P(Regs, Brr1FrrWhoami) {
  for (unsigned c = 0; c < ncpus; c++) {
    EXPECT_EQ(s.rd(BRR1, c), v->brr1);
    EXPECT_EQ(s.rd(FRR, c), ((v->slots - 1) << 16) | ((ncpus - 1) << 8) | 2u);
    EXPECT_EQ(s.rd(P_WHOAMI, c), c) << "this-CPU page WHOAMI";
    EXPECT_EQ(s.rd(bank(c, P_WHOAMI), (c + 1) % ncpus), c) << "bank WHOAMI";
  }
  // writes to read-only identification registers are accepted and ignored
  s.wr(BRR1, 0x12345678);
  s.wr(FRR, 0xFFFFFFFF);
  s.wr(VIR, 0xFFFFFFFF);
  s.wr(P_WHOAMI, 7);
  EXPECT_EQ(s.rd(BRR1), v->brr1);
  EXPECT_EQ(s.rd(FRR), ((v->slots - 1) << 16) | ((ncpus - 1) << 8) | 2u);
  EXPECT_EQ(s.rd(VIR), 0u);
  EXPECT_EQ(s.rd(P_WHOAMI), 0u);
}

TEST_P(Regs, ThisCpuPageAliasesAccessingCoreBank) {
  for (unsigned c = 0; c < ncpus; c++)
    s.wr(P_CTPR, c % 15, c); // through the page
  for (unsigned c = 0; c < ncpus; c++) {
    EXPECT_EQ(s.rd(bank(c, P_CTPR)), c % 15) << "bank " << c;
    EXPECT_EQ(s.peek(P_CTPR, c), c % 15) << "page peek cpu " << c;
  }
  unsigned last = ncpus - 1;
  s.wr(bank(last, P_CTPR), 9); // through the bank, from core 0
  EXPECT_EQ(s.rd(P_CTPR, last), 9u);
  if (ncpus > 1) {
    EXPECT_EQ(s.rd(P_CTPR, 0), 0u);
  }
  // Banks of absent cores are unmapped.
  if (ncpus < MPIC_MAX_CPUS) {
    uint32_t x;
    for (uint32_t o : {0x40u, 0x80u, 0x90u, 0xA0u, 0xB0u}) {
      EXPECT_EQ(mpic_read(s.m, 0, 0, bank(ncpus, o), 4, &x, nullptr), MPIC_E_UNMAPPED);
      EXPECT_EQ(mpic_peek(s.m, 0, bank(ncpus, o), &x), MPIC_E_UNMAPPED);
    }
  }
  // BRR1/BRR2 exist only in the this-CPU page (item 12).
  uint32_t x;
  EXPECT_EQ(mpic_peek(s.m, 0, bank(0, 0x0), &x), MPIC_E_UNMAPPED);
  EXPECT_EQ(mpic_peek(s.m, 0, bank(0, 0x10), &x), MPIC_E_UNMAPPED);
}

TEST_P(Regs, AbsentCoreBitsReadZero) {
  uint32_t cm = ncpus >= 32 ? 0xFFFFFFFFu : (1u << ncpus) - 1;
  s.wr(PIR, 0xFFFFFFFF);
  EXPECT_EQ(s.rd(PIR), cm);
  s.wr(PIR, 0);
  s.wr(gtdr(0), 0xFFFFFFFF);
  EXPECT_EQ(s.rd(gtdr(0)), cm);
  s.wr(idr(20), 0x0000FFFF & ~cm);
  EXPECT_EQ(s.rd(idr(20)) & 0x00FFFFFF, 0u);
}

INSTANTIATE_TEST_SUITE_P(AllVariants, Regs,
                         ::testing::Values(Cfg{"fsl-v2.0", 1}, Cfg{"fsl-v2.0", 2},
                                           Cfg{"fsl-v3.1", 1}, Cfg{"fsl-v3.1", 2},
                                           Cfg{"fsl-v4.2", 1}, Cfg{"fsl-v4.2", 2},
                                           Cfg{"fsl-v4.2", 8}, Cfg{"fsl-v4.3", 1},
                                           Cfg{"fsl-v4.3", 5}, Cfg{"fsl-v4.3", 24}),
                         cfg_name);

TEST(Variants, InfoMatchesDecisions) {
  EXPECT_GE(mpic_variant_count(), 4u);
  for (auto &vs : vspecs()) {
    SCOPED_TRACE(vs.name);
    const mpic_variant_info_t *vi = mpic_variant_find(vs.name);
    ASSERT_NE(vi, nullptr);
    EXPECT_STREQ(vi->name, vs.name);
    EXPECT_EQ(vi->brr1, vs.brr1);
    EXPECT_EQ(vi->max_cpus, vs.max_cpus);
    EXPECT_EQ(vi->n_ext, 12u);
    EXPECT_EQ(vi->n_int, vs.n_int);
    EXPECT_EQ(vi->n_msg, vs.n_msg);
    EXPECT_EQ(vi->msi_banks, vs.msi_banks);
    EXPECT_EQ(vi->msirs_per_bank, vs.msirs);
    EXPECT_EQ(vi->timer_groups, vs.timer_groups);
    EXPECT_EQ(vi->source_slots, vs.slots);
    EXPECT_EQ(vi->has_ilr, vs.v4);
    EXPECT_EQ(vi->has_ci_bits, !vs.v4);
    EXPECT_EQ(vi->has_eisr, vs.v4);
    EXPECT_EQ(vi->has_proxy, vs.v4);
    EXPECT_EQ(vi->crit_masked, vs.v4);
    EXPECT_EQ(vi->int_pol_fixed, vs.v4);
  }
  EXPECT_EQ(mpic_variant_find("fsl-v9.9"), nullptr);
  for (unsigned i = 0; i < mpic_variant_count(); i++) {
    ASSERT_NE(mpic_variant_at(i), nullptr);
  }
}

TEST(Params, DefaultsMatchDecisions) {
  struct P {
    const char *name;
    uint64_t def;
  } ps[] = {{"sync_depth", 2},         {"arb_latency", 3},  {"read_latency", 4},
            {"write_latency", 4},      {"iack_latency", 6}, {"eoi_latency", 4},
            {"iack_to_int", 2},        {"eoi_to_arb", 2},   {"reset_duration", 32},
            {"core_reset_latency", 1}, {"mpic_clk_div", 0}, {"lenient_decode", 0}};
  for (auto &p : ps) {
    mpic_param_t id;
    ASSERT_EQ(mpic_param_find(p.name, &id), MPIC_OK) << p.name;
    const mpic_param_info_t *pi = mpic_param_info(id);
    ASSERT_NE(pi, nullptr);
    EXPECT_STREQ(pi->name, p.name);
    EXPECT_EQ(pi->def, p.def) << p.name;
  }
  mpic_config_t c;
  ASSERT_EQ(mpic_config_init(&c, "fsl-v4.2"), MPIC_OK);
  EXPECT_EQ(c.ncpus, 1u);
  Sim a, b;
  a.create("fsl-v2.0");
  b.create("fsl-v4.2");
  // mpic_clk_div 0 = variant default; the instance reports what it uses or 0 - either way the
  // timer tests check the effective value.
  EXPECT_EQ(mpic_get_param(a.m, MPIC_P_SYNC_DEPTH), 2u);
  EXPECT_EQ(mpic_ncpus(b.m), 1u);
  EXPECT_STREQ(mpic_variant(b.m)->name, "fsl-v4.2");
}

} // namespace
