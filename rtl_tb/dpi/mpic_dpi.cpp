/*
 * mpic_dpi.cpp - DPI-C glue: the RTL slave's calls into the MPIC core.
 *
 * Verilator compiles this file as C++; the functions the SystemVerilog side
 * imports have C linkage. The core is linked as build/lib/libmpic.a (plain C,
 * extern "C"-guarded header).
 */
#include "mpic_dpi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

#include "mpic.h"
#include "verilated.h"

namespace {

struct Change {
  unsigned cpu;
  mpic_pin_t pin;
  bool level;
  mpic_cycle_t when;
};

struct Glue {
  mpic_t *m = nullptr;
  bool used = false;         /* a timed call reached the instance since creation */
  std::string cfg_text = ""; /* from the harness */
  std::vector<Change> queue; /* stamped changes not yet on the pins */
  unsigned pins[MPIC_PIN_COUNT] = {0, 0, 0, 0, 0};
  unsigned errors = 0;
  uint64_t calls = 0;
  uint64_t last_now = 0;
  uint64_t out_skew = 0; /* +out_skew=N: pins follow N cycles late (checker self-test) */
};

Glue g;

void on_output(void *, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when) {
  g.queue.push_back(Change{cpu, pin, level, when});
}

void on_log(void *, mpic_log_level_t level, mpic_cycle_t when, const char *msg) {
  if (std::getenv("MPIC_DPI_LOG"))
    std::fprintf(stderr, "[mpic %s @%llu] %s\n", level == MPIC_LOG_WARN ? "warn" : "info",
                 (unsigned long long)when, msg);
}

void fail(const char *what) {
  g.errors++;
  std::fprintf(stderr, "%%Error: mpic_dpi: %s\n", what);
}

/* key=value pairs of a configuration line, in order. */
void apply_text(mpic_config_t *cfg, const std::string &text) {
  std::istringstream in(text);
  std::string kv;
  while (in >> kv) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (mpic_config_set(cfg, k.c_str(), v.c_str()) != MPIC_OK) {
      std::string msg = "bad configuration " + kv;
      fail(msg.c_str());
    }
  }
}

/* +key=value plusargs for every configuration key. */
void apply_plusargs(mpic_config_t *cfg) {
  std::vector<std::string> keys = {"variant", "cpus"};
  for (unsigned p = 0; p < MPIC_P_COUNT; p++)
    keys.push_back(mpic_param_info((mpic_param_t)p)->name);
  for (const std::string &k : keys) {
    std::string pat = k + "=";
    const char *hit = Verilated::commandArgsPlusMatch(pat.c_str());
    if (hit && *hit) {
      std::string s(hit); /* "+key=value" */
      if (s.compare(0, pat.size() + 1, "+" + pat) != 0) continue;
      if (mpic_config_set(cfg, k.c_str(), s.c_str() + pat.size() + 1) != MPIC_OK) {
        std::string msg = "bad plusarg " + s;
        fail(msg.c_str());
      }
    }
  }
}

void create() {
  if (g.m) mpic_destroy(g.m);
  g.m = nullptr;
  mpic_config_t cfg;
  mpic_config_init(&cfg, "fsl-v4.2");
  cfg.ncpus = 2;
  apply_text(&cfg, g.cfg_text);
  apply_plusargs(&cfg);
  cfg.output = on_output;
  cfg.log = on_log;
  mpic_status_t st = mpic_create(&cfg, &g.m);
  if (st != MPIC_OK) {
    std::fprintf(stderr, "%%Error: mpic_dpi: mpic_create: %s\n", mpic_status_name(st));
    std::exit(2);
  }
  const char *skew = Verilated::commandArgsPlusMatch("out_skew=");
  g.out_skew = (skew && *skew) ? std::strtoull(skew + 10, nullptr, 0) : 0;
  g.used = false;
  g.queue.clear();
  std::memset(g.pins, 0, sizeof g.pins);
  g.last_now = 0;
}

mpic_t *core() {
  if (!g.m) create();
  return g.m;
}

void timed(uint64_t now) {
  g.used = true;
  g.calls++;
  g.last_now = now;
}

} // namespace

extern "C" {

void mpic_dpi_reset(void) {
  if (!g.m || g.used) create();
}

unsigned mpic_dpi_param(const char *name) {
  mpic_param_t p;
  if (mpic_param_find(name, &p) != MPIC_OK) {
    fail("unknown parameter name");
    return 0;
  }
  return (unsigned)mpic_get_param(core(), p);
}

unsigned mpic_dpi_ncpus(void) {
  return mpic_ncpus(core());
}

void mpic_dpi_set_irq(uint64_t now, unsigned src, unsigned char level) {
  timed(now);
  mpic_status_t st = mpic_set_irq(core(), now, src, level != 0);
  if (st != MPIC_OK) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "mpic_set_irq(%llu, %u): %s", (unsigned long long)now, src,
                  mpic_status_name(st));
    fail(buf);
  }
}

int mpic_dpi_access(uint64_t now, unsigned cpu, unsigned kind, unsigned offset, unsigned size,
                    unsigned wdata, unsigned *rdata, uint64_t *done) {
  mpic_t *m = core();
  timed(now);
  mpic_cycle_t d = 0;
  uint32_t v = wdata;
  mpic_status_t st;
  if (kind == 0)
    st = mpic_read(m, now, cpu, offset, size, &v, &d);
  else if (kind == 1)
    st = mpic_write(m, now, cpu, offset, size, wdata, &d);
  else
    st = MPIC_E_ARG;
  if (st == MPIC_E_TIME) fail("time went backwards");
  if (st != MPIC_OK) {
    /* A rejected access completes (TEA) at the core's done cycle too: the
     * plain read or write latency. */
    if (st == MPIC_E_ARG || st == MPIC_E_THREAD)
      d = now + mpic_get_param(m, kind == 1 ? MPIC_P_WRITE_LATENCY : MPIC_P_READ_LATENCY);
    v = 0;
  }
  *rdata = kind == 0 ? v : 0;
  *done = d;
  return (int)st;
}

int mpic_dpi_decode(unsigned cpu, unsigned kind, unsigned offset, unsigned size) {
  mpic_t *m = core();
  if (kind > 1) return MPIC_E_ARG;
  if (size != 4) return MPIC_E_SIZE;
  if (offset & 3u) return MPIC_E_MISALIGNED;
  uint32_t v;
  return (int)mpic_peek(m, cpu, offset, &v); /* E_RANGE for an absent core */
}

void mpic_dpi_tick(uint64_t now, unsigned *int_v, unsigned *cint_v, unsigned *mcp_v,
                   unsigned *rst_v, unsigned char *irq_out) {
  mpic_t *m = core();
  if (mpic_next_event(m) <= now) {
    timed(now);
    if (mpic_advance(m, now) != MPIC_OK) fail("mpic_advance: time went backwards");
  }
  if (!g.queue.empty()) {
    size_t keep = 0;
    for (size_t i = 0; i < g.queue.size(); i++) {
      Change c = g.queue[i];
      c.when += g.out_skew;
      if (c.when > now) {
        c.when -= g.out_skew;
        g.queue[keep++] = c;
        continue;
      }
      if (c.when < now) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "output change stamped %llu reached the pins late, at %llu",
                      (unsigned long long)c.when, (unsigned long long)now);
        fail(buf);
      }
      if (c.level)
        g.pins[c.pin] |= 1u << c.cpu;
      else
        g.pins[c.pin] &= ~(1u << c.cpu);
    }
    g.queue.resize(keep);
  }
  *int_v = g.pins[MPIC_PIN_INT];
  *cint_v = g.pins[MPIC_PIN_CINT];
  *mcp_v = g.pins[MPIC_PIN_MCP];
  *rst_v = g.pins[MPIC_PIN_RESET];
  *irq_out = (unsigned char)(g.pins[MPIC_PIN_IRQ_OUT] & 1u);
}

void mpic_dpi_observe(unsigned cpu, unsigned char *ctpr, unsigned char *isr_depth,
                      unsigned *iack_vector) {
  mpic_cpu_state_t st;
  if (mpic_cpu_state(core(), cpu, &st) != MPIC_OK) {
    *ctpr = 0;
    *isr_depth = 0;
    *iack_vector = 0;
    return;
  }
  *ctpr = st.ctpr;
  *isr_depth = st.isr_depth;
  *iack_vector = st.iack_vector;
}

void mpic_dpi_observe_src(unsigned *input, unsigned *pending) {
  unsigned in = 0, pe = 0;
  for (unsigned s = 0; s < 32; s++) {
    mpic_source_state_t st;
    if (mpic_source_state(core(), s, &st) != MPIC_OK) continue;
    if (st.input) in |= 1u << s;
    if (st.pending) pe |= 1u << s;
  }
  *input = in;
  *pending = pe;
}

} // extern "C"

void mpic_dpi_configure(const std::string &cfg) {
  g.cfg_text = cfg;
  if (g.m) g.used = true; /* force re-creation at the next reset */
}

std::string mpic_dpi_config_line(void) {
  mpic_t *m = core();
  std::ostringstream o;
  o << "variant=" << mpic_variant(m)->name << " cpus=" << mpic_ncpus(m);
  for (unsigned p = 0; p < MPIC_P_COUNT; p++)
    o << ' ' << mpic_param_info((mpic_param_t)p)->name << '=' << mpic_get_param(m, (mpic_param_t)p);
  return o.str();
}

unsigned mpic_dpi_errors(void) {
  return g.errors;
}

uint64_t mpic_dpi_calls(void) {
  return g.calls;
}
