// Every response status of b_transport, big-endian data, latency in delay,
// DMI refused.
#include "tlm_test.hpp"
#include <algorithm>
#include <cmath>

using namespace tlm;
using sc_core::SC_NS;
using sc_core::sc_time;
using tt::Initiator;

static tlm_response_status raw(Initiator &I, tlm_command cmd, uint64_t addr, unsigned len,
                               unsigned sw, const unsigned char *be, unsigned be_len, sc_time &d,
                               unsigned char *buf) {
  tlm_generic_payload gp;
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(buf);
  gp.set_data_length(len);
  gp.set_streaming_width(sw);
  gp.set_byte_enable_ptr(const_cast<unsigned char *>(be));
  gp.set_byte_enable_length(be_len);
  gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
  I.sock->b_transport(gp, d);
  EXPECT_FALSE(gp.is_dmi_allowed());
  return gp.get_response_status();
}

TEST(TlmStatus, EveryResponseStatus) {
  mpic_tlm::Mpic mpic("mpic", "variant=fsl-v4.2 cpus=2");
  Initiator I("init");
  I.sock.bind(mpic.socket);
  I.body = [&](Initiator &I) {
    unsigned char buf[8] = {0};
    const sc_time lat = sc_time(10, SC_NS); // read_latency 4 x 2.5 ns
    // OK, big-endian on the bus, latency added to delay.
    sc_time d = sc_time(5, SC_NS);
    EXPECT_EQ(raw(I, TLM_READ_COMMAND, 0x0, 4, 4, nullptr, 0, d, buf), TLM_OK_RESPONSE);
    EXPECT_EQ(buf[0], 0x00);
    EXPECT_EQ(buf[1], 0x40);
    EXPECT_EQ(buf[2], 0x04);
    EXPECT_EQ(buf[3], 0x02);
    EXPECT_EQ(d, sc_time(5, SC_NS) + lat);
    // Write big-endian: CTPR of core 0 = 5 (byte 3 is the LSB).
    unsigned char w[4] = {0, 0, 0, 5};
    d = sc_core::SC_ZERO_TIME;
    // Issued at cycle 0 while the core is already at cycle 2 (the read above
    // was issued at 5 ns): clamped to cycle 2, done at 6 = 15 ns.
    EXPECT_EQ(raw(I, TLM_WRITE_COMMAND, 0x20080, 4, 4, nullptr, 0, d, w), TLM_OK_RESPONSE);
    EXPECT_EQ(d, sc_time(15, SC_NS));
    EXPECT_EQ(mpic.stats().clamped, 1u);
    wait(d);
    EXPECT_EQ(I.rd(0x20080), 5u);
    // Full byte enables are accepted.
    const unsigned char all[4] = {0xff, 0xff, 0xff, 0xff};
    d = sc_core::SC_ZERO_TIME;
    EXPECT_EQ(raw(I, TLM_READ_COMMAND, 0x1000, 4, 4, all, 4, d, buf), TLM_OK_RESPONSE);
    const unsigned char one[1] = {0xff};
    EXPECT_EQ(raw(I, TLM_READ_COMMAND, 0x1000, 4, 4, one, 1, d, buf), TLM_OK_RESPONSE);

    // Errors complete after the plain read / write latency (as the core reports and the
    // RTL bus ends them with TEA): the annotated delay grows by exactly that.
    const sc_time d0 = sc_time(7, SC_NS);
    auto err = [&](tlm_command cmd, uint64_t a, unsigned len, unsigned sw, const unsigned char *be,
                   unsigned bel) {
      sc_time e = d0;
      // issue cycle: the requested time rounded up to a clock edge, never before the core
      const sc_time period = sc_time(2.5, SC_NS);
      uint64_t want = uint64_t(std::ceil((sc_core::sc_time_stamp() + d0) / period));
      want = std::max<uint64_t>(want, mpic_now(mpic.core()));
      tlm_response_status s = raw(I, cmd, a, len, sw, be, bel, e, buf);
      const uint64_t lat = 4; // default read_latency and write_latency
      EXPECT_EQ(sc_core::sc_time_stamp() + e, double(want + lat) * period)
          << "rejected access completion";
      return s;
    };
    // Address errors: a hole in the map, the this-CPU page gap, beyond the block.
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x0004, 4, 4, nullptr, 0), TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_WRITE_COMMAND, 0x3F000, 4, 4, nullptr, 0), TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x40000, 4, 4, nullptr, 0), TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x100000000ull, 4, 4, nullptr, 0), TLM_ADDRESS_ERROR_RESPONSE);
    // Burst errors: more or less than one 4-byte beat, streaming.
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x1000, 8, 8, nullptr, 0), TLM_BURST_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x1000, 2, 2, nullptr, 0), TLM_BURST_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_WRITE_COMMAND, 0x1000, 1, 1, nullptr, 0), TLM_BURST_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x1000, 4, 2, nullptr, 0), TLM_BURST_ERROR_RESPONSE);
    // Byte-enable errors: partial lanes, and misaligned words.
    const unsigned char part[4] = {0xff, 0xff, 0x00, 0xff};
    EXPECT_EQ(err(TLM_WRITE_COMMAND, 0x20080, 4, 4, part, 4), TLM_BYTE_ENABLE_ERROR_RESPONSE);
    const unsigned char half[2] = {0x00, 0xff};
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x1000, 4, 4, half, 2), TLM_BYTE_ENABLE_ERROR_RESPONSE);
    EXPECT_EQ(err(TLM_READ_COMMAND, 0x1002, 4, 4, nullptr, 0), TLM_BYTE_ENABLE_ERROR_RESPONSE);
    // Command error.
    EXPECT_EQ(err(TLM_IGNORE_COMMAND, 0x1000, 4, 4, nullptr, 0), TLM_COMMAND_ERROR_RESPONSE);
    // Generic error: a CPU id beyond the configured cores.
    uint32_t v = 0;
    sc_time e = d0;
    const sc_time at = sc_core::sc_time_stamp();
    EXPECT_EQ(I.access(TLM_READ_COMMAND, 0x90, v, e, 5), TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_GT(at + e, at + d0) << "completes after the plain read latency";
    // The failed write above did not store anything.
    EXPECT_EQ(I.rd(0x20080), 5u);

    // DMI is refused for the whole block.
    tlm_generic_payload gp;
    gp.set_address(0);
    gp.set_command(TLM_READ_COMMAND);
    tlm_dmi dmi;
    EXPECT_FALSE(I.sock->get_direct_mem_ptr(gp, dmi));
    EXPECT_EQ(dmi.get_start_address(), 0u);
    EXPECT_EQ(dmi.get_end_address(), MPIC_BLOCK_SIZE - 1u);
    EXPECT_FALSE(dmi.is_read_allowed());
    EXPECT_FALSE(dmi.is_write_allowed());
  };
  sc_core::sc_start();
  EXPECT_TRUE(I.finished);
  EXPECT_EQ(mpic.stats().errors, 13u);
}
