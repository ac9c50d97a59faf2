// The demo platform's summary for a fixed seed matches the checked-in
// expectation (host wall time and speed lines excluded). Regenerate with
//   build/bin/mpic-vp --seed 7 --duration 2ms --trace off | grep -v '^host' >
//   tests/tlm/vp-summary.expected
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

static std::string run(const std::string &cmd) {
  std::string out;
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << cmd;
  return out;
}

static std::string drop_host_lines(const std::string &s) {
  std::istringstream in(s);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("host", 0) != 0) out += line + "\n";
  return out;
}

TEST(TlmVp, FixedSeedSummaryMatchesExpectation) {
  const char *vp = std::getenv("MPIC_VP");
  ASSERT_NE(vp, nullptr) << "set MPIC_VP to the mpic-vp binary";
  std::ifstream f(
      std::string(std::getenv("TLM_TEST_DIR") ? std::getenv("TLM_TEST_DIR") : "tests/tlm") +
      "/vp-summary.expected");
  ASSERT_TRUE(f.good()) << "tests/tlm/vp-summary.expected missing";
  std::stringstream want;
  want << f.rdbuf();
  const std::string got = drop_host_lines(
      run(std::string(vp) + " --seed 7 --duration 2ms --trace off --json /dev/null"));
  EXPECT_EQ(got, want.str());
  // The same seed twice gives the same summary (the host thread runs in lockstep).
  EXPECT_EQ(drop_host_lines(run(std::string(vp) + " --seed 7 --duration 2ms --trace off")), got);
  // Another seed gives another one.
  EXPECT_NE(drop_host_lines(run(std::string(vp) + " --seed 8 --duration 2ms --trace off")), got);
}
