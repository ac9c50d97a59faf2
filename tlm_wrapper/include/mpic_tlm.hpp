// mpic_tlm.hpp - SystemC / TLM-2.0 wrapper around one MPIC core instance.
//
// One sc_module, mpic_tlm::Mpic, with a 256 KiB register block behind a
// tlm_utils::simple_target_socket (LT b_transport, four-phase AT
// nb_transport_fw, side-effect-free transport_dbg, DMI refused), input and
// output pins, a proxy-mode acknowledge call, thread-safe injection and
// tracing. docs/tlm.md is the user's guide.
#ifndef MPIC_TLM_HPP
#define MPIC_TLM_HPP

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/peq_with_cb_and_phase.h>
#include <tlm_utils/simple_target_socket.h>

#include "mpic.h"

namespace mpic_tlm {

// ---- The CPU-id extension -------------------------------------------------
// Tells the MPIC which core issued an access; it selects the core behind the
// this-CPU page (0x0000-0x0FFF: CTPR, WHOAMI, IACK, EOI, IPIDR). Without it the
// wrapper uses Config::default_cpu. An ignorable extension: other targets may
// ignore it. Attach it with gp.set_extension(&ext) (and clear it before the
// payload goes out of scope) or use set_cpu_id()/clear_cpu_id() below.
struct CpuIdExtension : tlm::tlm_extension<CpuIdExtension> {
  unsigned cpu = 0;
  CpuIdExtension() = default;
  explicit CpuIdExtension(unsigned c) : cpu(c) {}
  tlm::tlm_extension_base *clone() const override { return new CpuIdExtension(cpu); }
  void copy_from(const tlm::tlm_extension_base &e) override {
    cpu = static_cast<const CpuIdExtension &>(e).cpu;
  }
};

// ---- Configuration ---------------------------------------------------------
struct Config {
  std::string variant = "fsl-v4.2"; // fsl-v2.0, fsl-v3.1, fsl-v4.2, fsl-v4.3
  unsigned cpus = 2;                // 1 .. the variant's maximum
  sc_core::sc_time clock_period = sc_core::sc_time(2.5, sc_core::SC_NS); // platform clock
  unsigned default_cpu = 0; // core used when a payload has no CpuIdExtension
  unsigned at_accept = 1;   // AT: cycles from request issue to END_REQ
  // Core parameters by name (docs/timing.md: sync_depth, arb_latency, ...).
  std::vector<std::pair<std::string, std::string>> params;

  // Apply "key=value" pairs separated by spaces, commas or newlines. Keys:
  // variant, cpus, clock (e.g. 2.5ns, 10ns, 400MHz), default_cpu, at_accept and
  // every core parameter name. Unknown keys or bad values throw
  // std::invalid_argument naming the key; the config is then unchanged.
  void set(const std::string &key, const std::string &value);
  void apply(const std::string &text);
  static Config parse(const std::string &text) {
    Config c;
    c.apply(text);
    return c;
  }
};

// ---- The module --------------------------------------------------------------
class Mpic : public sc_core::sc_module {
public:
  tlm_utils::simple_target_socket<Mpic, 32> socket; // register block, offsets 0..0x3FFFF

  sc_core::sc_vector<sc_core::sc_in<bool>> irq;      // external IRQ0..n_ext-1 (source n)
  sc_core::sc_vector<sc_core::sc_in<bool>> internal; // internal source n (source 16+n)
  sc_core::sc_in<bool> reset;                        // active high: power-on reset while high

  sc_core::sc_vector<sc_core::sc_out<bool>> int_out;   // per core: int
  sc_core::sc_vector<sc_core::sc_out<bool>> cint_out;  // per core: critical interrupt
  sc_core::sc_vector<sc_core::sc_out<bool>> mcp_out;   // per core: machine check
  sc_core::sc_vector<sc_core::sc_out<bool>> reset_out; // per core: core reset (PIR)
  sc_core::sc_out<bool> irq_out;                       // v2.0/v3.1 IRQ_OUT pin

  Mpic(sc_core::sc_module_name name, const Config &cfg = Config());
  Mpic(sc_core::sc_module_name name, const std::string &params);
  ~Mpic() override;
  Mpic(const Mpic &) = delete;
  Mpic &operator=(const Mpic &) = delete;

  // Proxy (EPR) mode: the CPU model takes the external interrupt of `cpu` at
  // sc_time_stamp() + delay and gets the vector IACK would return. Returns
  // MPIC_E_MODE outside proxy mode. Adds nothing to delay.
  mpic_status_t acknowledge(unsigned cpu, uint32_t &vector,
                            const sc_core::sc_time &delay = sc_core::SC_ZERO_TIME);

  // Thread-safe injection from any host thread: the change is queued and
  // applied by the SystemC kernel thread in its next update phase.
  mpic_status_t post_irq(unsigned source, bool level); // external or internal source
  mpic_status_t post_msi(unsigned bank, uint32_t msiir);

  // Trace every pin and the key internal state (per core CTPR, in-service
  // depth, IACK vector; the last bus access) into tf.
  void trace(sc_core::sc_trace_file *tf) const;

  // Time conversion: the first clock edge at or after t, and back.
  mpic_cycle_t to_cycle(const sc_core::sc_time &t) const;
  sc_core::sc_time to_time(mpic_cycle_t c) const {
    return sc_core::sc_time::from_value(c * m_period);
  }

  struct Stats {
    uint64_t reads = 0, writes = 0, errors = 0, debug = 0;
    uint64_t clamped = 0;     // accesses whose time was clamped up to the core's time
    uint64_t backpressed = 0; // AT requests that waited for an earlier END_REQ
    uint64_t resets = 0;      // power-on resets through the reset pin
  };
  const Stats &stats() const { return m_stats; }
  const Config &config() const { return m_cfg; }
  mpic_t *core() { return m_core; } // for debuggers; owner-thread rules apply
  unsigned ncpus() const { return m_ncpus; }
  const mpic_variant_info_t &variant() const { return *m_var; }

  const char *kind() const override { return "mpic_tlm::Mpic"; }

private:
  struct PinChange {
    mpic_cycle_t when;
    unsigned cpu;
    mpic_pin_t pin;
    bool level;
  };
  class AsyncChannel;

  void build();
  void before_end_of_elaboration() override;
  void start_of_simulation() override;
  void end_of_simulation() override;

  void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph,
                                     sc_core::sc_time &delay);
  unsigned transport_dbg(tlm::tlm_generic_payload &gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);

  // Validate, access the core at cycle `issue`, set the response status;
  // returns the completion cycle (issue for errors).
  mpic_cycle_t access(tlm::tlm_generic_payload &gp, mpic_cycle_t issue);
  unsigned cpu_of(const tlm::tlm_generic_payload &gp) const;
  mpic_cycle_t clamp(mpic_cycle_t c);

  void peq_cb(tlm::tlm_generic_payload &gp, const tlm::tlm_phase &ph);
  void at_accept(tlm::tlm_generic_payload &gp);
  void at_send_resp(tlm::tlm_generic_payload &gp);

  static void on_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when);
  static void on_log(void *ctx, mpic_log_level_t lvl, mpic_cycle_t when, const char *msg);
  static void on_wake(void *ctx);
  void drain_async();

  void inputs_method();
  void update_method();
  void schedule();
  void sample_state();
  void check(mpic_status_t st, const char *what);

  Config m_cfg;
  sc_dt::uint64 m_period = 1;          // clock period in time-resolution units
  mpic_cycle_t m_wake_at = MPIC_NEVER; // cycle m_wake is notified for (NEVER: none)
  mpic_t *m_core = nullptr;
  const mpic_variant_info_t *m_var = nullptr;
  unsigned m_ncpus = 0;
  std::vector<uint8_t> m_poweron;     // snapshot restored by the reset pin
  std::vector<mpic_line_t *> m_lines; // by source number (null when not bindable)
  std::vector<mpic_line_t *> m_msi;   // by MSI bank
  std::unique_ptr<AsyncChannel> m_async;
  std::deque<PinChange> m_pending;
  sc_core::sc_event m_wake;
  std::vector<bool> m_in_level; // last applied level of irq[] then internal[]
  bool m_in_reset = false;
  bool m_started = false;
  bool m_traced = false;
  Stats m_stats;

  // AT state
  tlm_utils::peq_with_cb_and_phase<Mpic> m_peq;
  tlm::tlm_generic_payload *m_req = nullptr;         // accepted, END_REQ not yet sent
  std::deque<tlm::tlm_generic_payload *> m_req_wait; // BEGIN_REQ while m_req busy
  tlm::tlm_generic_payload *m_resp = nullptr;        // BEGIN_RESP sent, END_RESP awaited
  std::deque<tlm::tlm_generic_payload *> m_resp_wait;
  struct AtInfo {
    tlm::tlm_generic_payload *gp;
    mpic_cycle_t done;
  };
  std::vector<AtInfo> m_at_done; // completion cycle of accepted AT requests

  // Dummy signals for pins a platform leaves unbound.
  std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> m_dummy;

  // Traced internal state (written by the wrapper's processes and by the
  // initiator processes calling b_transport).
  template <typename T> using any_writer = sc_core::sc_signal<T, sc_core::SC_UNCHECKED_WRITERS>;
  sc_core::sc_vector<any_writer<sc_dt::sc_uint<4>>> m_ctpr;
  sc_core::sc_vector<any_writer<sc_dt::sc_uint<5>>> m_isr_depth;
  sc_core::sc_vector<any_writer<sc_dt::sc_uint<16>>> m_iack_vector;
  any_writer<sc_dt::sc_uint<32>> m_bus_addr, m_bus_data;
  any_writer<bool> m_bus_write;
  any_writer<sc_dt::sc_uint<8>> m_bus_status;
  any_writer<sc_dt::sc_uint<5>> m_bus_cpu;
};

// Big-endian helpers (registers are big-endian on the e500 bus).
inline uint32_t load_be32(const unsigned char *p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
inline void store_be32(unsigned char *p, uint32_t v) {
  p[0] = uint8_t(v >> 24);
  p[1] = uint8_t(v >> 16);
  p[2] = uint8_t(v >> 8);
  p[3] = uint8_t(v);
}

} // namespace mpic_tlm

#endif
