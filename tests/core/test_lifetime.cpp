// Line handles and lifetime: every ordering of create, bind, inject, destroy and release;
// calls through a handle after destroy return MPIC_E_GONE; the last release frees the rest.
// `make test-asan` runs this file under ASan + UBSan (and LeakSanitizer, checked below).
#include "fixture.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#define MT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MT_ASAN 1
#endif
#endif
#ifdef MT_ASAN
#include <sanitizer/lsan_interface.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace mt;

namespace {

enum Op { BIND, INJECT, DESTROY, RELEASE };
enum Kind { SET, MSI, POST, POST_MSI };
const char *const op_names[] = {"bind", "inject", "destroy", "release"};
const char *const kind_names[] = {"line_set", "line_msi", "line_post", "line_post_msi"};

constexpr unsigned LINE = 17; // internal: no synchroniser
const uint32_t MSIIR = msiir_val(0, 6);

struct Outcome {
  unsigned handle_calls = 0, gone = 0, effects = 0;
};

// One ordering: create first, then the four operations in `order`. Operations that cannot
// be made (bind after destroy: the MPIC is freed; inject or release without a handle) are
// skipped, as a correct host would.
Outcome run_order(const std::array<Op, 4> &order, Kind kind) {
  Outcome o;
  mpic_config_t cfg;
  EXPECT_EQ(mpic_config_init(&cfg, "fsl-v4.2"), MPIC_OK);
  mpic_t *m = nullptr;
  EXPECT_EQ(mpic_create(&cfg, &m), MPIC_OK);
  bool alive = true, injected = false;
  mpic_line_t *h = nullptr;
  bool msi_kind = kind == MSI || kind == POST_MSI;
  auto effect_seen = [&]() {
    if (msi_kind) {
      uint32_t v = 0;
      EXPECT_EQ(mpic_peek(m, 0, msir(0, 0), &v), MPIC_OK);
      return v == 1u << 6;
    }
    bool l = false;
    EXPECT_EQ(mpic_get_irq(m, LINE, &l), MPIC_OK);
    return l;
  };
  for (Op op : order) {
    switch (op) {
    case BIND:
      if (!alive) break;
      EXPECT_EQ(msi_kind ? mpic_msi_bind(m, 0, &h) : mpic_line_bind(m, LINE, &h), MPIC_OK);
      EXPECT_NE(h, nullptr);
      break;
    case INJECT: {
      if (!h) break;
      mpic_status_t st = MPIC_E_ARG;
      switch (kind) {
      case SET: st = mpic_line_set(h, 10, true); break;
      case MSI: st = mpic_line_msi(h, 10, MSIIR); break;
      case POST: st = mpic_line_post(h, true); break;
      case POST_MSI: st = mpic_line_post_msi(h, MSIIR); break;
      }
      o.handle_calls++;
      if (alive) {
        EXPECT_EQ(st, MPIC_OK);
        injected = true;
        if (kind == SET || kind == MSI) {
          EXPECT_TRUE(effect_seen()) << "acts at once";
        } else {
          EXPECT_FALSE(effect_seen()) << "queued until the owner's next timed call";
          mpic_async_stats_t as;
          EXPECT_EQ(mpic_async_stats(m, &as), MPIC_OK);
          EXPECT_EQ(as.posted, 1u);
          EXPECT_EQ(as.applied, 0u);
        }
      } else {
        EXPECT_EQ(st, MPIC_E_GONE);
        o.gone += st == MPIC_E_GONE;
      }
      break;
    }
    case DESTROY:
      if (alive && injected && !(kind == SET || kind == MSI)) {
        // half of the posted changes are drained, half are dropped by destroy
        if (order[3] == RELEASE) {
          EXPECT_EQ(mpic_drain(m, 20), MPIC_OK);
          EXPECT_TRUE(effect_seen());
          o.effects++;
        }
      } else if (alive && injected) {
        o.effects++;
      }
      mpic_destroy(m);
      m = nullptr;
      alive = false;
      if (h) { // every call through the handle now finds the device gone
        EXPECT_EQ(mpic_line_post(h, false), msi_kind ? MPIC_E_MODE : MPIC_E_GONE);
        EXPECT_EQ(mpic_line_post_msi(h, MSIIR), msi_kind ? MPIC_E_GONE : MPIC_E_MODE);
        EXPECT_EQ(mpic_line_set(h, 30, false), msi_kind ? MPIC_E_MODE : MPIC_E_GONE);
        EXPECT_EQ(mpic_line_msi(h, 30, MSIIR), msi_kind ? MPIC_E_GONE : MPIC_E_MODE);
        o.handle_calls += 4;
        o.gone += 2;
      }
      break;
    case RELEASE:
      if (!h) break;
      mpic_line_release(h);
      h = nullptr;
      break;
    }
  }
  if (alive) {
    if (injected && (kind == POST || kind == POST_MSI)) {
      EXPECT_EQ(mpic_advance(m, 40), MPIC_OK);
      EXPECT_TRUE(effect_seen()) << "applied at the next timed call";
      mpic_async_stats_t as;
      EXPECT_EQ(mpic_async_stats(m, &as), MPIC_OK);
      EXPECT_EQ(as.applied, 1u);
      o.effects++;
    } else if (injected) {
      o.effects++;
    }
    mpic_destroy(m);
  }
  if (h) mpic_line_release(h);
  return o;
}

TEST(Lifetime, EveryOrderingOfCreateBindInjectDestroyRelease) {
  std::array<Op, 4> order = {BIND, INJECT, DESTROY, RELEASE};
  unsigned runs = 0, meaningful = 0, gone = 0, effects = 0, calls = 0;
  do {
    bool bind_first = std::find(order.begin(), order.end(), BIND) <
                          std::find(order.begin(), order.end(), INJECT) &&
                      std::find(order.begin(), order.end(), BIND) <
                          std::find(order.begin(), order.end(), RELEASE);
    for (Kind k : {SET, MSI, POST, POST_MSI}) {
      std::string name = std::string("create");
      for (Op op : order)
        name += std::string(", ") + op_names[op];
      SCOPED_TRACE(name + " [" + kind_names[k] + "]");
      Outcome o = run_order(order, k);
      runs++;
      meaningful += bind_first;
      gone += o.gone;
      effects += o.effects;
      calls += o.handle_calls;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(runs, 24u * 4u);
  EXPECT_EQ(meaningful, 8u * 4u) << "bind before inject and release";
  EXPECT_GT(gone, 0u);
  EXPECT_GT(effects, 0u);
  std::printf("[ lifetime ] %u orderings (%u with a handle bound first), %u handle calls, %u "
              "returned gone\n",
              runs, meaningful, calls, gone);
}

TEST(Lifetime, BindErrors) {
  Sim s;
  s.create("fsl-v4.2");
  mpic_line_t *h = reinterpret_cast<mpic_line_t *>(0x1);
  EXPECT_EQ(mpic_line_bind(s.m, 16, &h), MPIC_E_DRIVEN) << "v4.2 error summary";
  EXPECT_EQ(mpic_line_bind(s.m, 176, &h), MPIC_E_DRIVEN) << "messaging";
  EXPECT_EQ(mpic_line_bind(s.m, 224, &h), MPIC_E_DRIVEN) << "MSI";
  EXPECT_EQ(mpic_line_bind(s.m, 12, &h), MPIC_E_RANGE);
  EXPECT_EQ(mpic_line_bind(s.m, 100000, &h), MPIC_E_RANGE);
  EXPECT_EQ(mpic_msi_bind(s.m, 3, &h), MPIC_E_RANGE) << "v4.2 has banks 0..2";
  EXPECT_EQ(mpic_line_bind(s.m, 1, nullptr), MPIC_E_ARG);
  EXPECT_EQ(mpic_line_bind(nullptr, 1, &h), MPIC_E_ARG);
  EXPECT_EQ(mpic_msi_bind(s.m, 0, nullptr), MPIC_E_ARG);
  EXPECT_EQ(h, reinterpret_cast<mpic_line_t *>(0x1)) << "failed binds leave *out alone";
  EXPECT_EQ(mpic_line_post(nullptr, true), MPIC_E_ARG);
  EXPECT_EQ(mpic_line_post_msi(nullptr, 0), MPIC_E_ARG);
  EXPECT_EQ(mpic_line_set(nullptr, 0, true), MPIC_E_ARG);
  EXPECT_EQ(mpic_line_msi(nullptr, 0, 0), MPIC_E_ARG);
  mpic_line_release(nullptr);
}

// External line through a handle: the synchroniser applies; errors of the call itself
// (time going backwards) come back through the handle.
TEST(Lifetime, HandleCallsAreTheDirectCalls) {
  Sim s;
  s.create("fsl-v4.2");
  mpic_line_t *ext = nullptr, *bank = nullptr;
  ASSERT_EQ(mpic_line_bind(s.m, 3, &ext), MPIC_OK);
  ASSERT_EQ(mpic_msi_bind(s.m, 1, &bank), MPIC_OK);
  EXPECT_EQ(mpic_line_set(ext, 100, true), MPIC_OK);
  EXPECT_EQ(mpic_next_event(s.m), 102u) << "sync depth 2";
  EXPECT_EQ(mpic_line_set(ext, 99, false), MPIC_E_TIME);
  EXPECT_EQ(mpic_line_msi(bank, 100, msiir_val(2, 31)), MPIC_OK);
  EXPECT_EQ(s.peek(msibank(1) + 0x20), 0x80000000u) << "bank 1 MSIR2 bit 31";
  EXPECT_EQ(mpic_line_msi(ext, 100, 0), MPIC_E_MODE);
  EXPECT_EQ(mpic_line_set(bank, 100, true), MPIC_E_MODE);
  mpic_line_release(ext);
  mpic_line_release(bank);
  bool l = false;
  EXPECT_EQ(mpic_get_irq(s.m, 3, &l), MPIC_OK);
  EXPECT_TRUE(l) << "releasing a handle does not change the line";
}

// Many handles, changes still queued at destroy, releases in both orders: nothing leaks
// (LeakSanitizer) and nothing freed is touched (ASan).
TEST(Lifetime, ManyHandlesQueuedChangesAtDestroy) {
  for (int reverse = 0; reverse < 2; reverse++) {
    mpic_config_t cfg;
    ASSERT_EQ(mpic_config_init(&cfg, "fsl-v4.2"), MPIC_OK);
    mpic_t *m = nullptr;
    ASSERT_EQ(mpic_create(&cfg, &m), MPIC_OK);
    std::vector<mpic_line_t *> hs;
    for (unsigned s = 0; s < 12; s++) {
      mpic_line_t *h = nullptr;
      ASSERT_EQ(mpic_line_bind(m, s, &h), MPIC_OK);
      hs.push_back(h);
    }
    for (unsigned b = 0; b < 3; b++) {
      mpic_line_t *h = nullptr;
      ASSERT_EQ(mpic_msi_bind(m, b, &h), MPIC_OK);
      hs.push_back(h);
    }
    mpic_line_t *twice = nullptr;
    ASSERT_EQ(mpic_line_bind(m, 0, &twice), MPIC_OK); // two handles on one line
    hs.push_back(twice);
    for (int round = 0; round < 200; round++) // enough to grow the queue several times
      for (size_t i = 0; i < hs.size(); i++)
        ASSERT_EQ(i >= 12 && i < 15 ? mpic_line_post_msi(hs[i], msiir_val(round & 7, 1))
                                    : mpic_line_post(hs[i], round & 1),
                  MPIC_OK);
    mpic_async_stats_t as;
    ASSERT_EQ(mpic_async_stats(m, &as), MPIC_OK);
    EXPECT_EQ(as.posted, 200u * hs.size());
    EXPECT_EQ(as.applied, 0u);
    if (reverse) { // release half before destroy
      for (size_t i = 0; i < hs.size() / 2; i++) {
        mpic_line_release(hs[i]);
        hs[i] = nullptr;
      }
    }
    mpic_destroy(m);
    for (auto *h : hs)
      if (h) {
        EXPECT_EQ(mpic_line_post(h, true) == MPIC_E_GONE || mpic_line_post_msi(h, 0) == MPIC_E_GONE,
                  true);
      }
    if (reverse) std::reverse(hs.begin(), hs.end());
    for (auto *h : hs)
      mpic_line_release(h);
  }
}

TEST(Lifetime, DestroyWithoutHandlesAndNull) {
  mpic_destroy(nullptr);
  mpic_config_t cfg;
  ASSERT_EQ(mpic_config_init(&cfg, "fsl-v2.0"), MPIC_OK);
  mpic_t *m = nullptr;
  ASSERT_EQ(mpic_create(&cfg, &m), MPIC_OK);
  mpic_line_t *h = nullptr;
  ASSERT_EQ(mpic_line_bind(m, 0, &h), MPIC_OK);
  mpic_line_release(h); // released first: destroy frees everything
  mpic_destroy(m);
}

#ifdef MT_ASAN
// LeakSanitizer is really active in this build: a child process that loses memory is
// told so by a leak check (the child's report goes to /dev/null), and this process,
// after all the lifetime orderings above, has no leak.
__attribute__((noinline)) void lose_memory() {
  for (int i = 0; i < 64; i++) {
    void *volatile p = std::malloc(48 + i);
    std::memset(p, i, 48);
    p = nullptr;
  }
}

TEST(Lifetime, LeakSanitizerIsActive) {
  const char *opts = std::getenv("ASAN_OPTIONS");
  EXPECT_TRUE(!opts || !std::strstr(opts, "detect_leaks=0")) << opts;
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stderr)) _exit(3);
    lose_memory();
    int leaked = __lsan_do_recoverable_leak_check();
    __lsan_disable(); // the child's exit is not the test's business
    _exit(leaked ? 42 : 0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 42) << "LeakSanitizer did not see memory lost on purpose";
  EXPECT_EQ(__lsan_do_recoverable_leak_check(), 0) << "this process leaks";
  std::printf("[ lifetime ] LeakSanitizer active: a deliberate leak was reported\n");
}
#endif

} // namespace
