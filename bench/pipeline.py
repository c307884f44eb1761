"""The pipeline at scale, fast path and plain path side by side: for each size, generate the
sources (`roadmapkg synth`), then run each path in a fresh process and time its stages:

  fast   what `roadmapkg build` does, timed by its own stopwatch: build (sources -> N-Triples,
         loaded into an in-memory pyoxigraph store by a second thread as they are written),
         load (what loading had left when the sources were done), validate (the shapes
         compiled to SPARQL, and the QC queries, on the store, while a second process writes
         the Turtle and JSON-LD), write (waiting for those files); then queries (every saved
         query but the federated ones, written as CSV as `roadmapkg run-queries` does: on
         both cores) and export (actors view as GraphML)
  plain  what one would write by hand on rdflib: load (rdflib parses the Turtle), validate
         (pySHACL, and the QC queries on rdflib), queries (one after the other, each written
         as CSV) and export on rdflib's SPARQL

Writes out/bench.json and prints a table. Run with `make bench` (all sizes) or, for a quick
look, `python bench/pipeline.py --events 10000`. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench.json"
SIZES = (10_000, 100_000, 1_000_000)
PLAIN_MAX = 100_000  # the plain path at 1M events would take hours (see bench/RESULTS.md)
STAGES = ("build", "load", "validate", "write", "queries", "export")


def peak_rss() -> tuple[int, int]:
    """Peak resident memory of this process, and of the largest child it waited for (the
    process that writes Turtle and JSON-LD), in bytes."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own * 1024, children * 1024


def high_water() -> int:
    """This process's peak resident memory so far, in bytes (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def run_fast(sources: Path, work: Path) -> dict:
    import pyoxigraph as ox

    from roadmapkg import export, queries, views
    from roadmapkg.pipeline import build_and_write
    from roadmapkg.store import OxigraphStore

    built = build_and_write(sources, work / "roadmap.ttl")  # as `roadmapkg build` runs it
    stages, memory = dict(built.seconds), {"write": high_water()}
    store = OxigraphStore(built.store)
    start = time.perf_counter()
    queries.run_all(store, work / "queries")  # as `roadmapkg run-queries` runs them
    stages["queries"], memory["queries"] = time.perf_counter() - start, high_water()
    start = time.perf_counter()
    export.export(views.build_view(store, "actors"), "graphml", work / "a.graphml")
    stages["export"], memory["export"] = time.perf_counter() - start, high_water()
    start = time.perf_counter()
    parsed = sum(1 for _ in ox.parse(path=work / "roadmap.ttl", format=ox.RdfFormat.TURTLE))
    parse_s = time.perf_counter() - start
    assert parsed == built.triples
    return {"triples": built.triples, "stages": stages, "warnings": len(built.findings),
            "pyoxigraph_parse_turtle_s": parse_s, "peak_rss_after_bytes": memory}  # fmt: skip


def run_plain(sources: Path, work: Path) -> dict:
    from rdflib import Graph

    from roadmapkg import export, views
    from roadmapkg.build import emit
    from roadmapkg.pipeline import write_serialisations
    from roadmapkg.store import RdflibStore
    from roadmapkg.validate import validate_graph

    nt = work / "roadmap.nt"  # the Turtle it starts from, written without a store (not timed)
    with nt.open("w", encoding="utf-8") as out:
        emit(out, sources)
    write_serialisations(nt, work / "roadmap.ttl", work / "roadmap.jsonld")
    stages = {}
    start = time.perf_counter()
    graph = Graph().parse(work / "roadmap.ttl", format="turtle")
    stages["load"] = time.perf_counter() - start
    start = time.perf_counter()
    violations = sum(f.severity == "Violation" for f in validate_graph(graph))
    stages["validate"] = time.perf_counter() - start
    stages["queries"], per_query = run_queries(RdflibStore(graph))

    def actors() -> None:
        export.export(views.build_view(RdflibStore(graph), "actors"), "graphml", work / "a.graphml")

    stages["export"] = limited("export", EXPORT_LIMIT, actors)
    return {"triples": len(graph), "stages": stages, "violations": violations,
            "per_query_s": per_query}  # fmt: skip


QUERY_LIMIT = 20  # seconds a saved query may take; rdflib needs far longer on some (RESULTS.md)
EXPORT_LIMIT = 300  # seconds the plain path's export may take


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut


def limited(name: str, seconds: int, work) -> float:
    """Run `work()` and return how long it took; stopped after `seconds`, it counts as that
    many seconds (a lower bound) and `name` goes into TIMED_OUT."""
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    signal.alarm(seconds)
    try:
        work()
        return time.perf_counter() - start
    except TimedOut:
        TIMED_OUT.append(name)
        return float(seconds)
    finally:
        signal.alarm(0)


def run_queries(store) -> tuple[float, dict[str, float]]:
    """Run every saved query one after the other and write its CSV (in memory); one that takes
    longer than QUERY_LIMIT is stopped and counted as QUERY_LIMIT seconds (so the plain path's
    total is a lower bound), its name in TIMED_OUT."""
    from roadmapkg import queries
    from roadmapkg.results import render

    def run(query) -> None:
        result = queries.execute(query, store, {})
        render(result, "csv" if query.form in ("SELECT", "ASK") else "nt")

    per_query = {
        query.name: limited(query.name, QUERY_LIMIT, lambda q=query: run(q))
        for query in queries.load_all()
        if not (query.is_update or queries.is_federated(query))
    }
    return sum(per_query.values()), per_query


TIMED_OUT: list[str] = []


def child(path: str, sources: Path) -> None:
    """Run one path in this process and print its result as JSON."""
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        result = (run_fast if path == "fast" else run_plain)(sources, Path(work))
    result["total_s"] = sum(result["stages"].values())
    result["timed_out"] = TIMED_OUT
    result["peak_rss_bytes"], result["peak_rss_writer_bytes"] = peak_rss()
    print(json.dumps(result))


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


def fitted_exponent(points: list[tuple[int, float]]) -> float | None:
    """The slope of log(time) against log(size): 1.0 is linear."""
    if len(points) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def table(runs: list[dict]) -> str:
    head = f"{'events':>9} {'path':<6} {'triples':>10} " + " ".join(f"{s:>9}" for s in STAGES)
    lines = [head + f" {'total':>9} {'peak MiB':>9} {'triples/s':>10} {'B/triple':>9}"]
    for run in runs:
        cells = " ".join(
            f"{run['stages'][s]:>8.1f}s" if s in run["stages"] else f"{'-':>9}" for s in STAGES
        )
        lines.append(
            f"{run['events']:>9} {run['path']:<6} {run['triples']:>10} {cells} "
            f"{run['total_s']:>8.1f}s {run['peak_rss_bytes'] / 2**20:>9.0f} "
            f"{run['triples'] / run['total_s']:>10.0f} "
            f"{run['peak_rss_bytes'] / run['triples']:>9.0f}"
        )
    for events in sorted({r["events"] for r in runs}):
        pair = {r["path"]: r for r in runs if r["events"] == events}
        if len(pair) == 2:
            plain, fast = pair["plain"]["stages"], pair["fast"]["stages"]
            # the fast path loads while it builds: its build and load against rdflib's parse
            loading = fast["build"] + fast["load"]
            ratios = [f"load {plain['load'] / loading:.0f}x (against build + load)"]
            ratios += [f"{s} {plain[s] / fast[s]:.0f}x" for s in ("validate", "queries", "export")]
            total = pair["plain"]["total_s"] / pair["fast"]["total_s"]
            lines.append(f"plain/fast at {events}: {', '.join(ratios)}; total {total:.0f}x")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--plain-max",
        type=int,
        default=PLAIN_MAX,
        help="largest size the plain path runs at (default: %(default)s)",
    )
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--child", choices=("fast", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.sources)
        return
    from roadmapkg.synth import synthesise

    runs, skipped = [], []
    for events in args.events:
        with tempfile.TemporaryDirectory(prefix="bench-sources-") as folder:
            sources = Path(folder) / "sources"
            synthesise(sources, events, seed=1)
            for path in ("fast", "plain"):
                if path == "plain" and events > args.plain_max:
                    reason = f"more than --plain-max {args.plain_max} events"
                    skipped.append({"events": events, "path": "plain", "reason": reason})
                    print(f"{events} events, plain: skipped (above --plain-max)", flush=True)
                    continue
                print(f"{events} events, {path} path ...", flush=True)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", path, "--sources", str(sources)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                result = json.loads(done.stdout.strip().splitlines()[-1])
                runs.append({"events": events, "path": path, **result})
                print(f"  total {result['total_s']:.1f}s, {result['stages']}", flush=True)
    fast = [(r["triples"], r["total_s"]) for r in runs if r["path"] == "fast"]
    report = {"machine": machine(), "runs": runs, "skipped": skipped,
              "fast_fitted_exponent": fitted_exponent(fast)}  # fmt: skip
    print(table(runs))
    if report["fast_fitted_exponent"] is not None:
        print(f"fast path: time grows as triples^{report['fast_fitted_exponent']:.2f}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
