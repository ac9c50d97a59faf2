# rtl_tb/rtl_tb.mk - Verilator testbench of the MPIC core behind a CCB slave.
# Included by the root Makefile (uses BUILD, LIB, CC, CSTD, WARN, DEPS_STAMP,
# TXN_REPLAY_TLM).
#
#   make rtl        build the untraced, optimised testbench
#   make test-rtl   run every scenario, replay each on the bare core and through
#                   the SystemC wrapper, compare
#                   (RTL_PLUSARGS=+ta_skew=1 shows a timing assertion failing)
#   make waves      FST + VCD of one scenario into waveforms/ (RTL_WAVE_SCENARIO)

RTL_DIR := $(abspath rtl_tb)
RTL_BUILD := $(abspath $(BUILD))/rtl_tb
RTL_SV := $(addprefix $(RTL_DIR)/,rtl/mpic_ccb_pkg.sv rtl/mpic_ccb_slave.sv tb/ccb_bus_monitor.sv \
            tb/ccb_checker.sv tb/mpic_pin_checker.sv tb/tb_top.sv)
RTL_CPP := $(addprefix $(RTL_DIR)/,sim/main.cpp sim/tb.cpp sim/scenarios.cpp dpi/mpic_dpi.cpp)
RTL_HDR := $(addprefix $(RTL_DIR)/,sim/tb.h dpi/mpic_dpi.h)
RTL_WAIVER := $(RTL_DIR)/verilator_waiver.vlt
RTL_VFLAGS := --cc --exe --build -Wall --assert --top-module tb_top -O3 \
  --x-assign fast --x-initial fast $(RTL_WAIVER) \
  -CFLAGS "-std=c++17 -I$(abspath model/include) -I$(RTL_DIR)/dpi -I$(RTL_DIR)/sim" \
  -LDFLAGS "$(abspath $(LIB))" \
  --timescale-override 1ns/1ns \
  -MAKEFLAGS "OPT_FAST=-O2 OPT_GLOBAL=-O2 OPT_SLOW=-O1"
RTL_BIN := $(RTL_BUILD)/fast/Vtb
RTL_BIN_FST := $(RTL_BUILD)/fst/Vtb
RTL_BIN_VCD := $(RTL_BUILD)/vcd/Vtb
TXN_REPLAY := $(BUILD)/bin/txn_replay
RTL_PLUSARGS ?=
RTL_WAVE_SCENARIO ?= life

.PHONY: rtl test-rtl waves rtl-lint

$(RTL_BIN): $(RTL_SV) $(RTL_CPP) $(RTL_HDR) $(RTL_WAIVER) $(LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	+verilator $(RTL_VFLAGS) --Mdir $(@D) -o Vtb $(RTL_SV) $(RTL_CPP) > $(@D)/build.log 2>&1 || \
	  { cat $(@D)/build.log; exit 1; }

$(RTL_BIN_FST): $(RTL_SV) $(RTL_CPP) $(RTL_HDR) $(RTL_WAIVER) $(LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	+verilator $(RTL_VFLAGS) --trace-fst --trace-structs --Mdir $(@D) -o Vtb $(RTL_SV) $(RTL_CPP) \
	  > $(@D)/build.log 2>&1 || { cat $(@D)/build.log; exit 1; }

$(RTL_BIN_VCD): $(RTL_SV) $(RTL_CPP) $(RTL_HDR) $(RTL_WAIVER) $(LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	+verilator $(RTL_VFLAGS) --trace --trace-structs --Mdir $(@D) -o Vtb $(RTL_SV) $(RTL_CPP) \
	  > $(@D)/build.log 2>&1 || { cat $(@D)/build.log; exit 1; }

$(TXN_REPLAY): rtl_tb/ref/txn_replay.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O2 -Imodel/include -D_POSIX_C_SOURCE=200809L -o $@ $< $(LIB)

rtl: $(RTL_BIN) $(TXN_REPLAY)

rtl-lint: | $(DEPS_STAMP)
	verilator --lint-only -Wall --assert --top-module tb_top $(RTL_WAIVER) $(RTL_SV)

test-rtl: rtl-lint $(RTL_BIN) $(TXN_REPLAY) $(TXN_REPLAY_TLM)
	TLM_REPLAY=$(abspath $(TXN_REPLAY_TLM)) bash rtl_tb/scripts/run_tests.sh $(RTL_BIN) $(TXN_REPLAY) $(RTL_BUILD)/logs $(RTL_PLUSARGS)

waves: $(RTL_BIN_FST) $(RTL_BIN_VCD) $(TXN_REPLAY)
	@mkdir -p waveforms
	$(RTL_BIN_FST) --scenario $(RTL_WAVE_SCENARIO) --fst waveforms/rtl_$(RTL_WAVE_SCENARIO).fst $(RTL_PLUSARGS)
	$(RTL_BIN_VCD) --scenario $(RTL_WAVE_SCENARIO) --vcd waveforms/rtl_$(RTL_WAVE_SCENARIO).vcd $(RTL_PLUSARGS)
	@echo "open with: gtkwave waveforms/rtl_$(RTL_WAVE_SCENARIO).fst waveforms/rtl_tb.gtkw"
