/*
 * script.h - parsing of mpicsim scenario scripts into a list of commands.
 *
 * The parser knows the text format only; it never touches a core instance
 * except through mpic_config_set for the `config` line. Errors are reported
 * as "FILE:LINE: error: ..." into the caller's buffer.
 */
#ifndef MPICSIM_SCRIPT_H
#define MPICSIM_SCRIPT_H

#include "mpic.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
  CMD_WRITE,
  CMD_READ,
  CMD_PEEK,
  CMD_POKE,
  CMD_IRQ,
  CMD_ERR,
  CMD_MSI, /* extension: @T msi <bank> <msiir-value> */
  CMD_ACK,
  CMD_EXPECT,
  CMD_RUN,
  CMD_SAVE,    /* @T save <path>: write a snapshot file */
  CMD_RESTORE, /* @T restore <path>: restore a snapshot file */
} cmd_kind_t;

/* What an `expect=` option asks for. */
typedef enum {
  EXP_NONE = 0, /* no expect= option */
  EXP_VALUE,    /* expect=<value> */
  EXP_ERROR,    /* expect=error: the call must be rejected */
} exp_kind_t;

typedef struct {
  cmd_kind_t kind;
  unsigned line;      /* 1-based line in the script */
  mpic_cycle_t cycle; /* @<cycle> */
  uint32_t offset;    /* read/write/peek/poke */
  uint32_t value;     /* write/poke value, msi msiir value */
  unsigned index;     /* irq source, err k, msi bank, ack/expect cpu */
  unsigned cpu;       /* accessing core (cpu= option, default 0) */
  mpic_pin_t pin;     /* expect command */
  bool level;         /* irq/err level, expect level */
  exp_kind_t exp;     /* expect= option */
  uint32_t expect;    /* expected value (EXP_VALUE) */
  uint32_t mask;      /* compare mask (all ones unless mask=) */
  uint32_t tol;       /* accepted distance (tol=) */
  char *path;         /* save/restore file (owned by the script) */
} cmd_t;

typedef struct {
  char *file; /* script path as given */
  unsigned config_line;
  mpic_config_t cfg; /* configuration after the `config` line */
  cmd_t *cmds;
  size_t ncmds, cap;
} script_t;

/* Parse the script at path. On failure returns false with a
 * "FILE:LINE: error: ..." message in err. The script must be freed with
 * script_free in both cases. */
bool script_load(script_t *s, const char *path, char *err, size_t errlen);
void script_free(script_t *s);

/* Name of a command kind as written in scripts ("write", "read", ...). */
const char *cmd_kind_name(cmd_kind_t k);

/* Parse a decimal or 0x-hex unsigned number covering the whole string. */
bool parse_u64(const char *text, uint64_t *out);

#endif /* MPICSIM_SCRIPT_H */
