// ccb_bus_monitor: the system's address-tenure watchdog (docs/bus.md rule 8),
// as a 60x system's bus monitor: it decodes nothing and times every address
// tenure from its TS. A tenure no slave acknowledges within `timeout` cycles
// is ended by the monitor with an error:
//   AACK in the first cycle >= TS + timeout in which no slave data tenure is
//        outstanding (so data tenures still finish in address order),
//   TEA  in the cycle after that AACK.
// The slaves' AACK / TA / TEA are observed to count their outstanding data
// tenures. `timeout` is TIMEOUT, or +bm_timeout=N; it must exceed the longest
// AACK hold of the MPIC slave (ccb_checker flags a timeout on an address the
// slave decodes).
module ccb_bus_monitor #(
  parameter int unsigned TIMEOUT = 16
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        ts_i,
  input  logic        slv_aack_i,
  input  logic        slv_ta_i,
  input  logic        slv_tea_i,
  output logic        aack_o,
  output logic        tea_o,
  output logic [15:0] timeout_o
);

  logic [15:0] timeout;
  initial begin
    int unsigned t;
    if (!$value$plusargs("bm_timeout=%d", t)) t = TIMEOUT;
    if (t < 1) t = 1;
    timeout = t[15:0];
  end

  logic        open_q, aack_q, tea_q;
  logic [15:0] age_q;  // cycles since the open tenure's TS
  logic [7:0]  cnt_q;  // slave data tenures acknowledged and not yet terminated

  logic        open_d, aack_d;
  logic [15:0] age_d;
  logic [7:0]  cnt_d;

  always_comb begin
    cnt_d  = cnt_q + {7'd0, slv_aack_i} - {7'd0, slv_ta_i | slv_tea_i};
    open_d = ts_i || (open_q && !slv_aack_i && !aack_q);
    age_d  = ts_i ? 16'd1 : (age_q == 16'hFFFF ? age_q : age_q + 16'd1);
    aack_d = open_d && (age_d >= timeout) && (cnt_d == '0);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      open_q <= 1'b0;
      aack_q <= 1'b0;
      tea_q  <= 1'b0;
      age_q  <= '0;
      cnt_q  <= '0;
    end else begin
      open_q <= open_d && !aack_d;
      age_q  <= open_d ? age_d : '0;
      cnt_q  <= cnt_d;
      aack_q <= aack_d;
      tea_q  <= aack_q;  // the data tenure ends with an error right after the AACK
    end
  end

  assign aack_o    = aack_q;
  assign tea_o     = tea_q;
  assign timeout_o = timeout;

endmodule
