// tb_top: the MPIC CCB slave with the system's bus monitor, the protocol
// checker and the pin-timing checker. The clock, the reset, the bus master and
// the IRQ pins are driven by the C++ harness (rtl_tb/sim/), which also arms
// the pin-timing expectations. The bus's AACK and TEA are the OR of the slave's
// and the bus monitor's (which ends tenures no slave acknowledges).
module tb_top
  import mpic_ccb_pkg::*;
#(
  parameter int unsigned NCPU  = 4,
  parameter int unsigned NIRQ  = 12,
  parameter logic [31:0] BASE  = 32'hFE04_0000,
  parameter int unsigned DEPTH = 2,
  parameter int unsigned BM_TIMEOUT = 16  // bus monitor: cycles from TS without AACK (+bm_timeout)
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  // bus master
  input  logic                  ts_i,
  input  logic [31:0]           addr_i,
  input  logic [4:0]            tt_i,
  input  logic [2:0]            tsiz_i,
  input  logic                  tbst_i,
  input  logic [4:0]            tid_i,
  input  logic [31:0]           wdata_i,
  output logic                  aack_o,
  output logic                  artry_o,
  output logic                  ta_o,
  output logic                  tea_o,
  output logic [31:0]           rdata_o,
  output logic [15:0]           bm_timeout_o,  // the bus monitor's timeout in use
  // pins
  input  logic [NIRQ-1:0]       irq_i,
  output logic [NCPU-1:0]       int_o,
  output logic [NCPU-1:0]       cint_o,
  output logic [NCPU-1:0]       mcp_o,
  output logic [NCPU-1:0]       core_rst_o,
  output logic                  irq_out_o,
  output logic [63:0]           cycle_o,
  // pin-timing expectations
  input  logic                  exp_valid_i,
  input  logic [2:0]            exp_sel_i,
  input  logic [4:0]            exp_cpu_i,
  input  logic [2:0]            exp_pin_i,
  input  logic                  exp_level_i,
  input  logic [63:0]           exp_cause_i,
  // core state for waveforms
  input  logic                  observe_i,
  output logic [NCPU-1:0][3:0]  obs_ctpr_o,
  output logic [NCPU-1:0][3:0]  obs_isr_depth_o,
  output logic [NCPU-1:0][15:0] obs_iack_vec_o,
  output logic [31:0]           obs_src_input_o,
  output logic [31:0]           obs_src_pending_o
);

  logic slv_aack, slv_ta, slv_tea, bm_aack, bm_tea;

  mpic_ccb_slave #(
    .NCPU (NCPU),
    .NIRQ (NIRQ),
    .BASE (BASE),
    .DEPTH(DEPTH)
  ) u_slave (
    .clk_i,
    .rst_ni,
    .ts_i,
    .addr_i,
    .tt_i,
    .tsiz_i,
    .tbst_i,
    .tid_i,
    .wdata_i,
    .aack_o (slv_aack),
    .artry_o,
    .ta_o   (slv_ta),
    .tea_o  (slv_tea),
    .rdata_o,
    .irq_i,
    .int_o,
    .cint_o,
    .mcp_o,
    .core_rst_o,
    .irq_out_o,
    .cycle_o,
    .observe_i,
    .obs_ctpr_o,
    .obs_isr_depth_o,
    .obs_iack_vec_o,
    .obs_src_input_o,
    .obs_src_pending_o
  );

  ccb_bus_monitor #(
    .TIMEOUT(BM_TIMEOUT)
  ) u_bus_monitor (
    .clk_i,
    .rst_ni,
    .ts_i,
    .slv_aack_i(slv_aack),
    .slv_ta_i  (slv_ta),
    .slv_tea_i (slv_tea),
    .aack_o    (bm_aack),
    .tea_o     (bm_tea),
    .timeout_o (bm_timeout_o)
  );

  assign aack_o = slv_aack | bm_aack;
  assign ta_o   = slv_ta;
  assign tea_o  = slv_tea | bm_tea;

  ccb_checker #(
    .BASE (BASE),
    .DEPTH(DEPTH)
  ) u_ccb_checker (
    .clk_i,
    .rst_ni,
    .cycle_i(cycle_o),
    .ts_i,
    .addr_i,
    .tt_i,
    .tsiz_i,
    .tbst_i,
    .tid_i,
    .wdata_i,
    .slv_aack_i(slv_aack),
    .artry_i   (artry_o),
    .ta_i      (slv_ta),
    .slv_tea_i (slv_tea),
    .rdata_i   (rdata_o),
    .bm_aack_i (bm_aack),
    .bm_tea_i  (bm_tea),
    .bm_timeout_i(bm_timeout_o)
  );

  mpic_pin_checker #(
    .NCPU(NCPU)
  ) u_pin_checker (
    .clk_i,
    .rst_ni,
    .cycle_i   (cycle_o),
    .int_i     (int_o),
    .cint_i    (cint_o),
    .mcp_i     (mcp_o),
    .core_rst_i(core_rst_o),
    .irq_out_i (irq_out_o),
    .exp_valid_i,
    .exp_sel_i,
    .exp_cpu_i,
    .exp_pin_i,
    .exp_level_i,
    .exp_cause_i
  );

endmodule
