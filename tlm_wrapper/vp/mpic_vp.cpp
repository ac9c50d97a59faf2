// mpic-vp: a demo virtual platform around the MPIC TLM wrapper.
//
// e500-like CPU threads run a firmware-style program through a TLM bus: the
// boot core resets and configures the MPIC in the order Linux's driver does,
// starts global timer 0 as the OS tick, and every core takes interrupts (wait
// for int, IACK, handle, EOI) and sends IPIs. Peripheral models raise
// external, internal and MSI interrupts at random times from a seeded
// generator, one of them from a separate host thread. At the end a summary
// table is printed (and optionally written as JSON); the waveform goes to
// waveforms/mpic-vp.vcd. `mpic-vp --help` lists the options.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "mpic_tlm.hpp"

using namespace sc_core;

namespace {

// ------------------------------------------------------------------ options
struct Options {
  uint64_t seed = 1;
  sc_time duration = sc_time(10, SC_MS);
  std::string variant = "fsl-v4.2";
  unsigned cpus = 2;
  sc_time quantum = sc_time(1, SC_US); // 0: synchronise after every access
  bool at = false;
  bool trace = true;
  std::string vcd = "waveforms/mpic-vp"; // .vcd is appended
  std::string json;
  sc_time tick = sc_time(100, SC_US);      // OS tick (global timer 0)
  sc_time dev_mean = sc_time(25, SC_US);   // mean time between a device's interrupts
  sc_time host_period = sc_time(5, SC_US); // lockstep period of the host-thread device
  std::string mpic_params;                 // extra name=value for the MPIC
};

bool parse_time(const char *s, sc_time &t) {
  char *end = nullptr;
  double v = std::strtod(s, &end);
  if (end == s || v < 0) return false;
  std::string u(end);
  if (u == "ps")
    t = sc_time(v, SC_PS);
  else if (u == "ns")
    t = sc_time(v, SC_NS);
  else if (u == "us")
    t = sc_time(v, SC_US);
  else if (u == "ms")
    t = sc_time(v, SC_MS);
  else if (u == "s")
    t = sc_time(v, SC_SEC);
  else
    return false;
  return true;
}

void usage(FILE *f) {
  std::fprintf(f, "usage: mpic-vp [options]\n"
                  "  --seed N          random seed of the peripherals (default 1)\n"
                  "  --duration T      simulated time, e.g. 10ms, 500us (default 10ms)\n"
                  "  --variant V       fsl-v2.0, fsl-v3.1, fsl-v4.2 (default), fsl-v4.3\n"
                  "  --cpus N          cores (default 2)\n"
                  "  --quantum T       LT global quantum (default 1us; 0 = sync every access)\n"
                  "  --mode lt|at      loosely timed (b_transport) or approximately timed\n"
                  "  --trace on|off    write the VCD waveform (default on)\n"
                  "  --vcd PATH        waveform path without .vcd (default waveforms/mpic-vp)\n"
                  "  --json PATH       also write the summary as JSON\n"
                  "  --tick T          OS tick period (default 100us)\n"
                  "  --dev-mean T      mean time between a device's interrupts (default 25us)\n"
                  "  --mpic K=V,...    extra MPIC parameters (docs/tlm.md), e.g. arb_latency=5\n");
}

// ----------------------------------------------------------------- random
struct Rng { // splitmix64: the same sequence on every platform
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  // Exponential with the given mean, at least 1 cycle, whole cycles.
  sc_time exp(const sc_time &mean, const sc_time &cycle) {
    double c = std::floor(-std::log(1.0 - uniform()) * (mean / cycle));
    return cycle * std::max(1.0, c);
  }
};

// ------------------------------------------------------------------ memory map
constexpr uint64_t MPIC_BASE = 0xFE040000ull; // CCSR 0xFE000000 + 0x40000
constexpr uint64_t DEV_BASE = 0xFD000000ull;  // peripheral registers, 16 bytes each
constexpr uint64_t DEV_SIZE = 0x1000;

// ---------------------------------------------------------------- statistics
struct Source {
  std::string name;
  unsigned dest = 0;
  uint32_t vector = 0;
  std::vector<uint64_t> lat; // source assertion -> IACK issue, cycles
  uint64_t pending_since = 0;
  bool pending = false;
};

struct Stats {
  std::vector<Source> src;
  std::map<uint32_t, unsigned> by_vector;
  std::vector<uint64_t> per_core, spurious;
  unsigned add(const std::string &n, unsigned dest, uint32_t vec) {
    src.push_back({n, dest, vec, {}, 0, false});
    by_vector[vec] = unsigned(src.size() - 1);
    return unsigned(src.size() - 1);
  }
};

// ------------------------------------------------------------------ the bus
// A router: CPUs and the MSI-capable device are initiators; the MPIC and the
// peripheral register block are targets. Forwards b_transport, nb_transport
// (routing the backward path by payload) and transport_dbg.
struct Bus : sc_module {
  tlm_utils::multi_passthrough_target_socket<Bus> tsock;
  tlm_utils::simple_initiator_socket<Bus> to_mpic, to_dev;
  std::map<tlm::tlm_generic_payload *, int> route;

  explicit Bus(sc_module_name n)
      : sc_module(n), tsock("tsock"), to_mpic("to_mpic"), to_dev("to_dev") {
    tsock.register_b_transport(this, &Bus::b_transport);
    tsock.register_nb_transport_fw(this, &Bus::nb_fw);
    tsock.register_transport_dbg(this, &Bus::dbg);
    to_mpic.register_nb_transport_bw(this, &Bus::nb_bw);
    to_dev.register_nb_transport_bw(this, &Bus::nb_bw);
  }
  tlm_utils::simple_initiator_socket<Bus> *decode(tlm::tlm_generic_payload &gp) {
    const uint64_t a = gp.get_address();
    if (a >= MPIC_BASE && a < MPIC_BASE + MPIC_BLOCK_SIZE) {
      gp.set_address(a - MPIC_BASE);
      return &to_mpic;
    }
    if (a >= DEV_BASE && a < DEV_BASE + DEV_SIZE) {
      gp.set_address(a - DEV_BASE);
      return &to_dev;
    }
    return nullptr;
  }
  void b_transport(int, tlm::tlm_generic_payload &gp, sc_time &d) {
    const uint64_t a = gp.get_address();
    auto *s = decode(gp);
    if (!s)
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    else
      (*s)->b_transport(gp, d);
    gp.set_address(a);
  }
  tlm::tlm_sync_enum nb_fw(int id, tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph, sc_time &d) {
    if (ph == tlm::BEGIN_REQ) {
      auto *s = decode(gp);
      if (!s) {
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return tlm::TLM_COMPLETED;
      }
      route[&gp] = id;
      gp.set_extension(new Target{s});
      tlm::tlm_sync_enum r = (*s)->nb_transport_fw(gp, ph, d);
      if (r == tlm::TLM_COMPLETED) done(gp);
      return r;
    }
    Target *t = nullptr;
    gp.get_extension(t);
    tlm::tlm_sync_enum r = (*t->s)->nb_transport_fw(gp, ph, d);
    if (r == tlm::TLM_COMPLETED || ph == tlm::END_RESP) done(gp);
    return r;
  }
  tlm::tlm_sync_enum nb_bw(tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph, sc_time &d) {
    const int id = route.at(&gp);
    tlm::tlm_sync_enum r = tsock[id]->nb_transport_bw(gp, ph, d);
    if (r == tlm::TLM_COMPLETED || (ph == tlm::BEGIN_RESP && r == tlm::TLM_UPDATED)) done(gp);
    return r;
  }
  unsigned dbg(int, tlm::tlm_generic_payload &gp) {
    const uint64_t a = gp.get_address();
    auto *s = decode(gp);
    unsigned n = s ? (*s)->transport_dbg(gp) : 0;
    gp.set_address(a);
    return n;
  }

private:
  struct Target : tlm::tlm_extension<Target> {
    tlm_utils::simple_initiator_socket<Bus> *s;
    explicit Target(tlm_utils::simple_initiator_socket<Bus> *x) : s(x) {}
    tlm_extension_base *clone() const override { return new Target(s); }
    void copy_from(const tlm_extension_base &e) override { s = static_cast<const Target &>(e).s; }
  };
  void done(tlm::tlm_generic_payload &gp) {
    route.erase(&gp);
    Target *t = nullptr;
    gp.get_extension(t);
    if (t) {
      gp.clear_extension(t);
      delete t;
    }
  }
};

// --------------------------------------------------------- an initiator port
// LT (b_transport with a quantum keeper) or AT (four phases, waiting for the
// response) access to the bus, with the CPU-id extension.
struct Master {
  tlm_utils::simple_initiator_socket<Master> sock;
  tlm_utils::tlm_quantumkeeper qk;
  bool at;
  unsigned cpu;
  const sc_time cycle;
  sc_event ev;
  bool got_resp = false;
  uint64_t last_done = 0; // completion cycle of the last access
  mpic_tlm::CpuIdExtension ext;

  Master(const char *n, bool at_, unsigned cpu_, sc_time cyc)
      : sock(n), at(at_), cpu(cpu_), cycle(cyc), ext(cpu_) {
    sock.register_nb_transport_bw(this, &Master::bw);
    qk.reset();
  }
  tlm::tlm_sync_enum bw(tlm::tlm_generic_payload &, tlm::tlm_phase &ph, sc_time &) {
    if (ph == tlm::BEGIN_RESP) {
      got_resp = true;
      ev.notify();
      return tlm::TLM_COMPLETED;
    }
    return tlm::TLM_ACCEPTED; // END_REQ
  }
  // Current (local) time in cycles.
  uint64_t now() const { return uint64_t((sc_time_stamp() + qk.get_local_time()) / cycle); }
  uint32_t access(tlm::tlm_command cmd, uint64_t addr, uint32_t v) {
    tlm::tlm_generic_payload gp;
    unsigned char b[4];
    mpic_tlm::store_be32(b, v);
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(b);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    gp.set_extension(&ext);
    if (!at) {
      sc_time d = qk.get_local_time();
      sock->b_transport(gp, d);
      last_done = uint64_t((sc_time_stamp() + d) / cycle);
      qk.set(d);
      if (qk.need_sync()) qk.sync();
    } else {
      tlm::tlm_phase ph = tlm::BEGIN_REQ;
      sc_time d = SC_ZERO_TIME;
      got_resp = false;
      tlm::tlm_sync_enum r = sock->nb_transport_fw(gp, ph, d);
      if (r == tlm::TLM_COMPLETED)
        wait(d);
      else
        while (!got_resp)
          wait(ev);
      last_done = uint64_t(sc_time_stamp() / cycle);
    }
    gp.clear_extension(&ext);
    if (!gp.is_response_ok()) {
      std::string m = std::string(sock.name()) + ": bus error at 0x" + std::to_string(addr);
      SC_REPORT_ERROR("/mpic_vp", m.c_str());
    }
    return mpic_tlm::load_be32(b);
  }
  uint32_t rd(uint64_t a) { return access(tlm::TLM_READ_COMMAND, a, 0); }
  void wr(uint64_t a, uint32_t v) { access(tlm::TLM_WRITE_COMMAND, a, v); }
  void compute(unsigned cycles) {
    if (!at) {
      qk.inc(cycle * double(cycles));
      if (qk.need_sync()) qk.sync();
    } else {
      wait(cycle * double(cycles));
    }
  }
  void sync() {
    if (!at) qk.sync();
  }
};

// -------------------------------------------------------- interrupt devices
// A level-sensitive device: asserts its line at random times and holds it
// until the driver writes its ACK register.
struct IrqDevice : sc_module {
  sc_out<bool> line;
  Rng rng;
  Stats &st;
  unsigned idx;
  const sc_event &start;
  sc_time mean, cycle;
  sc_event ack_ev;

  IrqDevice(sc_module_name n, uint64_t seed, Stats &s, unsigned i, const sc_event &go, sc_time m,
            sc_time cyc)
      : sc_module(n), line("line"), rng(seed), st(s), idx(i), start(go), mean(m), cycle(cyc) {
    SC_HAS_PROCESS(IrqDevice);
    SC_THREAD(run);
  }
  void run() {
    wait(start);
    for (;;) {
      wait(rng.exp(mean, cycle));
      line.write(true);
      st.src[idx].pending = true;
      st.src[idx].pending_since = uint64_t(sc_time_stamp() / cycle);
      wait(ack_ev);
      line.write(false);
    }
  }
  void ack(const sc_time &delay) { ack_ev.notify(delay); }
};

// Peripheral register block: word 0 of device d (at d * 16) reads 1 while
// its line is asserted; writing it acknowledges the device.
struct DevRegs : sc_module {
  tlm_utils::simple_target_socket<DevRegs> sock;
  std::vector<IrqDevice *> dev;
  explicit DevRegs(sc_module_name n) : sc_module(n), sock("sock") {
    sock.register_b_transport(this, &DevRegs::b_transport);
  }
  void b_transport(tlm::tlm_generic_payload &gp, sc_time &d) {
    const unsigned i = unsigned(gp.get_address() / 16);
    if (i >= dev.size() || gp.get_data_length() != 4) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return;
    }
    if (gp.is_write())
      dev[i]->ack(d);
    else
      mpic_tlm::store_be32(gp.get_data_ptr(), dev[i]->line.read());
    d += sc_time(2.5, SC_NS) * 2.0; // a slow peripheral bus
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

// A PCIe-like bus master raising MSIs by writing MSIIR: MSIR n of bank 0 per
// channel, one outstanding interrupt per channel.
struct MsiDevice : sc_module {
  std::vector<std::unique_ptr<Master>> m; // one bus port per channel
  std::vector<Rng> rng;
  Stats &st;
  std::vector<unsigned> idx; // stats index per channel
  const sc_event &start;
  sc_time mean, cycle;
  std::vector<sc_event> handled;
  std::vector<bool> outstanding;

  MsiDevice(sc_module_name n, bool at, uint64_t seed, Stats &s, std::vector<unsigned> ix,
            const sc_event &go, sc_time mn, sc_time cyc)
      : sc_module(n), st(s), idx(ix), start(go), mean(mn), cycle(cyc), handled(ix.size()),
        outstanding(ix.size(), false) {
    for (unsigned c = 0; c < ix.size(); c++) {
      m.emplace_back(new Master(sc_gen_unique_name("sock"), at, 0, cyc));
      rng.emplace_back(seed + c);
      sc_spawn([this, c] { run(c); }, sc_gen_unique_name("chan"));
    }
  }
  void run(unsigned c) {
    wait(start);
    for (;;) {
      wait(rng[c].exp(mean, cycle));
      st.src[idx[c]].pending = true;
      st.src[idx[c]].pending_since = uint64_t(sc_time_stamp() / cycle);
      outstanding[c] = true;
      m[c]->wr(MPIC_BASE + 0x1740, c << 29); // MSIIR: SRS c, IBS 0
      m[c]->sync();
      while (outstanding[c])
        wait(handled[c]);
    }
  }
  void done(unsigned c) {
    outstanding[c] = false;
    handled[c].notify(SC_ZERO_TIME);
  }
};

// A device modelled on another host thread (e.g. a co-simulated peripheral).
// It runs in lockstep with the simulation so that a seed gives one result:
// every host_period the kernel hands the thread a tick and waits until the
// thread has decided (and possibly posted an MSI through the MPIC's
// thread-safe path); the post is applied in the kernel's next update phase.
struct HostThreadDevice : sc_module {
  mpic_tlm::Mpic &mpic;
  Stats &st;
  unsigned idx, srs;
  const sc_event &start;
  sc_time period, cycle;
  std::thread th;
  std::mutex mu;
  std::condition_variable cv;
  bool tick = false, replied = false, quit = false, fired = false, may_fire = true;
  uint64_t seed;
  double p_fire;
  sc_event handled_ev;
  bool outstanding = false;

  HostThreadDevice(sc_module_name n, mpic_tlm::Mpic &m, Stats &s, unsigned i, unsigned srs_,
                   const sc_event &go, sc_time per, sc_time mean, sc_time cyc, uint64_t sd)
      : sc_module(n), mpic(m), st(s), idx(i), srs(srs_), start(go), period(per), cycle(cyc),
        seed(sd), p_fire(std::min(1.0, per / mean)) {
    SC_HAS_PROCESS(HostThreadDevice);
    SC_THREAD(run);
    th = std::thread([this] { host_main(); });
  }
  ~HostThreadDevice() override {
    {
      std::lock_guard<std::mutex> g(mu);
      quit = true;
    }
    cv.notify_all();
    th.join();
  }
  void host_main() { // runs on its own host thread
    Rng rng(seed);
    std::unique_lock<std::mutex> g(mu);
    for (;;) {
      cv.wait(g, [this] { return tick || quit; });
      if (quit) return;
      tick = false;
      fired = false;
      if (rng.uniform() < p_fire && may_fire) {
        mpic.post_msi(0, srs << 29 | 0u << 24); // thread-safe injection
        fired = true;
      }
      replied = true;
      cv.notify_all();
    }
  }
  void run() {
    wait(start);
    for (;;) {
      wait(period);
      {
        std::unique_lock<std::mutex> g(mu);
        may_fire = !outstanding;
        tick = true;
        replied = false;
        cv.notify_all();
        cv.wait(g, [this] { return replied; });
      }
      if (fired) {
        outstanding = true;
        st.src[idx].pending = true;
        st.src[idx].pending_since = uint64_t(sc_time_stamp() / cycle);
      }
    }
  }
  void done() { outstanding = false; }
};

// ------------------------------------------------------------------ the CPUs
struct Platform;

struct Cpu : sc_module {
  Master m;
  sc_in<bool> int_in;
  unsigned id;
  Platform &p;
  sc_signal<bool> in_handler;
  sc_signal<sc_dt::sc_uint<16>> vector;
  Cpu(sc_module_name n, Platform &pl, unsigned i, bool at, sc_time cyc)
      : sc_module(n), m("sock", at, i, cyc), int_in("int_in"), id(i), p(pl),
        in_handler("in_handler"), vector("vector") {
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run);
  }
  void run();
  void boot(); // the boot core: mpic_alloc + mpic_init + request_irq
  void handle(uint32_t v, uint64_t iack_cycle);
};

struct Platform {
  Options o;
  sc_time cycle;
  Stats st;
  std::unique_ptr<mpic_tlm::Mpic> mpic;
  Bus bus;
  DevRegs regs;
  std::vector<std::unique_ptr<Cpu>> cpus;
  std::vector<std::unique_ptr<IrqDevice>> devs;
  std::unique_ptr<MsiDevice> msi;
  std::unique_ptr<HostThreadDevice> host;
  sc_vector<sc_signal<bool>> s_int, s_ext, s_internal;
  sc_event booted;
  bool boot_done = false;
  // Sources and vectors
  static constexpr uint32_t SPURIOUS = 0x7FF, TIMER_VEC = 0x7F3, IPI_VEC = 0x7FB;
  unsigned n_ext_dev = 4, n_int_dev = 4, n_msi = 3;
  unsigned timer_idx = 0;
  std::vector<unsigned> ipi_idx;     // per IPI number
  std::vector<uint64_t> ipi_sent;    // per (ipi * cpus + dest): issue cycle
  std::vector<bool> ipi_outstanding; //   ... and whether it is still unhandled
  uint64_t timer_start = 0, timer_period = 0, ticks = 0;
  uint64_t iack_lat = 0, wr_lat = 0;
  std::vector<unsigned> ext_idx, int_idx, msi_idx;
  unsigned host_idx = 0;

  explicit Platform(const Options &opt)
      : o(opt), bus("bus"), regs("devregs"), s_int("int"), s_ext("irq"), s_internal("internal") {
    mpic_tlm::Config c;
    c.variant = o.variant;
    c.cpus = o.cpus;
    c.apply(o.mpic_params);
    mpic.reset(new mpic_tlm::Mpic("mpic", c));
    cycle = c.clock_period;
    const unsigned n = mpic->ncpus();
    bus.to_mpic.bind(mpic->socket);
    bus.to_dev.bind(regs.sock);
    s_int.init(n);
    mpic->int_out(s_int);
    for (unsigned i = 0; i < n; i++) {
      cpus.emplace_back(new Cpu(sc_gen_unique_name("cpu"), *this, i, o.at, cycle));
      cpus.back()->m.sock.bind(bus.tsock);
      cpus.back()->int_in(s_int[i]);
    }
    // Statistics rows in a fixed order: timer, IPIs, devices.
    timer_idx = st.add("timer0 (OS tick)", 0, TIMER_VEC);
    for (unsigned k = 0; k < 2; k++)
      ipi_idx.push_back(st.add("ipi" + std::to_string(k), k == 0 ? 1 % n : 0, IPI_VEC + k));
    ipi_sent.assign(2 * n, 0);
    ipi_outstanding.assign(2 * n, false);
    static const char *ext_names[] = {"uart (IRQ0)", "eth (IRQ1)", "i2c (IRQ2)", "gpio (IRQ3)"};
    s_ext.init(n_ext_dev);
    for (unsigned k = 0; k < n_ext_dev; k++) {
      unsigned i = st.add(ext_names[k], k % n, k);
      ext_idx.push_back(i);
      devs.emplace_back(new IrqDevice(sc_gen_unique_name("extdev"), o.seed * 1000 + k, st, i,
                                      booted, o.dev_mean, cycle));
      devs.back()->line(s_ext[k]);
      mpic->irq[k](s_ext[k]);
    }
    s_internal.init(n_int_dev);
    for (unsigned k = 0; k < n_int_dev;
         k++) { // internal 1..4 (internal 0 is the error int on v4.x)
      const unsigned srcn = 17 + k;
      unsigned i = st.add("int" + std::to_string(1 + k) + " (src " + std::to_string(srcn) + ")",
                          (k + 1) % n, srcn);
      int_idx.push_back(i);
      devs.emplace_back(new IrqDevice(sc_gen_unique_name("intdev"), o.seed * 1000 + 100 + k, st, i,
                                      booted, o.dev_mean, cycle));
      devs.back()->line(s_internal[k]);
      mpic->internal[1 + k](s_internal[k]);
    }
    for (auto &d : devs)
      regs.dev.push_back(d.get());
    for (unsigned k = 0; k < n_msi; k++)
      msi_idx.push_back(st.add("pcie msi" + std::to_string(k), k % n, 224 + k));
    msi.reset(
        new MsiDevice("pcie", o.at, o.seed * 1000 + 200, st, msi_idx, booted, o.dev_mean, cycle));
    for (auto &mm : msi->m)
      mm->sock.bind(bus.tsock);
    host_idx = st.add("thread-dev msi7", (n - 1), 224 + 7);
    host.reset(new HostThreadDevice("hostdev", *mpic, st, host_idx, 7, booted, o.host_period,
                                    o.dev_mean, cycle, o.seed * 1000 + 300));
    iack_lat = mpic_get_param(mpic->core(), MPIC_P_IACK_LATENCY);
    wr_lat = mpic_get_param(mpic->core(), MPIC_P_WRITE_LATENCY);
    st.per_core.assign(n, 0);
    st.spurious.assign(n, 0);
  }
};

void Cpu::boot() {
  Master &b = m;
  const uint64_t M = MPIC_BASE;
  const unsigned n = p.mpic->ncpus();
  const mpic_variant_info_t &var = p.mpic->variant();
  const bool v4 = std::strncmp(var.name, "fsl-v4", 6) == 0;
  // ---- mpic_alloc: version, reset, features
  const uint32_t brr1 = b.rd(M + 0x0);
  b.wr(M + 0x1020, b.rd(M + 0x1020) | 0x80000000); // GCR |= RST
  while (b.rd(M + 0x1020) & 0x80000000)
    b.compute(8); // poll RST
  const uint32_t frr = b.rd(M + 0x1000);
  (void)frr;
  // ---- mpic_init
  b.wr(M + 0x20080 + 0x1000 * id, 0xF);                        // CTPR = 15 (own bank)
  if ((brr1 & 0xFFFF) >= 0x0401) b.wr(M + 0x3910, 0xFFFFFFFF); // EIMR: mask error sub-sources
  const unsigned ntimers = var.timer_groups * 4;
  for (unsigned t = 0; t < ntimers; t++) {
    const uint64_t g = (t / 4) * 0x1000 + (t % 4) * 0x40;
    b.wr(M + 0x1130 + g, 1u << id);                               // GTDR
    b.wr(M + 0x1120 + g, 0x80090000 | (Platform::TIMER_VEC + t)); // GTVPR: MSK, prio 9
  }
  for (unsigned i = 0; i < 4; i++) {
    b.wr(M + 0x10A0 + 0x10 * i, 0x800A0000 | (Platform::IPI_VEC + i)); // IPIVPR: MSK, prio 10
    b.rd(M + 0x10A0 + 0x10 * i);
  }
  // every source: VPR = MSK | prio 8 | vector = source, DR = boot core
  auto vpr = [&](unsigned s) -> uint64_t {
    if (s < 16) return 0x10000 + 0x20 * s;
    if (s < 16 + var.n_int) return 0x10200 + 0x20 * (s - 16);
    return 0x11C00 + 0x20 * (s - 224);
  };
  std::vector<unsigned> used;
  for (unsigned k = 0; k < p.n_ext_dev; k++)
    used.push_back(k);
  for (unsigned k = 0; k < p.n_int_dev; k++)
    used.push_back(17 + k);
  for (unsigned k = 0; k < 8; k++)
    used.push_back(224 + k);
  for (unsigned s : used) {
    b.wr(M + vpr(s), 0x80080000 | s);
    b.wr(M + vpr(s) + 0x10, 1u << id);
  }
  b.wr(M + 0x10E0, Platform::SPURIOUS);            // SVR
  b.wr(M + 0x1020, b.rd(M + 0x1020) | 0x20000000); // GCR: mixed mode
  b.wr(M + 0x20080 + 0x1000 * id, 0);              // CTPR = 0
  // ---- request_irq for each device: set_type (level high), affinity, unmask
  for (auto &s : p.st.src) {
    const uint32_t v = s.vector;
    if (v >= 0x7F0) continue; // timers and IPIs below
    const uint64_t r = M + vpr(v);
    const bool internal_src = v >= 16;
    uint32_t x = b.rd(r);
    x = (x & ~0x00C00000u) | (internal_src ? 0x00800000u : 0x00C00000u); // P=1, S=1 (external)
    b.wr(r, x);
    b.wr(r + 0x10, 1u << s.dest); // set_affinity: one core
    b.wr(r, x & ~0x80000000u);    // unmask
    while (b.rd(r) & 0x80000000u) {
    }
  }
  for (unsigned i = 0; i < 2; i++) // IPIs 0, 1
    b.wr(M + 0x10A0 + 0x10 * i, b.rd(M + 0x10A0 + 0x10 * i) & ~0x80000000u);
  // ---- the OS tick: timer 0, TCR CLKR /8
  uint64_t div = mpic_get_param(p.mpic->core(), MPIC_P_MPIC_CLK_DIV);
  if (div == 0) div = v4 ? 2 : 1;
  const uint64_t tick = div * 8;
  const uint64_t base = std::max<uint64_t>(1, uint64_t(p.o.tick / p.cycle) / tick);
  b.wr(M + 0x1300, 0);                                // TCR: /8
  b.wr(M + 0x1110, 0x80000000 | uint32_t(base));      // GTBCR: stopped
  b.wr(M + 0x1120, 0x00090000 | Platform::TIMER_VEC); // unmask
  p.timer_period = base * tick;
  p.timer_start = b.now();
  b.wr(M + 0x1110, uint32_t(base)); // clear CI: runs
  p.timer_start = b.last_done - p.wr_lat;
  (void)n;
}

void Cpu::handle(uint32_t v, uint64_t iack) {
  Platform &P = p;
  Stats &st = P.st;
  const uint64_t M = MPIC_BASE;
  const unsigned n = P.mpic->ncpus();
  auto it = st.by_vector.find(v);
  if (it == st.by_vector.end()) {
    std::string msg = std::string(name()) + ": unexpected vector " + std::to_string(v);
    SC_REPORT_WARNING("/mpic_vp", msg.c_str());
    return;
  }
  Source &s = st.src[it->second];
  st.per_core[id]++;
  m.compute(60); // prologue: save registers, look the vector up
  if (v == Platform::TIMER_VEC) {
    const uint64_t k = (iack - P.timer_start) / P.timer_period; // latest expiry
    s.lat.push_back(iack - (P.timer_start + k * P.timer_period));
    P.ticks++;
    m.compute(200); // timekeeping, scheduler tick
    if (n > 1) {    // reschedule IPI to the next core in turn
      const unsigned dest = 1 + unsigned(P.ticks % (n - 1));
      if (!P.ipi_outstanding[0 * n + dest]) {
        P.ipi_outstanding[0 * n + dest] = true;
        P.ipi_sent[0 * n + dest] = m.now(); // lower bound until the write completes
        m.wr(M + 0x40, 1u << dest);         // IPIDR0 (this-CPU page)
        if (P.ipi_outstanding[0 * n + dest]) P.ipi_sent[0 * n + dest] = m.last_done - P.wr_lat;
      }
    }
  } else if (v == Platform::IPI_VEC || v == Platform::IPI_VEC + 1) {
    const unsigned ipi = v - Platform::IPI_VEC;
    s.lat.push_back(iack - P.ipi_sent[ipi * n + id]);
    P.ipi_outstanding[ipi * n + id] = false;
    m.compute(80);
    if (ipi == 0 && !P.ipi_outstanding[1 * n + 0]) { // answer core 0 with IPI 1
      P.ipi_outstanding[1 * n + 0] = true;
      P.ipi_sent[1 * n + 0] = m.now();
      m.wr(M + 0x50, 1u); // IPIDR1 -> core 0
      if (P.ipi_outstanding[1 * n + 0]) P.ipi_sent[1 * n + 0] = m.last_done - P.wr_lat;
    }
  } else if (v >= 224) { // MSI: read MSIR (clears), dispatch each bit
    const unsigned r = v - 224;
    const uint32_t bits = m.rd(M + 0x1600 + 0x10 * r);
    if (bits) {
      s.lat.push_back(iack - s.pending_since);
      s.pending = false;
      if (it->second == P.host_idx)
        P.host->done();
      else
        P.msi->done(r);
    }
    m.compute(150);
  } else { // a level device: read its status, handle, acknowledge it
    const unsigned d = (v < 16) ? v : P.n_ext_dev + (v - 17);
    if (m.rd(DEV_BASE + 16 * d) && s.pending) {
      s.lat.push_back(iack - s.pending_since);
      s.pending = false;
    }
    m.compute(300);
    m.wr(DEV_BASE + 16 * d, 1); // acknowledge: the device drops its line
  }
}

void Cpu::run() {
  const uint64_t M = MPIC_BASE;
  if (id == 0) {
    boot();
    p.boot_done = true;
    p.booted.notify(SC_ZERO_TIME);
    m.sync();
  } else {
    m.sync();
    if (!p.boot_done) wait(p.booted);
    m.qk.reset();
    m.wr(M + 0x20080 + 0x1000 * id, 0); // mpic_setup_this_cpu: CTPR = 0
  }
  for (;;) {
    // Idle: synchronise, then doze until int.
    m.sync();
    if (!int_in.read()) wait(int_in.posedge_event());
    m.qk.reset();
    in_handler.write(true);
    const uint32_t v = m.rd(M + 0xA0) & 0x7FF; // IACK (this-CPU page)
    // The cycle the IACK was issued at (the MPIC may have clamped it to its
    // own time when another decoupled CPU was ahead).
    const uint64_t iack = m.last_done - p.iack_lat;
    vector.write(v);
    if (v == Platform::SPURIOUS) {
      p.st.spurious[id]++;
    } else {
      handle(v, iack);
      m.wr(M + 0xB0, 0); // EOI
    }
    m.compute(40); // return from interrupt
    in_handler.write(false);
  }
}

// ------------------------------------------------------------------- report
struct Row {
  std::string name;
  unsigned core;
  uint64_t count;
  uint64_t min, max, p99;
  double mean;
};

Row row_of(const Source &s) {
  Row r{s.name, s.dest, s.lat.size(), 0, 0, 0, 0.0};
  if (!s.lat.empty()) {
    std::vector<uint64_t> v = s.lat;
    std::sort(v.begin(), v.end());
    r.min = v.front();
    r.max = v.back();
    size_t i = size_t(std::ceil(0.99 * double(v.size()))) - 1;
    r.p99 = v[i];
    double sum = 0;
    for (auto x : v)
      sum += double(x);
    r.mean = sum / double(v.size());
  }
  return r;
}

} // namespace

int sc_main(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "mpic-vp: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    bool ok = true;
    if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else if (a == "--seed")
      o.seed = std::strtoull(val(), nullptr, 0);
    else if (a == "--duration")
      ok = parse_time(val(), o.duration);
    else if (a == "--variant")
      o.variant = val();
    else if (a == "--cpus" || a == "--cores")
      o.cpus = unsigned(std::strtoul(val(), nullptr, 0));
    else if (a == "--quantum")
      ok = parse_time(val(), o.quantum);
    else if (a == "--mode") {
      std::string m = val();
      ok = m == "lt" || m == "at";
      o.at = m == "at";
    } else if (a == "--trace") {
      std::string t = val();
      ok = t == "on" || t == "off";
      o.trace = t == "on";
    } else if (a == "--vcd")
      o.vcd = val();
    else if (a == "--json")
      o.json = val();
    else if (a == "--tick")
      ok = parse_time(val(), o.tick);
    else if (a == "--dev-mean")
      ok = parse_time(val(), o.dev_mean);
    else if (a == "--mpic")
      o.mpic_params = val();
    else {
      std::fprintf(stderr, "mpic-vp: unknown option %s\n", a.c_str());
      usage(stderr);
      return 2;
    }
    if (!ok) {
      std::fprintf(stderr, "mpic-vp: bad value for %s\n", a.c_str());
      return 2;
    }
  }
  if (o.cpus < 1) {
    std::fprintf(stderr, "mpic-vp: --cpus must be at least 1\n");
    return 2;
  }
  tlm_utils::tlm_quantumkeeper::set_global_quantum(o.quantum);
  sc_report_handler::set_actions(SC_INFO, SC_DO_NOTHING);

  std::unique_ptr<Platform> p;
  try {
    p.reset(new Platform(o));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mpic-vp: %s\n", e.what());
    return 2;
  }
  sc_trace_file *tf = nullptr;
  if (o.trace) {
    tf = sc_create_vcd_trace_file(o.vcd.c_str());
    if (!tf) {
      std::fprintf(stderr, "mpic-vp: cannot write %s.vcd\n", o.vcd.c_str());
      return 1;
    }
    tf->set_time_unit(100, SC_PS);
    p->mpic->trace(tf);
    for (auto &c : p->cpus) {
      sc_trace(tf, c->in_handler, c->in_handler.name());
      sc_trace(tf, c->vector, c->vector.name());
    }
  }
  const auto w0 = std::chrono::steady_clock::now();
  sc_start(o.duration);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  if (tf) sc_close_vcd_trace_file(tf);

  const Stats &st = p->st;
  const uint64_t cycles = uint64_t(o.duration / p->cycle);
  const unsigned n = p->mpic->ncpus();
  std::vector<Row> rows;
  std::vector<uint64_t> all;
  for (auto &s : st.src) {
    rows.push_back(row_of(s));
    all.insert(all.end(), s.lat.begin(), s.lat.end());
  }
  Source tot{"all sources", 0, 0, all, 0, false};
  Row total = row_of(tot);
  uint64_t spurious = 0;
  for (auto x : st.spurious)
    spurious += x;
  std::string mode = o.at ? "AT" : ("LT, quantum " + o.quantum.to_string());

  std::printf("mpic-vp: %s, %u cores, %s, seed %llu\n", o.variant.c_str(), n, mode.c_str(),
              (unsigned long long)o.seed);
  std::printf("latency = cycles from source assertion to the IACK that took it\n\n");
  std::printf("%-22s %4s %7s %8s %9s %8s %8s\n", "source", "core", "count", "lat min", "mean",
              "p99", "max");
  auto pr = [](const Row &r, const char *core) {
    std::printf("%-22s %4s %7llu %8llu %9.1f %8llu %8llu\n", r.name.c_str(), core,
                (unsigned long long)r.count, (unsigned long long)r.min, r.mean,
                (unsigned long long)r.p99, (unsigned long long)r.max);
  };
  for (auto &r : rows)
    pr(r, std::to_string(r.core).c_str());
  pr(total, "-");
  std::printf("\n%-22s %7s %9s\n", "core", "taken", "spurious");
  for (unsigned c = 0; c < n; c++)
    std::printf("%-22u %7llu %9llu\n", c, (unsigned long long)st.per_core[c],
                (unsigned long long)st.spurious[c]);
  std::printf("\nspurious IACKs:        %llu\n", (unsigned long long)spurious);
  std::printf("simulated time:        %s (%llu cycles of %s)\n", o.duration.to_string().c_str(),
              (unsigned long long)cycles, p->cycle.to_string().c_str());
  std::printf("MPIC accesses:         %llu reads, %llu writes, %llu clamped\n",
              (unsigned long long)p->mpic->stats().reads,
              (unsigned long long)p->mpic->stats().writes,
              (unsigned long long)p->mpic->stats().clamped);
  std::printf("host wall time:        %.3f s\n", wall);
  std::printf("host speed:            %.3g simulated cycles/s\n", double(cycles) / wall);
  if (o.trace) std::printf("waveform:              %s.vcd\n", o.vcd.c_str());

  if (!o.json.empty()) {
    FILE *f = std::fopen(o.json.c_str(), "w");
    if (!f) {
      std::fprintf(stderr, "mpic-vp: cannot write %s\n", o.json.c_str());
      return 1;
    }
    std::fprintf(f, "{\n  \"variant\": \"%s\", \"cores\": %u, \"mode\": \"%s\", \"seed\": %llu,\n",
                 o.variant.c_str(), n, o.at ? "at" : "lt", (unsigned long long)o.seed);
    std::fprintf(f, "  \"quantum_ps\": %llu, \"cycle_ps\": %llu, \"cycles\": %llu,\n",
                 (unsigned long long)std::llround(o.quantum.to_seconds() * 1e12),
                 (unsigned long long)std::llround(p->cycle.to_seconds() * 1e12),
                 (unsigned long long)cycles);
    std::fprintf(f, "  \"sources\": [\n");
    for (size_t i = 0; i <= rows.size(); i++) {
      const Row &r = i < rows.size() ? rows[i] : total;
      std::fprintf(f,
                   "    {\"name\": \"%s\", \"core\": %d, \"count\": %llu, \"lat_min\": %llu, "
                   "\"lat_mean\": %.3f, \"lat_p99\": %llu, \"lat_max\": %llu}%s\n",
                   r.name.c_str(), i < rows.size() ? int(r.core) : -1, (unsigned long long)r.count,
                   (unsigned long long)r.min, r.mean, (unsigned long long)r.p99,
                   (unsigned long long)r.max, i < rows.size() ? "," : "");
    }
    std::fprintf(f, "  ],\n  \"cores_taken\": [");
    for (unsigned c = 0; c < n; c++)
      std::fprintf(f, "%s%llu", c ? ", " : "", (unsigned long long)st.per_core[c]);
    std::fprintf(f, "],\n  \"cores_spurious\": [");
    for (unsigned c = 0; c < n; c++)
      std::fprintf(f, "%s%llu", c ? ", " : "", (unsigned long long)st.spurious[c]);
    std::fprintf(f, "],\n  \"spurious\": %llu,\n  \"wall_s\": %.6f,\n  \"cycles_per_s\": %.1f\n}\n",
                 (unsigned long long)spurious, wall, double(cycles) / wall);
    std::fclose(f);
  }
  const bool bad =
      sc_report_handler::get_count(SC_WARNING) + sc_report_handler::get_count(SC_ERROR) > 0;
  return bad ? 1 : 0;
}
