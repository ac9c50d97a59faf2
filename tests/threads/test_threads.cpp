// Threading contract: posts from any thread are applied by the owner, in posting order,
// none lost or duplicated; calls from another thread are rejected with MPIC_E_THREAD and
// logged; mpic_set_owner moves ownership. Built as build/bin/thread_tests, run normally
// (make test-threads) and under ThreadSanitizer (make test-tsan).
#include "fixture.hpp"
#include "state.hpp"

#include <atomic>
#include <bitset>
#include <chrono>
#include <functional>
#include <thread>

using namespace mt;

namespace {

constexpr unsigned THREADS = 8;
constexpr unsigned PAIRS = 20000;         // level toggles (1, 0) per thread
constexpr unsigned FIRST_LINE = 17;       // internal sources 17..24 (no synchroniser)
constexpr unsigned MSI_BITS = 3 * 8 * 32; // v4.2: 3 banks x 8 MSIRs x 32 bits

std::atomic<uint64_t> wakeups{0};
void on_wake(void *) {
  wakeups.fetch_add(1, std::memory_order_relaxed);
}

TEST(Threads, StressPostsFromManyThreads) {
  mpic_config_t cfg;
  ASSERT_EQ(mpic_config_init(&cfg, "fsl-v4.2"), MPIC_OK);
  cfg.wake = on_wake;
  wakeups = 0;
  mpic_t *m = nullptr;
  ASSERT_EQ(mpic_create(&cfg, &m), MPIC_OK);

  std::vector<mpic_line_t *> lines(THREADS), banks(3);
  for (unsigned k = 0; k < THREADS; k++)
    ASSERT_EQ(mpic_line_bind(m, FIRST_LINE + k, &lines[k]), MPIC_OK);
  for (unsigned b = 0; b < 3; b++)
    ASSERT_EQ(mpic_msi_bind(m, b, &banks[b]), MPIC_OK);

  // Each MSI bit (bank, SRS, IBS) is posted exactly once, by thread bit % THREADS.
  std::atomic<unsigned> running{THREADS};
  std::atomic<uint64_t> post_errors{0};
  std::atomic<unsigned> owner_iter{0};
  std::vector<std::thread> workers;
  auto t0 = std::chrono::steady_clock::now();
  for (unsigned k = 0; k < THREADS; k++) {
    workers.emplace_back([&, k] {
      std::vector<unsigned> bits;
      for (unsigned bit = k; bit < MSI_BITS; bit += THREADS)
        bits.push_back(bit);
      size_t next_msi = 0;
      for (unsigned p = 0; p < PAIRS; p++) {
        post_errors += mpic_line_post(lines[k], true) != MPIC_OK;
        post_errors += mpic_line_post(lines[k], false) != MPIC_OK;
        if (p % 500 == 0) { // make sure the owner drains while the threads post
          unsigned target = owner_iter.load() + 1;
          while (owner_iter.load() < target)
            std::this_thread::yield();
        }
        if (p % (PAIRS / bits.size()) == 0 && next_msi < bits.size()) {
          unsigned bit = bits[next_msi++];
          unsigned bank = bit / 256, srs = (bit / 32) % 8, ibs = bit % 32;
          post_errors += mpic_line_post_msi(banks[bank], msiir_val(srs, ibs)) != MPIC_OK;
        }
      }
      while (next_msi < bits.size()) {
        unsigned bit = bits[next_msi++];
        post_errors +=
            mpic_line_post_msi(banks[bit / 256], msiir_val((bit / 32) % 8, bit % 32)) != MPIC_OK;
      }
      running--;
    });
  }

  // The owner: drains and advances with increasing time, reads (and so clears) the MSIRs.
  std::bitset<MSI_BITS> seen;
  unsigned duplicates = 0, read_errors = 0;
  mpic_cycle_t t = 0;
  auto read_msirs = [&] {
    for (unsigned b = 0; b < 3; b++)
      for (unsigned r = 0; r < 8; r++) {
        uint32_t v = 0;
        read_errors += mpic_read(m, t, 0, msir(b, r), 4, &v, nullptr) != MPIC_OK;
        for (unsigned i = 0; i < 32; i++)
          if (v & (1u << i)) {
            unsigned bit = b * 256 + r * 32 + i;
            duplicates += seen[bit];
            seen[bit] = true;
          }
      }
  };
  unsigned iterations = 0, owner_errors = 0;
  while (running.load() > 0) {
    t += 7;
    owner_errors += (iterations & 1 ? mpic_drain(m, t) : mpic_advance(m, t)) != MPIC_OK;
    if (iterations % 16 == 0) read_msirs();
    iterations++;
    owner_iter++;
    if (iterations % 64 == 0) std::this_thread::yield();
  }
  for (auto &w : workers)
    w.join();
  t += 7;
  ASSERT_EQ(mpic_drain(m, t), MPIC_OK);
  read_msirs();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const uint64_t total = (uint64_t)THREADS * 2 * PAIRS + MSI_BITS;
  EXPECT_EQ(post_errors.load(), 0u);
  EXPECT_EQ(owner_errors, 0u);
  EXPECT_EQ(read_errors, 0u);
  uint64_t rises_total = 0;
  for (unsigned k = 0; k < THREADS; k++) {
    mpic_source_state_t ss;
    ASSERT_EQ(mpic_source_state(m, FIRST_LINE + k, &ss), MPIC_OK);
    EXPECT_EQ(ss.rises, PAIRS) << "source " << FIRST_LINE + k << ": lost, duplicated or reordered";
    EXPECT_FALSE(ss.input) << "the last change posted was 0";
    rises_total += ss.rises;
  }
  mpic_async_stats_t as;
  ASSERT_EQ(mpic_async_stats(m, &as), MPIC_OK);
  EXPECT_EQ(as.posted, total);
  EXPECT_EQ(as.applied, total);
  EXPECT_EQ(seen.count(), MSI_BITS) << "MSI bits lost";
  EXPECT_EQ(duplicates, 0u) << "MSI bits seen twice";
  EXPECT_GE(iterations, PAIRS / 500) << "the owner drained while the threads posted";
  EXPECT_GE(wakeups.load(), 2u) << "the queue emptied and refilled";
  EXPECT_LE(wakeups.load(), total);
  uint64_t lost =
      (uint64_t)THREADS * PAIRS - rises_total + (MSI_BITS - seen.count()) + (total - as.applied);
  std::printf("[ threads ] %u injector threads, %llu events posted (%u level pairs per thread, "
              "%u MSIs), %llu applied, %llu lost, %llu wake-ups, %u owner iterations, %.2f s\n",
              THREADS, (unsigned long long)total, PAIRS, MSI_BITS, (unsigned long long)as.applied,
              (unsigned long long)lost, (unsigned long long)wakeups.load(), iterations, secs);
  EXPECT_EQ(lost, 0u);

  for (auto *h : lines)
    mpic_line_release(h);
  mpic_destroy(m);
  for (auto *h : banks) { // the device is gone, the handles stay valid until released
    EXPECT_EQ(mpic_line_post_msi(h, 0), MPIC_E_GONE);
    mpic_line_release(h);
  }
}

// A wake-up is announced when the queue becomes non-empty, not for every post; after the
// owner drains, the next post wakes again.
TEST(Threads, WakeWhenQueueBecomesNonEmpty) {
  mpic_config_t cfg;
  ASSERT_EQ(mpic_config_init(&cfg, "fsl-v4.2"), MPIC_OK);
  cfg.wake = on_wake;
  wakeups = 0;
  mpic_t *m = nullptr;
  ASSERT_EQ(mpic_create(&cfg, &m), MPIC_OK);
  mpic_line_t *h = nullptr;
  ASSERT_EQ(mpic_line_bind(m, 20, &h), MPIC_OK);
  std::thread([&] {
    for (int i = 0; i < 10; i++)
      EXPECT_EQ(mpic_line_post(h, (i & 1) == 0), MPIC_OK); // 1, 0, ..., 0
  }).join();
  EXPECT_EQ(wakeups.load(), 1u);
  ASSERT_EQ(mpic_drain(m, 5), MPIC_OK);
  std::thread([&] { EXPECT_EQ(mpic_line_post(h, true), MPIC_OK); }).join();
  EXPECT_EQ(wakeups.load(), 2u);
  mpic_source_state_t ss;
  ASSERT_EQ(mpic_source_state(m, 20, &ss), MPIC_OK);
  EXPECT_EQ(ss.rises, 5u);
  EXPECT_FALSE(ss.input) << "queued: not applied before the owner's next call";
  ASSERT_EQ(mpic_advance(m, 6), MPIC_OK);
  ASSERT_EQ(mpic_source_state(m, 20, &ss), MPIC_OK);
  EXPECT_EQ(ss.rises, 6u);
  EXPECT_TRUE(ss.input);
  mpic_line_release(h);
  mpic_destroy(m);
}

class Owner : public ::testing::Test, public Sim {
protected:
  void SetUp() override {
    create("fsl-v4.2", 2);
    at(10);
    mixed();
    advance(20);
  }
  // Runs f on another thread and waits for it.
  template <class F> void elsewhere(F f) { std::thread(f).join(); }
  bool logged(const std::string &call) {
    for (auto &w : warnings)
      if (w.find(call) != std::string::npos && w.find("owner") != std::string::npos) return true;
    return false;
  }
};

TEST_F(Owner, CallsFromAnotherThreadAreRejectedAndLogged) {
  mpic_line_t *h = nullptr;
  ASSERT_EQ(mpic_line_bind(m, 1, &h), MPIC_OK);
  State before = state_of(m);
  size_t n = 0;
  ASSERT_EQ(mpic_snapshot_size(m, &n), MPIC_OK);
  std::vector<uint8_t> blob(n);
  ASSERT_EQ(mpic_save(m, blob.data(), n, nullptr), MPIC_OK);
  warnings.clear();
  struct Call {
    const char *name;
    std::function<mpic_status_t()> fn;
  };
  uint32_t v = 0;
  uint64_t a = 0;
  mpic_line_t *h2 = nullptr;
  const std::vector<Call> calls = {
      {"mpic_advance", [&] { return mpic_advance(m, 100); }},
      {"mpic_drain", [&] { return mpic_drain(m, 100); }},
      {"mpic_read", [&] { return mpic_read(m, 100, 0, GCR, 4, &v, nullptr); }},
      {"mpic_write", [&] { return mpic_write(m, 100, 0, GCR, 4, 0, nullptr); }},
      {"mpic_peek", [&] { return mpic_peek(m, 0, GCR, &v); }},
      {"mpic_poke", [&] { return mpic_poke(m, 0, GCR, 0); }},
      {"mpic_set_irq", [&] { return mpic_set_irq(m, 100, 1, true); }},
      {"mpic_msi", [&] { return mpic_msi(m, 100, 0, 0); }},
      {"mpic_set_error", [&] { return mpic_set_error(m, 100, 0, true); }},
      {"mpic_attr_get", [&] { return mpic_attr_get(m, MPIC_ATTR_GRP_MISC, 0, &a); }},
      {"mpic_attr_set", [&] { return mpic_attr_set(m, MPIC_ATTR_GRP_MISC, 0, 0x40000); }},
      {"mpic_save", [&] { return mpic_save(m, blob.data(), n, nullptr); }},
      {"mpic_restore", [&] { return mpic_restore(m, blob.data(), n); }},
      {"mpic_line_bind", [&] { return mpic_line_bind(m, 2, &h2); }},
      {"mpic_set_irq", [&] { return mpic_line_set(h, 100, true); }}, // through a handle
  };
  for (const Call &c : calls) {
    SCOPED_TRACE(c.name);
    warnings.clear();
    mpic_status_t st = MPIC_OK;
    elsewhere([&] { st = c.fn(); });
    EXPECT_EQ(st, MPIC_E_THREAD);
    EXPECT_TRUE(logged(c.name)) << (warnings.empty() ? "no warning" : warnings[0]);
  }
  EXPECT_EQ(h2, nullptr);
  EXPECT_TRUE(same_state(before, state_of(m)));
  // Posting is for any thread.
  mpic_status_t st = MPIC_E_ARG;
  elsewhere([&] { st = mpic_line_post(h, true); });
  EXPECT_EQ(st, MPIC_OK);
  EXPECT_TRUE(same_state(before, state_of(m))) << "a post waits for the owner";
  EXPECT_EQ(mpic_drain(m, 30), MPIC_OK);
  bool l = false;
  EXPECT_EQ(mpic_get_irq(m, 1, &l), MPIC_OK);
  EXPECT_TRUE(l);
  mpic_line_release(h);
}

TEST_F(Owner, SetOwnerTransfersOwnership) {
  warnings.clear();
  mpic_status_t st1 = MPIC_E_ARG, st2 = MPIC_E_ARG, st3 = MPIC_E_ARG;
  uint32_t v = 0;
  std::thread other([&] {
    st1 = mpic_set_owner(m);
    st2 = mpic_advance(m, 50);
    st3 = mpic_read(m, 60, 0, GCR, 4, &v, nullptr);
  });
  other.join();
  EXPECT_EQ(st1, MPIC_OK);
  EXPECT_EQ(st2, MPIC_OK);
  EXPECT_EQ(st3, MPIC_OK);
  EXPECT_EQ(v, GCR_MIXED);
  EXPECT_EQ(mpic_now(m), 60u);
  EXPECT_TRUE(warnings.empty());
  // The former owner is now "another thread".
  EXPECT_EQ(mpic_advance(m, 70), MPIC_E_THREAD);
  EXPECT_TRUE(logged("mpic_advance"));
  EXPECT_EQ(mpic_now(m), 60u);
  // ... until it takes ownership back.
  EXPECT_EQ(mpic_set_owner(m), MPIC_OK);
  EXPECT_EQ(mpic_advance(m, 70), MPIC_OK);
  EXPECT_EQ(mpic_now(m), 70u);
  EXPECT_EQ(mpic_set_owner(nullptr), MPIC_E_ARG);
}

} // namespace
