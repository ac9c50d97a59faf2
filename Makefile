# MPIC model: root Makefile. `make` builds everything, `make test` runs every test.
SHELL := /bin/bash
BUILD ?= build
CC ?= gcc
CXX ?= g++
CSTD := -std=c11
WARN := -Wall -Wextra -Werror
OPT ?= -O2 -g
SAN ?=
CFLAGS_CORE := $(CSTD) $(WARN) $(OPT) $(SAN) -Imodel/include -Imodel/src -D_POSIX_C_SOURCE=200809L
CXXFLAGS_T := -std=c++17 $(WARN) $(OPT) $(SAN) -Imodel/include -Itests/core
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

MODEL_SRC := $(sort $(wildcard model/src/*.c))
MODEL_OBJ := $(MODEL_SRC:%.c=$(BUILD)/obj/%.o)
LIB := $(BUILD)/lib/libmpic.a

SIM_SRC := $(sort $(wildcard tools/mpicsim/*.c))
SIM_OBJ := $(SIM_SRC:%.c=$(BUILD)/obj/%.o)
MPICSIM := $(BUILD)/bin/mpicsim

TEST_SRC := $(sort $(wildcard tests/core/*.cpp))
TEST_OBJ := $(TEST_SRC:%.cpp=$(BUILD)/obj/%.o)
CORE_TESTS := $(BUILD)/bin/core_tests

THREAD_SRC := $(sort $(wildcard tests/threads/*.cpp))
THREAD_OBJ := $(THREAD_SRC:%.cpp=$(BUILD)/obj/%.o)
THREAD_TESTS := $(BUILD)/bin/thread_tests
TSAN_FLAGS := -fsanitize=thread

DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all test test-core test-threads test-tsan test-scenarios test-golden test-docs test-asan deps clean format docs bench run
all: $(LIB) $(MPICSIM) $(CORE_TESTS) $(THREAD_TESTS)

# Install missing Debian packages once per build tree.
$(DEPS_STAMP):
	@if [ ! -f /usr/include/gtest/gtest.h ] || ! command -v clang >/dev/null || \
	    ! pkg-config --exists systemc 2>/dev/null || ! command -v verilator >/dev/null || \
	    ! ls "$$(clang -print-runtime-dir 2>/dev/null)"/libclang_rt.fuzzer*.a >/dev/null 2>&1; then \
	  bash scripts/install-deps.sh; fi
	@mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

$(BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_CORE) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.cpp | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_T) -MMD -MP -c $< -o $@

$(LIB): $(MODEL_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(MPICSIM): $(SIM_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(OPT) $(SAN) -o $@ $(SIM_OBJ) $(LIB) -pthread

$(CORE_TESTS): $(TEST_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(SAN) -o $@ $(TEST_OBJ) $(LIB) -lgtest -lgtest_main -pthread

$(THREAD_TESTS): $(THREAD_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(SAN) -o $@ $(THREAD_OBJ) $(LIB) -lgtest -lgtest_main -pthread

test: all test-core test-threads test-scenarios test-golden test-docs test-asan test-tsan test-tlm \
  test-fuzz test-rtl
	@echo "== all tests passed"

test-core: $(CORE_TESTS)
	$(CORE_TESTS) --gtest_brief=1

# Threading contract (posts from many threads, owner check) as its own binary.
test-threads: $(THREAD_TESTS)
	$(THREAD_TESTS) --gtest_brief=1

# The library and the thread tests again under ThreadSanitizer.
test-tsan: | $(DEPS_STAMP)
	$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan OPT="-O1 -g" SAN="$(TSAN_FLAGS)" test-threads

test-scenarios: $(MPICSIM)
	bash tests/run_scenarios.sh $(MPICSIM)

# Golden waveform: the VCD of one scenario must not change by a single line.
test-golden: $(MPICSIM)
	@mkdir -p $(BUILD)/golden
	$(MPICSIM) run -q --vcd $(BUILD)/golden/interrupt-life.vcd tests/scenarios/interrupt-life.mpic
	diff -u tests/golden/interrupt-life.vcd $(BUILD)/golden/interrupt-life.vcd

# The register map in docs/ must be what the register table generates.
test-docs: $(MPICSIM)
	@$(MPICSIM) regmap | diff -u docs/registers.md - >/dev/null || \
	  { echo "docs/registers.md is stale: run 'make docs'"; exit 1; }
	@echo "docs/registers.md matches the register table"

# The core's tests and the scenarios again under AddressSanitizer + UBSan.
test-asan: | $(DEPS_STAMP)
	$(MAKE) --no-print-directory BUILD=$(BUILD)/asan OPT="-O1 -g" SAN="$(ASAN_FLAGS)" \
	  test-core test-scenarios

# ---- libFuzzer target (tests/fuzz/): the model's sources compiled straight in
# with clang and ASan + UBSan; seeds generated from the scenario scripts.
# `make test-fuzz`: short deterministic run (FUZZ_RUNS inputs, -seed=1) over the
# seeds; `make fuzz`: FUZZ_TIME seconds, growing $(BUILD)/fuzz/work.
FUZZ_CC ?= clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz_core
FUZZ_CORPUS := $(FUZZ_DIR)/corpus
FUZZ_RUNS ?= 5000
FUZZ_TIME ?= 300
FUZZ_MAXLEN ?= 2048
FUZZ_CFLAGS := $(CSTD) $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -fno-omit-frame-pointer -Imodel/include -Imodel/src -D_POSIX_C_SOURCE=200809L \
  -fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt
FUZZ_OPTS = -max_len=$(FUZZ_MAXLEN) -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/
SCENARIOS := $(sort $(wildcard tests/scenarios/*.mpic tests/scenarios/negative/*.mpic))

.PHONY: fuzz test-fuzz
$(FUZZ_BIN): tests/fuzz/fuzz_core.c tests/fuzz/coverage-ignore.txt $(MODEL_SRC) \
  $(wildcard model/src/*.h) model/include/mpic.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_core.c $(MODEL_SRC) -pthread

$(FUZZ_CORPUS)/.stamp: tests/fuzz/mpic2seed.py $(SCENARIOS)
	rm -rf $(@D) && python3 tests/fuzz/mpic2seed.py $(@D) $(SCENARIOS)
	@touch $@

test-fuzz: $(FUZZ_BIN) $(FUZZ_CORPUS)/.stamp
	rm -rf $(FUZZ_DIR)/test-work && mkdir -p $(FUZZ_DIR)/test-work
	$(FUZZ_BIN) $(FUZZ_OPTS) -seed=1 -runs=$(FUZZ_RUNS) $(FUZZ_DIR)/test-work $(FUZZ_CORPUS) 2>&1 | \
	  grep -v -e '^#[0-9]*.*\(NEW\|REDUCE\|pulse\)' -e NEW_FUNC -e '^"' -e '^######'; \
	  exit $${PIPESTATUS[0]}

fuzz: $(FUZZ_BIN) $(FUZZ_CORPUS)/.stamp
	@mkdir -p $(FUZZ_DIR)/work
	$(FUZZ_BIN) $(FUZZ_OPTS) -max_total_time=$(FUZZ_TIME) $(FUZZ_DIR)/work $(FUZZ_CORPUS)

# The main job: the demo virtual platform (docs/tlm.md), default scenario.
run: $(BUILD)/bin/mpic-vp
	@mkdir -p waveforms
	SC_COPYRIGHT_MESSAGE=DISABLE $(BUILD)/bin/mpic-vp

BENCH := $(BUILD)/bin/mpic_bench
$(BENCH): bench/mpic_bench.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O2 -Imodel/include -D_POSIX_C_SOURCE=200809L -o $@ $< $(LIB)

bench: $(BENCH)
	$(BENCH)

docs: $(MPICSIM)
	$(MPICSIM) regmap > docs/registers.md

# ---- SystemC / TLM-2.0 wrapper, its tests and the mpic-vp demo platform ----
# (tlm_wrapper/, tests/tlm/, docs/tlm.md). Debian's SystemC is C++17-only.
SYSTEMC_CFLAGS = $(shell pkg-config --cflags systemc 2>/dev/null)
SYSTEMC_LIBS = $(shell pkg-config --libs systemc 2>/dev/null)
CXXFLAGS_TLM = -std=c++17 $(WARN) $(OPT) $(SAN) -Imodel/include -Itlm_wrapper/include -Itests/tlm \
  $(SYSTEMC_CFLAGS)
TLM_LIB := $(BUILD)/lib/libmpic_tlm.a
TLM_SRC := $(sort $(wildcard tlm_wrapper/src/*.cpp))
TLM_OBJ := $(TLM_SRC:%.cpp=$(BUILD)/obj/%.o)
MPIC_VP := $(BUILD)/bin/mpic-vp
VP_SRC := $(sort $(wildcard tlm_wrapper/vp/*.cpp))
VP_OBJ := $(VP_SRC:%.cpp=$(BUILD)/obj/%.o)
TLM_TEST_SRC := $(sort $(wildcard tests/tlm/test_*.cpp))
TLM_TESTS := $(TLM_TEST_SRC:tests/tlm/%.cpp=$(BUILD)/bin/tlm/%)
TLM_BENCH := $(BUILD)/bin/tlm_bench
TLM_DOC_EX := $(BUILD)/bin/tlm/doc_example
TXN_REPLAY_TLM := $(BUILD)/bin/tlm/txn_replay_tlm
TLM_LINK = $(SYSTEMC_LIBS) -pthread

.PHONY: tlm test-tlm bench-tlm
.SECONDARY: $(TLM_TEST_SRC:%.cpp=$(BUILD)/obj/%.o) $(BUILD)/obj/tests/tlm/tlm_main.o
tlm: $(TLM_LIB) $(MPIC_VP) $(TLM_TESTS) $(TLM_DOC_EX) $(TXN_REPLAY_TLM)
all: tlm

$(BUILD)/obj/tlm_wrapper/%.o: tlm_wrapper/%.cpp | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_TLM) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/tlm/%.o: tests/tlm/%.cpp | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_TLM) -MMD -MP -c $< -o $@

$(TLM_LIB): $(TLM_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(MPIC_VP): $(VP_OBJ) $(TLM_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(SAN) -o $@ $(VP_OBJ) $(TLM_LIB) $(LIB) $(TLM_LINK)

$(BUILD)/bin/tlm/test_%: $(BUILD)/obj/tests/tlm/test_%.o $(BUILD)/obj/tests/tlm/tlm_main.o $(TLM_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(SAN) -o $@ $< $(BUILD)/obj/tests/tlm/tlm_main.o $(TLM_LIB) $(LIB) -lgtest $(TLM_LINK)

# The embedding example of docs/tlm.md (the ```cpp block after "<!-- example -->")
# is compiled and run, so the documentation cannot rot.
$(BUILD)/tlm/doc_example.cpp: docs/tlm.md
	@mkdir -p $(@D)
	awk '/<!-- example -->/{f=1;next} f&&/^```cpp/{p=1;next} p&&/^```/{exit} p' $< > $@
	@test -s $@ || { echo "docs/tlm.md: no example block"; exit 1; }
$(TLM_DOC_EX): $(BUILD)/tlm/doc_example.cpp $(TLM_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_TLM) -o $@ $< $(TLM_LIB) $(LIB) $(TLM_LINK)

# A stimulus file of the RTL testbench replayed through the wrapper (docs/bus.md);
# make test-rtl compares its log with the RTL bus's.
$(TXN_REPLAY_TLM): $(BUILD)/obj/tests/tlm/txn_replay_tlm.o $(TLM_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(SAN) -o $@ $< $(TLM_LIB) $(LIB) $(TLM_LINK)

test-tlm: $(TLM_TESTS) $(TLM_DOC_EX) $(MPIC_VP) $(TXN_REPLAY_TLM)
	@set -e; for t in $(TLM_TESTS); do \
	  echo "== $$t"; SC_COPYRIGHT_MESSAGE=DISABLE MPIC_VP=$(MPIC_VP) $$t --gtest_brief=1; done
	SC_COPYRIGHT_MESSAGE=DISABLE $(TLM_DOC_EX)

$(TLM_BENCH): tlm_wrapper/bench/tlm_bench.cpp $(TLM_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_TLM) -O2 -o $@ $< $(TLM_LIB) $(LIB) $(TLM_LINK)
bench-tlm: $(TLM_BENCH)
	SC_COPYRIGHT_MESSAGE=DISABLE $(TLM_BENCH)

# Verilator testbench: the core behind an RTL CCB slave (rtl, test-rtl, waves).
include rtl_tb/rtl_tb.mk

format:
	clang-format -i $$(git ls-files '*.c' '*.h' '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)

-include $(MODEL_OBJ:.o=.d) $(SIM_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(THREAD_OBJ:.o=.d)
-include $(TLM_OBJ:.o=.d) $(VP_OBJ:.o=.d) $(TLM_TEST_SRC:%.cpp=$(BUILD)/obj/%.d)
-include $(BUILD)/obj/tests/tlm/txn_replay_tlm.d
