// ccb_checker: protocol checker of the CCB subset (docs/bus.md) and the
// TA / TEA timing assertion.
//
// The expected termination cycle of every acknowledged tenure is predicted
// here, independently of the slave, from the core's latency parameters
// (queried once through DPI, never hard-coded) and the register offset:
//   issue  = the AACK cycle
//   lat    = iack_latency for an IACK read, eoi_latency for an EOI write, else read/write_latency
//   due    = max(issue + lat, previous due + 1)      (data tenures in order)
//   TEA instead of TA when the core's decoder rejects the access.
// A TA / TEA one cycle early or late, a missing one, or TA for an error fails.
//
// Addresses outside the MPIC block are ended by the bus monitor
// (ccb_bus_monitor): AACK exactly at max(TS + timeout, last predicted
// termination + 1), TEA in the next cycle. The monitor must never end a tenure
// the slave decodes, and the two never drive AACK or TEA in the same cycle.
// While rst_ni is low the bus outputs are all 0; a reset drops every tenure,
// so a termination of a tenure from before the reset fails as one "with no
// tenure outstanding".
module ccb_checker
  import mpic_ccb_pkg::*;
#(
  parameter logic [31:0] BASE  = 32'hFE04_0000,
  parameter int unsigned DEPTH = 2,
  parameter int unsigned NEXP  = 8      // expected-termination FIFO (power of 2, > DEPTH)
) (
  input logic        clk_i,
  input logic        rst_ni,
  input logic [63:0] cycle_i,
  input logic        ts_i,
  input logic [31:0] addr_i,
  input logic [4:0]  tt_i,
  input logic [2:0]  tsiz_i,
  input logic        tbst_i,
  input logic [4:0]  tid_i,
  input logic [31:0] wdata_i,
  input logic        slv_aack_i,    // the MPIC slave
  input logic        artry_i,
  input logic        ta_i,
  input logic        slv_tea_i,
  input logic [31:0] rdata_i,
  input logic        bm_aack_i,     // the bus monitor
  input logic        bm_tea_i,
  input logic [15:0] bm_timeout_i
);

  localparam int unsigned EW = $clog2(NEXP);

  int unsigned p_read, p_write, p_iack, p_eoi, ncpus;

  // open address tenure (TS seen, AACK not yet)
  logic        open_q;
  logic [63:0] ts_cycle_q, last_aack_q, bm_due_q;
  logic        o_in_block_q;
  logic        seen_aack_q;
  logic [31:0] o_addr_q, o_wdata_q;
  logic [4:0]  o_tt_q, o_tid_q;
  logic [2:0]  o_tsiz_q;
  logic        o_tbst_q;

  // expected terminations, in order
  logic [63:0] exp_due_q [NEXP];
  logic        exp_err_q [NEXP];
  logic [EW-1:0] exp_rd_q, exp_wr_q;
  logic [EW:0]   exp_cnt_q;
  logic [63:0]   last_due_q;
  logic [63:0]   n_ok_q, n_err_q;

  function automatic logic is_percpu_reg(logic [31:0] off, logic [11:0] reg_off, int unsigned n);
    if (off == {20'd0, reg_off}) return 1'b1;  // this-CPU page
    return off >= 32'h2_0000 && off < 32'h2_0000 + 32'h1000 * n && off[11:0] == reg_off;
  endfunction

  function automatic int unsigned latency(logic [31:0] off, int unsigned kind, logic err);
    if (err) return (kind == KIND_WRITE) ? p_write : p_read;
    if (kind != KIND_WRITE && is_percpu_reg(off, 12'h0A0, ncpus)) return p_iack;
    if (kind == KIND_WRITE && is_percpu_reg(off, 12'h0B0, ncpus)) return p_eoi;
    return (kind == KIND_WRITE) ? p_write : p_read;
  endfunction

  logic in_block, aack_i, tea_i;
  assign in_block = (addr_i >= BASE) && ((addr_i - BASE) < BLOCK_SIZE);
  assign aack_i   = slv_aack_i || bm_aack_i;  // the bus's AACK and TEA
  assign tea_i    = slv_tea_i || bm_tea_i;

  // Reset: every bus output of the slave and of the monitor is 0 while rst_ni
  // is low (sampled on the clock: the reset itself is asynchronous).
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      assert (!slv_aack_i && !artry_i && !ta_i && !slv_tea_i && rdata_i == '0 && !bm_aack_i &&
              !bm_tea_i)
      else $error("ccb: bus output asserted during reset (cycle %0d)", cycle_i);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      p_read      <= mpic_dpi_param("read_latency");
      p_write     <= mpic_dpi_param("write_latency");
      p_iack      <= mpic_dpi_param("iack_latency");
      p_eoi       <= mpic_dpi_param("eoi_latency");
      ncpus       <= mpic_dpi_ncpus();
      open_q      <= 1'b0;
      ts_cycle_q  <= '0;
      last_aack_q <= '0;
      bm_due_q    <= '0;
      o_in_block_q <= 1'b0;
      seen_aack_q <= 1'b0;
      o_addr_q    <= '0;
      o_wdata_q   <= '0;
      o_tt_q      <= '0;
      o_tid_q     <= '0;
      o_tsiz_q    <= '0;
      o_tbst_q    <= 1'b0;
      exp_rd_q    <= '0;
      exp_wr_q    <= '0;
      exp_cnt_q   <= '0;
      last_due_q  <= '0;
      n_ok_q      <= '0;
      n_err_q     <= '0;
      for (int i = 0; i < int'(NEXP); i++) begin
        exp_due_q[i] <= '0;
        exp_err_q[i] <= 1'b0;
      end
    end else begin
      logic [63:0] c, new_due;
      logic new_err, have_new, term, pop;
      int unsigned kind, lat;
      logic [31:0] off;
      c = cycle_i;
      have_new = 1'b0;
      new_due = '0;
      new_err = 1'b0;
      term = ta_i || tea_i;
      pop = 1'b0;

      // ---- address tenure ----
      if (ts_i) begin
        assert (!open_q)
        else $error("ccb: TS at cycle %0d while the tenure of cycle %0d is open", c, ts_cycle_q);
        assert (!seen_aack_q || c >= last_aack_q + 64'd2)
        else $error("ccb: TS at cycle %0d inside the ARTRY window of the AACK at %0d", c,
                    last_aack_q);
        // outside the block: the bus monitor's AACK is due at the timeout, and
        // not before the data tenures already acknowledged have terminated
        bm_due_q <= c + 64'(bm_timeout_i);
        if (seen_aack_q && last_due_q + 64'd1 > c + 64'(bm_timeout_i))
          bm_due_q <= last_due_q + 64'd1;
        o_in_block_q <= in_block;
        open_q     <= 1'b1;
        ts_cycle_q <= c;
        o_addr_q   <= addr_i;
        o_wdata_q  <= wdata_i;
        o_tt_q     <= tt_i;
        o_tid_q    <= tid_i;
        o_tsiz_q   <= tsiz_i;
        o_tbst_q   <= tbst_i;
      end
      if (open_q) begin
        assert (addr_i == o_addr_q && tt_i == o_tt_q && tsiz_i == o_tsiz_q &&
                tbst_i == o_tbst_q && tid_i == o_tid_q && wdata_i == o_wdata_q)
        else $error("ccb: address or attributes changed at cycle %0d before AACK", c);
        if (!o_in_block_q) begin
          assert (aack_i || c < bm_due_q)
          else $error("ccb: bus monitor AACK missing at cycle %0d (TS at %0d to 0x%08x)", c,
                      ts_cycle_q, o_addr_q);
        end
      end
      assert (!(slv_aack_i && bm_aack_i))
      else $error("ccb: AACK from the slave and the bus monitor at cycle %0d", c);
      assert (!(slv_tea_i && bm_tea_i))
      else $error("ccb: TEA from the slave and the bus monitor at cycle %0d", c);
      assert (!artry_i || (seen_aack_q && last_aack_q + 64'd1 == c))
      else $error("ccb: ARTRY at cycle %0d outside the cycle after AACK", c);
      if (aack_i) begin
        assert (open_q && !ts_i)
        else $error("ccb: AACK at cycle %0d without an open address tenure", c);
        open_q      <= 1'b0;
        last_aack_q <= c;
        seen_aack_q <= 1'b1;
        off  = o_addr_q - BASE;
        kind = tt_kind(o_tt_q);
        if (o_in_block_q) begin
          assert (slv_aack_i)
          else $error("ccb: bus monitor timed out the TS at %0d to 0x%08x, which the MPIC decodes",
                      ts_cycle_q, o_addr_q);
          new_err = mpic_dpi_decode({27'd0, o_tid_q}, kind, off, xfer_bytes(o_tsiz_q, o_tbst_q)) != 0;
          lat = latency(off, kind, new_err);
        end else begin
          assert (bm_aack_i && c == bm_due_q)
          else $error("ccb: AACK at cycle %0d for 0x%08x (outside the block), bus monitor due %0d",
                      c, o_addr_q, bm_due_q);
          new_err = 1'b1;  // the monitor's TEA, the cycle after its AACK
          lat = 1;
        end
        new_due = c + 64'(lat);
        if (seen_aack_q && last_due_q >= new_due) new_due = last_due_q + 64'd1;
        have_new = 1'b1;
      end

      // ---- data tenure ----
      assert (!(ta_i && tea_i)) else $error("ccb: TA and TEA together at cycle %0d", c);
      if (exp_cnt_q != '0 && !term) begin
        assert (exp_due_q[exp_rd_q] != c)
        else $error("ccb: %0s missing at cycle %0d (predicted from the latency table)",
                    exp_err_q[exp_rd_q] ? "TEA" : "TA", c);
        assert (exp_due_q[exp_rd_q] > c)
        else $error("ccb: termination overdue since cycle %0d", exp_due_q[exp_rd_q]);
      end
      if (term) begin
        if (exp_cnt_q != '0) begin
          assert (exp_due_q[exp_rd_q] == c)
          else $error("ccb: %0s at cycle %0d, predicted at cycle %0d", ta_i ? "TA" : "TEA", c,
                      exp_due_q[exp_rd_q]);
          assert (tea_i == exp_err_q[exp_rd_q])
          else $error("ccb: %0s at cycle %0d, predicted %0s", ta_i ? "TA" : "TEA", c,
                      exp_err_q[exp_rd_q] ? "TEA" : "TA");
          pop = 1'b1;
        end else if (have_new) begin
          // zero latency: terminated in its AACK cycle
          assert (new_due == c && tea_i == new_err)
          else $error("ccb: termination at cycle %0d, predicted %s at %0d", c,
                      new_err ? "TEA" : "TA", new_due);
          have_new = 1'b0;
          last_due_q <= new_due;
        end else begin
          assert (1'b0) else $error("ccb: TA/TEA at cycle %0d with no tenure outstanding", c);
        end
        if (tea_i) n_err_q <= n_err_q + 1;
        else n_ok_q <= n_ok_q + 1;
      end
      if (pop) exp_rd_q <= exp_rd_q + 1'b1;
      if (have_new) begin
        assert (int'(exp_cnt_q) - int'(pop) < int'(DEPTH))
        else $error("ccb: more than %0d tenures awaiting data at cycle %0d", DEPTH, c);
        exp_due_q[exp_wr_q] <= new_due;
        exp_err_q[exp_wr_q] <= new_err;
        exp_wr_q <= exp_wr_q + 1'b1;
        last_due_q <= new_due;
      end
      exp_cnt_q <= exp_cnt_q + {{EW{1'b0}}, have_new} - {{EW{1'b0}}, pop};
    end
  end

  // Concurrent properties (|=> and $past only: Verilator 5.006 has no ##).
  p_ts_one_cycle: assert property (@(posedge clk_i) disable iff (!rst_ni) ts_i |=> !ts_i)
    else $error("ccb: TS longer than one cycle at cycle %0d", cycle_i);
  p_aack_one_cycle: assert property (@(posedge clk_i) disable iff (!rst_ni) aack_i |=> !aack_i)
    else $error("ccb: AACK longer than one cycle at cycle %0d", cycle_i);
  p_aack_after_ts: assert property (@(posedge clk_i) disable iff (!rst_ni)
                                    aack_i |-> !ts_i && $past(open_q || ts_i))
    else $error("ccb: AACK at cycle %0d not after a TS", cycle_i);
  p_no_ta_with_tea: assert property (@(posedge clk_i) disable iff (!rst_ni) !(ta_i && tea_i))
    else $error("ccb: TA with TEA at cycle %0d", cycle_i);

  final begin
    $display("ccb_checker: %0d TA, %0d TEA checked against the latency table", n_ok_q, n_err_q);
  end

endmodule
