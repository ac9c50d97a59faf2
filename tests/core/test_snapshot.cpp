// Snapshots: a scenario saved in the middle (every interrupt kind, timers incl. a cascade,
// nesting, events in flight) continues identically in a new instance and in the running
// original after it diverged; corrupt, truncated, other-version and other-configuration
// blobs are rejected and leave the target untouched.
#include "fixture.hpp"
#include "state.hpp"

#include <chrono>
#include <cstring>
#include <set>

using namespace mt;

namespace {

using Blob = std::vector<uint8_t>;

constexpr mpic_cycle_t T_SAVE = 400;
constexpr mpic_cycle_t T_END = 4000;
constexpr uint32_t SPURIOUS = 0xFFFF;

Blob save(mpic_t *m) {
  size_t n = 0;
  EXPECT_EQ(mpic_snapshot_size(m, &n), MPIC_OK);
  Blob b(n);
  size_t written = 0;
  EXPECT_EQ(mpic_save(m, b.data(), b.size(), &written), MPIC_OK);
  EXPECT_EQ(written, n);
  return b;
}

uint32_t crc32_ieee(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}
void put32(Blob &b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; i++)
    b[at + i] = (uint8_t)(v >> (24 - 8 * i));
}
uint32_t get32(const Blob &b, size_t at) {
  return (uint32_t)b[at] << 24 | (uint32_t)b[at + 1] << 16 | (uint32_t)b[at + 2] << 8 | b[at + 3];
}
void fix_crc(Blob &b) {
  put32(b, b.size() - 4, crc32_ieee(b.data(), b.size() - 4));
}

// Everything the host saw after the save point: output changes (cycle-stamped) and every
// value read.
struct Record {
  std::vector<Out> outs;
  std::vector<uint32_t> reads;
  std::set<uint32_t> vectors;
};

// fsl-v4.2, 2 cores, default timing (sync 2, arb 3, 16-cycle timer tick).
void setup(Sim &s) {
  s.create("fsl-v4.2", 2);
  s.at(0);
  s.mixed();
  s.ctpr(0, 0);
  s.ctpr(1, 0);
  s.src(1, VPR_P | prio(5) | 0x41, 1);          // external edge -> core 0
  s.src(2, VPR_S | VPR_P | prio(4) | 0x42, 2);  // external level -> core 1
  s.src(3, VPR_S | VPR_P | prio(3) | 0x43, 1);  // external level -> core 0
  s.src(17, VPR_S | VPR_P | prio(7) | 0x71, 1); // internal level -> core 0
  s.wr(ipivpr(0), prio(6) | 0x50);              // IPI 0
  s.src(224, prio(6) | 0x80, 1);                // MSI bank 0 MSIR 0
  s.src(176, prio(5) | 0x90, 2);                // message 0 -> core 1
  s.wr(MER_A, 1);
  // timers: 0 solo (core 0), pair 2+3 cascaded (core 1), 4 solo in group B (core 1)
  s.wr(gtvpr(0), prio(2) | 0x60);
  s.wr(gtdr(0), 1);
  s.wr(tcr(0), 0x4);
  s.wr(gtvpr(3), prio(3) | 0x63);
  s.wr(gtdr(3), 2);
  s.wr(gtvpr(4), prio(1) | 0x64);
  s.wr(gtdr(4), 2);
}

void phase1(Sim &s) {
  s.at(100);
  s.irq(1, true); // edge
  s.at(110);
  s.irq(1, false);
  s.at(120);
  s.wr(gtbcr(0), 40); // 640 cycles
  s.wr(gtbcr(2), 3);  // lower
  s.wr(gtbcr(3), 1);  // upper: (1 + 1) * 3 ticks = 96 cycles
  s.wr(gtbcr(4), 9);
  s.at(180);
  EXPECT_EQ(s.iack(0), 0x41u);
  s.at(190);
  s.irq(17, true); // internal, higher priority: nests over 0x41
  s.at(200);
  EXPECT_EQ(s.iack(0), 0x71u);
  s.at(210);
  s.wr(ipidr(0), 3, 0); // IPI multicast to both cores
  s.at(220);
  s.msi(0, msiir_val(0, 4));
  s.at(230);
  s.wr(msgr(0), 0x1234);
  s.at(240);
  s.irq(2, true);
  s.at(300);
  EXPECT_EQ(s.iack(1), 0x50u); // the IPI first (priority 6)
  // In flight at the save point: a synchroniser change (IRQ3 at 399, seen at 401) and an
  // output change (core 1 EOI of the IPI at 399: int rises at 401 for the message).
  s.at(399);
  s.eoi(1);
  s.irq(3, true);
  s.at(T_SAVE);
  s.sync();
}

// The rest of the run; `alt` drives other inputs (a diverging host).
void phase2(Sim &s, Record &r, bool alt = false) {
  auto rd = [&](uint32_t off, unsigned cpu) {
    uint32_t v = s.rd(off, cpu);
    r.reads.push_back(v);
    return v;
  };
  // unwind what is in service: 0x71 over 0x41 on core 0, the IPI on core 1
  s.at(T_SAVE + 5);
  s.irq(17, false);
  s.eoi(0);
  s.ctpr(1, alt ? 3 : 0);
  s.at(T_SAVE + 15);
  s.eoi(0);
  for (unsigned k = 0; s.t + 60 < T_END; k++) {
    s.at(s.t + 37);
    switch (k % 6) { // one stimulus per step
    case 0:
      rd(gtccr(0), 0), rd(gtccr(2), 1), rd(gtccr(3), 1), rd(gtccr(4), 0);
      rd(MSR_A, 0), rd(msisr(0), 1), rd(IRQSR0, 0), rd(CISR0, 0);
      break;
    case 1: s.irq(alt ? 2 : 1, (k / 6) & 1 ? false : true); break;
    case 2: s.irq(17, !alt); break;
    case 3: s.msi(0, msiir_val(0, alt ? 1 : (k % 31))); break;
    case 4: s.wr(ipidr(0), alt ? 1 : 2 + (k / 6) % 2, k & 1); break;
    case 5: s.wr(msgr(0), k); break;
    }
    for (unsigned c = 0; c < 2; c++) { // then each core takes one interrupt
      s.at(s.t + 5);
      uint32_t v = rd(bank(c, P_IACK), c);
      r.vectors.insert(v);
      if (v == SPURIOUS) continue;
      s.at(s.t + 4);
      if (v == 0x80) rd(msir(0, 0), c);
      if (v == 0x90) rd(msgr(0), c);
      if (v == 0x42) s.irq(2, false);
      if (v == 0x43) s.irq(3, false);
      if (v == 0x71) s.irq(17, false);
      s.eoi(c);
    }
  }
  s.run_to(T_END);
  r.outs = s.out;
}

void expect_same(const Record &a, const Record &b) {
  EXPECT_EQ(a.outs, b.outs);
  EXPECT_EQ(a.reads, b.reads);
  EXPECT_EQ(a.vectors, b.vectors);
}

TEST(Snapshot, ContinuesIdenticallyInNewInstanceAndInRestoredOriginal) {
  Sim a;
  setup(a);
  phase1(a);
  // The save point really has events in flight.
  bool lvl = false;
  mpic_source_state_t ss;
  ASSERT_EQ(mpic_get_irq(a.m, 3, &lvl), MPIC_OK);
  ASSERT_EQ(mpic_source_state(a.m, 3, &ss), MPIC_OK);
  EXPECT_TRUE(lvl && !ss.input) << "IRQ3 change inside the synchroniser";
  mpic_cpu_state_t cs;
  ASSERT_EQ(mpic_cpu_state(a.m, 1, &cs), MPIC_OK);
  EXPECT_TRUE(!cs.pin[MPIC_PIN_INT] && cs.want[MPIC_PIN_INT]) << "core 1 int rise scheduled";
  ASSERT_EQ(mpic_cpu_state(a.m, 0, &cs), MPIC_OK);
  EXPECT_EQ(cs.isr_depth, 2u) << "nested in-service entries";
  EXPECT_EQ(mpic_now(a.m), T_SAVE);
  EXPECT_LT(mpic_next_event(a.m), T_SAVE + 5);

  const State at_save = state_of(a.m);
  const Blob blob = save(a.m);
  EXPECT_EQ(get32(blob, 8), MPIC_SNAPSHOT_VERSION);
  EXPECT_EQ(get32(blob, 12), blob.size());
  EXPECT_EQ(std::memcmp(blob.data(), "MPICSNAP", 8), 0);
  EXPECT_EQ(get32(blob, blob.size() - 4), crc32_ieee(blob.data(), blob.size() - 4));
  std::printf("[ snapshot ] fsl-v4.2 2 cores: %zu bytes\n", blob.size());

  a.out.clear();
  Record ra;
  phase2(a, ra);

  Sim b;
  setup(b); // same configuration; its own (different) state is replaced
  b.at(50);
  b.irq(5, true);
  b.advance(60);
  b.out.clear();
  ASSERT_EQ(mpic_restore(b.m, blob.data(), blob.size()), MPIC_OK);
  EXPECT_TRUE(b.out.empty()) << "restore does not call the output callback";
  EXPECT_TRUE(same_state(at_save, state_of(b.m)));
  EXPECT_EQ(save(b.m), blob) << "save after restore gives the same bytes";
  b.t = mpic_now(b.m);
  Record rb;
  phase2(b, rb);
  expect_same(ra, rb);
  EXPECT_TRUE(same_state(state_of(a.m), state_of(b.m)));

  // The scenario exercised every kind of interrupt after the save point.
  for (uint32_t v : {0x41u, 0x42u, 0x43u, 0x50u, 0x60u, 0x63u, 0x64u, 0x71u, 0x80u, 0x90u})
    EXPECT_TRUE(ra.vectors.count(v)) << "vector " << hex(v) << " never acknowledged";
  EXPECT_GT(ra.outs.size(), 20u);
  EXPECT_GT(ra.reads.size(), 100u);

  // The running original diverges, then goes back to the save point.
  a.out.clear();
  Record diverged;
  a.t = T_END;
  a.at(T_END + 10);
  a.irq(1, true);
  a.msi(0, msiir_val(0, 9));
  a.run_to(T_END + 500);
  ASSERT_FALSE(same_state(at_save, state_of(a.m)));
  a.out.clear();
  ASSERT_EQ(mpic_restore(a.m, blob.data(), blob.size()), MPIC_OK);
  EXPECT_TRUE(a.out.empty());
  EXPECT_EQ(mpic_now(a.m), T_SAVE) << "time goes back with the state";
  EXPECT_TRUE(same_state(at_save, state_of(a.m)));
  a.t = T_SAVE;
  Record ra2;
  phase2(a, ra2);
  expect_same(ra2, rb);

  // And a diverging continuation really differs (the comparison can fail).
  ASSERT_EQ(mpic_restore(b.m, blob.data(), blob.size()), MPIC_OK);
  b.out.clear();
  b.t = T_SAVE;
  Record alt;
  phase2(b, alt, true);
  EXPECT_NE(alt.reads, rb.reads);
  EXPECT_NE(alt.outs, rb.outs);
}

// A fresh instance saved and restored at time 0 round-trips too; so does every variant.
TEST(Snapshot, RoundTripEveryVariant) {
  for (unsigned i = 0; i < mpic_variant_count(); i++) {
    const mpic_variant_info_t *v = mpic_variant_at(i);
    SCOPED_TRACE(v->name);
    Sim a, b;
    a.create(v->name, v->max_cpus);
    b.create(v->name, v->max_cpus);
    a.at(10);
    a.mixed();
    a.ctpr(v->max_cpus - 1, 0);
    a.src(1, VPR_P | prio(4) | 0x21, 1u << (v->max_cpus - 1));
    a.irq(1, true);
    a.advance(11);
    Blob blob = save(a.m);
    ASSERT_EQ(mpic_restore(b.m, blob.data(), blob.size()), MPIC_OK);
    EXPECT_TRUE(same_state(state_of(a.m), state_of(b.m)));
    a.run_to(100);
    b.run_to(100);
    EXPECT_EQ(a.out, b.out);
    EXPECT_FALSE(b.out.empty());
  }
}

// ---- rejection ----

class Reject : public ::testing::Test {
protected:
  Sim src, tgt;
  Blob blob, tgt_bytes;
  State tgt_state;
  unsigned tried = 0;
  bool tgt_int0 = false;

  void SetUp() override {
    setup(src);
    phase1(src);
    blob = save(src.m);
    // The target: same configuration, another state, with events pending.
    setup(tgt);
    tgt.at(1000);
    tgt.irq(2, true);
    tgt.wr(gtbcr(0), 7);
    tgt.at(1001);
    tgt.sync();
    tgt.out.clear();
    tgt_state = state_of(tgt.m);
    tgt_int0 = tgt.intr(0);
    for (unsigned c = 0; c < 2; c++)
      for (unsigned p = 0; p < MPIC_PIN_COUNT; p++)
        if ((c || p != MPIC_PIN_INT) && tgt.level(c, (mpic_pin_t)p)) ADD_FAILURE() << "setup";
    tgt_bytes = save(tgt.m);
    ASSERT_NE(mpic_next_event(tgt.m), MPIC_NEVER);
  }
  // Level 0: time, next event, output levels, no output call. Level 1: also the saved
  // bytes (they hold the whole state). Level 2: also the full peek/observation dump.
  ::testing::AssertionResult untouched(int level) {
    if (mpic_now(tgt.m) != 1001) return ::testing::AssertionFailure() << "time moved";
    if (mpic_next_event(tgt.m) != tgt_state[1].value)
      return ::testing::AssertionFailure() << "next event moved";
    if (!tgt.out.empty()) return ::testing::AssertionFailure() << "outputs called";
    for (unsigned c = 0; c < 2; c++)
      for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) {
        bool l = false;
        mpic_get_output(tgt.m, c, (mpic_pin_t)p, &l);
        if (l != (c == 0 && p == MPIC_PIN_INT ? tgt_int0 : false))
          return ::testing::AssertionFailure() << "output level changed";
      }
    if (level >= 1 && save(tgt.m) != tgt_bytes)
      return ::testing::AssertionFailure() << "saved state differs";
    if (level >= 2) return same_state(tgt_state, state_of(tgt.m));
    return ::testing::AssertionSuccess();
  }
  mpic_status_t restore(const Blob &b, size_t len) {
    tried++;
    return mpic_restore(tgt.m, b.data(), len);
  }
};

TEST_F(Reject, TruncatedAtEveryLengthAndExtended) {
  for (size_t len = 0; len < blob.size(); len++) {
    ASSERT_EQ(restore(blob, len), MPIC_E_CORRUPT) << "length " << len;
    ASSERT_TRUE(untouched(len % 256 == 0 ? 2 : 1)) << "length " << len;
  }
  Blob longer = blob;
  longer.push_back(0);
  EXPECT_EQ(restore(longer, longer.size()), MPIC_E_CORRUPT);
  put32(longer, 12, (uint32_t)longer.size()); // consistent length, old CRC position
  fix_crc(longer);
  EXPECT_EQ(restore(longer, longer.size()), MPIC_E_CORRUPT) << "trailing garbage";
  EXPECT_TRUE(untouched(2));
  std::printf("[ snapshot ] truncations tried: %u\n", tried);
}

TEST_F(Reject, EverySingleBitFlipped) {
  auto t0 = std::chrono::steady_clock::now();
  Blob b = blob;
  for (size_t i = 0; i < b.size(); i++) {
    for (unsigned bit = 0; bit < 8; bit++) {
      b[i] ^= (uint8_t)(1u << bit);
      mpic_status_t st = restore(b, b.size());
      b[i] ^= (uint8_t)(1u << bit);
      ASSERT_EQ(st, MPIC_E_CORRUPT) << "byte " << i << " bit " << bit;
      ASSERT_TRUE(untouched(tried % 4096 == 0 ? 2
                            : tried % 64 == 0 ? 1
                                              : 0))
          << "byte " << i << " bit " << bit;
    }
  }
  EXPECT_TRUE(untouched(2));
  ASSERT_EQ(b, blob);
  EXPECT_EQ(restore(b, b.size()), MPIC_OK) << "the unflipped blob is good";
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ snapshot ] single-bit flips tried: %u (%zu bytes, %.2f s)\n", tried - 1,
              blob.size(), s);
}

TEST_F(Reject, OtherFormatVersion) {
  for (uint32_t v : {0u, MPIC_SNAPSHOT_VERSION + 1, 0x100u, 0xFFFFFFFFu}) {
    Blob b = blob;
    put32(b, 8, v);
    EXPECT_EQ(restore(b, b.size()), MPIC_E_CORRUPT) << "the CRC covers the version";
    fix_crc(b);
    EXPECT_EQ(restore(b, b.size()), MPIC_E_VERSION) << "version " << v;
    EXPECT_TRUE(untouched(2));
    // The header (magic, version, length) is checked before anything of the body: a
    // newer version with a different body is still a version error.
    b.resize(b.size() / 2);
    put32(b, 12, (uint32_t)b.size());
    fix_crc(b);
    EXPECT_EQ(restore(b, b.size()), MPIC_E_VERSION) << "version " << v << ", other body";
    EXPECT_TRUE(untouched(1));
  }
}

TEST_F(Reject, OtherConfiguration) {
  struct Other {
    const char *variant;
    unsigned cpus;
    Params params;
  };
  const Other others[] = {
      {"fsl-v4.3", 2, {}},
      {"fsl-v3.1", 2, {}},
      {"fsl-v2.0", 2, {}},
      {"fsl-v4.2", 1, {}},
      {"fsl-v4.2", 4, {}},
      {"fsl-v4.2", 2, {{"arb_latency", "4"}}},
      {"fsl-v4.2", 2, {{"sync_depth", "3"}}},
      {"fsl-v4.2", 2, {{"lenient_decode", "1"}}},
  };
  for (const Other &o : others) {
    SCOPED_TRACE(std::string(o.variant) + " cpus " + std::to_string(o.cpus));
    Sim other;
    other.create(o.variant, o.cpus, o.params);
    other.at(5);
    other.mixed();
    Blob ob = save(other.m);
    EXPECT_EQ(restore(ob, ob.size()), MPIC_E_MISMATCH);
    EXPECT_TRUE(untouched(2));
    // ... and the other way round: the v4.2 blob into the other instance.
    State before = state_of(other.m);
    EXPECT_EQ(mpic_restore(other.m, blob.data(), blob.size()), MPIC_E_MISMATCH);
    EXPECT_TRUE(same_state(before, state_of(other.m)));
  }
  // The configuration fields themselves, CRC fixed: variant name, core count, count of
  // parameters, one parameter value.
  const size_t VARIANT = 16, NCPUS = 32, NPARAMS = 36, PARAM0 = 40;
  Blob b = blob;
  b[VARIANT + 7] = '3';
  fix_crc(b);
  EXPECT_EQ(restore(b, b.size()), MPIC_E_MISMATCH);
  b = blob;
  put32(b, NCPUS, 1);
  fix_crc(b);
  EXPECT_EQ(restore(b, b.size()), MPIC_E_MISMATCH);
  b = blob;
  put32(b, NPARAMS, MPIC_P_COUNT + 1);
  fix_crc(b);
  EXPECT_NE(restore(b, b.size()), MPIC_OK);
  b = blob;
  b[PARAM0 + 7] ^= 1;
  fix_crc(b);
  EXPECT_EQ(restore(b, b.size()), MPIC_E_MISMATCH);
  EXPECT_TRUE(untouched(2));
  std::printf("[ snapshot ] other-configuration blobs tried: %u\n", tried);
}

// Bad arguments and a short buffer change nothing either.
TEST_F(Reject, Arguments) {
  size_t n = 0;
  EXPECT_EQ(mpic_snapshot_size(nullptr, &n), MPIC_E_ARG);
  EXPECT_EQ(mpic_snapshot_size(tgt.m, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_restore(tgt.m, nullptr, blob.size()), MPIC_E_ARG);
  EXPECT_EQ(mpic_restore(nullptr, blob.data(), blob.size()), MPIC_E_ARG);
  Blob small(tgt_bytes.size() - 1, 0xA5);
  size_t w = 77;
  EXPECT_EQ(mpic_save(tgt.m, small.data(), small.size(), &w), MPIC_E_RANGE);
  EXPECT_EQ(w, 77u);
  EXPECT_EQ(mpic_save(tgt.m, nullptr, 1 << 20, &w), MPIC_E_ARG);
  EXPECT_TRUE(untouched(2));
}

} // namespace

namespace {

// Every body byte replaced (odd ones by 0xFF, even ones with bit 0 flipped) (CRC recomputed so the
// checksum passes): restore either rejects the blob as corrupt, leaving the target alone, or
// accepts it, and the instance then runs, reads and saves without touching memory it does not own
// (ASan build).
TEST_F(Reject, BodyBytesWithValidCrc) {
  const size_t body = 144; // after magic, version, length, variant, cores, parameters
  unsigned accepted = 0, rejected = 0;
  Blob b = blob;
  Sim x;
  setup(x);
  for (size_t i = body; i + 4 < blob.size(); i++) {
    { // odd bytes all ones, even bytes their low bit flipped
      uint8_t v = (i & 1) ? 0xFF : (uint8_t)(blob[i] ^ 0x01);
      if (v == blob[i]) continue;
      b[i] = v;
      fix_crc(b);
      mpic_status_t st = restore(b, b.size());
      ASSERT_TRUE(st == MPIC_OK || st == MPIC_E_CORRUPT) << mpic_status_name(st);
      if (st != MPIC_OK) {
        b[i] = blob[i];
        rejected++;
        ASSERT_TRUE(untouched(rejected % 512 == 0 ? 1 : 0)) << "byte " << i;
        continue;
      }
      accepted++;
      // The accepted state goes into a scratch instance and runs there.
      ASSERT_EQ(mpic_restore(x.m, b.data(), b.size()), MPIC_OK);
      ASSERT_EQ(mpic_restore(tgt.m, tgt_bytes.data(), tgt_bytes.size()), MPIC_OK);
      tgt.out.clear();
      mpic_cycle_t now = mpic_now(x.m);
      for (unsigned step = 1; step <= 4; step++) {
        ASSERT_EQ(mpic_advance(x.m, now + 300 * step), MPIC_OK) << "byte " << i;
        for (unsigned c = 0; c < 2; c++) {
          uint32_t vec = 0;
          ASSERT_EQ(mpic_read(x.m, now + 300 * step, c, bank(c, P_IACK), 4, &vec, nullptr),
                    MPIC_OK);
          ASSERT_EQ(mpic_write(x.m, now + 300 * step, c, bank(c, P_EOI), 4, 0, nullptr), MPIC_OK);
        }
      }
      if (accepted % 64 == 1) state_of(x.m);
      save(x.m);
      b[i] = blob[i];
    }
  }
  fix_crc(b);
  ASSERT_EQ(b, blob);
  EXPECT_GT(rejected, 0u);
  EXPECT_TRUE(untouched(2));
  std::printf("[ snapshot ] body bytes replaced (valid CRC): %u accepted, %u rejected\n", accepted,
              rejected);
}

} // namespace
