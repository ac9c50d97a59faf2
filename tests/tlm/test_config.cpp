// Configuration: name=value parameters, unknown keys and bad values are errors.
#include <gtest/gtest.h>

#include "mpic_tlm.hpp"

using mpic_tlm::Config;
using sc_core::sc_time;

TEST(TlmConfig, Defaults) {
  Config c;
  EXPECT_EQ(c.variant, "fsl-v4.2");
  EXPECT_EQ(c.cpus, 2u);
  EXPECT_EQ(c.clock_period, sc_time(2.5, sc_core::SC_NS));
  EXPECT_EQ(c.default_cpu, 0u);
  EXPECT_TRUE(c.params.empty());
}

TEST(TlmConfig, ParsesKeys) {
  Config c = Config::parse("variant=fsl-v4.3 cpus=4, clock=10ns arb_latency=5\nsync_depth=0x3 "
                           "default_cpu=3 at_accept=2");
  EXPECT_EQ(c.variant, "fsl-v4.3");
  EXPECT_EQ(c.cpus, 4u);
  EXPECT_EQ(c.clock_period, sc_time(10, sc_core::SC_NS));
  EXPECT_EQ(c.default_cpu, 3u);
  EXPECT_EQ(c.at_accept, 2u);
  ASSERT_EQ(c.params.size(), 2u);
  EXPECT_EQ(c.params[0].first, "arb_latency");
  EXPECT_EQ(c.params[0].second, "5");
  EXPECT_EQ(c.params[1].first, "sync_depth");
  c.apply("arb_latency=7");
  ASSERT_EQ(c.params.size(), 2u);
  EXPECT_EQ(c.params[0].second, "7");
  EXPECT_EQ(Config::parse("clock=400MHz").clock_period, sc_time(2500, sc_core::SC_PS));
  EXPECT_EQ(Config::parse("clock=2500ps").clock_period, sc_time(2.5, sc_core::SC_NS));
}

TEST(TlmConfig, RejectsUnknownAndBad) {
  for (const char *bad :
       {"frobnicate=1", "variant=fsl-v9.9", "cpus=0", "cpus=x", "cpus=33", "clock=0ns", "clock=5",
        "clock=fast", "arb_latency=-1", "arb_latency=abc", "lenient_decode=2", "novalue", "=3"}) {
    Config c;
    EXPECT_THROW(c.apply(bad), std::invalid_argument) << bad;
    EXPECT_EQ(c.variant, "fsl-v4.2") << bad;
    EXPECT_TRUE(c.params.empty()) << bad;
  }
  // A bad key later in the string leaves the earlier ones unapplied too.
  Config c;
  EXPECT_THROW(c.apply("cpus=4 bogus=1"), std::invalid_argument);
  EXPECT_EQ(c.cpus, 2u);
}
