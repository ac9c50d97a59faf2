/*
 * attrs.c - device attributes in the spirit of KVM's MPIC device: registers
 * by offset without side effects, source input levels, and misc facts.
 */
#include "internal.h"

mpic_status_t mpic_attr_get(mpic_t *m, unsigned group, uint64_t attr, uint64_t *value) {
  if (!m || !value) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_attr_get");
  mpic_status_t st;
  switch (group) {
  case MPIC_ATTR_GRP_REGISTER: {
    uint32_t v = 0;
    if ((attr >> 32) >= m->ncpus) return MPIC_E_RANGE;
    st = mpic_peek(m, (unsigned)(attr >> 32), (uint32_t)attr, &v);
    if (st == MPIC_OK) *value = v;
    return st;
  }
  case MPIC_ATTR_GRP_IRQ_ACTIVE: {
    bool level = false;
    if (attr >= m->slots) return MPIC_E_RANGE;
    st = mpic_get_irq(m, (unsigned)attr, &level);
    if (st == MPIC_OK) *value = level;
    return st;
  }
  case MPIC_ATTR_GRP_MISC:
    switch (attr) {
    case MPIC_ATTR_MISC_BASE_ADDR: *value = m->base_addr; return MPIC_OK;
    case MPIC_ATTR_MISC_VARIANT: *value = (uint64_t)(m->var - mpic_variant_at(0)); return MPIC_OK;
    case MPIC_ATTR_MISC_NCPUS: *value = m->ncpus; return MPIC_OK;
    default: return MPIC_E_ATTR;
    }
  default: return MPIC_E_ATTR;
  }
}

mpic_status_t mpic_attr_set(mpic_t *m, unsigned group, uint64_t attr, uint64_t value) {
  if (!m) return MPIC_E_ARG;
  CHECK_OWNER(m, "mpic_attr_set");
  switch (group) {
  case MPIC_ATTR_GRP_REGISTER:
    if ((attr >> 32) >= m->ncpus || value > 0xFFFFFFFFu) return MPIC_E_RANGE;
    return mpic_poke(m, (unsigned)(attr >> 32), (uint32_t)attr, (uint32_t)value);
  case MPIC_ATTR_GRP_IRQ_ACTIVE:
    if (attr >= m->slots || value > 1) return MPIC_E_RANGE;
    return mpic_set_irq(m, m->now, (unsigned)attr, value != 0);
  case MPIC_ATTR_GRP_MISC:
    switch (attr) {
    case MPIC_ATTR_MISC_BASE_ADDR:
      if (value % MPIC_BLOCK_SIZE) return MPIC_E_RANGE; /* 256 KiB aligned, or 0 */
      m->base_addr = value;
      return MPIC_OK;
    case MPIC_ATTR_MISC_VARIANT:
    case MPIC_ATTR_MISC_NCPUS: return MPIC_E_MODE; /* fixed at creation */
    default: return MPIC_E_ATTR;
    }
  default: return MPIC_E_ATTR;
  }
}
