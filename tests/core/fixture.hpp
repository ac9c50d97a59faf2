// Test fixture for the MPIC core: one instance, explicit time, captured outputs.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "mpic.h"

namespace mt {

// ---- Register offsets used by the behaviour tests (independent of the core's table) ----
constexpr uint32_t BRR1 = 0x0000, BRR2 = 0x0010;
constexpr uint32_t FRR = 0x1000, GCR = 0x1020, VIR = 0x1080, PIR = 0x1090, SVR = 0x10E0;
constexpr uint32_t TFRRA = 0x10F0, TFRRB = 0x20F0;
constexpr uint32_t GCR_RST = 0x80000000u, GCR_MIXED = 0x20000000u, GCR_PROXY = 0x60000000u;
constexpr uint32_t GCR_RESERVED10 = 0x40000000u;
constexpr uint32_t VPR_MSK = 0x80000000u, VPR_A = 0x40000000u, VPR_P = 0x00800000u,
                   VPR_S = 0x00400000u;
constexpr uint32_t IDR_EP = 0x80000000u;
constexpr uint32_t TOG = 0x80000000u, CI = 0x80000000u;
constexpr uint32_t MER_A = 0x1500, MSR_A = 0x1510, MER_B = 0x2500, MSR_B = 0x2510;
constexpr uint32_t EISR = 0x3900, EIMR = 0x3910;
constexpr uint32_t CRIT_SUM_EXT = 0x3B00, MCHK_SUM_EXT = 0x3C00;
constexpr uint32_t IRQSR0 = 0x1310, IRQSR1 = 0x1320, CISR0 = 0x1330, CISR1 = 0x1340;

// Per-CPU page offsets (inside the this-CPU page or a core bank).
constexpr uint32_t P_IPIDR0 = 0x40, P_CTPR = 0x80, P_WHOAMI = 0x90, P_IACK = 0xA0, P_EOI = 0xB0;

inline uint32_t prio(unsigned p) {
  return (p & 0xF) << 16;
}
inline uint32_t vpr(unsigned s) {
  return 0x10000u + 0x20u * s;
}
inline uint32_t idr(unsigned s) {
  return vpr(s) + 0x10u;
}
inline uint32_t ilr(unsigned s) {
  return vpr(s) + 0x18u;
}
inline uint32_t bank(unsigned cpu, uint32_t off) {
  return 0x20000u + 0x1000u * cpu + off;
}
inline uint32_t ipidr(unsigned n) {
  return P_IPIDR0 + 0x10u * n;
}
inline uint32_t ipivpr(unsigned n) {
  return 0x10A0u + 0x10u * n;
}
// Global timer t = 0..7 (group A 0..3, group B 4..7).
inline uint32_t tbase(unsigned t) {
  return 0x1100u + 0x1000u * (t >> 2) + 0x40u * (t & 3);
}
inline uint32_t gtccr(unsigned t) {
  return tbase(t);
}
inline uint32_t gtbcr(unsigned t) {
  return tbase(t) + 0x10u;
}
inline uint32_t gtvpr(unsigned t) {
  return tbase(t) + 0x20u;
}
inline uint32_t gtdr(unsigned t) {
  return tbase(t) + 0x30u;
}
inline uint32_t tcr(unsigned group) {
  return group ? 0x2300u : 0x1300u;
}
inline uint32_t msgr(unsigned n) {
  return (n < 4 ? 0x1400u : 0x2400u) + 0x10u * (n & 3);
}
// MSI bank b (8 MSIRs per bank up to v4.2).
inline uint32_t msibank(unsigned b) {
  return 0x1600u + 0x200u * b;
}
inline uint32_t msir(unsigned b, unsigned i) {
  return msibank(b) + 0x10u * i;
}
inline uint32_t msisr(unsigned b) {
  return msibank(b) + 0x120u;
}
inline uint32_t msiir(unsigned b) {
  return msibank(b) + 0x140u;
}
inline uint32_t msiir_val(unsigned srs, unsigned ibs) {
  return (srs << 29) | (ibs << 24);
}

// ---- Captured output change ----
struct Out {
  unsigned cpu;
  mpic_pin_t pin;
  bool level;
  mpic_cycle_t when;
  bool operator==(const Out &o) const {
    return cpu == o.cpu && pin == o.pin && level == o.level && when == o.when;
  }
  bool operator!=(const Out &o) const { return !(*this == o); }
};

inline std::ostream &operator<<(std::ostream &os, const Out &o) {
  return os << "{cpu" << o.cpu << " " << mpic_pin_name(o.pin) << "=" << o.level << " @" << o.when
            << "}";
}

using Params = std::vector<std::pair<std::string, std::string>>;

// Latencies that make every output follow its cause in the same cycle.
inline Params functional_params() {
  return {{"sync_depth", "0"},
          {"arb_latency", "0"},
          {"iack_to_int", "0"},
          {"eoi_to_arb", "0"},
          {"core_reset_latency", "0"}};
}

inline std::string hex(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
  return b;
}

// One MPIC instance driven with explicit time. Every access call uses the current time t
// (set with at()); when `settle` is true the fixture first advances the core to t, as a
// host that honours mpic_next_event would, and again after the call.
class Sim {
public:
  mpic_t *m = nullptr;
  mpic_config_t cfg{};
  std::vector<Out> out;
  std::vector<std::string> warnings;
  std::vector<std::string> infos;
  mpic_cycle_t t = 0;
  bool settle = true;

  Sim() = default;
  Sim(const Sim &) = delete;
  Sim &operator=(const Sim &) = delete;
  ~Sim() { destroy(); }

  void destroy() {
    if (m) mpic_destroy(m);
    m = nullptr;
  }

  // Build a configuration through mpic_config_init + mpic_config_set and create the core.
  // Throws (gtest reports it as a failure) when any step fails.
  void create(const std::string &variant, unsigned cpus = 1, const Params &params = {}) {
    destroy();
    out.clear();
    warnings.clear();
    infos.clear();
    t = 0;
    mpic_status_t st = mpic_config_init(&cfg, variant.c_str());
    if (st != MPIC_OK) throw std::runtime_error("mpic_config_init(" + variant + ") failed");
    st = mpic_config_set(&cfg, "cpus", std::to_string(cpus).c_str());
    if (st != MPIC_OK) throw std::runtime_error("config cpus=" + std::to_string(cpus));
    for (auto &kv : params) {
      st = mpic_config_set(&cfg, kv.first.c_str(), kv.second.c_str());
      if (st != MPIC_OK) throw std::runtime_error("config " + kv.first + "=" + kv.second);
    }
    cfg.output = &Sim::on_output;
    cfg.output_ctx = this;
    cfg.log = &Sim::on_log;
    cfg.log_ctx = this;
    st = mpic_create(&cfg, &m);
    if (st != MPIC_OK || !m)
      throw std::runtime_error(std::string("mpic_create: ") + mpic_status_name(st));
  }
  void create_functional(const std::string &variant, unsigned cpus = 1, Params extra = {}) {
    Params p = functional_params();
    p.insert(p.end(), extra.begin(), extra.end());
    create(variant, cpus, p);
  }

  // ---- time ----
  void at(mpic_cycle_t c) { t = c; }
  void sync() {
    if (!settle) return;
    mpic_status_t st = mpic_advance(m, t);
    EXPECT_EQ(st, MPIC_OK) << "mpic_advance(" << t << ")";
  }
  void advance(mpic_cycle_t c) {
    t = c;
    EXPECT_EQ(mpic_advance(m, c), MPIC_OK) << "mpic_advance(" << c << ")";
  }
  // Host loop: process events one by one up to c (inclusive).
  unsigned run_to(mpic_cycle_t c) {
    unsigned n = 0;
    for (;;) {
      mpic_cycle_t e = mpic_next_event(m);
      if (e == MPIC_NEVER || e > c) break;
      advance(e < t ? t : e);
      if (++n > 10000000) break;
    }
    advance(c);
    return n;
  }
  mpic_cycle_t next() const { return mpic_next_event(m); }

  // ---- register access ----
  uint32_t rd(uint32_t off, unsigned cpu = 0, mpic_cycle_t *done = nullptr) {
    sync();
    uint32_t v = 0xDEADBEEF;
    mpic_status_t st = mpic_read(m, t, cpu, off, 4, &v, done);
    EXPECT_EQ(st, MPIC_OK) << "read " << hex(off) << " cpu" << cpu << " @" << t << ": "
                           << mpic_status_name(st);
    sync();
    return v;
  }
  void wr(uint32_t off, uint32_t v, unsigned cpu = 0, mpic_cycle_t *done = nullptr) {
    sync();
    mpic_status_t st = mpic_write(m, t, cpu, off, 4, v, done);
    EXPECT_EQ(st, MPIC_OK) << "write " << hex(off) << "=" << hex(v) << " cpu" << cpu << " @" << t
                           << ": " << mpic_status_name(st);
    sync();
  }
  uint32_t peek(uint32_t off, unsigned cpu = 0) {
    uint32_t v = 0xDEADBEEF;
    mpic_status_t st = mpic_peek(m, cpu, off, &v);
    EXPECT_EQ(st, MPIC_OK) << "peek " << hex(off) << " cpu" << cpu << ": " << mpic_status_name(st);
    return v;
  }
  void poke(uint32_t off, uint32_t v, unsigned cpu = 0) {
    mpic_status_t st = mpic_poke(m, cpu, off, v);
    EXPECT_EQ(st, MPIC_OK) << "poke " << hex(off) << ": " << mpic_status_name(st);
  }

  // ---- inputs ----
  void irq(unsigned src, bool level) {
    sync();
    mpic_status_t st = mpic_set_irq(m, t, src, level);
    EXPECT_EQ(st, MPIC_OK) << "set_irq " << src << "=" << level << ": " << mpic_status_name(st);
    sync();
  }
  void err(unsigned k, bool level) {
    sync();
    mpic_status_t st = mpic_set_error(m, t, k, level);
    EXPECT_EQ(st, MPIC_OK) << "set_error " << k << ": " << mpic_status_name(st);
    sync();
  }
  void msi(unsigned b, uint32_t v) {
    sync();
    mpic_status_t st = mpic_msi(m, t, b, v);
    EXPECT_EQ(st, MPIC_OK) << "msi bank " << b << ": " << mpic_status_name(st);
    sync();
  }
  uint32_t ack(unsigned cpu = 0) {
    sync();
    uint32_t v = 0xDEADBEEF;
    mpic_status_t st = mpic_ack(m, t, cpu, &v);
    EXPECT_EQ(st, MPIC_OK) << "ack cpu" << cpu << ": " << mpic_status_name(st);
    sync();
    return v;
  }

  // ---- outputs ----
  bool level(unsigned cpu, mpic_pin_t pin = MPIC_PIN_INT) const {
    bool l = false;
    mpic_status_t st = mpic_get_output(m, cpu, pin, &l);
    EXPECT_EQ(st, MPIC_OK) << "get_output cpu" << cpu << " " << mpic_pin_name(pin);
    return l;
  }
  bool intr(unsigned cpu = 0) const { return level(cpu, MPIC_PIN_INT); }
  bool cint(unsigned cpu = 0) const { return level(cpu, MPIC_PIN_CINT); }
  bool mcp(unsigned cpu = 0) const { return level(cpu, MPIC_PIN_MCP); }
  std::vector<Out> outs(unsigned cpu, mpic_pin_t pin) const {
    std::vector<Out> r;
    for (auto &o : out)
      if (o.cpu == cpu && o.pin == pin) r.push_back(o);
    return r;
  }

  // ---- common sequences ----
  uint32_t iack(unsigned cpu = 0) { return rd(bank(cpu, P_IACK), cpu); }
  void eoi(unsigned cpu = 0) { wr(bank(cpu, P_EOI), 0, cpu); }
  void mixed() { wr(GCR, GCR_MIXED); }
  void ctpr(unsigned cpu, uint32_t v) { wr(bank(cpu, P_CTPR), v, cpu); }
  // Configure numbered source s: VPR value (MSK clear unless given) and destination mask.
  void src(unsigned s, uint32_t vprval, uint32_t dest = 1) {
    wr(idr(s), dest);
    wr(vpr(s), vprval);
  }
  uint32_t svr_vector() { return peek(SVR) & 0xFFFF; }
  bool active(unsigned s) { return (peek(vpr(s)) & VPR_A) != 0; }
  const mpic_variant_info_t *vinfo() const { return mpic_variant(m); }

private:
  static void on_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool lvl, mpic_cycle_t when) {
    static_cast<Sim *>(ctx)->out.push_back(Out{cpu, pin, lvl, when});
  }
  static void on_log(void *ctx, mpic_log_level_t l, mpic_cycle_t, const char *msg) {
    auto *s = static_cast<Sim *>(ctx);
    (l == MPIC_LOG_WARN ? s->warnings : s->infos).push_back(msg ? msg : "");
  }
};

// gtest fixture: the test body calls the Sim helpers directly.
class Core : public ::testing::Test, public Sim {};

// Standard functional setup: mixed mode, CTPR 0 on every core.
inline void functional_mixed(Sim &s, const std::string &variant, unsigned cpus = 1,
                             Params extra = {}) {
  s.create_functional(variant, cpus, extra);
  s.mixed();
  for (unsigned c = 0; c < cpus; c++)
    s.ctpr(c, 0);
}

} // namespace mt
