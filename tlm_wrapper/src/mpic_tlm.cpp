// mpic_tlm.cpp - the SystemC / TLM-2.0 wrapper (see mpic_tlm.hpp, docs/tlm.md).
#include "mpic_tlm.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

using namespace sc_core;

namespace mpic_tlm {

static const char *const MSG = "/mpic_tlm";

// ---------------------------------------------------------------- Config ----

static bool parse_uint(const std::string &s, uint64_t &out) {
  if (s.empty()) return false;
  char *end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s.c_str(), &end, 0);
  if (errno || *end || s[0] == '-') return false;
  out = v;
  return true;
}

static bool parse_clock(const std::string &s, sc_time &out) {
  char *end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !(v > 0)) return false;
  std::string unit(end);
  if (unit == "ps")
    out = sc_time(v, SC_PS);
  else if (unit == "ns")
    out = sc_time(v, SC_NS);
  else if (unit == "us")
    out = sc_time(v, SC_US);
  else if (unit == "MHz")
    out = sc_time(1e6 / v, SC_PS);
  else if (unit == "GHz")
    out = sc_time(1e3 / v, SC_PS);
  else
    return false;
  return out > SC_ZERO_TIME;
}

void Config::set(const std::string &key, const std::string &value) {
  auto bad = [&](const char *why) {
    throw std::invalid_argument("mpic_tlm config: " + key + "=" + value + ": " + why);
  };
  uint64_t u = 0;
  if (key == "variant") {
    if (!mpic_variant_find(value.c_str())) bad("unknown variant");
    variant = value;
  } else if (key == "cpus") {
    if (!parse_uint(value, u) || u < 1 || u > MPIC_MAX_CPUS) bad("expected 1..32");
    cpus = unsigned(u);
  } else if (key == "clock") {
    sc_time t;
    if (!parse_clock(value, t)) bad("expected a period (2.5ns, 10000ps) or a frequency (400MHz)");
    clock_period = t;
  } else if (key == "default_cpu") {
    if (!parse_uint(value, u) || u >= MPIC_MAX_CPUS) bad("expected 0..31");
    default_cpu = unsigned(u);
  } else if (key == "at_accept") {
    if (!parse_uint(value, u) || u > 1000000) bad("expected a cycle count");
    at_accept = unsigned(u);
  } else {
    mpic_param_t p;
    if (mpic_param_find(key.c_str(), &p) != MPIC_OK) bad("unknown key");
    mpic_config_t scratch;
    mpic_config_init(&scratch, "fsl-v4.2");
    if (mpic_config_set(&scratch, key.c_str(), value.c_str()) != MPIC_OK) bad("bad value");
    for (auto &kv : params)
      if (kv.first == key) {
        kv.second = value;
        return;
      }
    params.emplace_back(key, value);
  }
}

void Config::apply(const std::string &text) {
  Config copy = *this;
  std::string t = text;
  std::replace(t.begin(), t.end(), ',', ' ');
  std::istringstream in(t);
  std::string item;
  while (in >> item) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("mpic_tlm config: expected key=value, got '" + item + "'");
    copy.set(item.substr(0, eq), item.substr(eq + 1));
  }
  *this = copy;
}

// ---------------------------------------------------------- AsyncChannel ----

class Mpic::AsyncChannel : public sc_prim_channel {
public:
  explicit AsyncChannel(Mpic &owner) : sc_prim_channel("async"), m_owner(owner) {}
  void wake() { async_request_update(); }

protected:
  void update() override { m_owner.drain_async(); }

private:
  Mpic &m_owner;
};

// ---------------------------------------------------------------- Module ----

Mpic::Mpic(sc_module_name name, const std::string &params) : Mpic(name, Config::parse(params)) {}

Mpic::Mpic(sc_module_name name, const Config &cfg)
    : sc_module(name), socket("socket"), irq("irq"), internal("internal"), reset("reset"),
      int_out("int"), cint_out("cint"), mcp_out("mcp"), reset_out("core_reset"), irq_out("irq_out"),
      m_cfg(cfg), m_peq(this, &Mpic::peq_cb), m_ctpr("ctpr"), m_isr_depth("isr_depth"),
      m_iack_vector("iack_vector"), m_bus_addr("bus_addr"), m_bus_data("bus_data"),
      m_bus_write("bus_write"), m_bus_status("bus_status"), m_bus_cpu("bus_cpu") {
  build();
  socket.register_b_transport(this, &Mpic::b_transport);
  socket.register_nb_transport_fw(this, &Mpic::nb_transport_fw);
  socket.register_transport_dbg(this, &Mpic::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &Mpic::get_direct_mem_ptr);

  SC_HAS_PROCESS(Mpic);
  SC_METHOD(inputs_method);
  for (auto &p : irq)
    sensitive << p;
  for (auto &p : internal)
    sensitive << p;
  sensitive << reset;
  SC_METHOD(update_method);
  sensitive << m_wake;
}

void Mpic::build() {
  if (m_cfg.clock_period == SC_ZERO_TIME)
    throw std::invalid_argument("mpic_tlm config: clock period must be > 0");
  m_period = m_cfg.clock_period.value();
  mpic_config_t c;
  if (mpic_config_init(&c, m_cfg.variant.c_str()) != MPIC_OK)
    throw std::invalid_argument("mpic_tlm config: unknown variant " + m_cfg.variant);
  c.ncpus = m_cfg.cpus;
  for (auto &kv : m_cfg.params)
    if (mpic_config_set(&c, kv.first.c_str(), kv.second.c_str()) != MPIC_OK)
      throw std::invalid_argument("mpic_tlm config: " + kv.first + "=" + kv.second);
  c.output = &Mpic::on_output;
  c.output_ctx = this;
  c.log = &Mpic::on_log;
  c.log_ctx = this;
  c.wake = &Mpic::on_wake;
  c.wake_ctx = this;
  mpic_status_t st = mpic_create(&c, &m_core);
  if (st != MPIC_OK)
    throw std::invalid_argument(std::string("mpic_tlm config: ") + mpic_status_name(st) +
                                " (variant " + m_cfg.variant + ", cpus " +
                                std::to_string(m_cfg.cpus) + ")");
  m_var = mpic_variant(m_core);
  m_ncpus = mpic_ncpus(m_core);
  if (m_cfg.default_cpu >= m_ncpus)
    throw std::invalid_argument("mpic_tlm config: default_cpu beyond the configured cores");

  size_t sz = 0, wr = 0;
  mpic_snapshot_size(m_core, &sz);
  m_poweron.resize(sz);
  check(mpic_save(m_core, m_poweron.data(), sz, &wr), "power-on snapshot");

  m_lines.assign(mpic_source_slots(m_core), nullptr);
  for (unsigned s = 0; s < m_lines.size(); s++) {
    mpic_line_t *h = nullptr;
    if (mpic_line_bind(m_core, s, &h) == MPIC_OK) m_lines[s] = h;
  }
  for (unsigned b = 0; b < m_var->msi_banks; b++) {
    mpic_line_t *h = nullptr;
    if (mpic_msi_bind(m_core, b, &h) == MPIC_OK) m_msi.push_back(h);
  }
  m_async.reset(new AsyncChannel(*this));

  irq.init(m_var->n_ext);
  internal.init(m_var->n_int);
  int_out.init(m_ncpus);
  cint_out.init(m_ncpus);
  mcp_out.init(m_ncpus);
  reset_out.init(m_ncpus);
  m_ctpr.init(m_ncpus);
  m_isr_depth.init(m_ncpus);
  m_iack_vector.init(m_ncpus);
  m_in_level.assign(m_var->n_ext + m_var->n_int, false);
}

Mpic::~Mpic() {
  for (auto *h : m_lines)
    if (h) mpic_line_release(h);
  for (auto *h : m_msi)
    mpic_line_release(h);
  mpic_destroy(m_core);
}

void Mpic::before_end_of_elaboration() {
  auto dummy = [this]() {
    m_dummy.emplace_back(new sc_signal<bool>(sc_gen_unique_name("unbound")));
    return m_dummy.back().get();
  };
  for (auto &p : irq)
    if (p.bind_count() == 0) p.bind(*dummy());
  for (auto &p : internal)
    if (p.bind_count() == 0) p.bind(*dummy());
  if (reset.bind_count() == 0) reset.bind(*dummy());
  for (auto *v : {&int_out, &cint_out, &mcp_out, &reset_out})
    for (auto &p : *v)
      if (p.bind_count() == 0) p.bind(*dummy());
  if (irq_out.bind_count() == 0) irq_out.bind(*dummy());
}

void Mpic::start_of_simulation() {
  check(mpic_set_owner(m_core), "set owner");
}

void Mpic::end_of_simulation() {}

// ------------------------------------------------------------------ Time ----

mpic_cycle_t Mpic::to_cycle(const sc_time &t) const {
  return (t.value() + m_period - 1) / m_period;
}

mpic_cycle_t Mpic::clamp(mpic_cycle_t c) {
  mpic_cycle_t now = mpic_now(m_core);
  if (c < now) {
    m_stats.clamped++;
    return now;
  }
  return c;
}

void Mpic::check(mpic_status_t st, const char *what) {
  if (st != MPIC_OK) {
    std::string m = std::string(what) + ": " + mpic_status_name(st);
    SC_REPORT_ERROR(MSG, m.c_str());
  }
}

// ------------------------------------------------------- Core callbacks ----

void Mpic::on_output(void *ctx, unsigned cpu, mpic_pin_t pin, bool level, mpic_cycle_t when) {
  auto *self = static_cast<Mpic *>(ctx);
  PinChange pc{when, cpu, pin, level};
  auto it =
      std::upper_bound(self->m_pending.begin(), self->m_pending.end(), pc,
                       [](const PinChange &a, const PinChange &b) { return a.when < b.when; });
  self->m_pending.insert(it, pc);
}

void Mpic::on_log(void *ctx, mpic_log_level_t lvl, mpic_cycle_t when, const char *msg) {
  auto *self = static_cast<Mpic *>(ctx);
  std::string m = std::string(self->name()) + " @" + std::to_string(when) + ": " + msg;
  if (lvl == MPIC_LOG_WARN)
    SC_REPORT_WARNING("/mpic_tlm/core", m.c_str());
  else
    SC_REPORT_INFO_VERB("/mpic_tlm/core", m.c_str(), SC_MEDIUM);
}

// Any thread.
void Mpic::on_wake(void *ctx) {
  static_cast<Mpic *>(ctx)->m_async->wake();
}

void Mpic::drain_async() {
  mpic_cycle_t now = clamp(sc_time_stamp().value() / m_period);
  check(mpic_drain(m_core, now), "drain");
  schedule();
}

mpic_status_t Mpic::post_irq(unsigned source, bool level) {
  if (source >= m_lines.size() || !m_lines[source]) return MPIC_E_RANGE;
  return mpic_line_post(m_lines[source], level);
}

mpic_status_t Mpic::post_msi(unsigned bank, uint32_t msiir) {
  if (bank >= m_msi.size()) return MPIC_E_RANGE;
  return mpic_line_post_msi(m_msi[bank], msiir);
}

// -------------------------------------------------------- Pins and events ----

void Mpic::schedule() {
  mpic_cycle_t next = mpic_next_event(m_core);
  if (!m_pending.empty()) next = std::min(next, m_pending.front().when);
  if (next == MPIC_NEVER) return;
  const sc_time now = sc_time_stamp();
  const sc_time t = to_time(next);
  if (t <= now)
    m_wake.notify(SC_ZERO_TIME);
  else
    m_wake.notify(t - now);
}

void Mpic::sample_state() {
  if (!m_traced) return;
  for (unsigned c = 0; c < m_ncpus; c++) {
    mpic_cpu_state_t s;
    if (mpic_cpu_state(m_core, c, &s) != MPIC_OK) continue;
    m_ctpr[c].write(s.ctpr);
    m_isr_depth[c].write(s.isr_depth);
    m_iack_vector[c].write(s.iack_vector);
  }
}

void Mpic::update_method() {
  m_wake_at = MPIC_NEVER;
  const mpic_cycle_t now = sc_time_stamp().value() / m_period;
  if (!m_started) {
    // First run: drive every output to the core's level.
    m_started = true;
    for (unsigned c = 0; c < m_ncpus; c++) {
      bool l = false;
      mpic_get_output(m_core, c, MPIC_PIN_INT, &l), int_out[c].write(l);
      mpic_get_output(m_core, c, MPIC_PIN_CINT, &l), cint_out[c].write(l);
      mpic_get_output(m_core, c, MPIC_PIN_MCP, &l), mcp_out[c].write(l);
      mpic_get_output(m_core, c, MPIC_PIN_RESET, &l), reset_out[c].write(l);
    }
    bool l = false;
    mpic_get_output(m_core, 0, MPIC_PIN_IRQ_OUT, &l), irq_out.write(l);
  }
  if (now >= mpic_now(m_core) && mpic_next_event(m_core) <= now)
    check(mpic_advance(m_core, now), "advance");
  while (!m_pending.empty() && m_pending.front().when <= now) {
    const PinChange pc = m_pending.front();
    m_pending.pop_front();
    switch (pc.pin) {
    case MPIC_PIN_INT: int_out[pc.cpu].write(pc.level); break;
    case MPIC_PIN_CINT: cint_out[pc.cpu].write(pc.level); break;
    case MPIC_PIN_MCP: mcp_out[pc.cpu].write(pc.level); break;
    case MPIC_PIN_RESET: reset_out[pc.cpu].write(pc.level); break;
    case MPIC_PIN_IRQ_OUT: irq_out.write(pc.level); break;
    default: break;
    }
  }
  sample_state();
  schedule();
}

void Mpic::inputs_method() {
  const mpic_cycle_t now = clamp(to_cycle(sc_time_stamp()));
  const bool r = reset.read();
  if (r && !m_in_reset) {
    // Power-on reset: restore the snapshot taken at construction, then
    // re-apply the input levels and drive the outputs to their reset levels.
    check(mpic_restore(m_core, m_poweron.data(), m_poweron.size()), "reset");
    m_pending.clear();
    std::fill(m_in_level.begin(), m_in_level.end(), false);
    for (unsigned c = 0; c < m_ncpus; c++)
      for (int p = MPIC_PIN_INT; p <= MPIC_PIN_RESET; p++) {
        bool l = false;
        mpic_get_output(m_core, c, mpic_pin_t(p), &l);
        m_pending.push_back({0, c, mpic_pin_t(p), l});
      }
    bool l = false;
    mpic_get_output(m_core, 0, MPIC_PIN_IRQ_OUT, &l);
    m_pending.push_back({0, 0, MPIC_PIN_IRQ_OUT, l});
    m_stats.resets++;
  }
  m_in_reset = r;
  const mpic_cycle_t at = std::max(now, mpic_now(m_core));
  const unsigned n_ext = m_var->n_ext;
  for (unsigned i = 0; i < m_in_level.size(); i++) {
    const bool l = i < n_ext ? irq[i].read() : internal[i - n_ext].read();
    if (l == m_in_level[i]) continue;
    m_in_level[i] = l;
    const unsigned src = i < n_ext ? i : 16 + (i - n_ext);
    mpic_status_t st = mpic_set_irq(m_core, at, src, l);
    if (st == MPIC_E_DRIVEN) {
      std::string m = std::string(name()) + ": source " + std::to_string(src) +
                      " is driven inside the MPIC on " + m_var->name + "; pin ignored";
      SC_REPORT_WARNING(MSG, m.c_str());
    } else {
      check(st, "set_irq");
    }
  }
  sample_state();
  schedule();
}

// ---------------------------------------------------------- Bus accesses ----

unsigned Mpic::cpu_of(const tlm::tlm_generic_payload &gp) const {
  CpuIdExtension *e = nullptr;
  gp.get_extension(e);
  return e ? e->cpu : m_cfg.default_cpu;
}

mpic_cycle_t Mpic::access(tlm::tlm_generic_payload &gp, mpic_cycle_t issue) {
  using namespace tlm;
  gp.set_dmi_allowed(false);
  const tlm_command cmd = gp.get_command();
  // A rejected access completes with its error after the plain read / write
  // latency, as the core reports it and the RTL bus ends it with TEA.
  const mpic_cycle_t rejected =
      issue +
      mpic_get_param(m_core, cmd == TLM_WRITE_COMMAND ? MPIC_P_WRITE_LATENCY : MPIC_P_READ_LATENCY);
  if (cmd != TLM_READ_COMMAND && cmd != TLM_WRITE_COMMAND) {
    gp.set_response_status(TLM_COMMAND_ERROR_RESPONSE);
    m_stats.errors++;
    return rejected;
  }
  const sc_dt::uint64 addr = gp.get_address();
  tlm_response_status rs = TLM_OK_RESPONSE;
  if (gp.get_data_length() != 4 || gp.get_streaming_width() < 4) {
    rs = TLM_BURST_ERROR_RESPONSE; // one 4-byte beat only
  } else if (const unsigned char *be = gp.get_byte_enable_ptr()) {
    const unsigned n = gp.get_byte_enable_length();
    for (unsigned i = 0; i < 4; i++)
      if (n == 0 || be[i % n] != TLM_BYTE_ENABLED) rs = TLM_BYTE_ENABLE_ERROR_RESPONSE;
  }
  if (rs == TLM_OK_RESPONSE && addr >= MPIC_BLOCK_SIZE) rs = TLM_ADDRESS_ERROR_RESPONSE;
  const unsigned cpu = cpu_of(gp);
  mpic_cycle_t done = issue;
  uint32_t v = 0;
  mpic_status_t st = MPIC_OK;
  if (rs == TLM_OK_RESPONSE) {
    unsigned char *d = gp.get_data_ptr();
    if (cmd == TLM_READ_COMMAND) {
      st = mpic_read(m_core, issue, cpu, uint32_t(addr), 4, &v, &done);
      if (st == MPIC_OK) store_be32(d, v);
    } else {
      v = load_be32(d);
      st = mpic_write(m_core, issue, cpu, uint32_t(addr), 4, v, &done);
    }
    switch (st) {
    case MPIC_OK: break;
    case MPIC_E_UNMAPPED: rs = TLM_ADDRESS_ERROR_RESPONSE; break;
    case MPIC_E_SIZE: rs = TLM_BURST_ERROR_RESPONSE; break;
    case MPIC_E_MISALIGNED: rs = TLM_BYTE_ENABLE_ERROR_RESPONSE; break;
    default: rs = TLM_GENERIC_ERROR_RESPONSE; break; // core out of range, ...
    }
  }
  gp.set_response_status(rs);
  if (rs == TLM_OK_RESPONSE)
    (cmd == TLM_READ_COMMAND ? m_stats.reads : m_stats.writes)++;
  else
    m_stats.errors++, done = rejected;
  if (m_traced) {
    m_bus_addr.write(uint32_t(addr));
    m_bus_data.write(v);
    m_bus_write.write(cmd == TLM_WRITE_COMMAND);
    m_bus_status.write(unsigned(rs < 0 ? -rs : rs));
    m_bus_cpu.write(cpu);
    sample_state();
  }
  return done;
}

void Mpic::b_transport(tlm::tlm_generic_payload &gp, sc_time &delay) {
  const sc_time now = sc_time_stamp();
  const mpic_cycle_t issue = clamp(to_cycle(now + delay));
  const mpic_cycle_t done = access(gp, issue);
  delay = to_time(done) - now;
  schedule();
}

unsigned Mpic::transport_dbg(tlm::tlm_generic_payload &gp) {
  const auto cmd = gp.get_command();
  const sc_dt::uint64 addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if ((cmd != tlm::TLM_READ_COMMAND && cmd != tlm::TLM_WRITE_COMMAND) || (addr & 3) || (len & 3))
    return 0;
  const unsigned cpu = cpu_of(gp);
  unsigned char *d = gp.get_data_ptr();
  unsigned n = 0;
  for (; n < len; n += 4) {
    if (addr + n >= MPIC_BLOCK_SIZE) break;
    uint32_t v = 0;
    if (cmd == tlm::TLM_READ_COMMAND) {
      if (mpic_peek(m_core, cpu, uint32_t(addr + n), &v) != MPIC_OK) break;
      store_be32(d + n, v);
    } else {
      if (mpic_poke(m_core, cpu, uint32_t(addr + n), load_be32(d + n)) != MPIC_OK) break;
    }
  }
  m_stats.debug++;
  if (cmd == tlm::TLM_WRITE_COMMAND && sc_is_running()) schedule();
  return n;
}

bool Mpic::get_direct_mem_ptr(tlm::tlm_generic_payload &, tlm::tlm_dmi &dmi) {
  dmi.allow_none();
  dmi.set_start_address(0);
  dmi.set_end_address(MPIC_BLOCK_SIZE - 1);
  return false;
}

mpic_status_t Mpic::acknowledge(unsigned cpu, uint32_t &vector, const sc_time &delay) {
  const mpic_cycle_t at = clamp(to_cycle(sc_time_stamp() + delay));
  mpic_status_t st = mpic_ack(m_core, at, cpu, &vector);
  sample_state();
  schedule();
  return st;
}

// -------------------------------------------------------------------- AT ----
// Four phases. A request is accepted (issued to the core) when it arrives, or,
// if an earlier request has not had its END_REQ yet, when that END_REQ is sent
// (back-pressure). END_REQ follows at issue + at_accept cycles, BEGIN_RESP at
// the core's completion cycle (not before END_REQ). BEGIN_RESPs wait for the
// previous END_RESP (response exclusion rule).

tlm::tlm_sync_enum Mpic::nb_transport_fw(tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph,
                                         sc_time &delay) {
  if (ph == tlm::BEGIN_REQ) {
    if (gp.has_mm()) gp.acquire();
    m_peq.notify(gp, ph, delay);
    return tlm::TLM_ACCEPTED;
  }
  if (ph == tlm::END_RESP) {
    if (&gp != m_resp) {
      SC_REPORT_ERROR(MSG, "END_RESP for a transaction without an outstanding BEGIN_RESP");
      return tlm::TLM_COMPLETED;
    }
    m_resp = nullptr;
    if (gp.has_mm()) gp.release();
    if (!m_resp_wait.empty()) {
      tlm::tlm_generic_payload *next = m_resp_wait.front();
      m_resp_wait.pop_front();
      m_peq.notify(*next, tlm::BEGIN_RESP, delay);
    }
    return tlm::TLM_COMPLETED;
  }
  SC_REPORT_ERROR(MSG, "nb_transport_fw: illegal phase (only BEGIN_REQ and END_RESP)");
  return tlm::TLM_COMPLETED;
}

void Mpic::at_accept(tlm::tlm_generic_payload &gp) {
  m_req = &gp;
  const mpic_cycle_t issue = clamp(to_cycle(sc_time_stamp()));
  const mpic_cycle_t done = access(gp, issue);
  m_at_done.push_back({&gp, done});
  schedule();
  m_peq.notify(gp, tlm::END_REQ, to_time(issue + m_cfg.at_accept) - sc_time_stamp());
}

void Mpic::peq_cb(tlm::tlm_generic_payload &gp, const tlm::tlm_phase &ph) {
  if (ph == tlm::BEGIN_REQ) {
    if (m_req) {
      m_req_wait.push_back(&gp);
      m_stats.backpressed++;
    } else {
      at_accept(gp);
    }
  } else if (ph == tlm::END_REQ) {
    tlm::tlm_phase p = tlm::END_REQ;
    sc_time d = SC_ZERO_TIME;
    socket->nb_transport_bw(gp, p, d);
    m_req = nullptr;
    mpic_cycle_t done = 0;
    for (auto it = m_at_done.begin(); it != m_at_done.end(); ++it)
      if (it->gp == &gp) {
        done = it->done;
        m_at_done.erase(it);
        break;
      }
    const sc_time now = sc_time_stamp();
    const sc_time t = to_time(done);
    m_peq.notify(gp, tlm::BEGIN_RESP, t > now ? t - now : SC_ZERO_TIME);
    if (!m_req_wait.empty()) {
      tlm::tlm_generic_payload *next = m_req_wait.front();
      m_req_wait.pop_front();
      at_accept(*next);
    }
  } else if (ph == tlm::BEGIN_RESP) {
    if (m_resp)
      m_resp_wait.push_back(&gp);
    else
      at_send_resp(gp);
  }
}

void Mpic::at_send_resp(tlm::tlm_generic_payload &gp) {
  tlm::tlm_phase p = tlm::BEGIN_RESP;
  sc_time d = SC_ZERO_TIME;
  m_resp = &gp;
  tlm::tlm_sync_enum r = socket->nb_transport_bw(gp, p, d);
  if (r == tlm::TLM_COMPLETED || (r == tlm::TLM_UPDATED && p == tlm::END_RESP)) {
    m_resp = nullptr;
    if (gp.has_mm()) gp.release();
    if (!m_resp_wait.empty()) {
      tlm::tlm_generic_payload *next = m_resp_wait.front();
      m_resp_wait.pop_front();
      m_peq.notify(*next, tlm::BEGIN_RESP, d);
    }
  }
}

// --------------------------------------------------------------- Tracing ----

void Mpic::trace(sc_trace_file *tf) const {
  if (!tf) return;
  auto *self = const_cast<Mpic *>(this);
  self->m_traced = true;
  for (auto &p : irq)
    sc_trace(tf, p, p.name());
  for (auto &p : internal)
    sc_trace(tf, p, p.name());
  sc_trace(tf, reset, reset.name());
  for (unsigned c = 0; c < m_ncpus; c++) {
    sc_trace(tf, int_out[c], int_out[c].name());
    sc_trace(tf, cint_out[c], cint_out[c].name());
    sc_trace(tf, mcp_out[c], mcp_out[c].name());
    sc_trace(tf, reset_out[c], reset_out[c].name());
    sc_trace(tf, m_ctpr[c], m_ctpr[c].name());
    sc_trace(tf, m_isr_depth[c], m_isr_depth[c].name());
    sc_trace(tf, m_iack_vector[c], m_iack_vector[c].name());
  }
  sc_trace(tf, irq_out, irq_out.name());
  sc_trace(tf, m_bus_addr, m_bus_addr.name());
  sc_trace(tf, m_bus_data, m_bus_data.name());
  sc_trace(tf, m_bus_write, m_bus_write.name());
  sc_trace(tf, m_bus_status, m_bus_status.name());
  sc_trace(tf, m_bus_cpu, m_bus_cpu.name());
}

} // namespace mpic_tlm
