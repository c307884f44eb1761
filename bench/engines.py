"""Compare the embedded engines on the saved queries: load the emitted graph, run every saved
query but the federated ones, and report the time of each step per engine (median of several
rounds). rdflib runs each query twice over: as saved, which is what `--engine rdflib` runs, and
in the plain path's rdflib forms (bench/rdflib-queries/, the same answers; see stages.py), the
fair comparison of the engines.

Run with `make bench`. A benchmark, not a test: it asserts nothing."""

from __future__ import annotations

import dataclasses
import json
import platform
import statistics
import time

from stages import rdflib_form

from roadmapkg import paths
from roadmapkg.queries import saved as queries
from roadmapkg.rdf.sparql import is_geospatial
from roadmapkg.store.embedded import open_embedded

ROUNDS = 5
OUT = paths.ROOT / "out" / "bench-engines.json"


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def main() -> None:
    # not the federated ones: their SERVICE calls go to the EU endpoints
    # nor those calling GeoSPARQL functions (geof:), which rdflib does not evaluate
    saved = [
        q
        for q in queries.load_all()
        if not (q.is_update or queries.is_federated(q) or is_geospatial(q.text))
    ]
    forms = [dataclasses.replace(q, text=rdflib_form(q.name) or q.text) for q in saved]
    runs = {"oxigraph": ("oxigraph", saved), "rdflib": ("rdflib", forms),
            "rdflib-saved": ("rdflib", saved)}  # fmt: skip
    results = {}
    for name, (engine, texts) in runs.items():
        loads, times, each = [], [], {q.name: [] for q in texts}
        for _ in range(ROUNDS):
            seconds, store = timed(lambda engine=engine: open_embedded(engine=engine))
            loads.append(seconds)
            for q in texts:
                seconds, _ = timed(lambda s=store, q=q: queries.execute(q, s, {}))
                each[q.name].append(seconds)
            times.append(sum(seconds[-1] for seconds in each.values()))
        per_query = {n: round(statistics.median(t), 4) for n, t in sorted(each.items())}
        results[name] = {"load_s": statistics.median(loads), "queries_s": statistics.median(times),
                         "per_query_s": per_query}  # fmt: skip
    print(f"{len(saved)} saved queries on {paths.display(paths.GRAPH)}, median of {ROUNDS} rounds")
    print("(rdflib: with the rdflib forms of bench/rdflib-queries/; rdflib-saved: as saved)")
    print(f"{'engine':<13} {'load':>9} {'queries':>9}")
    for name, r in results.items():
        print(f"{name:<13} {r['load_s']:>8.3f}s {r['queries_s']:>8.3f}s")
    for name in ("rdflib", "rdflib-saved"):
        ratio = results[name]["queries_s"] / results["oxigraph"]["queries_s"]
        print(f"{name} / oxigraph on the queries: {ratio:.1f}x")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine()}
    report = {"machine": machine, "queries": len(saved), "rounds": ROUNDS, "engines": results}
    OUT.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
