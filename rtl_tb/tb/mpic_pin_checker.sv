// mpic_pin_checker: "this pin reaches this level exactly N cycles after that
// cause" assertions on the per-core outputs and the single IRQ_OUT pin (pin 4,
// core 0: EP-routed sources of v2.0 / v3.1).
//
// A scenario arms an expectation (exp_valid_i for one cycle) with the cause
// cycle and a delay selector; the delay comes from the core's parameters
// (queried through DPI at reset, never hard-coded):
//   SEL_PIN_EDGE   sync_depth + arb_latency        IRQ pin edge -> int / cint / mcp
//   SEL_ARB        arb_latency                     register write, timer expiry, MSI
//   SEL_IACK       iack_to_int                     IACK issue -> int falls
//   SEL_EOI        eoi_to_arb                      EOI issue -> int re-arbitrated
//   SEL_CORE_RST   core_reset_latency              PIR write -> core reset output
//   SEL_EDGE_PULSE sync_depth + arb_latency + mpic_clk_div   end of an edge pulse
// From the arming cycle until the target cycle the pin must differ from the
// expected level; at the target cycle it must have it. Early, late or missing
// changes fail. Counters, no ## (Verilator 5.006 has no cycle delays in SVA).
// While rst_ni is low every output pin must be 0; a reset drops every armed
// expectation (the core behind the pins is a new one).
module mpic_pin_checker #(
  parameter int unsigned NCPU  = 4,
  parameter int unsigned NSLOT = 8
) (
  input logic            clk_i,
  input logic            rst_ni,
  input logic [63:0]     cycle_i,
  input logic [NCPU-1:0] int_i,
  input logic [NCPU-1:0] cint_i,
  input logic [NCPU-1:0] mcp_i,
  input logic [NCPU-1:0] core_rst_i,
  input logic            irq_out_i,
  input logic            exp_valid_i,
  input logic [2:0]      exp_sel_i,
  input logic [4:0]      exp_cpu_i,
  input logic [2:0]      exp_pin_i,    // 0 int, 1 cint, 2 mcp, 3 reset, 4 irq_out
  input logic            exp_level_i,
  input logic [63:0]     exp_cause_i
);
  import mpic_ccb_pkg::*;

  localparam int unsigned CW = (NCPU > 1) ? $clog2(NCPU) : 1;
  localparam logic [2:0] SEL_PIN_EDGE = 3'd0;
  localparam logic [2:0] SEL_ARB = 3'd1;
  localparam logic [2:0] SEL_IACK = 3'd2;
  localparam logic [2:0] SEL_EOI = 3'd3;
  localparam logic [2:0] SEL_CORE_RST = 3'd4;
  localparam logic [2:0] SEL_EDGE_PULSE = 3'd5;

  int unsigned p_sync, p_arb, p_iack_to_int, p_eoi_to_arb, p_core_rst, p_clk_div;

  logic        s_valid_q [NSLOT];
  logic [63:0] s_target_q [NSLOT];
  logic [63:0] s_cause_q [NSLOT];
  logic [4:0]  s_cpu_q [NSLOT];
  logic [2:0]  s_pin_q [NSLOT];
  logic        s_level_q [NSLOT];
  logic [63:0] n_checked_q;

  function automatic logic pin_val(logic [4:0] cpu, logic [2:0] pin);
    logic [NCPU-1:0] sel;
    if (int'(cpu) >= int'(NCPU)) return 1'b0;
    if (pin == 3'd4) return (cpu == '0) ? irq_out_i : 1'b0;  // reported as core 0
    case (pin)
      3'd0: sel = int_i;
      3'd1: sel = cint_i;
      3'd2: sel = mcp_i;
      default: sel = core_rst_i;
    endcase
    return sel[CW'(cpu)];
  endfunction

  function automatic string pin_name(logic [2:0] pin);
    case (pin)
      3'd0: return "int";
      3'd1: return "cint";
      3'd2: return "mcp";
      3'd3: return "reset";
      default: return "irq_out";
    endcase
  endfunction

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      assert (int_i == '0 && cint_i == '0 && mcp_i == '0 && core_rst_i == '0 && !irq_out_i)
      else $error("pins: output asserted during reset (cycle %0d)", cycle_i);
    end
  end

  function automatic logic [63:0] delay(logic [2:0] sel);
    case (sel)
      SEL_PIN_EDGE: return 64'(p_sync) + 64'(p_arb);
      SEL_ARB: return 64'(p_arb);
      SEL_IACK: return 64'(p_iack_to_int);
      SEL_EOI: return 64'(p_eoi_to_arb);
      SEL_CORE_RST: return 64'(p_core_rst);
      SEL_EDGE_PULSE: return 64'(p_sync) + 64'(p_arb) + 64'(p_clk_div);
      default: return 64'd0;
    endcase
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      p_sync        <= mpic_dpi_param("sync_depth");
      p_arb         <= mpic_dpi_param("arb_latency");
      p_iack_to_int <= mpic_dpi_param("iack_to_int");
      p_eoi_to_arb  <= mpic_dpi_param("eoi_to_arb");
      p_core_rst    <= mpic_dpi_param("core_reset_latency");
      p_clk_div     <= mpic_dpi_param("mpic_clk_div");
      n_checked_q   <= '0;
      for (int i = 0; i < int'(NSLOT); i++) begin
        s_valid_q[i]  <= 1'b0;
        s_target_q[i] <= '0;
        s_cause_q[i]  <= '0;
        s_cpu_q[i]    <= '0;
        s_pin_q[i]    <= '0;
        s_level_q[i]  <= 1'b0;
      end
    end else begin
      logic [63:0] c, target;
      logic placed, v;
      c = cycle_i;
      for (int i = 0; i < int'(NSLOT); i++) begin
        if (s_valid_q[i]) begin
          v = pin_val(s_cpu_q[i], s_pin_q[i]);
          if (c < s_target_q[i]) begin
            assert (v != s_level_q[i])
            else $error("pins: core %0d %s reached %0d at cycle %0d, expected at %0d (cause %0d)",
                        s_cpu_q[i], pin_name(s_pin_q[i]), s_level_q[i], c, s_target_q[i],
                        s_cause_q[i]);
          end else begin
            assert (v == s_level_q[i])
            else $error("pins: core %0d %s not %0d at cycle %0d (cause %0d)", s_cpu_q[i],
                        pin_name(s_pin_q[i]), s_level_q[i], c, s_cause_q[i]);
            s_valid_q[i] <= 1'b0;
            n_checked_q  <= n_checked_q + 1;
          end
        end
      end
      if (exp_valid_i) begin
        target = exp_cause_i + delay(exp_sel_i);
        v = pin_val(exp_cpu_i, exp_pin_i);
        assert (target >= c)
        else $error("pins: expectation armed at cycle %0d for a past cycle %0d", c, target);
        if (target <= c) begin
          assert (v == exp_level_i)
          else $error("pins: core %0d %s not %0d at cycle %0d (cause %0d)", exp_cpu_i,
                      pin_name(exp_pin_i), exp_level_i, c, exp_cause_i);
        end else begin
          assert (v != exp_level_i)
          else $error("pins: core %0d %s already %0d at cycle %0d, expected at %0d (cause %0d)",
                      exp_cpu_i, pin_name(exp_pin_i), exp_level_i, c, target, exp_cause_i);
          placed = 1'b0;
          for (int i = 0; i < int'(NSLOT); i++) begin
            if (!placed && !s_valid_q[i]) begin
              placed = 1'b1;
              s_valid_q[i]  <= 1'b1;
              s_target_q[i] <= target;
              s_cause_q[i]  <= exp_cause_i;
              s_cpu_q[i]    <= exp_cpu_i;
              s_pin_q[i]    <= exp_pin_i;
              s_level_q[i]  <= exp_level_i;
            end
          end
          assert (placed) else $error("pins: more than %0d expectations in flight", NSLOT);
        end
      end
    end
  end

  final begin
    $display("mpic_pin_checker: %0d pin timing expectations checked", n_checked_q);
  end

endmodule
