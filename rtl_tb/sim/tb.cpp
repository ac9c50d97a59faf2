/*
 * tb.cpp - the C++ harness: clock, reset, tracing, bus master, pins, logs.
 *
 * One clock cycle = one step(): rising edge (the RTL samples the inputs of the
 * current cycle and the core is called), then the master looks at the new
 * cycle's outputs (AACK, TA / TEA, pins) and drives its inputs, then the
 * falling edge. Inputs therefore change half a cycle after the rising edge
 * in the waveforms.
 */
#include "tb.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "Vtb_top.h"
#include "mpic_dpi.h"
#include "verilated.h"
#if VM_TRACE_FST
#include "verilated_fst_c.h"
#endif
#if VM_TRACE_VCD
#include "verilated_vcd_c.h"
#endif

namespace tb {

static const char *const kPinNames[5] = {"int", "cint", "mcp", "reset", "irq_out"};

Tb::Tb(VerilatedContext *ctx, const Options &opt) : ctx_(ctx), opt_(opt) {
  top_.reset(new Vtb_top(ctx_, "tb_top"));
#if VM_TRACE
  if (!opt_.trace_fst.empty() || !opt_.trace_vcd.empty()) ctx_->traceEverOn(true);
#endif
#if VM_TRACE_FST
  if (!opt_.trace_fst.empty()) {
    fst_ = new VerilatedFstC;
    top_->trace(fst_, 99);
    fst_->open(opt_.trace_fst.c_str());
  }
#endif
#if VM_TRACE_VCD
  if (!opt_.trace_vcd.empty()) {
    vcd_ = new VerilatedVcdC;
    top_->trace(vcd_, 99);
    vcd_->open(opt_.trace_vcd.c_str());
  }
#endif
  if ((!opt_.trace_fst.empty() && !fst_) || (!opt_.trace_vcd.empty() && !vcd_)) {
    std::fprintf(stderr, "%%Error: this binary was built without that trace format\n");
    std::exit(2);
  }
  top_->observe_i = (fst_ || vcd_) ? 1 : 0;
  top_->clk_i = 0;
  top_->rst_ni = 0;
  top_->ts_i = 0;
  top_->irq_i = 0;
  top_->exp_valid_i = 0;
  top_->eval();
}

Tb::~Tb() {
  top_->final();
#if VM_TRACE_FST
  if (fst_) fst_->close();
  delete fst_;
#endif
#if VM_TRACE_VCD
  if (vcd_) vcd_->close();
  delete vcd_;
#endif
}

void Tb::dump() {
#if VM_TRACE_FST
  if (fst_) fst_->dump(ctx_->time());
#endif
#if VM_TRACE_VCD
  if (vcd_) vcd_->dump(ctx_->time());
#endif
}

void Tb::edge() {
  top_->clk_i = 1;
  ctx_->time(time_);
  top_->eval();
  dump();
  time_ += 5;
  post_edge();
  top_->clk_i = 0;
  ctx_->time(time_);
  top_->eval();
  dump();
  time_ += 5;
  if (ctx_->gotFinish()) {
    std::fprintf(stderr, "%%Error: simulation finished early (assertion?)\n");
    std::exit(1);
  }
}

void Tb::step(unsigned n) {
  for (unsigned i = 0; i < n; i++)
    edge();
}

void Tb::until(uint64_t cycle) {
  while (cur_ < cycle)
    edge();
}

void Tb::reset(unsigned cycles) {
  in_reset_ = true;
  top_->rst_ni = 0;
  step(cycles);
  top_->rst_ni = 1;
  in_reset_ = false;
  cur_ = top_->cycle_o;
}

void Tb::reset_mid(unsigned cycles) {
  /* HRESET resets the masters too: every tenure they had is abandoned */
  auto drop = [this](int id) { txns_[(size_t)id].dropped = true; };
  if (open_ >= 0) drop(open_);
  for (int id : data_)
    drop(id);
  for (int id : queue_)
    drop(id);
  open_ = -1;
  data_.clear();
  queue_.clear();
  seen_aack_ = false;
  last_aack_ = 0;
  gap_until_ = 0;
  top_->ts_i = 0;
  top_->addr_i = 0;
  top_->tt_i = 0;
  top_->tsiz_i = 0;
  top_->tbst_i = 0;
  top_->tid_i = 0;
  top_->wdata_i = 0;
  exps_.clear();
  exp_driven_ = false;
  top_->exp_valid_i = 0;
  /* the old core's epoch ends with this cycle */
  epochs_.push_back(Epoch{mpic_dpi_config_line(), cur_, std::move(stim_), std::move(log_)});
  stim_.clear();
  log_.clear();
  /* asynchronous: the outputs drop in the middle of this cycle */
  in_reset_ = true;
  top_->rst_ni = 0;
  ctx_->time(time_ - 2);
  top_->eval();
  dump();
  check(pins_quiet() && !top_->aack_o && !top_->ta_o && !top_->tea_o && !top_->rdata_o &&
            top_->cycle_o == 0,
        "outputs not cleared by the asynchronous reset");
  step(cycles);
  top_->rst_ni = 1;
  in_reset_ = false;
  cur_ = top_->cycle_o;
  for (uint32_t &p : prev_pins_)
    p = 0;
  /* pins still driven reach the new core in its first cycle (the slave's
   * pin register restarts at 0) */
  for (unsigned s = 0; s < NIRQ; s++) {
    if (!irq(s)) continue;
    char buf[64];
    std::snprintf(buf, sizeof buf, "irq %llu %u 1", (unsigned long long)cur_, s);
    stim_.push_back(buf);
  }
}

/* ---- master ---- */

int Tb::submit(unsigned cpu, Kind k, uint32_t off, uint32_t wdata, unsigned size) {
  Txn t;
  t.cpu = cpu;
  t.kind = k;
  t.off = off;
  t.wdata = wdata;
  t.size = size;
  return enqueue(t);
}

int Tb::submit_addr(uint32_t addr, unsigned cpu, Kind k, uint32_t wdata, unsigned size) {
  Txn t;
  t.cpu = cpu;
  t.kind = k;
  t.off = addr - BASE;
  t.addr_override = addr;
  t.outside = addr - BASE >= BLOCK_SIZE;
  t.wdata = wdata;
  t.size = size;
  return enqueue(t);
}

int Tb::enqueue(const Txn &t) {
  txns_.push_back(t);
  int id = (int)txns_.size() - 1;
  queue_.push_back(id);
  /* start the tenure in this cycle when the bus allows it */
  if (open_ < 0 && queue_.size() == 1 && !in_reset_) {
    bool window_ok = !seen_aack_ || cur_ >= last_aack_ + 2;
    if (window_ok && cur_ >= gap_until_ && data_.size() < max_outstanding_) post_edge_ts();
  }
  return id;
}

void Tb::post_edge_ts() {
  int id = queue_.front();
  queue_.pop_front();
  Txn &t = txns_[(size_t)id];
  open_ = id;
  t.ts = cur_;
  top_->ts_i = 1;
  top_->addr_i = t.addr_override ? t.addr_override : BASE + t.off;
  top_->tt_i = t.kind == RD ? 0x0A : t.kind == WR ? 0x02 : 0x1F;
  top_->tbst_i = t.size == 32;
  top_->tsiz_i = t.size == 32 || t.size == 8 ? 0 : (t.size & 7u);
  top_->tid_i = t.cpu;
  top_->wdata_i = t.kind == WR ? t.wdata : 0;
}

void Tb::post_edge() {
  cur_ = top_->cycle_o;
  if (in_reset_) return;

  /* data tenure terminations */
  if (top_->ta_o || top_->tea_o) {
    if (data_.empty()) {
      check(false, "TA/TEA with nothing outstanding");
    } else {
      int id = data_.front();
      data_.pop_front();
      Txn &t = txns_[(size_t)id];
      t.done = cur_;
      t.err = top_->tea_o;
      t.rdata = t.kind == RD && !t.err ? top_->rdata_o : 0;
      t.complete = true;
      if (!t.outside) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "txn %llu %u %c 0x%05x %u 0x%08x %s %llu",
                      (unsigned long long)t.issue, t.cpu, "rwx"[t.kind], t.off, t.size,
                      t.kind == WR ? t.wdata : t.rdata, t.err ? "err" : "ok",
                      (unsigned long long)t.done);
        log_.push_back(buf);
      }
      if (!lax_status_ && t.err != t.expect_err)
        check(false, "%s of 0x%05x by core %u: %s, expected %s", t.kind == WR ? "write" : "read",
              t.off, t.cpu, t.err ? "TEA" : "TA", t.expect_err ? "TEA" : "TA");
    }
  }
  /* address tenure acknowledged: the access is issued in this cycle */
  if (top_->aack_o) {
    if (open_ < 0) {
      check(false, "AACK with no address tenure open");
    } else {
      Txn &t = txns_[(size_t)open_];
      t.issue = cur_;
      t.issued = true;
      data_.push_back(open_);
      open_ = -1;
      last_aack_ = cur_;
      seen_aack_ = true;
      gap_until_ = cur_ + 2 + ts_gap_;
      if (!t.outside) { /* an address outside the block never reaches the core */
        char buf[128];
        if (t.kind == WR)
          std::snprintf(buf, sizeof buf, "wr %llu %u 0x%05x %u 0x%08x", (unsigned long long)cur_,
                        t.cpu, t.off, t.size, t.wdata);
        else
          std::snprintf(buf, sizeof buf, "%s %llu %u 0x%05x %u", t.kind == RD ? "rd" : "bad",
                        (unsigned long long)cur_, t.cpu, t.off, t.size);
        stim_.push_back(buf);
      }
    }
  }
  /* TS lasts one cycle; the address stays driven through the AACK cycle */
  top_->ts_i = 0;
  if (open_ < 0 && !(seen_aack_ && last_aack_ == cur_)) {
    top_->addr_i = 0;
    top_->tt_i = 0;
    top_->tsiz_i = 0;
    top_->tbst_i = 0;
    top_->tid_i = 0;
    top_->wdata_i = 0;
    bool window_ok = !seen_aack_ || cur_ >= last_aack_ + 2; /* cycle after AACK: ARTRY window */
    if (!queue_.empty() && window_ok && cur_ >= gap_until_ && data_.size() < max_outstanding_)
      post_edge_ts();
  }

  record_pins();

  top_->exp_valid_i = 0;
  exp_driven_ = false;
  if (!exps_.empty()) {
    Exp e = exps_.front();
    exps_.pop_front();
    expect_pin(e.cpu, e.pin, e.level, e.sel, e.cause);
  }
}

void Tb::record_pins() {
  uint32_t now_pins[5] = {top_->int_o, top_->cint_o, top_->mcp_o, top_->core_rst_o,
                          top_->irq_out_o};
  for (unsigned p = 0; p < 5; p++) {
    uint32_t diff = now_pins[p] ^ prev_pins_[p];
    while (diff) {
      unsigned c = (unsigned)__builtin_ctz(diff);
      diff &= diff - 1;
      char buf[64];
      std::snprintf(buf, sizeof buf, "pin %llu %u %s %u", (unsigned long long)cur_, c, kPinNames[p],
                    (now_pins[p] >> c) & 1u);
      log_.push_back(buf);
    }
    prev_pins_[p] = now_pins[p];
  }
}

void Tb::wait_issued(int id) {
  uint64_t start = cur_;
  while (!txns_[(size_t)id].issued) {
    edge();
    if (cur_ - start > 100000) {
      check(false, "access %d never acknowledged", id);
      std::exit(1);
    }
  }
}

Txn &Tb::wait(int id) {
  uint64_t start = cur_;
  while (!txns_[(size_t)id].complete) {
    edge();
    if (cur_ - start > 100000) {
      check(false, "access %d never terminated", id);
      std::exit(1);
    }
  }
  return txns_[(size_t)id];
}

void Tb::wait_all() {
  if (!txns_.empty()) wait((int)txns_.size() - 1);
}

uint32_t Tb::rd(unsigned cpu, uint32_t off) {
  return wait(submit(cpu, RD, off)).rdata;
}

void Tb::wr(unsigned cpu, uint32_t off, uint32_t v) {
  wait(submit(cpu, WR, off, v));
}

/* ---- pins ---- */

void Tb::set_irq(unsigned src, bool level) {
  uint32_t bit = 1u << src;
  uint32_t next = level ? (irq_ | bit) : (irq_ & ~bit);
  if (next == irq_) return;
  irq_ = next;
  top_->irq_i = irq_;
  char buf[64];
  std::snprintf(buf, sizeof buf, "irq %llu %u %u", (unsigned long long)cur_, src, level ? 1u : 0u);
  stim_.push_back(buf);
}

bool Tb::pin(unsigned cpu, Pin p) const {
  if (p == IRQ_OUT) return cpu == 0 && top_->irq_out_o;
  uint32_t v = p == INT    ? top_->int_o
               : p == CINT ? top_->cint_o
               : p == MCP  ? top_->mcp_o
                           : top_->core_rst_o;
  return (v >> cpu) & 1u;
}

bool Tb::pins_quiet() const {
  return !top_->int_o && !top_->cint_o && !top_->mcp_o && !top_->core_rst_o && !top_->irq_out_o;
}

unsigned Tb::bm_timeout() const {
  return top_->bm_timeout_o;
}

bool Tb::irq_out() const {
  return top_->irq_out_o;
}

void Tb::expect_pin(unsigned cpu, Pin p, bool level, Sel sel, uint64_t cause) {
  if (exp_driven_) {
    exps_.push_back(Exp{cpu, p, level, sel, cause});
    return;
  }
  exp_driven_ = true;
  pins_armed_++;
  top_->exp_valid_i = 1;
  top_->exp_sel_i = sel;
  top_->exp_cpu_i = cpu;
  top_->exp_pin_i = p;
  top_->exp_level_i = level;
  top_->exp_cause_i = cause;
}

bool Tb::wait_pin(unsigned cpu, Pin p, bool level, uint64_t timeout) {
  uint64_t start = cur_;
  while (pin(cpu, p) != level) {
    if (cur_ - start >= timeout) return false;
    edge();
  }
  return true;
}

unsigned Tb::param(const char *name) const {
  return mpic_dpi_param(name);
}

unsigned Tb::ncpus() const {
  return mpic_dpi_ncpus();
}

void Tb::check(bool ok, const char *fmt, ...) {
  if (ok) return;
  failures_++;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  std::fprintf(stderr, "%%Error: scenario: cycle %llu: %s\n", (unsigned long long)cur_, buf);
}

void Tb::check_eq(uint32_t got, uint32_t want, const char *what) {
  check(got == want, "%s: got 0x%08x, expected 0x%08x", what, got, want);
}

static bool write_pair(const std::string &prefix, const std::string &config, uint64_t end,
                       const std::vector<std::string> &stim, const std::vector<std::string> &log) {
  std::FILE *s = std::fopen((prefix + ".stim").c_str(), "w");
  std::FILE *l = std::fopen((prefix + ".rtl.log").c_str(), "w");
  if (!s || !l) {
    if (s) std::fclose(s);
    if (l) std::fclose(l);
    return false;
  }
  std::fprintf(s, "# mpic-txn-stim v1 (docs/bus.md)\nconfig %s\n", config.c_str());
  for (const std::string &x : stim)
    std::fprintf(s, "%s\n", x.c_str());
  std::fprintf(s, "end %llu\n", (unsigned long long)end);
  std::fprintf(l, "# mpic-txn-log v1 (docs/bus.md)\n");
  for (const std::string &x : log)
    std::fprintf(l, "%s\n", x.c_str());
  bool ok = std::fclose(s) == 0;
  ok = std::fclose(l) == 0 && ok;
  return ok;
}

/* <prefix>.stim / .rtl.log: since the last reset; <prefix>.e<k>.*: the
 * epochs before each mid-run reset, up to the reset cycle */
bool Tb::write_logs(const std::string &prefix) {
  bool ok = true;
  for (size_t k = 0; k < epochs_.size(); k++) {
    const Epoch &e = epochs_[k];
    ok = write_pair(prefix + ".e" + std::to_string(k), e.config, e.end, e.stim, e.log) && ok;
  }
  return write_pair(prefix, mpic_dpi_config_line(), cur_, stim_, log_) && ok;
}

} // namespace tb
