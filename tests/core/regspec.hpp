// Independent, hand-written expectation of the MPIC register map per variant and core count.
// Written from docs/model-decisions-draft.md and mpic-facts.md §1; it deliberately does NOT use
// mpic_reg_at(). Registers whose presence or layout neither document fixes are marked `opt`:
// the tests accept them as present or absent, but check their values when present.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mt {

struct VSpec {
  const char *name;
  uint32_t brr1;
  unsigned max_cpus;
  unsigned n_int, n_msg, msi_banks, msirs, timer_groups, slots;
  bool v4; // ILR, proxy, EISR (v4.1+), P read-only, summaries at 0x3B00/0x3C00
};

inline const std::vector<VSpec> &vspecs() {
  static const std::vector<VSpec> v = {
      {"fsl-v2.0", 0x00400200u, 2, 64, 4, 1, 8, 1, 232, false},
      {"fsl-v3.1", 0x00400301u, 2, 64, 4, 1, 8, 2, 232, false},
      {"fsl-v4.2", 0x00400402u, 8, 160, 8, 3, 8, 2, 248, true},
      {"fsl-v4.3", 0x00400403u, 24, 160, 8, 4, 16, 2, 288, true},
  };
  return v;
}

inline const VSpec *vspec(const std::string &name) {
  for (auto &v : vspecs())
    if (name == v.name) return &v;
  return nullptr;
}

enum : unsigned {
  R_RO = 1u << 0,        // writes ignored
  R_WO = 1u << 1,        // reads 0
  R_RSIDE = 1u << 2,     // read has a side effect: check reset by peek only
  R_THIS = 1u << 3,      // this-CPU page (0x0..0xFFF): value depends on the accessing core
  R_PERCPU = 1u << 4,    // per-core bank instance
  R_OPT = 1u << 5,       // presence not fixed by the documents
  R_NOWRITE = 1u << 6,   // generic all-ones / zeros write test not applicable (GCR)
  R_NORESET = 1u << 7,   // do not compare reset with mpic_reg_reset_of (IACK: reads SVR)
  R_WMASK_UNK = 1u << 8, // write mask not fixed by the documents
  R_VALUE_UNK = 1u << 9, // value (reset included) not fixed by the documents
};

struct RegInst {
  std::string name;  // family name (EIVPR, GTBCR, ...)
  std::string group; // instances sharing a write test
  uint32_t off;
  uint32_t reset; // value read at reset by core 0 (this-CPU page: see cpu_dep)
  uint32_t wmask; // bits a write stores (0 for RO)
  uint32_t ones;  // value read back after writing `onepat` from reset
  uint32_t zeros; // value read back after then writing 0
  unsigned flags;
  uint32_t onepat = 0xFFFFFFFFu;
  bool whoami = false; // reads the accessing core (this page) / bank number
};

inline std::vector<RegInst> expected_regs(const VSpec &v, unsigned ncpus) {
  std::vector<RegInst> r;
  const uint32_t cm = ncpus >= 32 ? 0xFFFFFFFFu : ((1u << ncpus) - 1u);
  auto add = [&](RegInst x) { r.push_back(x); };
  auto rw = [&](const std::string &n, const std::string &g, uint32_t off, uint32_t reset,
                uint32_t wm, unsigned fl = 0) {
    add({n, g, off, reset, wm, wm, 0, fl});
  };
  auto ro = [&](const std::string &n, const std::string &g, uint32_t off, uint32_t reset,
                unsigned fl = 0) {
    add({n, g, off, reset, 0, reset, reset, R_RO | fl});
  };
  auto wo = [&](const std::string &n, const std::string &g, uint32_t off, unsigned fl = 0) {
    add({n, g, off, 0, 0, 0, 0, R_WO | fl});
  };

  // This-CPU page and per-core banks.
  ro("BRR1", "BRR1", 0x0000, v.brr1, R_THIS);
  ro("BRR2", "BRR2", 0x0010, 0, R_THIS);
  for (unsigned c = 0; c <= ncpus; c++) {
    bool page = c == ncpus;
    uint32_t b = page ? 0 : 0x20000u + 0x1000u * c;
    unsigned fl = page ? R_THIS : R_PERCPU;
    std::string sfx = page ? "" : "_bank";
    for (unsigned i = 0; i < 4; i++)
      wo("IPIDR" + std::to_string(i), "IPIDR" + sfx, b + 0x40 + 0x10 * i, fl);
    rw("CTPR", "CTPR" + sfx, b + 0x80, 0xF, 0xF, fl);
    uint32_t wv = page ? 0 : c;
    RegInst who{"WHOAMI", "WHOAMI" + sfx, b + 0x90, wv, 0, wv, wv, R_RO | fl};
    who.whoami = true;
    add(who);
    add({"IACK", "IACK" + sfx, b + 0xA0, 0xFFFF, 0, 0xFFFF, 0xFFFF,
         R_RO | R_RSIDE | R_NORESET | fl});
    wo("EOI", "EOI" + sfx, b + 0xB0, fl);
  }

  // Global registers.
  ro("FRR", "FRR", 0x1000, ((v.slots - 1) << 16) | ((ncpus - 1) << 8) | 2);
  {
    uint32_t gm = v.v4 ? 0xE0000000u : 0xA0000000u;
    RegInst g{"GCR", "GCR", 0x1020, 0, gm, gm & 0x7FFFFFFFu, 0, R_NOWRITE};
    g.onepat = 0x7FFFFFFFu;
    add(g);
  }
  ro("VIR", "VIR", 0x1080, 0);
  rw("PIR", "PIR", 0x1090, 0, cm);
  for (unsigned i = 0; i < 4; i++)
    rw("IPIVPR" + std::to_string(i), "IPIVPR", 0x10A0 + 0x10 * i, 0x80000000u, 0x800FFFFFu);
  rw("SVR", "SVR", 0x10E0, 0xFFFF, 0xFFFF);

  // Timers.
  for (unsigned g = 0; g < v.timer_groups; g++) {
    uint32_t gb = 0x1000u * g;
    std::string gn = g ? "B" : "A";
    rw("TFRR" + gn, "TFRR", gb + 0x10F0, 0, 0xFFFFFFFFu);
    for (unsigned t = 0; t < 4; t++) {
      uint32_t tb = gb + 0x1100 + 0x40 * t;
      ro("GTCCR", "GTCCR", tb, 0);
      rw("GTBCR", "GTBCR", tb + 0x10, 0x80000000u, 0xFFFFFFFFu);
      rw("GTVPR", "GTVPR", tb + 0x20, 0x80000000u, 0x800FFFFFu);
      rw("GTDR", "GTDR", tb + 0x30, 1, cm);
    }
    rw("TCR" + gn, "TCR", gb + 0x1300, 0, 0x07010307u);
  }

  // Summary and performance-monitor registers.
  if (!v.v4) {
    ro("IRQSR0", "SUM", 0x1310, 0);
    ro("IRQSR1", "SUM", 0x1320, 0);
    ro("CISR0", "SUM", 0x1330, 0);
    ro("CISR1", "SUM", 0x1340, 0);
  } else {
    ro("ERQSR", "SUM", 0x1308, 0, R_OPT | R_VALUE_UNK); // semantics not public
    ro("IRQSR0", "SUM", 0x1310, 0, R_OPT);
    ro("IRQSR1", "SUM", 0x1320, 0, R_OPT);
    ro("IRQSR2", "SUM", 0x1324, 0, R_OPT);
    ro("CISR0", "SUM", 0x1330, 0, R_OPT);
    ro("CISR1", "SUM", 0x1340, 0, R_OPT);
    ro("CISR2", "SUM", 0x1344, 0, R_OPT);
  }
  for (unsigned pm = 0; pm < 4; pm++) {
    std::vector<uint32_t> offs = {0x1350u + 0x20u * pm, 0x1360u + 0x20u * pm};
    if (v.v4) offs.push_back(0x1364u + 0x20u * pm);
    for (uint32_t o : offs)
      add({"PMMR", "PMMR", o, 0, 0, 0, 0, R_OPT | R_WMASK_UNK});
  }

  // Messaging.
  for (unsigned grp = 0; grp < (v.n_msg + 3) / 4; grp++) {
    uint32_t gb = 0x1000u * grp;
    for (unsigned i = 0; i < 4; i++)
      add({"MSGR", "MSGR", gb + 0x1400 + 0x10 * i, 0, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, R_RSIDE});
    rw("MER", "MER", gb + 0x1500, 0, 0xF);
    add({"MSR", "MSR", gb + 0x1510, 0, 0xF, 0, 0, 0}); // write-1-to-clear
  }

  // Shared MSI banks.
  for (unsigned b = 0; b < v.msi_banks; b++) {
    uint32_t bb = 0x1600u + 0x200u * b;
    unsigned opt = v.msirs > 8 ? unsigned(R_OPT) : 0u; // v4.3 MSI layout is a documented guess
    for (unsigned i = 0; i < v.msirs; i++)
      ro("MSIR", "MSIR", bb + 0x10 * i, 0, R_RSIDE | opt);
    ro("MSISR", "MSISR", bb + 0x120, 0, opt);
    wo("MSIIR", "MSIIR", bb + 0x140, opt);
    if (v.v4) wo("MSIIRA", "MSIIR", 0x4140u + 0x1000u * b, opt);
    if (v.msirs > 8) wo("MSIIR1", "MSIIR", 0x4148u + 0x1000u * b, R_OPT);
  }

  // Error interrupt summary (v4.1+).
  if (v.v4) {
    ro("EISR", "EISR", 0x3900, 0);
    rw("EIMR", "EIMR", 0x3910, 0, 0xFFFFFFFFu);
    ro("CRITSUM", "CSUM", 0x3B00, 0);
    ro("MCHKSUM", "CSUM", 0x3C00, 0);
    for (unsigned k = 0; k < 16; k++) {
      ro("CRITSUMI", "CSUM", 0x3B40 + 0x10 * k, 0, R_OPT);
      ro("MCHKSUMI", "CSUM", 0x3C40 + 0x10 * k, 0, R_OPT);
    }
  }

  // Per-source configuration.
  auto source = [&](unsigned s, bool external) {
    uint32_t o = 0x10000u + 0x20u * s;
    if (external) {
      add({"EIVPR", "EIVPR", o, 0x80000000u, 0x80CFFFFFu, 0x80CFFFFFu, 0, 0});
    } else if (!v.v4) {
      // P writable and honoured (item 24): writing 0 makes the idle (low) line active-low
      // asserted, so with MSK clear the source is pending and A reads 1 (item 25).
      add({"IVPR", "IVPR", o, 0x80800000u, 0x808FFFFFu, 0x808FFFFFu, 0x40000000u, 0});
    } else {
      add({"IVPR", "IVPR", o, 0x80800000u, 0x800FFFFFu, 0x808FFFFFu, 0x00800000u, 0});
    }
    uint32_t dm = cm;
    if (!v.v4) {
      dm |= 0x80000000u; // EP
      for (unsigned c = 0; c < ncpus; c++)
        dm |= 1u << (30 - c); // CI bits
    }
    rw("IDR", "IDR", o + 0x10, 1, dm);
    if (v.v4) rw("ILR", "ILR", o + 0x18, 0, 0xFF);
  };
  for (unsigned s = 0; s < 12; s++)
    source(s, true);
  for (unsigned s = 16; s < 16 + v.n_int; s++)
    source(s, false);
  for (unsigned s = 176; s < 176 + v.n_msg; s++)
    source(s, false);
  for (unsigned s = 224; s < v.slots; s++)
    source(s, false);
  return r;
}

} // namespace mt
