#!/usr/bin/env python3
"""Writes scripts/link-order.txt: the code sections of the functions a few typical
runs execute, hottest first, for the linker to lay out side by side.

Why: the functions one `kustos build` executes (~2,300, 1.3 MB of code) lie
scattered over a 24 MB text segment: a run touched ~730 of its 4 KiB pages and
took ~130 page faults for code alone. Laid out together they fill ~320 pages.
Functions not in the list (new code, paths these runs miss) follow in the usual
order, so a stale list costs speed, never correctness.

Usage: scripts/gen-link-order.py BINARY RUN...   where each RUN is one argument
string for the binary, e.g. "build overlays/dev". The binary must be built with
function sections (`make build` builds one) and the runs are made under
valgrind's callgrind (slow: seconds per run).
"""
import collections, os, re, subprocess, sys, tempfile

def executed(binary, args):
    """Instructions per function (mangled names) of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--callgrind-out-file=" + out,
                        binary] + args.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        names, cost, current, call_line = {}, collections.Counter(), None, False
        with open(out, errors="replace") as f:
            for line in f:
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?$", line.strip())
                if m:
                    if m.group(2): names[m.group(1)] = m.group(2)
                    if line.startswith("fn="): current = names.get(m.group(1))
                    continue
                if line.startswith("calls="):
                    call_line = True  # the next cost line is the call's, not this function's
                    continue
                m = re.match(r"[+-]?\d+ (\d+)$", line.strip())
                if m:
                    if not call_line and current: cost[current] += int(m.group(1))
                    call_line = False
        return cost

def main():
    binary, runs = sys.argv[1], sys.argv[2:]
    total = collections.Counter()
    for args in runs:
        total.update(executed(binary, args))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "link-order.txt"), "w") as f:
        for name, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
            if name.startswith("0x") or " " in name: continue
            f.write(".text." + name + "\n")
    print(f"{len(total)} functions from {len(runs)} runs")

main()
