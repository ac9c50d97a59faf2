// tlm_test.hpp - shared helpers of the wrapper tests (one simulating test per
// executable; SystemC warnings and errors fail the test, see tlm_main.cpp).
#ifndef TLM_TEST_HPP
#define TLM_TEST_HPP

#include <functional>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "mpic_tlm.hpp"

namespace tt {

using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;

// A scripted LT initiator: body() runs in an SC_THREAD.
struct Initiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Initiator> sock;
  std::function<void(Initiator &)> body;
  bool finished = false;

  explicit Initiator(sc_core::sc_module_name n) : sc_module(n), sock("sock") {
    SC_HAS_PROCESS(Initiator);
    SC_THREAD(run);
  }
  void run() {
    if (body) body(*this);
    finished = true;
  }

  // One access; cpu < 0 sends no CpuIdExtension. Returns the status.
  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint32_t &v, sc_time &delay,
                                  int cpu = -1) {
    tlm::tlm_generic_payload gp;
    unsigned char buf[4];
    if (cmd == tlm::TLM_WRITE_COMMAND) mpic_tlm::store_be32(buf, v);
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(buf);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    mpic_tlm::CpuIdExtension ext(cpu < 0 ? 0 : unsigned(cpu));
    if (cpu >= 0) gp.set_extension(&ext);
    sock->b_transport(gp, delay);
    if (cpu >= 0) gp.clear_extension(&ext);
    if (cmd == tlm::TLM_READ_COMMAND && gp.is_response_ok()) v = mpic_tlm::load_be32(buf);
    return gp.get_response_status();
  }
  // Synchronised helpers: wait out the delay after each access.
  uint32_t rd(uint64_t addr, int cpu = -1) {
    uint32_t v = 0;
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(access(tlm::TLM_READ_COMMAND, addr, v, d, cpu), tlm::TLM_OK_RESPONSE)
        << std::hex << addr;
    wait(d);
    return v;
  }
  void wr(uint64_t addr, uint32_t v, int cpu = -1) {
    sc_time d = SC_ZERO_TIME;
    EXPECT_EQ(access(tlm::TLM_WRITE_COMMAND, addr, v, d, cpu), tlm::TLM_OK_RESPONSE)
        << std::hex << addr;
    wait(d);
  }
  unsigned dbg(tlm::tlm_command cmd, uint64_t addr, unsigned char *buf, unsigned len,
               int cpu = -1) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(buf);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    mpic_tlm::CpuIdExtension ext(cpu < 0 ? 0 : unsigned(cpu));
    if (cpu >= 0) gp.set_extension(&ext);
    unsigned n = sock->transport_dbg(gp);
    if (cpu >= 0) gp.clear_extension(&ext);
    return n;
  }
  uint32_t dbg_rd(uint64_t addr, int cpu = -1) {
    unsigned char b[4] = {0, 0, 0, 0};
    EXPECT_EQ(dbg(tlm::TLM_READ_COMMAND, addr, b, 4, cpu), 4u);
    return mpic_tlm::load_be32(b);
  }
};

// Records the cycles at which a boolean signal changes.
struct EdgeLog : sc_core::sc_module {
  sc_core::sc_in<bool> in;
  sc_core::sc_time period;
  std::vector<std::pair<uint64_t, bool>> edges;
  EdgeLog(sc_core::sc_module_name n, sc_time p = sc_time(2.5, SC_NS))
      : sc_module(n), in("in"), period(p) {
    SC_HAS_PROCESS(EdgeLog);
    SC_METHOD(on);
    sensitive << in;
    dont_initialize();
  }
  void on() { edges.emplace_back(sc_core::sc_time_stamp() / period, in.read()); }
};

inline uint64_t cycle_now(sc_time period = sc_time(2.5, SC_NS)) {
  return uint64_t(sc_core::sc_time_stamp() / period);
}

} // namespace tt
#endif
