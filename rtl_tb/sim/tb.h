/*
 * tb.h - C++ harness of the Verilated MPIC CCB testbench: clock, reset,
 * tracing, a reset in the middle of a run, the bus-master driver (single,
 * back-to-back and pipelined accesses, addresses outside the block), IRQ pin
 * driving, pin-timing expectations for the SystemVerilog
 * checker, and the stimulus / transaction logs for the cross-check.
 */
#ifndef RTL_TB_TB_H
#define RTL_TB_TB_H

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

class Vtb_top;
class VerilatedContext;
class VerilatedFstC;
class VerilatedVcdC;

namespace tb {

constexpr uint32_t BASE = 0xFE040000u; /* tb_top's BASE: CCSRBAR 0xFE000000 + 0x40000 */
constexpr unsigned NCPU_PINS = 4;
constexpr unsigned NIRQ = 12;
constexpr uint32_t BLOCK_SIZE = 0x40000u;

/* IRQ_OUT is the single v2.0 / v3.1 pin, reported as core 0 */
enum Pin { INT = 0, CINT = 1, MCP = 2, RESET = 3, IRQ_OUT = 4 };
/* delay selectors of mpic_pin_checker */
enum Sel {
  SEL_PIN_EDGE = 0,
  SEL_ARB = 1,
  SEL_IACK = 2,
  SEL_EOI = 3,
  SEL_CORE_RST = 4,
  SEL_EDGE_PULSE = 5
};

enum Kind { RD = 0, WR = 1, BADTT = 2 };

struct Txn {
  unsigned cpu = 0;
  Kind kind = RD;
  uint32_t off = 0;
  unsigned size = 4; /* bytes: 1..8 single beat, 32 burst */
  uint32_t wdata = 0;
  uint32_t addr_override = 0; /* 0: BASE + off */
  uint64_t ts = 0;            /* TS cycle */
  uint64_t issue = 0;         /* AACK cycle */
  uint64_t done = 0;          /* TA / TEA cycle */
  uint32_t rdata = 0;
  bool err = false;
  bool issued = false, complete = false;
  bool expect_err = false; /* the scenario expects TEA */
  bool outside = false;    /* address outside the MPIC block: the core never sees it */
  bool dropped = false;    /* abandoned by a reset before its TA / TEA */
};

struct Options {
  std::string trace_fst, trace_vcd; /* empty: no tracing */
  std::string out_prefix;           /* logs: <prefix>.stim, <prefix>.rtl.log */
  uint64_t seed = 1;
  uint64_t cycles = 0; /* scenario length knob (random traffic) */
  bool verbose = false;
};

class Tb {
public:
  Tb(VerilatedContext *ctx, const Options &opt);
  ~Tb();

  /* ---- time ---- */
  uint64_t now() const { return cur_; }
  void step(unsigned n = 1);
  void until(uint64_t cycle);
  void reset(unsigned cycles = 3);
  /* rst_ni asserted now, in the middle of the current cycle (asynchronous),
   * held for `cycles` rising edges: the master abandons every tenure (marked
   * dropped), the slave drops its own and re-creates the core; cycle_o
   * restarts at 0. The log epoch before the reset is kept for the
   * comparison (write_logs). IRQ pins keep their levels. */
  void reset_mid(unsigned cycles = 3);

  /* ---- bus master ---- */
  int submit(unsigned cpu, Kind k, uint32_t off, uint32_t wdata = 0, unsigned size = 4);
  /* an access to a physical address (anywhere on the bus) */
  int submit_addr(uint32_t addr, unsigned cpu, Kind k, uint32_t wdata = 0, unsigned size = 4);
  Txn &txn(int id) { return txns_[(size_t)id]; }
  void wait_issued(int id);
  Txn &wait(int id);
  void wait_all();
  uint32_t rd(unsigned cpu, uint32_t off);
  void wr(unsigned cpu, uint32_t off, uint32_t v);
  /* at most this many accesses outstanding (1: no pipelining) */
  void set_pipeline(unsigned n) { max_outstanding_ = n; }
  /* extra idle cycles the master inserts before each TS (random traffic) */
  void set_ts_gap(unsigned g) { ts_gap_ = g; }
  /* TA / TEA not checked against Txn::expect_err (the SV checker still predicts it) */
  void set_lax_status(bool on) { lax_status_ = on; }
  bool addr_open() const { return open_ >= 0; }        /* TS driven, no AACK yet */
  size_t data_pending() const { return data_.size(); } /* AACKed, no TA / TEA yet */
  /* the bus monitor's AACK timeout (tb_top, +bm_timeout) */
  unsigned bm_timeout() const;

  /* ---- pins ---- */
  void set_irq(unsigned src, bool level);
  bool irq(unsigned src) const { return (irq_ >> src) & 1u; }
  bool pin(unsigned cpu, Pin p) const;
  bool irq_out() const;
  /* the pin reaches `level` exactly delay(sel) cycles after `cause` */
  void expect_pin(unsigned cpu, Pin p, bool level, Sel sel, uint64_t cause);
  /* wait until the pin has the level; false on timeout */
  bool wait_pin(unsigned cpu, Pin p, bool level, uint64_t timeout = 10000);

  /* ---- core parameters (as the checkers see them) ---- */
  unsigned param(const char *name) const;
  unsigned ncpus() const;

  /* ---- scenario checks ---- */
  void check(bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
  void check_eq(uint32_t got, uint32_t want, const char *what);
  unsigned failures() const { return failures_; }
  /* every output pin (int, cint, mcp, reset of each core, irq_out) is 0 */
  bool pins_quiet() const;

  /* ---- logs ---- */
  bool write_logs(const std::string &prefix);
  uint64_t pins_checked() const { return pins_armed_; }
  size_t txn_count() const { return txns_.size(); }
  const Options &opt() const { return opt_; }

private:
  void edge();
  void post_edge();
  void post_edge_ts();
  void record_pins();
  int enqueue(const Txn &t);
  void dump();

  VerilatedContext *ctx_;
  std::unique_ptr<Vtb_top> top_;
  VerilatedFstC *fst_ = nullptr; /* raw: complete types only in traced builds */
  VerilatedVcdC *vcd_ = nullptr;
  Options opt_;
  uint64_t cur_ = 0;
  uint64_t time_ = 0;
  bool in_reset_ = true;

  std::vector<Txn> txns_;
  std::deque<int> queue_; /* waiting for TS */
  int open_ = -1;         /* address tenure open (TS driven, no AACK yet) */
  std::deque<int> data_;  /* AACKed, waiting for TA / TEA */
  uint64_t last_aack_ = 0;
  bool seen_aack_ = false;
  uint64_t gap_until_ = 0;
  unsigned max_outstanding_ = 2;
  unsigned ts_gap_ = 0;
  bool lax_status_ = false;

  uint32_t irq_ = 0;
  struct Exp {
    unsigned cpu;
    Pin pin;
    bool level;
    Sel sel;
    uint64_t cause;
  };
  std::deque<Exp> exps_;
  bool exp_driven_ = false;
  uint64_t pins_armed_ = 0;

  unsigned failures_ = 0;
  /* logs */
  std::vector<std::string> stim_;
  std::vector<std::string> log_;
  uint32_t prev_pins_[5] = {0, 0, 0, 0, 0};
  /* log epochs closed by reset_mid: stimulus and log up to the reset cycle */
  struct Epoch {
    std::string config;
    uint64_t end;
    std::vector<std::string> stim, log;
  };
  std::vector<Epoch> epochs_;
};

/* scenarios (scenarios.cpp) */
struct Scenario {
  const char *name;
  const char *config; /* mpic_config_set keys */
  void (*run)(Tb &);
  const char *what;
};
const std::vector<Scenario> &scenarios();

} // namespace tb

#endif
