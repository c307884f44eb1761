"""The pipeline at scale, fast path and plain path side by side (`stages.py` says what each
times). For each size, generate the sources (`roadmapkg synth --seed 1`), then run each path
`--runs` times, each run in a fresh process, fast and plain in turn; check that every plain
run found what the first fast run found (validation findings, every query's answer, the
export's nodes and edges: `equality.py`); write every run, and the median and spread (min-max)
of each stage, to out/bench.json. `python bench/report.py out/bench.json` renders the table of
bench/RESULTS.md from it.

Exits 1, naming what differs, when the two paths' answers differ at a size (after writing the
JSON of the sizes done). A query stopped at its cap is not compared; its time is a lower bound.
Run with `make bench`, or for a quick look `python bench/pipeline.py --sizes 10000 --runs 1`.
A benchmark, not a test: it times, and checks the answers, but asserts no time.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench.json"
SIZES = (10_000, 100_000, 1_000_000)
PLAIN_MAX = 100_000  # the plain path at 1M events would take hours and more memory than 24 GiB
QUERY_CAP = 120  # seconds a saved query may take on the plain path
EXPORT_CAP = 300  # seconds the plain path's export may take
STAGES = ("build", "load", "validate", "write", "queries", "export")


def sizes(text: str) -> list[int]:
    """``10000,100000`` -> [10000, 100000]."""
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of integers: {text!r}"
        ) from None
    if any(v < 0 for v in values):
        raise argparse.ArgumentTypeError("sizes must not be negative")
    return values


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor())  # fmt: skip
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_bytes": int(meminfo[1]) * 1024,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {p: version(p) for p in ("rdflib", "pyshacl", "pyoxigraph", "networkx")},
    }


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarise(runs: list[dict]) -> list[dict]:
    """Per size and path: the median and spread of each stage, the total and the peak memory
    over its runs; a stage is a lower bound when a run of it hit its cap."""
    summary = []
    for events, path in sorted({(r["events"], r["path"]) for r in runs}):
        these = [r for r in runs if (r["events"], r["path"]) == (events, path)]
        capped = {name for r in these for name in r["timed_out"]}
        bounded = {"queries": bool(capped - {"export"}), "export": "export" in capped}
        stages = {
            stage: {
                **spread([r["stages"][stage] for r in these]),
                "lower_bound": bounded.get(stage, False),
            }
            for stage in STAGES
            if stage in these[0]["stages"]
        }
        summary.append({
            "events": events, "path": path, "runs": len(these), "triples": these[0]["triples"],
            "stages": stages, "total_s": {**spread([r["total_s"] for r in these]),
                                          "lower_bound": bool(capped)},
            "peak_rss_bytes": spread([r["peak_rss_bytes"] for r in these]),
            "timed_out": sorted(capped),
        })  # fmt: skip
    return summary


def fitted_exponent(points: list[tuple[int, float]]) -> float | None:
    """The slope of log(time) against log(size): 1.0 is linear."""
    if len({n for n, _ in points}) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def time_left(done: dict[tuple[int, str], list[float]], todo: list[tuple[int, str]]):
    """Seconds the runs `todo` should take: the median of the runs done of the same size and
    path, else the largest size done of that path scaled linearly; None while a path has not
    run yet."""
    total = 0.0
    for events, path in todo:
        if (events, path) in done:
            total += statistics.median(done[(events, path)])
            continue
        known = [size for size, p in done if p == path and size > 0]
        if not known:
            return None
        size = max(known)
        total += statistics.median(done[(size, path)]) * max(events, 1) / size
    return total


def minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def run_child(path: str, sources: Path, answers: Path, args) -> dict:
    """One run of `path` in a fresh process; its measurements."""
    command = [
        sys.executable, __file__, "--child", path, "--sources", str(sources),
        "--answers", str(answers), "--query-cap", str(args.query_cap),
        "--export-cap", str(args.export_cap),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        sys.exit(f"the {path} path failed (exit {done.returncode}):\n{tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plan_of(args) -> list[tuple[int, int, str]]:
    return [
        (events, run, path)
        for events in args.sizes
        for run in range(1, args.runs + 1)
        for path in ("fast", "plain")
        if path == "fast" or events <= args.plain_max
    ]


def benchmark(args) -> dict:
    """Run every size, and stop after one where the answers differ; the report (machine,
    settings, every run, the equality check per size, the summary)."""
    from equality import differences, order_by

    from roadmapkg.build.synth import synthesise
    from roadmapkg.queries.saved import load_all
    from roadmapkg.rdf.sparql import is_geospatial

    order = {q.name: order_by(q.text) for q in load_all()}
    # rdflib does not evaluate GeoSPARQL functions: the plain path leaves those queries out
    geospatial = {q.name for q in load_all() if is_geospatial(q.text)}
    plan, runs, equality, took = plan_of(args), [], [], {}
    report = {"machine": machine(), "settings": {
        "sizes": args.sizes, "runs": args.runs, "plain_max": args.plain_max,
        "query_cap_s": args.query_cap, "export_cap_s": args.export_cap, "seed": 1},
        "runs": runs, "equality": equality}  # fmt: skip
    for events in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            sources, answers = Path(folder) / "sources", Path(folder) / "answers"
            synthesise(sources, events, seed=1)
            found: dict[str, list[str]] = {}
            skipped: set[str] = set(geospatial)
            for run, path in [(r, p) for n, r, p in plan if n == events]:
                step = plan.index((events, run, path)) + 1
                print(f"[{step}/{len(plan)}] {events} events, {path} path, run {run} of "
                      f"{args.runs} ...", end=" ", flush=True)  # fmt: skip
                start = time.perf_counter()
                result = run_child(path, sources, answers / f"{path}-{run}", args)
                took.setdefault((events, path), []).append(time.perf_counter() - start)
                runs.append({"events": events, "path": path, "run": run, **result})
                left = time_left(took, [(n, p) for n, _, p in plan[step:]])
                eta = "unknown yet" if left is None else f"about {minutes(left)}"
                capped = f" (capped: {', '.join(result['timed_out'])})" * bool(result["timed_out"])
                print(f"total {result['total_s']:.1f} s{capped}; time left {eta}", flush=True)
                if path == "plain":
                    skipped |= set(result["timed_out"])
                    here = answers / f"plain-{run}"
                    diff = differences(here, answers / "fast-1", order, skipped)
                    if diff:
                        found[f"plain run {run}"] = diff
                        print(f"  answers differ from the fast path's: {', '.join(diff)}")
                if (path, run) != ("fast", 1):
                    shutil.rmtree(answers / f"{path}-{run}")
            verdict = "yes" if not found else "no"
            if events > args.plain_max:
                verdict = "not compared (no plain run above --plain-max)"
            equality.append({"events": events, "answers_equal": verdict, "differences": found,
                             "not_compared": sorted(skipped)})  # fmt: skip
        if found:
            break
    report["summary"] = summarise(runs)
    fast = [
        (s["triples"], s["total_s"]["median"]) for s in report["summary"] if s["path"] == "fast"
    ]
    report["fast_fitted_exponent"] = fitted_exponent(fast)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=list(SIZES),
        help="events, comma-separated (default: 10000,100000,1000000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per size and path (default 3)")
    parser.add_argument(
        "--plain-max",
        type=int,
        default=PLAIN_MAX,
        help="largest size the plain path runs at (default: %(default)s)",
    )
    parser.add_argument(
        "--query-cap",
        type=int,
        default=QUERY_CAP,
        help="seconds a plain-path query may take (default: %(default)s)",
    )
    parser.add_argument(
        "--export-cap",
        type=int,
        default=EXPORT_CAP,
        help="seconds the plain-path export may take (default: %(default)s)",
    )
    parser.add_argument("--output", type=Path, default=OUT, help="default: out/bench.json")
    parser.add_argument("--child", choices=("fast", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--answers", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.child:
        from stages import child

        caps = {"query": args.query_cap, "export": args.export_cap}
        with tempfile.TemporaryDirectory(prefix="bench-work-") as work:
            result = child(args.child, args.sources, args.answers, caps, Path(work))
        print(json.dumps(result))
        return
    from report import markdown

    report = benchmark(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(report))
    print(f"wrote {args.output}")
    differing = [e for e in report["equality"] if e["answers_equal"] == "no"]
    for entry in differing:
        for run, names in entry["differences"].items():
            print(f"answers differ at {entry['events']} events, {run}: {', '.join(names)}",
                  file=sys.stderr)  # fmt: skip
    if differing:
        sys.exit(1)


if __name__ == "__main__":
    main()
