// Full observable state of an instance, for "nothing changed" and "same state" checks:
// every register instance by peek (this-CPU page once per core), every source and core
// state, every output level, mpic_now and mpic_next_event.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mpic.h"

namespace mt {

struct StateItem {
  std::string what;
  uint64_t value;
  bool operator==(const StateItem &o) const { return what == o.what && value == o.value; }
};
using State = std::vector<StateItem>;

inline State state_of(mpic_t *m) {
  State st;
  char name[96];
  st.push_back({"now", mpic_now(m)});
  st.push_back({"next_event", mpic_next_event(m)});
  unsigned ncpus = mpic_ncpus(m);
  for (unsigned i = 0; i < mpic_reg_count(m); i++) {
    mpic_reg_info_t r;
    if (mpic_reg_at(m, i, &r) != MPIC_OK) {
      st.push_back({"reg_at failed", i});
      continue;
    }
    unsigned views = (r.flags & MPIC_REG_THIS_CPU) ? ncpus : 1;
    for (unsigned idx = 0; idx < r.count; idx++) {
      uint32_t off = mpic_reg_instance_offset(&r, idx);
      for (unsigned c = 0; c < views; c++) {
        uint32_t v = 0;
        mpic_status_t s = mpic_peek(m, c, off, &v);
        std::snprintf(name, sizeof name, "%s[%u] 0x%05x cpu%u%s", r.name, idx, off, c,
                      s == MPIC_OK ? "" : " (peek failed)");
        st.push_back({name, s == MPIC_OK ? v : 0xBAD00000u + s});
      }
    }
  }
  for (unsigned s = 0; s < mpic_source_slots(m); s++) {
    mpic_source_state_t ss;
    if (mpic_source_state(m, s, &ss) != MPIC_OK) continue;
    std::snprintf(name, sizeof name, "source %u ", s);
    std::string n = name;
    st.push_back({n + "rises", ss.rises});
    st.push_back({n + "input", ss.input});
    st.push_back({n + "pending", ss.pending});
    st.push_back({n + "active", ss.active});
    st.push_back({n + "in_service", ss.in_service});
    bool lvl = false;
    if (mpic_get_irq(m, s, &lvl) == MPIC_OK) st.push_back({n + "driven", lvl});
  }
  for (unsigned c = 0; c < ncpus; c++) {
    mpic_cpu_state_t cs;
    std::snprintf(name, sizeof name, "cpu%u ", c);
    std::string n = name;
    if (mpic_cpu_state(m, c, &cs) != MPIC_OK) {
      st.push_back({n + "cpu_state failed", 0});
      continue;
    }
    st.push_back({n + "ctpr", cs.ctpr});
    st.push_back({n + "isr_depth", cs.isr_depth});
    st.push_back({n + "isr_top_prio", cs.isr_top_prio});
    st.push_back({n + "iack_vector", cs.iack_vector});
    for (unsigned p = 0; p < MPIC_PIN_COUNT; p++) {
      bool lvl = false;
      mpic_get_output(m, c, (mpic_pin_t)p, &lvl);
      st.push_back({n + "out " + mpic_pin_name((mpic_pin_t)p), lvl});
      st.push_back({n + "want " + mpic_pin_name((mpic_pin_t)p), cs.want[p]});
    }
  }
  return st;
}

// gtest predicate: equal states, or a message naming the first differences.
inline ::testing::AssertionResult same_state(const State &a, const State &b) {
  if (a == b) return ::testing::AssertionSuccess();
  auto r = ::testing::AssertionFailure();
  if (a.size() != b.size()) r << "state sizes differ: " << a.size() << " vs " << b.size() << "; ";
  unsigned shown = 0;
  for (size_t i = 0; i < a.size() && i < b.size() && shown < 8; i++)
    if (!(a[i] == b[i])) {
      r << "[" << a[i].what << "] " << a[i].value << " vs [" << b[i].what << "] " << b[i].value
        << "; ";
      shown++;
    }
  return r;
}

} // namespace mt
