/*
 * script.c - parser for mpicsim scenario scripts (format: see main.c --help).
 */
#include "script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS      16
#define DEFAULT_VARIANT "fsl-v4.2"

/* Parsing state for one script line. */
typedef struct {
  script_t *s;
  unsigned line;
  char *tok[MAX_TOKENS];
  int ntok;
  char *err;
  size_t errlen;
} line_ctx_t;

static bool fail(line_ctx_t *c, const char *fmt, ...) {
  int n = snprintf(c->err, c->errlen, "%s:%u: error: ", c->s->file, c->line);
  if (n < 0 || (size_t)n >= c->errlen) return false;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
  va_end(ap);
  return false;
}

const char *cmd_kind_name(cmd_kind_t k) {
  static const char *const names[] = {"write", "read", "peek",   "poke", "irq",  "err",
                                      "msi",   "ack",  "expect", "run",  "save", "restore"};
  return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

bool parse_u64(const char *text, uint64_t *out) {
  if (!text || !*text || *text == '-' || *text == '+') return false;
  int base = 10;
  const char *p = text;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
    if (!*p) return false;
  }
  for (const char *q = p; *q; q++) {
    bool ok = base == 16 ? ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
                            (*q >= 'A' && *q <= 'F'))
                         : (*q >= '0' && *q <= '9');
    if (!ok) return false;
  }
  errno = 0;
  char *end = NULL;
  unsigned long long v = strtoull(p, &end, base);
  if (errno == ERANGE || !end || *end) return false;
  *out = (uint64_t)v;
  return true;
}

static bool num32(line_ctx_t *c, const char *text, const char *what, uint32_t *out) {
  uint64_t v = 0;
  if (!parse_u64(text, &v)) return fail(c, "bad %s '%s' (decimal or 0x-hex)", what, text);
  if (v > UINT32_MAX) return fail(c, "%s '%s' does not fit in 32 bits", what, text);
  *out = (uint32_t)v;
  return true;
}

static bool num_uint(line_ctx_t *c, const char *text, const char *what, unsigned *out) {
  uint32_t v = 0;
  if (!num32(c, text, what, &v)) return false;
  *out = v;
  return true;
}

static bool level_arg(line_ctx_t *c, const char *text, bool *out) {
  if (strcmp(text, "0") == 0 || strcmp(text, "1") == 0) {
    *out = text[0] == '1';
    return true;
  }
  return fail(c, "level must be 0 or 1, got '%s'", text);
}

/* Options accepted per command (bit set). */
enum { OPT_CPU = 1, OPT_EXPV = 2, OPT_EXPE = 4, OPT_MASK = 8, OPT_TOL = 16 };

static bool parse_options(line_ctx_t *c, int first, unsigned allowed, cmd_t *cmd) {
  bool seen_cpu = false, seen_exp = false, seen_mask = false, seen_tol = false;
  for (int i = first; i < c->ntok; i++) {
    char *t = c->tok[i];
    char *eq = strchr(t, '=');
    if (!eq) return fail(c, "unexpected argument '%s'", t);
    *eq = '\0';
    const char *key = t, *val = eq + 1;
    bool ok;
    if (strcmp(key, "cpu") == 0 && (allowed & OPT_CPU)) {
      if (seen_cpu) return fail(c, "duplicate option cpu=");
      seen_cpu = true;
      ok = num_uint(c, val, "cpu", &cmd->cpu);
    } else if (strcmp(key, "expect") == 0 && (allowed & (OPT_EXPV | OPT_EXPE))) {
      if (seen_exp) return fail(c, "duplicate option expect=");
      seen_exp = true;
      if (strcmp(val, "error") == 0) {
        if (!(allowed & OPT_EXPE)) return fail(c, "expect=error is not valid here");
        cmd->exp = EXP_ERROR;
        ok = true;
      } else {
        if (!(allowed & OPT_EXPV))
          return fail(c, "%s accepts only expect=error", cmd_kind_name(cmd->kind));
        cmd->exp = EXP_VALUE;
        ok = num32(c, val, "expected value", &cmd->expect);
      }
    } else if (strcmp(key, "mask") == 0 && (allowed & OPT_MASK)) {
      if (seen_mask) return fail(c, "duplicate option mask=");
      seen_mask = true;
      ok = num32(c, val, "mask", &cmd->mask);
    } else if (strcmp(key, "tol") == 0 && (allowed & OPT_TOL)) {
      if (seen_tol) return fail(c, "duplicate option tol=");
      seen_tol = true;
      ok = num32(c, val, "tolerance", &cmd->tol);
    } else {
      return fail(c, "option '%s=' is not valid for %s", key, cmd_kind_name(cmd->kind));
    }
    if (!ok) return false;
  }
  if ((seen_mask || seen_tol) && cmd->exp != EXP_VALUE)
    return fail(c, "mask= and tol= need expect=<value>");
  return true;
}

/* Fixed positional argument counts and options of every command. */
typedef struct {
  const char *name;
  cmd_kind_t kind;
  int nargs;
  unsigned opts;
} cmd_syntax_t;

static const cmd_syntax_t syntax[] = {
    {"write", CMD_WRITE, 2, OPT_CPU | OPT_EXPE},
    {"read", CMD_READ, 1, OPT_CPU | OPT_EXPV | OPT_EXPE | OPT_MASK | OPT_TOL},
    {"peek", CMD_PEEK, 1, OPT_CPU | OPT_EXPV | OPT_EXPE | OPT_MASK},
    {"poke", CMD_POKE, 2, OPT_CPU | OPT_EXPE},
    {"irq", CMD_IRQ, 2, OPT_EXPE},
    {"err", CMD_ERR, 2, OPT_EXPE},
    {"msi", CMD_MSI, 2, OPT_EXPE},
    {"ack", CMD_ACK, 1, OPT_EXPV | OPT_EXPE},
    {"expect", CMD_EXPECT, 3, 0},
    {"run", CMD_RUN, 0, 0},
    {"save", CMD_SAVE, 1, OPT_EXPE},
    {"restore", CMD_RESTORE, 1, OPT_EXPE},
};

static bool parse_pin(line_ctx_t *c, const char *text, mpic_pin_t *out) {
  for (int p = 0; p < MPIC_PIN_COUNT; p++) {
    const char *n = mpic_pin_name((mpic_pin_t)p);
    if (n && strcmp(n, text) == 0) {
      *out = (mpic_pin_t)p;
      return true;
    }
  }
  return fail(c, "unknown output '%s' (int, cint, mcp, reset, irq_out)", text);
}

static bool push(script_t *s, const cmd_t *cmd) {
  if (s->ncmds == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    cmd_t *n = realloc(s->cmds, cap * sizeof *n);
    if (!n) return false;
    s->cmds = n;
    s->cap = cap;
  }
  s->cmds[s->ncmds++] = *cmd;
  return true;
}

static bool parse_command(line_ctx_t *c) {
  script_t *s = c->s;
  cmd_t cmd;
  memset(&cmd, 0, sizeof cmd);
  cmd.line = c->line;
  cmd.mask = UINT32_MAX;
  const char *at = c->tok[0];
  if (at[0] != '@') return fail(c, "expected '@<cycle>' or 'config', got '%s'", at);
  if (!parse_u64(at + 1, &cmd.cycle) || cmd.cycle == MPIC_NEVER)
    return fail(c, "bad cycle '%s'", at);
  if (s->ncmds && cmd.cycle < s->cmds[s->ncmds - 1].cycle)
    return fail(c, "cycle %llu is earlier than the previous line's cycle %llu",
                (unsigned long long)cmd.cycle, (unsigned long long)s->cmds[s->ncmds - 1].cycle);
  if (c->ntok < 2) return fail(c, "missing command after '%s'", at);
  const cmd_syntax_t *sx = NULL;
  for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
    if (strcmp(syntax[i].name, c->tok[1]) == 0) sx = &syntax[i];
  if (!sx) return fail(c, "unknown command '%s'", c->tok[1]);
  cmd.kind = sx->kind;
  if (c->ntok - 2 < sx->nargs)
    return fail(c, "%s needs %d argument%s", sx->name, sx->nargs, sx->nargs == 1 ? "" : "s");
  for (int i = 0; i < sx->nargs; i++)
    if (strchr(c->tok[2 + i], '='))
      return fail(c, "%s needs %d argument%s before options", sx->name, sx->nargs,
                  sx->nargs == 1 ? "" : "s");
  char **a = &c->tok[2];
  bool ok = true;
  switch (cmd.kind) {
  case CMD_WRITE:
  case CMD_POKE:
    ok = num32(c, a[0], "offset", &cmd.offset) && num32(c, a[1], "value", &cmd.value);
    break;
  case CMD_READ:
  case CMD_PEEK: ok = num32(c, a[0], "offset", &cmd.offset); break;
  case CMD_IRQ:
    ok = num_uint(c, a[0], "source", &cmd.index) && level_arg(c, a[1], &cmd.level);
    break;
  case CMD_ERR:
    ok = num_uint(c, a[0], "error sub-source", &cmd.index) && level_arg(c, a[1], &cmd.level);
    break;
  case CMD_MSI:
    ok = num_uint(c, a[0], "bank", &cmd.index) && num32(c, a[1], "msiir value", &cmd.value);
    break;
  case CMD_ACK: ok = num_uint(c, a[0], "cpu", &cmd.index); break;
  case CMD_EXPECT:
    ok = num_uint(c, a[0], "cpu", &cmd.index) && parse_pin(c, a[1], &cmd.pin) &&
         level_arg(c, a[2], &cmd.level);
    break;
  case CMD_RUN: break;
  case CMD_SAVE:
  case CMD_RESTORE: break;
  }
  if (!ok || !parse_options(c, 2 + sx->nargs, sx->opts, &cmd)) return false;
  if (cmd.kind == CMD_SAVE || cmd.kind == CMD_RESTORE) {
    cmd.path = strdup(a[0]);
    if (!cmd.path) return fail(c, "out of memory");
  }
  if (!push(s, &cmd)) {
    free(cmd.path);
    return fail(c, "out of memory");
  }
  return true;
}

static bool parse_config(line_ctx_t *c) {
  script_t *s = c->s;
  s->config_line = c->line;
  /* Start from the defaults of the named variant (or the default one), then
   * apply every key in order through mpic_config_set. */
  const char *variant = DEFAULT_VARIANT;
  for (int i = 1; i < c->ntok; i++)
    if (strncmp(c->tok[i], "variant=", 8) == 0) variant = c->tok[i] + 8;
  mpic_status_t st = mpic_config_init(&s->cfg, variant);
  if (st != MPIC_OK)
    return fail(c, "config variant=%s rejected (%s)", variant, mpic_status_name(st));
  for (int i = 1; i < c->ntok; i++) {
    char *eq = strchr(c->tok[i], '=');
    if (!eq || eq == c->tok[i]) return fail(c, "config expects key=value, got '%s'", c->tok[i]);
    *eq = '\0';
    st = mpic_config_set(&s->cfg, c->tok[i], eq + 1);
    if (st != MPIC_OK)
      return fail(c, "config %s=%s rejected (%s)", c->tok[i], eq + 1, mpic_status_name(st));
  }
  return true;
}

static bool tokenize(line_ctx_t *c, char *text) {
  char *hash = strchr(text, '#');
  if (hash) *hash = '\0';
  c->ntok = 0;
  for (char *t = strtok(text, " \t\r\n"); t; t = strtok(NULL, " \t\r\n")) {
    if (c->ntok == MAX_TOKENS) return fail(c, "too many words on the line");
    c->tok[c->ntok++] = t;
  }
  return true;
}

bool script_load(script_t *s, const char *path, char *err, size_t errlen) {
  memset(s, 0, sizeof *s);
  s->file = strdup(path);
  if (!s->file) {
    snprintf(err, errlen, "%s: error: out of memory", path);
    return false;
  }
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: error: cannot open: %s", path, strerror(errno));
    return false;
  }
  line_ctx_t c = {.s = s, .err = err, .errlen = errlen};
  char *buf = NULL;
  size_t cap = 0;
  bool ok = true, have_config = false;
  while (ok && getline(&buf, &cap, f) >= 0) {
    c.line++;
    if (!tokenize(&c, buf)) {
      ok = false;
    } else if (c.ntok == 0) {
      continue;
    } else if (strcmp(c.tok[0], "config") == 0) {
      ok = have_config ? fail(&c, "duplicate config line (first at line %u)", s->config_line)
                       : parse_config(&c);
      have_config = true;
    } else if (!have_config) {
      ok = fail(&c, "the first non-comment line must be 'config ...'");
    } else {
      ok = parse_command(&c);
    }
  }
  if (ok && ferror(f)) {
    snprintf(err, errlen, "%s: error: read failed", path);
    ok = false;
  }
  if (ok && !have_config) {
    c.line++;
    ok = fail(&c, "no config line");
  }
  free(buf);
  fclose(f);
  return ok;
}

void script_free(script_t *s) {
  for (size_t i = 0; i < s->ncmds; i++)
    free(s->cmds[i].path);
  free(s->cmds);
  free(s->file);
  memset(s, 0, sizeof *s);
}
