/*
 * vcd.c - a minimal Value Change Dump writer: declare signals, then record
 * values at non-decreasing times; only changes are written. No date in the
 * header, so identical runs give identical files.
 */
#include <stdlib.h>
#include <string.h>

#include "mpic_vcd.h"

typedef struct {
  char scope[64];
  char name[48];
  unsigned width;
  uint64_t value;
  bool known;
} vcd_sig_t;

struct mpic_vcd {
  FILE *f;
  char timescale[16];
  vcd_sig_t *sig;
  int nsig, cap;
  bool header_done;
  uint64_t time;
  bool time_written;
  bool failed;
};

mpic_vcd_t *mpic_vcd_open(const char *path, const char *timescale) {
  if (!path || !timescale) return NULL;
  mpic_vcd_t *v = calloc(1, sizeof *v);
  if (!v) return NULL;
  v->f = fopen(path, "w");
  if (!v->f) {
    free(v);
    return NULL;
  }
  snprintf(v->timescale, sizeof v->timescale, "%s", timescale);
  return v;
}

int mpic_vcd_signal(mpic_vcd_t *v, const char *scope, const char *name, unsigned width) {
  if (!v || v->header_done || !scope || !name || width < 1 || width > 64) return -1;
  if (v->nsig == v->cap) {
    int cap = v->cap ? v->cap * 2 : 64;
    vcd_sig_t *n = realloc(v->sig, (size_t)cap * sizeof *n);
    if (!n) return -1;
    v->sig = n;
    v->cap = cap;
  }
  vcd_sig_t *s = &v->sig[v->nsig];
  memset(s, 0, sizeof *s);
  snprintf(s->scope, sizeof s->scope, "%s", scope);
  snprintf(s->name, sizeof s->name, "%s", name);
  s->width = width;
  return v->nsig++;
}

/* Identifier codes from printable characters '!'..'~'. */
static void ident(int i, char *out) {
  int k = 0;
  do {
    out[k++] = (char)('!' + i % 94);
    i /= 94;
  } while (i);
  out[k] = 0;
}

static void write_value(mpic_vcd_t *v, int i) {
  const vcd_sig_t *s = &v->sig[i];
  char id[8];
  ident(i, id);
  if (s->width == 1) {
    fprintf(v->f, "%c%s\n", s->known ? (char)('0' + (int)(s->value & 1)) : 'x', id);
    return;
  }
  fputc('b', v->f);
  if (!s->known) {
    fputc('x', v->f);
  } else {
    int top = 63;
    while (top > 0 && !((s->value >> top) & 1))
      top--;
    for (int b = top; b >= 0; b--)
      fputc('0' + (int)((s->value >> b) & 1), v->f);
  }
  fprintf(v->f, " %s\n", id);
}

/* One top module "mpic"; each distinct scope is a sub-module, in declaration
 * order, holding its signals. */
static void write_header(mpic_vcd_t *v) {
  fprintf(v->f, "$version mpic model VCD writer $end\n$timescale %s $end\n", v->timescale);
  fprintf(v->f, "$scope module mpic $end\n");
  for (int i = 0; i < v->nsig; i++) {
    bool seen = false;
    for (int k = 0; k < i && !seen; k++)
      seen = strcmp(v->sig[k].scope, v->sig[i].scope) == 0;
    if (seen) continue;
    fprintf(v->f, "$scope module %s $end\n", v->sig[i].scope);
    for (int j = i; j < v->nsig; j++) {
      if (strcmp(v->sig[j].scope, v->sig[i].scope)) continue;
      char id[8];
      ident(j, id);
      fprintf(v->f, "$var wire %u %s %s $end\n", v->sig[j].width, id, v->sig[j].name);
    }
    fprintf(v->f, "$upscope $end\n");
  }
  fprintf(v->f, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
  for (int i = 0; i < v->nsig; i++)
    write_value(v, i);
  fprintf(v->f, "$end\n");
  v->header_done = true;
  v->time = 0;
  v->time_written = true;
}

void mpic_vcd_set(mpic_vcd_t *v, int sig, uint64_t value, uint64_t time) {
  if (!v || sig < 0 || sig >= v->nsig) return;
  if (!v->header_done) write_header(v);
  vcd_sig_t *s = &v->sig[sig];
  if (s->width < 64) value &= (1ull << s->width) - 1;
  if (s->known && s->value == value) return;
  if (time < v->time) time = v->time; /* never backwards */
  if (time != v->time || !v->time_written) {
    fprintf(v->f, "#%llu\n", (unsigned long long)time);
    v->time = time;
    v->time_written = true;
  }
  s->value = value;
  s->known = true;
  write_value(v, sig);
}

int mpic_vcd_close(mpic_vcd_t *v) {
  if (!v) return -1;
  if (!v->header_done) write_header(v);
  int err = ferror(v->f) ? -1 : 0;
  if (fclose(v->f) != 0) err = -1;
  free(v->sig);
  free(v);
  return err;
}
