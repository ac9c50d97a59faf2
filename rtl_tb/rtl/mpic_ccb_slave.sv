// mpic_ccb_slave: the MPIC register block as a slave of the e500 core complex
// bus (the 60x-derived subset of docs/bus.md), with the MPIC core behind it
// through DPI-C.
//
// Time: cycle_q counts rising clk_i edges since reset; it is the core's
// explicit time. All calls into the core happen in one clocked process, in a
// fixed order per edge (edge entering cycle T = cycle_q + 1):
//   1. IRQ pins that changed during cycle T-1: mpic_set_irq(T-1, ...)
//   2. an address tenure accepted now (AACK in cycle T): mpic_read/write(T)
//   3. mpic_advance(T) and the stamped output changes due at or before T,
//      which drive int_o / cint_o / mcp_o / core_rst_o / irq_out_o in cycle T.
// TA (or TEA for an access the core rejects) is asserted in the cycle the core
// reports as the access's completion, keeping data tenures in address order.
//
// Reset (rst_ni low, asynchronous; docs/bus.md "Reset"): every tenure is
// dropped, every output is 0, cycle_q restarts at 0 and the core is re-created
// in its power-on state (mpic_dpi_reset destroys and re-creates the instance).
module mpic_ccb_slave
  import mpic_ccb_pkg::*;
#(
  parameter int unsigned NCPU  = 4,              // per-core output pins
  parameter int unsigned NIRQ  = 12,             // external IRQ pins = sources 0..NIRQ-1
  parameter logic [31:0] BASE  = 32'hFE04_0000,  // CCSRBAR + 0x40000
  parameter int unsigned DEPTH = 2               // accepted tenures awaiting TA/TEA (power of 2)
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  // address tenure
  input  logic                  ts_i,
  input  logic [31:0]           addr_i,
  input  logic [4:0]            tt_i,
  input  logic [2:0]            tsiz_i,
  input  logic                  tbst_i,
  input  logic [4:0]            tid_i,     // initiating core (this-CPU page)
  input  logic [31:0]           wdata_i,   // store data, presented with the address
  output logic                  aack_o,
  output logic                  artry_o,
  // data tenure
  output logic                  ta_o,
  output logic                  tea_o,
  output logic [31:0]           rdata_o,
  // interrupt pins
  input  logic [NIRQ-1:0]       irq_i,
  output logic [NCPU-1:0]       int_o,
  output logic [NCPU-1:0]       cint_o,
  output logic [NCPU-1:0]       mcp_o,
  output logic [NCPU-1:0]       core_rst_o,
  output logic                  irq_out_o,
  // time base and observation (waveforms only; observe_i = 0 costs nothing)
  output logic [63:0]           cycle_o,
  input  logic                  observe_i,
  output logic [NCPU-1:0][3:0]  obs_ctpr_o,
  output logic [NCPU-1:0][3:0]  obs_isr_depth_o,
  output logic [NCPU-1:0][15:0] obs_iack_vec_o,
  output logic [31:0]           obs_src_input_o,
  output logic [31:0]           obs_src_pending_o
);

  localparam int unsigned PW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

  // Injected TA timing error for the checker's self-test (+ta_skew=N).
  int ta_skew;
  initial begin
    if (!$value$plusargs("ta_skew=%d", ta_skew)) ta_skew = 0;
  end

  logic [63:0] cycle_q;
  logic [NIRQ-1:0] irq_q;

  // Address tenure seen (TS) but not yet acknowledged: the master holds the
  // address and attributes until AACK; the slave latches them at TS.
  logic        apend_q, apend_d;
  logic [31:0] a_addr_q;
  logic [4:0]  a_tt_q, a_tid_q;
  logic [2:0]  a_tsiz_q;
  logic        a_tbst_q;
  logic [31:0] a_wdata_q;

  // Accepted tenures awaiting their data termination, in address order.
  logic [63:0] due_q  [DEPTH];
  logic        err_q  [DEPTH];
  logic [31:0] data_q [DEPTH];
  logic [PW-1:0] rd_ptr_q, wr_ptr_q;
  logic [PW:0]   cnt_q;

  logic aack_q, ta_q, tea_q;
  logic [31:0] rdata_q;
  logic [NCPU-1:0] int_q, cint_q, mcp_q, rst_q;
  logic irq_out_q;
  logic [NCPU-1:0][3:0]  obs_ctpr_q, obs_depth_q;
  logic [NCPU-1:0][15:0] obs_vec_q;
  logic [31:0] obs_in_q, obs_pend_q;

  // ---- address decode and acceptance ----
  logic        ts_hit, a_valid, head_fire, accept;
  logic [31:0] cur_addr, cur_wdata;
  logic [4:0]  cur_tt, cur_tid;
  logic [2:0]  cur_tsiz;
  logic        cur_tbst;

  assign ts_hit = ts_i && !apend_q && (addr_i >= BASE) && ((addr_i - BASE) < BLOCK_SIZE);
  assign a_valid = apend_q || ts_hit;
  assign cur_addr  = apend_q ? a_addr_q  : addr_i;
  assign cur_tt    = apend_q ? a_tt_q    : tt_i;
  assign cur_tsiz  = apend_q ? a_tsiz_q  : tsiz_i;
  assign cur_tbst  = apend_q ? a_tbst_q  : tbst_i;
  assign cur_tid   = apend_q ? a_tid_q   : tid_i;
  assign cur_wdata = apend_q ? a_wdata_q : wdata_i;

  // The head terminates in the next cycle when the core says it is complete.
  assign head_fire = (cnt_q != '0) && ((cycle_q + 64'd1) >= due_q[rd_ptr_q]);
  // A tenure is acknowledged when a termination slot is free after this edge.
  assign accept = a_valid && ((cnt_q - {{PW{1'b0}}, head_fire}) < (PW + 1)'(DEPTH));
  assign apend_d = a_valid && !accept;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      apend_q   <= 1'b0;
      a_addr_q  <= '0;
      a_tt_q    <= '0;
      a_tsiz_q  <= '0;
      a_tbst_q  <= 1'b0;
      a_tid_q   <= '0;
      a_wdata_q <= '0;
    end else if (ts_hit) begin
      apend_q   <= apend_d;
      a_addr_q  <= addr_i;
      a_tt_q    <= tt_i;
      a_tsiz_q  <= tsiz_i;
      a_tbst_q  <= tbst_i;
      a_tid_q   <= tid_i;
      a_wdata_q <= wdata_i;
    end else begin
      apend_q <= apend_d;
    end
  end

  // ---- the clocked process that talks to the core ----
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cycle_q    <= '0;
      irq_q      <= '0;
      rd_ptr_q   <= '0;
      wr_ptr_q   <= '0;
      cnt_q      <= '0;
      aack_q     <= 1'b0;
      ta_q       <= 1'b0;
      tea_q      <= 1'b0;
      rdata_q    <= '0;
      int_q      <= '0;
      cint_q     <= '0;
      mcp_q      <= '0;
      rst_q      <= '0;
      irq_out_q  <= 1'b0;
      obs_ctpr_q <= '0;
      obs_depth_q <= '0;
      obs_vec_q  <= '0;
      obs_in_q   <= '0;
      obs_pend_q <= '0;
      for (int i = 0; i < int'(DEPTH); i++) begin
        due_q[i]  <= '0;
        err_q[i]  <= 1'b0;
        data_q[i] <= '0;
      end
      mpic_dpi_reset();
    end else begin
      logic [63:0] now, done, due;
      int unsigned rdata, iv, cv, mv, rv, vec, sin, spend;
      byte unsigned io, ctpr, depth;
      int st;
      logic push;
      now  = cycle_q + 64'd1;
      push = 1'b0;
      cycle_q <= now;

      // 1. IRQ pins: changes of cycle cycle_q, through the core's synchroniser
      if (irq_i != irq_q) begin
        for (int unsigned i = 0; i < NIRQ; i++) begin
          if (irq_i[i] != irq_q[i]) mpic_dpi_set_irq(cycle_q, i, {7'd0, irq_i[i]});
        end
      end
      irq_q <= irq_i;

      // 2. data termination of the oldest tenure
      ta_q    <= 1'b0;
      tea_q   <= 1'b0;
      rdata_q <= '0;
      aack_q  <= 1'b0;
      if (head_fire) begin
        ta_q     <= !err_q[rd_ptr_q];
        tea_q    <= err_q[rd_ptr_q];
        rdata_q  <= data_q[rd_ptr_q];
        rd_ptr_q <= rd_ptr_q + 1'b1;
      end

      // 3. address tenure accepted now: the access is issued at cycle `now`
      if (accept) begin
        st = mpic_dpi_access(now, {27'd0, cur_tid}, tt_kind(cur_tt), cur_addr - BASE,
                             xfer_bytes(cur_tsiz, cur_tbst), cur_wdata, rdata, done);
        due = done + 64'(ta_skew);
        aack_q <= 1'b1;
        if (!head_fire && cnt_q == '0 && due <= now) begin
          // zero latency: data in the AACK cycle
          ta_q    <= (st == 0);
          tea_q   <= (st != 0);
          rdata_q <= (st == 0) ? rdata : 32'd0;
        end else begin
          push = 1'b1;
          due_q[wr_ptr_q]  <= due;
          err_q[wr_ptr_q]  <= (st != 0);
          data_q[wr_ptr_q] <= (st == 0) ? rdata : 32'd0;
          wr_ptr_q <= wr_ptr_q + 1'b1;
        end
      end
      cnt_q <= cnt_q + {{PW{1'b0}}, push} - {{PW{1'b0}}, head_fire};

      // 4. outputs: the core's stamped changes due by `now`
      mpic_dpi_tick(now, iv, cv, mv, rv, io);
      int_q     <= iv[NCPU-1:0];
      cint_q    <= cv[NCPU-1:0];
      mcp_q     <= mv[NCPU-1:0];
      rst_q     <= rv[NCPU-1:0];
      irq_out_q <= io[0];

      // 5. observation of the core's state, for waveforms
      if (observe_i) begin
        for (int unsigned c = 0; c < NCPU; c++) begin
          mpic_dpi_observe(c, ctpr, depth, vec);
          obs_ctpr_q[c]  <= ctpr[3:0];
          obs_depth_q[c] <= depth[3:0];
          obs_vec_q[c]   <= vec[15:0];
        end
        mpic_dpi_observe_src(sin, spend);
        obs_in_q   <= sin;
        obs_pend_q <= spend;
      end
    end
  end

  assign aack_o            = aack_q;
  assign artry_o           = 1'b0;  // no snooping behind the MPIC: never retried
  assign ta_o              = ta_q;
  assign tea_o             = tea_q;
  assign rdata_o           = rdata_q;
  assign int_o             = int_q;
  assign cint_o            = cint_q;
  assign mcp_o             = mcp_q;
  assign core_rst_o        = rst_q;
  assign irq_out_o         = irq_out_q;
  assign cycle_o           = cycle_q;
  assign obs_ctpr_o        = obs_ctpr_q;
  assign obs_isr_depth_o   = obs_depth_q;
  assign obs_iack_vec_o    = obs_vec_q;
  assign obs_src_input_o   = obs_in_q;
  assign obs_src_pending_o = obs_pend_q;

endmodule
