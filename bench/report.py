"""The tables of bench/RESULTS.md from a benchmark's JSON (`pipeline.py` writes it), so that
no figure there is copied by hand: `python bench/report.py out/bench.json` prints markdown.

Each cell is the median of the runs with their spread, min-max, in brackets; ``≥`` marks a
lower bound (a run of that stage stopped at its cap)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

STAGES = ("build", "load", "validate", "write", "queries", "export")


def number(n: float) -> str:
    """134085 -> ``134 085``."""
    return f"{n:,.0f}".replace(",", " ")


def seconds(s: float) -> str:
    return f"{s:.2f}" if s < 1 else f"{s:.1f}"


def cell(stat: dict | None) -> str:
    """``≥ 12.3 s (12.1-12.9)`` from a median, min, max and lower_bound."""
    if stat is None:
        return "-"
    bound = "≥ " if stat.get("lower_bound") else ""
    return f"{bound}{seconds(stat['median'])} s ({seconds(stat['min'])}-{seconds(stat['max'])})"


def mib(stat: dict) -> str:
    return f"{number(stat['median'] / 2**20)} MiB ({number(stat['min'] / 2**20)}-" + (
        f"{number(stat['max'] / 2**20)})"
    )


def ratios(summary: list[dict]) -> list[str]:
    """Plain over fast, medians, at each size both paths ran (the fast path loads while it
    builds: its build + load against rdflib's parse)."""
    lines = []
    for events in sorted({s["events"] for s in summary}):
        pair = {s["path"]: s for s in summary if s["events"] == events}
        if len(pair) < 2:
            continue
        plain, fast = pair["plain"]["stages"], pair["fast"]["stages"]

        def ratio(p: dict, f: float) -> str:
            return f"{'≥ ' if p.get('lower_bound') else ''}{p['median'] / f:.1f}x"

        loading = fast["build"]["median"] + fast["load"]["median"]
        parts = [f"load {ratio(plain['load'], loading)} (against build + load)"]
        parts += [f"{s} {ratio(plain[s], fast[s]['median'])}" for s in ("validate", "queries")]
        parts.append(f"export {ratio(plain['export'], fast['export']['median'])}")
        total = ratio(pair["plain"]["total_s"], pair["fast"]["total_s"]["median"])
        lines.append(f"- {number(events)} events: {', '.join(parts)}; total **{total}**")
    return lines


def markdown(report: dict) -> str:
    """The results table, the equality check per size, and the plain/fast ratios."""
    settings = report["settings"]
    head = ["events", "path", "triples", *STAGES, "total", "peak RSS"]
    lines = [
        f"Median of {settings['runs']} runs a size and path, each in a fresh process, with the "
        "spread (min-max) in brackets; ≥: a lower bound (a run stopped at its cap: "
        f"{settings['query_cap_s']} s a query, {settings['export_cap_s']} s the export).",
        "",
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---:", "---", "---:"] + ["---:"] * (len(head) - 3)) + " |",
    ]
    for s in report["summary"]:
        stages = [cell(s["stages"].get(stage)) for stage in STAGES]
        row = [number(s["events"]), s["path"], number(s["triples"]), *stages]
        row += [f"**{cell(s['total_s'])}**", mib(s["peak_rss_bytes"])]
        lines.append("| " + " | ".join(row) + " |")
    header = "| events | answers equal | not compared (capped, or GeoSPARQL) |"
    lines += ["", header, "| ---: | --- | --- |"]
    for e in report["equality"]:
        differing = "; ".join(f"{run}: {', '.join(d)}" for run, d in e["differences"].items())
        verdict = e["answers_equal"] + (f" ({differing})" if differing else "")
        lines.append(f"| {number(e['events'])} | {verdict} | {', '.join(e['not_compared'])} |")
    found = ratios(report["summary"])
    if found:
        lines += ["", "Plain / fast (medians):", "", *found]
    if report.get("fast_fitted_exponent") is not None:
        exponent = report["fast_fitted_exponent"]
        lines += ["", f"Fast path: total time grows as triples^{exponent:.2f} (1.00 is linear)."]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) != 2:
        fail("usage: python bench/report.py out/bench.json")
    path = Path(sys.argv[1])
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        fail(f"{path}: cannot read it as JSON ({exc.__class__.__name__})")
    if "summary" not in report:
        fail(f"{path}: not the JSON of this benchmark (no 'summary': an older run?)")
    print(markdown(report))


def fail(message: str) -> None:
    """An input error: one line, exit 2."""
    print(message, file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()
