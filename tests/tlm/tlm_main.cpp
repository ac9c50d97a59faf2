// tlm_main.cpp - sc_main of every wrapper test binary: GoogleTest, with every
// SystemC warning, error or fatal turned into a test failure.
#include <gtest/gtest.h>
#include <systemc>

static void fail_on_report(const sc_core::sc_report &r, const sc_core::sc_actions &a) {
  if (r.get_severity() >= sc_core::SC_WARNING)
    ADD_FAILURE() << "SystemC " << (r.get_severity() == sc_core::SC_WARNING ? "warning" : "error")
                  << ": " << r.get_msg_type() << ": " << r.get_msg();
  sc_core::sc_report_handler::default_handler(r, a);
}

int sc_main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  sc_core::sc_report_handler::set_handler(fail_on_report);
  return RUN_ALL_TESTS();
}
