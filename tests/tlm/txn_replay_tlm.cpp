// txn_replay_tlm.cpp - replays a stimulus file (mpic-txn-stim v1, docs/bus.md)
// through the SystemC wrapper's target socket with LT b_transport and writes
// the transaction log (mpic-txn-log v1) the wrapper shows: the completion
// cycle is the issue cycle plus the delay b_transport annotated, the pin
// changes are the times at which the wrapper's output signals change. `make
// test-rtl` compares it with the RTL bus log and with rtl_tb/ref/txn_replay.
//
//   txn_replay_tlm [options] STIM > LOG
//
//   --quantum N    issue through a tlm_quantumkeeper with an N-cycle global
//                  quantum (the access carries its issue time as annotated
//                  delay); default 0: wait() until each issue cycle, delay 0
//   --skew K       add K cycles to the completion cycle (a perturbed latency,
//   --skew-at I    for the I-th access only, 1-based; 0 = every access): the
//                  comparison must then fail
//   -v             show the core's log messages (on stderr)
//
// Issue timing: with the default the initiator thread wait()s until the issue
// cycle and calls b_transport with a zero delay, so the wrapper sees
// sc_time_stamp() == issue x clock. With --quantum the thread only sets the
// quantum keeper's local time to the issue cycle and passes it as the delay
// (synchronising at quantum boundaries and before each IRQ pin change, which
// is a signal and needs real time). Either way the issue cycle is exact: the
// program fails if the wrapper clamped any access. A summary goes to stderr.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "mpic_tlm.hpp"

using namespace sc_core;

namespace {

struct Opts {
  uint64_t quantum = 0;
  uint64_t skew = 0;
  uint64_t skew_at = 0;
  bool verbose = false;
  std::string stim;
};

struct Line {
  unsigned ln;
  std::string text;
};

[[noreturn]] void die(const std::string &msg) {
  std::fprintf(stderr, "txn_replay_tlm: %s\n", msg.c_str());
  std::exit(2);
}

const char *const kPinNames[] = {"int", "cint", "mcp", "reset", "irq_out"};

struct Replay : sc_module {
  tlm_utils::simple_initiator_socket<Replay> sock{"sock"};
  sc_vector<sc_signal<bool>> irq{"irq"};
  sc_vector<sc_signal<bool>> out[4]; // int, cint, mcp, reset per core
  sc_signal<bool> irq_out{"irq_out"};

  Replay(sc_module_name n, mpic_tlm::Mpic &mpic, const Opts &o, std::vector<Line> lines)
      : sc_module(n), out{sc_vector<sc_signal<bool>>("int"), sc_vector<sc_signal<bool>>("cint"),
                          sc_vector<sc_signal<bool>>("mcp"), sc_vector<sc_signal<bool>>("reset")},
        m_mpic(mpic), m_opts(o), m_lines(std::move(lines)) {
    const unsigned ncpus = mpic.ncpus();
    sock.bind(mpic.socket);
    irq.init(mpic.irq.size());
    for (unsigned i = 0; i < irq.size(); i++)
      mpic.irq[i](irq[i]);
    for (auto &v : out)
      v.init(ncpus);
    for (unsigned c = 0; c < ncpus; c++) {
      mpic.int_out[c](out[0][c]);
      mpic.cint_out[c](out[1][c]);
      mpic.mcp_out[c](out[2][c]);
      mpic.reset_out[c](out[3][c]);
    }
    mpic.irq_out(irq_out);
    m_prev.assign(4 * ncpus + 1, false);
    SC_HAS_PROCESS(Replay);
    SC_THREAD(run);
    SC_METHOD(monitor);
    for (auto &v : out)
      for (auto &s : v)
        sensitive << s;
    sensitive << irq_out;
    dont_initialize();
  }

  std::vector<std::string> log;
  uint64_t n_txn = 0, n_err = 0, n_pin = 0;
  bool ok = false;

private:
  mpic_tlm::Mpic &m_mpic;
  Opts m_opts;
  std::vector<Line> m_lines;
  std::vector<bool> m_prev; // last logged level: int, cint, mcp, reset by core, then irq_out
  uint64_t m_end = 0;

  uint64_t cycle_of(const sc_time &t, const char *what) const {
    const sc_dt::uint64 p = m_mpic.config().clock_period.value();
    if (t.value() % p) die(std::string(what) + " at " + t.to_string() + ": not on a clock edge");
    return t.value() / p;
  }

  void monitor() {
    const unsigned ncpus = m_mpic.ncpus();
    const uint64_t now = cycle_of(sc_time_stamp(), "pin change");
    for (unsigned i = 0; i < m_prev.size(); i++) {
      const bool l = i < 4 * ncpus ? out[i / ncpus][i % ncpus].read() : irq_out.read();
      if (l == m_prev[i]) continue;
      m_prev[i] = l;
      const unsigned cpu = i < 4 * ncpus ? i % ncpus : 0;
      char buf[64];
      std::snprintf(buf, sizeof buf, "pin %llu %u %s %u", (unsigned long long)now, cpu,
                    kPinNames[i < 4 * ncpus ? i / ncpus : 4], l ? 1u : 0u);
      log.emplace_back(buf);
      n_pin++;
    }
  }

  // Real time to cycle c (a signal change needs it), through the keeper.
  void sync_to(tlm_utils::tlm_quantumkeeper &qk, uint64_t c, unsigned ln) {
    const sc_time t = m_mpic.to_time(c);
    if (t < sc_time_stamp() + qk.get_local_time())
      die("line " + std::to_string(ln) + ": cycle " + std::to_string(c) + " goes backwards");
    if (m_opts.quantum) {
      qk.set(t - sc_time_stamp());
      qk.sync();
    } else if (t > sc_time_stamp()) {
      wait(t - sc_time_stamp());
    }
  }

  void access(tlm_utils::tlm_quantumkeeper &qk, unsigned ln, char kind, uint64_t issue,
              unsigned cpu, unsigned off, unsigned bytes, uint32_t wdata) {
    const sc_time t = m_mpic.to_time(issue);
    sc_time delay = SC_ZERO_TIME;
    if (m_opts.quantum) {
      if (t < sc_time_stamp() + qk.get_local_time())
        die("line " + std::to_string(ln) + ": issue " + std::to_string(issue) + " goes backwards");
      qk.set(t - sc_time_stamp());
      if (qk.need_sync()) qk.sync();
      delay = qk.get_local_time();
    } else {
      sync_to(qk, issue, ln);
    }
    unsigned char data[32] = {0};
    tlm::tlm_generic_payload gp;
    gp.set_command(kind == 'r'   ? tlm::TLM_READ_COMMAND
                   : kind == 'w' ? tlm::TLM_WRITE_COMMAND
                                 : tlm::TLM_IGNORE_COMMAND); // unsupported transfer type
    if (bytes == 0 || bytes > sizeof data) die("line " + std::to_string(ln) + ": bad size");
    if (kind == 'w') mpic_tlm::store_be32(data, wdata);
    gp.set_address(off);
    gp.set_data_ptr(data);
    gp.set_data_length(bytes);
    gp.set_streaming_width(bytes);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    mpic_tlm::CpuIdExtension ext(cpu);
    gp.set_extension(&ext);
    sock->b_transport(gp, delay);
    gp.clear_extension(&ext);
    n_txn++;
    const bool okr = gp.is_response_ok();
    uint64_t done = cycle_of(sc_time_stamp() + delay, "completion");
    if (!okr) n_err++;
    if (m_opts.skew_at == 0 || m_opts.skew_at == n_txn) done += m_opts.skew; // perturbation
    const uint32_t v = kind == 'w' ? wdata : okr && kind == 'r' ? mpic_tlm::load_be32(data) : 0;
    char buf[128];
    std::snprintf(buf, sizeof buf, "txn %llu %u %c 0x%05x %u 0x%08x %s %llu",
                  (unsigned long long)issue, cpu, kind, off, bytes, v, okr ? "ok" : "err",
                  (unsigned long long)done);
    log.emplace_back(buf);
  }

  void run() {
    tlm_utils::tlm_quantumkeeper qk;
    qk.reset();
    for (const Line &l : m_lines) {
      const char *s = l.text.c_str();
      char op[16];
      if (std::sscanf(s, "%15s", op) != 1) continue;
      unsigned long long cyc = 0;
      unsigned a = 0, b = 0, off = 0, size = 0, data = 0;
      const std::string bad = "line " + std::to_string(l.ln) + ": bad " + op + " line";
      if (!std::strcmp(op, "irq")) {
        if (std::sscanf(s, "irq %llu %u %u", &cyc, &a, &b) != 3 || a >= irq.size()) die(bad);
        sync_to(qk, cyc, l.ln);
        irq[a].write(b != 0);
        // Let the wrapper's input method apply the change before anything else.
        wait(SC_ZERO_TIME);
        wait(SC_ZERO_TIME);
      } else if (!std::strcmp(op, "rd") || !std::strcmp(op, "bad")) {
        if (std::sscanf(s + std::strlen(op), " %llu %u %x %u", &cyc, &a, &off, &size) != 4)
          die(bad);
        access(qk, l.ln, op[0] == 'r' ? 'r' : 'x', cyc, a, off, size, 0);
      } else if (!std::strcmp(op, "wr")) {
        if (std::sscanf(s, "wr %llu %u %x %u %x", &cyc, &a, &off, &size, &data) != 5) die(bad);
        access(qk, l.ln, 'w', cyc, a, off, size, data);
      } else if (!std::strcmp(op, "end")) {
        if (std::sscanf(s, "end %llu", &cyc) != 1) die(bad);
        sync_to(qk, cyc, l.ln);
        m_end = cyc;
        // Output changes due at the last cycle: the wrapper's method, then the
        // signal update, then the monitor.
        for (int i = 0; i < 4; i++)
          wait(SC_ZERO_TIME);
        ok = true;
        sc_stop();
        return;
      } else {
        die("line " + std::to_string(l.ln) + ": unknown line");
      }
    }
    die("no end line");
  }
};

bool g_verbose = false;

// SystemC's reports go to stderr (stdout carries the log); infos and the
// core's own messages (unmapped accesses, ...) only with -v.
void report_handler(const sc_report &r, const sc_actions &a) {
  sc_actions rest = a;
  if (a & SC_DISPLAY) {
    rest &= ~sc_actions(SC_DISPLAY);
    const bool quiet =
        r.get_severity() == SC_INFO || !std::strcmp(r.get_msg_type(), "/mpic_tlm/core");
    if (g_verbose || !quiet) std::fprintf(stderr, "%s\n", sc_report_compose_message(r).c_str());
  }
  sc_report_handler::default_handler(r, rest);
}

uint64_t num(const char *s, const char *opt) {
  char *end = nullptr;
  unsigned long long v = std::strtoull(s, &end, 0);
  if (!*s || *end) die(std::string("bad value for ") + opt);
  return v;
}

} // namespace

int sc_main(int argc, char **argv) {
  Opts o;
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--quantum")
      o.quantum = num(val(), "--quantum");
    else if (a == "--skew")
      o.skew = num(val(), "--skew");
    else if (a == "--skew-at")
      o.skew_at = num(val(), "--skew-at");
    else if (a == "-v")
      o.verbose = true;
    else if (a.size() > 1 && a[0] == '-')
      die("unknown option " + a);
    else if (o.stim.empty())
      o.stim = a;
    else
      die("more than one stimulus file");
  }
  if (o.stim.empty()) die("usage: txn_replay_tlm [--quantum N] [--skew K [--skew-at I]] [-v] STIM");
  g_verbose = o.verbose;
  sc_report_handler::set_handler(report_handler);

  std::ifstream in(o.stim);
  if (!in) die("cannot open " + o.stim);
  std::string config;
  std::vector<Line> lines;
  std::string text;
  for (unsigned ln = 1; std::getline(in, text); ln++) {
    if (text.empty() || text[0] == '#') continue;
    if (text.compare(0, 7, "config ") == 0) {
      if (!config.empty() || !lines.empty()) die("line " + std::to_string(ln) + ": late config");
      config = text.substr(7);
    } else {
      lines.push_back({ln, text});
    }
  }
  if (config.empty()) die("no config line");

  try {
    mpic_tlm::Mpic mpic("mpic", config);
    Replay r("replay", mpic, o, std::move(lines));
    if (o.quantum) tlm_utils::tlm_quantumkeeper::set_global_quantum(mpic.to_time(o.quantum));
    sc_start();
    if (!r.ok) die("simulation ended before the end line");
    if (mpic.stats().clamped)
      die(std::to_string(mpic.stats().clamped) + " accesses clamped: issue cycles not exact");
    std::printf("# mpic-txn-log v1 (docs/bus.md)\n");
    for (const std::string &s : r.log)
      std::printf("%s\n", s.c_str());
    std::fprintf(stderr, "txn_replay_tlm: %llu accesses (%llu rejected), %llu pin changes, %s\n",
                 (unsigned long long)r.n_txn, (unsigned long long)r.n_err,
                 (unsigned long long)r.n_pin,
                 o.quantum ? ("quantum " + std::to_string(o.quantum) + " cycles").c_str()
                           : "wait() to each issue cycle");
  } catch (const std::exception &e) {
    die(e.what());
  }
  return 0;
}
