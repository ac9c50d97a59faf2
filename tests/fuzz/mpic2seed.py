#!/usr/bin/env python3
"""mpic2seed.py - turn mpicsim scenario scripts into fuzz_core seed inputs.

Usage: mpic2seed.py OUTDIR SCRIPT.mpic...

Each script gives two seeds: its own configuration and timing (NAME.seed) and
the same command stream with zero latencies (NAME.zero.seed). The byte
encoding is the one tests/fuzz/fuzz_core.c reads (see tests/fuzz/README.md).
Expectations are dropped: the fuzzer checks invariants, not values. Scripts
that do not parse (tests/scenarios/malformed) are skipped with a note.
Python 3 standard library only.
"""
import os
import re
import struct
import sys

VARIANTS = ["fsl-v2.0", "fsl-v3.1", "fsl-v4.2", "fsl-v4.3"]  # mpic_variant_at order
PARAMS = ["sync_depth", "min_pulse", "arb_latency", "read_latency", "write_latency",
          "iack_latency", "eoi_latency", "iack_to_int", "eoi_to_arb", "reset_duration",
          "core_reset_latency", "mpic_clk_div", "lenient_decode"]  # mpic_param_t order

# command opcodes (enum in fuzz_core.c)
C_READ, C_WRITE, C_PEEK, C_POKE, C_IRQ, C_ERR, C_MSI, C_ACK, C_TIME = range(9)
EXACT = 7 << 5  # offset spec kind 7: exact u32 offset, size 4


class Bad(Exception):
    pass


def num(s):
    try:
        return int(s, 0)
    except ValueError:
        raise Bad("bad number %r" % s)


def header(cfg, zero):
    variant = VARIANTS.index(cfg.get("variant", "fsl-v4.2"))
    cpus = num(cfg.get("cpus", "1"))
    if not 1 <= cpus <= 128:
        raise Bad("cpus")
    params = [(PARAMS.index(k), num(v)) for k, v in cfg.items() if k in PARAMS]
    flags = (1 if zero else 0) | (4 if params else 0)
    if zero:  # keep the zero latencies: drop explicit values of the zeroed ones
        zeroed = {"sync_depth", "min_pulse", "arb_latency", "iack_to_int", "eoi_to_arb",
                  "core_reset_latency"}
        params = [(i, v) for i, v in params if PARAMS[i] not in zeroed]
        if not params:
            flags &= ~4
    out = bytes([variant, 0x80 | (cpus - 1), flags])
    if flags & 4:
        out += bytes([len(params)])
        for i, v in params:
            out += bytes([i]) + struct.pack(">I", v & 0xFFFFFFFF)
    return out


def options(words):
    opts = {}
    pos = []
    for w in words:
        if "=" in w:
            k, v = w.split("=", 1)
            opts[k] = v
        else:
            pos.append(w)
    return pos, opts


def convert(path, zero):
    cfg = None
    body = b""
    t = 0
    with open(path) as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            if cfg is None:
                if words[0] != "config":
                    raise Bad("no config line")
                cfg = dict(w.split("=", 1) for w in words[1:] if "=" in w)
                if cfg.get("variant", "fsl-v4.2") not in VARIANTS:
                    raise Bad("variant")
                continue
            m = re.fullmatch(r"@(\S+)", words[0])
            if not m or len(words) < 2:
                raise Bad("missing @T")
            when = num(m.group(1))
            if when > t:  # advance the host time and call mpic_advance
                d = when - t
                if d < 1 << 32:
                    body += bytes([C_TIME, 0x82]) + struct.pack(">I", d)
                else:
                    body += bytes([C_TIME, 0x86]) + struct.pack(">Q", d)
                t = when
            verb, rest = words[1], words[2:]
            pos, opts = options(rest)
            cpu = num(opts.get("cpu", "0")) & 31
            if verb in ("read", "peek"):
                body += bytes([C_READ if verb == "read" else C_PEEK, EXACT | cpu])
                body += struct.pack(">I", num(pos[0]) & 0xFFFFFFFF)
            elif verb in ("write", "poke"):
                body += bytes([C_WRITE if verb == "write" else C_POKE, EXACT | cpu])
                body += struct.pack(">II", num(pos[0]) & 0xFFFFFFFF, num(pos[1]) & 0xFFFFFFFF)
            elif verb == "irq":
                body += bytes([C_IRQ]) + struct.pack(">HB", num(pos[0]) & 0xFFFF, num(pos[1]) & 1)
            elif verb == "err":
                body += bytes([C_ERR, num(pos[0]) & 0xFF, num(pos[1]) & 1])
            elif verb == "msi":
                body += bytes([C_MSI, num(pos[0]) & 0xFF])
                body += struct.pack(">I", num(pos[1]) & 0xFFFFFFFF)
            elif verb == "ack":
                body += bytes([C_ACK, num(pos[0]) & 0xFF])
            elif verb in ("expect", "run"):
                pass
            else:
                raise Bad("unknown command %r" % verb)
    if cfg is None:
        raise Bad("empty")
    return header(cfg, zero) + body


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    n = 0
    for path in argv[1:]:
        name = os.path.splitext(os.path.basename(path))[0]
        for zero in (False, True):
            try:
                data = convert(path, zero)
            except (Bad, IndexError, ValueError) as e:
                print("mpic2seed: skipping %s: %s" % (path, e), file=sys.stderr)
                break
            with open(os.path.join(out, name + (".zero" if zero else "") + ".seed"), "wb") as fh:
                fh.write(data)
            n += 1
    print("mpic2seed: %d seeds in %s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
