#!/usr/bin/env python3
"""Mutation smoke test: corrupts files of the conformance trees and checks that
`kustos build` never crashes or hangs (exit status 0, 1 or 2 within 10 s, and no
stdout on failure).

    scripts/fuzz-smoke.py [--shared ../shared] [--bin .build/release/kustos] [--runs 300] [--seed 1]
"""
import argparse, os, random, shutil, subprocess, sys, tempfile

def mutate(data, rng):
    ops = ["truncate", "insert", "delete", "swap", "tab", "dup"]
    op = rng.choice(ops)
    if not data:
        return bytes([rng.randrange(256)])
    i = rng.randrange(len(data))
    if op == "truncate":
        return data[:i]
    if op == "insert":
        return data[:i] + bytes(rng.choice([b":", b"-", b"{", b"[", b"&a", b"*a", b"\x00", b"\xff", b"'", b'"', b"\n  ", b"!!binary ", b"<<: "])) + data[i:]
    if op == "delete":
        return data[:i] + data[i + rng.randrange(1, 20):]
    if op == "swap":
        j = rng.randrange(len(data))
        b = bytearray(data); b[i], b[j] = b[j], b[i]; return bytes(b)
    if op == "tab":
        return data[:i] + b"\t" + data[i:]
    return data[:i] + data[i:i + 200] + data[i:]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--bin", default=".build/release/kustos")
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cases_dir = os.path.join(a.shared, "conformance", "cases")
    cases = sorted(os.listdir(cases_dir))
    binary = os.path.abspath(a.bin)
    bad = 0
    for n in range(a.runs):
        case = rng.choice(cases)
        import json
        root = json.load(open(os.path.join(cases_dir, case, "case.json")))["root"]
        with tempfile.TemporaryDirectory() as tmp:
            tree = os.path.join(tmp, "tree")
            shutil.copytree(os.path.join(cases_dir, case, "tree"), tree, symlinks=True)
            files = [os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs]
            victim = rng.choice(files)
            with open(victim, "rb") as fh: data = fh.read()
            for _ in range(rng.randrange(1, 4)): data = mutate(data, rng)
            with open(victim, "wb") as fh: fh.write(data)
            try:
                p = subprocess.run([binary, "build", root], cwd=tree, capture_output=True, timeout=10)
            except subprocess.TimeoutExpired:
                print(f"HANG {case} ({os.path.relpath(victim, tree)})"); bad += 1; continue
            if p.returncode not in (0, 1, 2) or (p.returncode != 0 and p.stdout):
                print(f"BAD {case} ({os.path.relpath(victim, tree)}): exit {p.returncode}: {p.stderr[-300:]!r}")
                bad += 1
    print(f"{a.runs - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
