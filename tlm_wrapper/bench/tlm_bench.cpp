// tlm_bench: LT register-access throughput of the MPIC wrapper compared with a
// bare register-array target, in the same run, same initiator, same quantum.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "mpic_tlm.hpp"

using namespace sc_core;

// The baseline: 256 KiB of big-endian registers, fixed 4-cycle latency.
struct RegArray : sc_module {
  tlm_utils::simple_target_socket<RegArray> sock;
  std::vector<unsigned char> mem = std::vector<unsigned char>(MPIC_BLOCK_SIZE);
  explicit RegArray(sc_module_name n) : sc_module(n), sock("sock") {
    sock.register_b_transport(this, &RegArray::b_transport);
  }
  void b_transport(tlm::tlm_generic_payload &gp, sc_time &d) {
    const uint64_t a = gp.get_address();
    if (a + 4 > mem.size() || gp.get_data_length() != 4) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return;
    }
    if (gp.is_read())
      std::memcpy(gp.get_data_ptr(), &mem[a], 4);
    else
      std::memcpy(&mem[a], gp.get_data_ptr(), 4);
    d += sc_time(10, SC_NS);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

struct Bench : sc_module {
  tlm_utils::simple_initiator_socket<Bench> to_mpic, to_arr;
  unsigned n;
  double rate[2][2] = {{0, 0}, {0, 0}}; // [target][decoupled]
  Bench(sc_module_name nm, unsigned count)
      : sc_module(nm), to_mpic("to_mpic"), to_arr("to_arr"), n(count) {
    SC_HAS_PROCESS(Bench);
    SC_THREAD(run);
  }
  double loop(tlm_utils::simple_initiator_socket<Bench> &s, bool decoupled) {
    tlm_utils::tlm_quantumkeeper qk;
    qk.reset();
    tlm::tlm_generic_payload gp;
    unsigned char b[4] = {0, 0, 0, 3};
    mpic_tlm::CpuIdExtension ext(0);
    gp.set_extension(&ext);
    gp.set_data_ptr(b);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    const auto t0 = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < n; i++) {
      // Alternate a CTPR write and a read of the register back.
      gp.set_command(i & 1 ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND);
      gp.set_address(0x20080);
      gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
      sc_time d = decoupled ? qk.get_local_time() : SC_ZERO_TIME;
      s->b_transport(gp, d);
      if (!gp.is_response_ok()) SC_REPORT_ERROR("bench", "access failed");
      if (decoupled) {
        qk.set(d);
        if (qk.need_sync()) qk.sync();
      } else {
        wait(d);
      }
    }
    qk.sync();
    gp.clear_extension(&ext);
    return n / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  void run() {
    for (int dec = 1; dec >= 0; dec--) {
      rate[1][dec] = loop(to_arr, dec);
      rate[0][dec] = loop(to_mpic, dec);
    }
  }
};

int sc_main(int argc, char **argv) {
  unsigned n = argc > 1 ? unsigned(std::strtoul(argv[1], nullptr, 0)) : 2000000;
  sc_report_handler::set_actions(SC_INFO, SC_DO_NOTHING);
  // 10 ns per access: a quantum of 10 us is 1000 accesses.
  tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(10, SC_US));
  mpic_tlm::Mpic mpic("mpic");
  RegArray arr("arr");
  Bench b("bench", n);
  b.to_mpic.bind(mpic.socket);
  b.to_arr.bind(arr.sock);
  sc_start();
  std::printf("LT register access, %u accesses each (alternating CTPR write / read)\n", n);
  std::printf("%-34s %14s %14s\n", "", "quantum 10 us", "wait per call");
  std::printf("%-34s %12.3g/s %12.3g/s\n", "bare register array target", b.rate[1][1],
              b.rate[1][0]);
  std::printf("%-34s %12.3g/s %12.3g/s\n", "MPIC wrapper (mpic_tlm::Mpic)", b.rate[0][1],
              b.rate[0][0]);
  std::printf("%-34s %13.2fx %13.2fx\n", "wrapper / bare", b.rate[0][1] / b.rate[1][1],
              b.rate[0][0] / b.rate[1][0]);
  return 0;
}
