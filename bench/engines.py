"""Compare the embedded engines on the saved queries: load the emitted graph, run every saved
query but the federated ones, and report the time of each step per engine (median of several
rounds).

Run with `make bench`. A benchmark, not a test: it asserts nothing."""

from __future__ import annotations

import json
import platform
import statistics
import time

from roadmapkg import paths, queries
from roadmapkg.store import ENGINES, open_embedded

ROUNDS = 5
OUT = paths.ROOT / "out" / "bench-engines.json"


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def main() -> None:
    # not the federated ones: their SERVICE calls go to the EU endpoints
    saved = [q for q in queries.load_all() if not (q.is_update or queries.is_federated(q))]
    results = {}
    for engine in ENGINES:
        loads, runs = [], []
        for _ in range(ROUNDS):
            seconds, store = timed(lambda engine=engine: open_embedded(engine=engine))
            loads.append(seconds)
            seconds, _ = timed(lambda store=store: [queries.execute(q, store, {}) for q in saved])
            runs.append(seconds)
        results[engine] = {"load_s": statistics.median(loads), "queries_s": statistics.median(runs)}
    print(f"{len(saved)} saved queries on {paths.display(paths.GRAPH)}, median of {ROUNDS} rounds")
    print(f"{'engine':<10} {'load':>9} {'queries':>9}")
    for engine, r in results.items():
        print(f"{engine:<10} {r['load_s']:>8.3f}s {r['queries_s']:>8.3f}s")
    ratio = results["rdflib"]["queries_s"] / results["oxigraph"]["queries_s"]
    print(f"rdflib / oxigraph on the queries: {ratio:.1f}x")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine()}
    OUT.write_text(json.dumps({"machine": machine, "engines": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
