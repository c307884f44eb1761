"""Time `roadmapkg import eurostat` on a Eurostat table (by default the reference copy of
crim_off_cat in ../shared/reference/statistics/): parsing, writing and validating together, with
each validation engine, several runs in this process (median), and the observations per second.
Writes out/bench-statistics.json. Run with `make bench`. A benchmark, not a test: it asserts
nothing."""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from roadmapkg import paths
from roadmapkg.statistics.importer import import_eurostat

TABLE = paths.ROOT.parent / "shared" / "reference" / "statistics" / "estat_crim_off_cat.tsv"
OUT = paths.ROOT / "out" / "bench-statistics.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=Path, default=TABLE, help="the Eurostat TSV to import")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine (default 3)")
    parser.add_argument("-o", "--output", type=Path, default=OUT, help="the JSON to write")
    args = parser.parse_args(argv)
    if not args.table.is_file():
        print(f"{args.table}: absent, statistics not timed")
        return
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for engine in ("oxigraph", "pyshacl"):
            seconds = []
            for _ in range(args.runs):
                start = time.perf_counter()
                done = import_eurostat(args.table, Path(folder) / "statistics.ttl", engine=engine)
                seconds.append(time.perf_counter() - start)
            median = statistics.median(seconds)
            results[engine] = {
                "observations": done.observations,
                "seconds": seconds,
                "median_seconds": round(median, 6),
                "observations_per_second": round(done.observations / median),
            }
            print(f"import eurostat, {engine}: {done.observations} observations, median "
                  f"{median:.2f} s, {done.observations / median:.0f} observations/s")  # fmt: skip
    report = {"table": args.table.name, "runs": args.runs, "machine": platform.machine(),
              "python": platform.python_version(), "engines": results}  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
