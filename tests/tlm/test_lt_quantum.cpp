// LT with and without a quantum keeper: two identical platforms in one
// simulation, one CPU synchronising after every access, the other temporally
// decoupled with a tlm_quantumkeeper (1 us quantum). The same firmware must
// produce the same interrupt cycles, IACK vectors and IACK issue cycles.
#include "tlm_test.hpp"

#include <tlm_utils/tlm_quantumkeeper.h>

using namespace sc_core;

struct Cpu : sc_module {
  tlm_utils::simple_initiator_socket<Cpu> sock;
  sc_in<bool> irq;
  bool decoupled;
  tlm_utils::tlm_quantumkeeper qk;
  std::vector<std::pair<uint64_t, uint32_t>> iacks; // (issue cycle, vector)
  const sc_time T = sc_time(2.5, SC_NS);

  Cpu(sc_module_name n, bool dec) : sc_module(n), sock("sock"), irq("irq"), decoupled(dec) {
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run);
  }
  uint64_t local_cycle() { return uint64_t((sc_time_stamp() + qk.get_local_time()) / T); }
  uint32_t acc(tlm::tlm_command cmd, uint32_t addr, uint32_t v) {
    tlm::tlm_generic_payload gp;
    unsigned char b[4];
    mpic_tlm::store_be32(b, v);
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(b);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    sc_time d = qk.get_local_time();
    sock->b_transport(gp, d);
    EXPECT_TRUE(gp.is_response_ok());
    if (decoupled) {
      qk.set(d);
      if (qk.need_sync()) qk.sync();
    } else {
      wait(d);
    }
    return mpic_tlm::load_be32(b);
  }
  void compute(unsigned cycles) {
    if (decoupled) {
      qk.inc(T * double(cycles));
      if (qk.need_sync()) qk.sync();
    } else {
      wait(T * double(cycles));
    }
  }
  void run() {
    using tlm::TLM_READ_COMMAND;
    using tlm::TLM_WRITE_COMMAND;
    qk.reset();
    acc(TLM_WRITE_COMMAND, 0x1020, 0x80000000); // GCR reset
    while (acc(TLM_READ_COMMAND, 0x1020, 0) & 0x80000000) {
    }
    acc(TLM_WRITE_COMMAND, 0x1020, 0x20000000);  // mixed
    acc(TLM_WRITE_COMMAND, 0x10A0, 0x00060064);  // IPIVPR0: prio 6, vector 100
    acc(TLM_WRITE_COMMAND, 0x1120, 0x00050065);  // GTVPR0: prio 5, vector 101
    acc(TLM_WRITE_COMMAND, 0x1130, 0x1);         // GTDR0: core 0
    acc(TLM_WRITE_COMMAND, 0x11C00, 0x00070066); // MSIVPR0: prio 7, vector 102
    acc(TLM_WRITE_COMMAND, 0x11C10, 0x1);
    acc(TLM_WRITE_COMMAND, 0x20080, 0);  // CTPR0 = 0
    acc(TLM_WRITE_COMMAND, 0x1300, 0x0); // TCR: /8, tick = 16 cycles on v4.2
    acc(TLM_WRITE_COMMAND, 0x1110, 37);  // GTBCR0: 37 ticks, running
    unsigned n = 0;
    while (sc_time_stamp() + qk.get_local_time() < sc_time(40, SC_US)) {
      if (decoupled) qk.sync();
      if (!irq.read()) {
        wait(irq.posedge_event() | timeout);
        if (!irq.read()) break;
      }
      const uint64_t c = local_cycle();
      const uint32_t v = acc(TLM_READ_COMMAND, 0x200A0, 0) & 0xFFFF; // IACK
      iacks.emplace_back(c, v);
      compute(40 + 7 * (n % 5));                                        // the handler
      if (v == 101 && n % 2 == 0) acc(TLM_WRITE_COMMAND, 0x20040, 0x1); // IPI0 to self
      if (v == 101 && n % 3 == 0) acc(TLM_WRITE_COMMAND, 0x1740, 0x01000000 * (n % 32));
      if (v == 102) acc(TLM_READ_COMMAND, 0x1600, 0); // MSIR0: clear
      acc(TLM_WRITE_COMMAND, 0x200B0, 0);             // EOI
      n++;
    }
  }
  sc_event timeout;
};

struct Platform {
  mpic_tlm::Mpic mpic;
  Cpu cpu;
  sc_signal<bool> int0;
  tt::EdgeLog log;
  Platform(const char *n, bool dec)
      : mpic((std::string(n) + "_mpic").c_str()), cpu((std::string(n) + "_cpu").c_str(), dec),
        int0((std::string(n) + "_int0").c_str()), log((std::string(n) + "_log").c_str()) {
    cpu.sock.bind(mpic.socket);
    mpic.int_out[0](int0);
    cpu.irq(int0);
    log.in(int0);
  }
};

TEST(TlmLt, QuantumKeeperGivesTheSameCycles) {
  tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(1, SC_US));
  Platform a("sync", false), b("decoupled", true);
  a.cpu.timeout.notify(sc_time(50, SC_US));
  b.cpu.timeout.notify(sc_time(50, SC_US));
  sc_start(sc_time(60, SC_US));
  ASSERT_GT(a.log.edges.size(), 20u);
  EXPECT_EQ(a.log.edges, b.log.edges);
  ASSERT_GT(a.cpu.iacks.size(), 10u);
  EXPECT_EQ(a.cpu.iacks, b.cpu.iacks);
  bool saw[3] = {false, false, false};
  for (auto &i : a.cpu.iacks)
    if (i.second >= 100 && i.second <= 102) saw[i.second - 100] = true;
  EXPECT_TRUE(saw[0] && saw[1] && saw[2]);
  EXPECT_EQ(a.mpic.stats().clamped, 0u);
  EXPECT_EQ(b.mpic.stats().clamped, 0u);
}
