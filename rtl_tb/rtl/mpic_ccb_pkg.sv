// mpic_ccb_pkg: constants of the CCB (60x-derived) bus subset and the DPI-C
// imports of the MPIC core glue (rtl_tb/dpi/mpic_dpi.cpp).
package mpic_ccb_pkg;

  // Transfer types (TT[0:4], TT0 is the MSB) of the subset: single-beat
  // read and write. Every other code is answered with TEA.
  localparam logic [4:0] TT_WRITE = 5'b00010;
  localparam logic [4:0] TT_READ  = 5'b01010;

  // Access kinds passed to the core glue.
  localparam int unsigned KIND_READ  = 0;
  localparam int unsigned KIND_WRITE = 1;
  localparam int unsigned KIND_BAD   = 2;

  // Register block size (MPIC_BLOCK_SIZE).
  localparam logic [31:0] BLOCK_SIZE = 32'h0004_0000;

  // Bytes of a transfer: TSIZ 000 is 8 bytes; a burst (TBST) is 32 bytes.
  function automatic int unsigned xfer_bytes(logic [2:0] tsiz, logic tbst);
    if (tbst) return 32;
    return (tsiz == 3'b000) ? 8 : int'(tsiz);
  endfunction

  function automatic int unsigned tt_kind(logic [4:0] tt);
    if (tt == TT_READ) return KIND_READ;
    if (tt == TT_WRITE) return KIND_WRITE;
    return KIND_BAD;
  endfunction

  import "DPI-C" function void mpic_dpi_reset();
  import "DPI-C" function int unsigned mpic_dpi_param(input string name);
  import "DPI-C" function int unsigned mpic_dpi_ncpus();
  import "DPI-C" function void mpic_dpi_set_irq(input longint unsigned now,
                                                input int unsigned src, input byte unsigned level);
  import "DPI-C" function int mpic_dpi_access(input longint unsigned now, input int unsigned cpu,
                                              input int unsigned kind, input int unsigned offset,
                                              input int unsigned size, input int unsigned wdata,
                                              output int unsigned rdata,
                                              output longint unsigned done);
  import "DPI-C" function int mpic_dpi_decode(input int unsigned cpu, input int unsigned kind,
                                              input int unsigned offset, input int unsigned size);
  import "DPI-C" function void mpic_dpi_tick(input longint unsigned now,
                                             output int unsigned int_v,
                                             output int unsigned cint_v,
                                             output int unsigned mcp_v,
                                             output int unsigned rst_v,
                                             output byte unsigned irq_out);
  import "DPI-C" function void mpic_dpi_observe(input int unsigned cpu,
                                                output byte unsigned ctpr,
                                                output byte unsigned isr_depth,
                                                output int unsigned iack_vector);
  import "DPI-C" function void mpic_dpi_observe_src(output int unsigned input_v,
                                                    output int unsigned pending_v);

endpackage
