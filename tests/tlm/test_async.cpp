// Thread-safe injection: another host thread posts MSIs and level changes
// through the core's async path; async_request_update wakes the kernel, which
// drains them. Every posted change is applied and handled.
#include <atomic>
#include <thread>

#include "tlm_test.hpp"

using namespace sc_core;

TEST(TlmAsync, InjectionFromAThread) {
  mpic_tlm::Mpic mpic("mpic", "variant=fsl-v4.2 cpus=1");
  tt::Initiator I("init");
  I.sock.bind(mpic.socket);
  sc_signal<bool> int0("int0");
  mpic.int_out[0](int0);
  std::atomic<bool> ready{false}, done{false};
  std::thread host;
  unsigned msi_bits = 0, level_irqs = 0;
  I.body = [&](tt::Initiator &I) {
    I.wr(0x1020, 0x20000000);
    I.wr(0x11C00, 0x00070066); // MSIVPR0..7 of bank 0: vector 102+k
    for (unsigned k = 0; k < 8; k++) {
      I.wr(0x11C00 + 0x20 * k, 0x00070066 + k);
      I.wr(0x11C10 + 0x20 * k, 0x1);
    }
    I.wr(0x10260, 0x00050013); // IIVPR3 (source 19): prio 5, vector 19
    I.wr(0x10270, 0x1);
    I.wr(0x20080, 0);
    ready = true;
    // Handle interrupts until the thread has finished and everything posted
    // has been applied.
    for (;;) {
      mpic_async_stats_t as;
      mpic_async_stats(mpic.core(), &as);
      if (done && as.applied == as.posted && !int0.read()) {
        wait(sc_time(100, SC_NS)); // outputs follow after their latency
        if (!int0.read()) break;
      }
      if (!int0.read()) {
        wait(sc_time(1, SC_US), int0.posedge_event()); // timeout: the thread may be slow
        continue;
      }
      const uint32_t v = I.rd(0xA0) & 0xFFFF;
      if (v >= 102 && v < 110) {
        const uint32_t r = I.rd(0x1600 + 0x10 * (v - 102)); // MSIR: read clears
        msi_bits += __builtin_popcount(r);
      } else if (v == 19) {
        level_irqs++;
        ASSERT_EQ(mpic.post_irq(19, false), MPIC_OK); // the "device" quiets (async too)
        for (;;) {                                    // wait until the kernel has drained it
          mpic_async_stats_t a;
          mpic_async_stats(mpic.core(), &a);
          if (a.applied == a.posted) break;
          wait(sc_time(1, SC_NS));
        }
      }
      I.wr(0xB0, 0);
    }
  };
  host = std::thread([&] {
    while (!ready)
      std::this_thread::yield();
    for (unsigned srs = 0; srs < 8; srs++)
      for (unsigned ibs = 0; ibs < 32; ibs++) {
        EXPECT_EQ(mpic.post_msi(0, srs << 29 | ibs << 24), MPIC_OK);
        if (ibs % 8 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    EXPECT_EQ(mpic.post_irq(19, true), MPIC_OK);
    EXPECT_EQ(mpic.post_msi(9, 0), MPIC_E_RANGE);
    EXPECT_EQ(mpic.post_irq(400, true), MPIC_E_RANGE);
    done = true;
  });
  sc_start();
  host.join();
  EXPECT_EQ(msi_bits, 256u);
  EXPECT_EQ(level_irqs, 1u);
  mpic_async_stats_t as;
  mpic_async_stats(mpic.core(), &as);
  EXPECT_EQ(as.posted, 258u);
  EXPECT_EQ(as.applied, 258u);
}
