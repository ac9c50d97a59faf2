// AT: the four phases with the core's latencies, back-pressure when a second
// request arrives before END_REQ, and the response exclusion rule.
#include "tlm_test.hpp"

using namespace sc_core;
using namespace tlm;

struct AtInit : sc_module {
  tlm_utils::simple_initiator_socket<AtInit> sock;
  struct Ev {
    int id;
    std::string phase;
    uint64_t cycle;
  };
  std::vector<Ev> log;
  tlm_generic_payload gp[3];
  unsigned char buf[3][4];
  mpic_tlm::CpuIdExtension ext[3];
  sc_time end_resp_delay[3];
  const sc_time T = sc_time(2.5, SC_NS);

  AtInit(sc_module_name n) : sc_module(n), sock("sock") {
    sock.register_nb_transport_bw(this, &AtInit::bw);
    SC_HAS_PROCESS(AtInit);
    SC_THREAD(run);
  }
  int id_of(tlm_generic_payload &p) { return int(&p - gp); }
  void note(int id, const char *ph) { log.push_back({id, ph, uint64_t(sc_time_stamp() / T)}); }
  tlm_sync_enum bw(tlm_generic_payload &p, tlm_phase &ph, sc_time &) {
    int id = id_of(p);
    if (ph == END_REQ) {
      note(id, "END_REQ");
      return TLM_ACCEPTED;
    }
    if (ph == BEGIN_RESP) {
      note(id, "BEGIN_RESP");
      if (end_resp_delay[id] == SC_ZERO_TIME) return TLM_COMPLETED;
      resp_ev[id].notify(end_resp_delay[id]);
      return TLM_ACCEPTED;
    }
    ADD_FAILURE() << "unexpected phase";
    return TLM_COMPLETED;
  }
  sc_event resp_ev[3];
  void end_resp(int id) {
    wait(resp_ev[id]);
    tlm_phase ph = END_RESP;
    sc_time d = SC_ZERO_TIME;
    note(id, "END_RESP");
    EXPECT_EQ(sock->nb_transport_fw(gp[id], ph, d), TLM_COMPLETED);
  }
  void send(int id, tlm_command cmd, uint32_t addr, uint32_t v, unsigned cpu) {
    tlm_generic_payload &p = gp[id];
    mpic_tlm::store_be32(buf[id], v);
    p.set_command(cmd);
    p.set_address(addr);
    p.set_data_ptr(buf[id]);
    p.set_data_length(4);
    p.set_streaming_width(4);
    p.set_response_status(TLM_INCOMPLETE_RESPONSE);
    ext[id].cpu = cpu;
    p.set_extension(&ext[id]);
    tlm_phase ph = BEGIN_REQ;
    sc_time d = SC_ZERO_TIME;
    note(id, "BEGIN_REQ");
    EXPECT_EQ(sock->nb_transport_fw(p, ph, d), TLM_ACCEPTED);
  }
  std::function<void()> body;
  void run() { body(); }
};

TEST(TlmAt, PhasesAndBackPressure) {
  mpic_tlm::Mpic mpic("mpic", "cpus=2 at_accept=1");
  AtInit I("init");
  I.sock.bind(mpic.socket);
  const sc_time T = sc_time(2.5, SC_NS);
  I.body = [&]() {
    // 1. A single write: END_REQ at issue + 1, BEGIN_RESP at issue + 4
    //    (write_latency); the initiator completes on BEGIN_RESP.
    wait(T * 10.0);
    I.send(0, TLM_WRITE_COMMAND, 0x80, 7, 1); // CTPR of core 1 via the this-CPU page
    wait(T * 20.0);
    // 2. Three reads at the same cycle (as from three initiators behind a
    //    bus): the second and third wait for the previous END_REQ (accepted at
    //    41 and 42). Responses: 0 at 44, 1 at 45, and 2 (IACK, 6 cycles) at 48;
    //    request 0 holds END_RESP for 5 cycles, so response 1 waits until 49.
    I.end_resp_delay[0] = T * 5.0;
    I.send(0, TLM_READ_COMMAND, 0x21080, 0, 0); // CTPR1 through its bank
    I.send(1, TLM_READ_COMMAND, 0x90, 0, 1);    // WHOAMI as core 1
    I.send(2, TLM_READ_COMMAND, 0xA0, 0, 0);    // IACK as core 0: spurious
    I.end_resp(0);
    wait(T * 40.0);
    // 3. An error response goes through the same phases and completes after the plain read
    //    latency, like the core's completion cycle for a rejected access.
    I.end_resp_delay[0] = SC_ZERO_TIME;
    I.send(0, TLM_READ_COMMAND, 0x3F000, 0, 0);
    wait(T * 20.0);
  };
  sc_start();
  std::vector<std::string> got;
  for (auto &e : I.log)
    got.push_back(std::to_string(e.id) + " " + e.phase + " @" + std::to_string(e.cycle));
  std::vector<std::string> want = {"0 BEGIN_REQ @10",  "0 END_REQ @11",   "0 BEGIN_RESP @14", //
                                   "0 BEGIN_REQ @30",  "1 BEGIN_REQ @30", "2 BEGIN_REQ @30",  //
                                   "0 END_REQ @31",    "1 END_REQ @32",   "2 END_REQ @33",    //
                                   "0 BEGIN_RESP @34", "0 END_RESP @39",  "1 BEGIN_RESP @39", //
                                   "2 BEGIN_RESP @39", "0 BEGIN_REQ @79", "0 END_REQ @80",    //
                                   "0 BEGIN_RESP @83"}; // error: issue 79 + read_latency
  EXPECT_EQ(got, want);
  EXPECT_EQ(mpic_tlm::load_be32(I.buf[1]), 1u);               // WHOAMI
  EXPECT_EQ(mpic_tlm::load_be32(I.buf[2]) & 0xFFFF, 0xFFFFu); // SVR: nothing pending
  EXPECT_EQ(I.gp[0].get_response_status(), TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(I.gp[1].get_response_status(), TLM_OK_RESPONSE);
  EXPECT_EQ(mpic.stats().backpressed, 2u);
  uint32_t ctpr1 = 0;
  EXPECT_EQ(mpic_peek(mpic.core(), 0, 0x21080, &ctpr1), MPIC_OK);
  EXPECT_EQ(ctpr1, 7u);
  for (auto &p : I.gp)
    p.clear_extension<mpic_tlm::CpuIdExtension>(); // the payloads do not own them
}
