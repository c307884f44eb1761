"""The two paths the benchmark times, each run in a process of its own (`pipeline.py` starts
it). Both write what they found into an answers folder (`equality.py` compares them):

  fast   what `roadmapkg build` does, timed by its own stopwatch: build (sources -> N-Triples,
         loaded into an in-memory pyoxigraph store by a second thread as they are written),
         load (what loading had left when the sources were done), validate (the shapes
         compiled to SPARQL, and the QC queries, on the store, while a second process writes
         the Turtle and JSON-LD), write (waiting for those files); then queries (every saved
         query but the federated ones, written as CSV as `roadmapkg run-queries` does: on
         both cores) and export (the actors view as GraphML)
  plain  what a competent rdflib + pySHACL user writes: load (rdflib parses the Turtle),
         validate (pySHACL with the same shapes, and the QC queries on rdflib), queries (one
         after the other on rdflib's SPARQL, each written as CSV) and export (the actors view
         built as a networkx graph from an rdflib query, written as GraphML). Where a saved
         query is slow on rdflib only because of how rdflib evaluates it, the plain path runs
         the form in bench/rdflib-queries/ instead (each file says why; the tests check that
         it gives the saved query's answer).
"""

from __future__ import annotations

import dataclasses
import resource
import signal
import time
from pathlib import Path

RDFLIB_QUERIES = Path(__file__).resolve().parent / "rdflib-queries"
TIMED_OUT: list[str] = []  # the queries, or "export", stopped at their cap in this process


def rdflib_form(name: str) -> str | None:
    """The text of the plain path's form of saved query `name` (``views/actors`` for a view),
    or None where it runs the saved query as it is."""
    path = RDFLIB_QUERIES / f"{name}.rq"
    return path.read_text(encoding="utf-8") if path.exists() else None


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


def run_fast(sources: Path, work: Path, answers: Path, caps: dict[str, int]) -> dict:
    import pyoxigraph as ox
    from equality import write_export, write_findings

    from roadmapkg.build.pipeline import build_and_write
    from roadmapkg.export import views
    from roadmapkg.export import writers as export
    from roadmapkg.queries import saved as queries
    from roadmapkg.store.embedded import OxigraphStore

    built = build_and_write(sources, work / "roadmap.ttl")  # as `roadmapkg build` runs it
    stages, memory = dict(built.seconds), {"write": high_water()}
    store = OxigraphStore(built.store)
    start = time.perf_counter()
    queries.run_all(store, answers / "queries")  # as `roadmapkg run-queries` runs them
    stages["queries"], memory["queries"] = time.perf_counter() - start, high_water()
    start = time.perf_counter()
    view = views.build_view(store, "actors")
    export.export(view, "graphml", work / "a.graphml")
    stages["export"], memory["export"] = time.perf_counter() - start, high_water()
    write_findings(answers, built.findings)
    write_export(answers, view)
    start = time.perf_counter()
    parsed = sum(1 for _ in ox.parse(path=work / "roadmap.ttl", format=ox.RdfFormat.TURTLE))
    parse_s = time.perf_counter() - start
    assert parsed == built.triples
    return {"triples": built.triples, "stages": stages, "warnings": len(built.findings),
            "pyoxigraph_parse_turtle_s": parse_s, "peak_rss_after_bytes": memory}  # fmt: skip


def run_plain(sources: Path, work: Path, answers: Path, caps: dict[str, int]) -> dict:
    from equality import write_export, write_findings
    from rdflib import Graph

    from roadmapkg.build.emit import emit
    from roadmapkg.build.pipeline import write_serialisations
    from roadmapkg.export import views
    from roadmapkg.export import writers as export
    from roadmapkg.store.embedded import RdflibStore
    from roadmapkg.validate.shacl import validate_graph

    nt = work / "roadmap.nt"  # the Turtle it starts from, written without a store (not timed)
    with nt.open("w", encoding="utf-8") as out:
        emit(out, sources)
    write_serialisations(nt, work / "roadmap.ttl", work / "roadmap.jsonld")
    stages = {}
    start = time.perf_counter()
    graph = Graph().parse(work / "roadmap.ttl", format="turtle")
    stages["load"] = time.perf_counter() - start
    start = time.perf_counter()
    findings = validate_graph(graph)
    stages["validate"] = time.perf_counter() - start
    write_findings(answers, findings)
    store = RdflibStore(graph)
    stages["queries"], per_query = run_queries(store, answers / "queries", caps["query"])
    views_made = []

    def actors() -> None:
        view = views.build_view(store, "actors", text=rdflib_form("views/actors"))
        export.export(view, "graphml", work / "a.graphml")
        views_made.append(view)

    stages["export"] = limited("export", caps["export"], actors)
    if views_made:
        write_export(answers, views_made[0])
    return {"triples": len(graph), "stages": stages, "warnings": len(findings),
            "per_query_s": per_query}  # fmt: skip


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


def run_queries(store, folder: Path, cap: int) -> tuple[float, dict[str, float]]:
    """Run every saved query but the federated ones, one after the other, each in its rdflib
    form where it has one, and write its answer to `folder` as `run-queries` names it. A query
    that takes longer than `cap` seconds is stopped and counted as `cap` seconds (so the total
    is a lower bound), its name in TIMED_OUT."""
    from roadmapkg.queries import saved as queries
    from roadmapkg.rdf.sparql import is_geospatial
    from roadmapkg.store.results import render

    folder.mkdir(parents=True, exist_ok=True)

    def run(query: queries.SavedQuery) -> None:
        query = dataclasses.replace(query, text=rdflib_form(query.name) or query.text)
        result = queries.execute(query, store, {})
        if query.form in ("SELECT", "ASK"):
            (folder / f"{query.name}.csv").write_text(render(result, "csv"), encoding="utf-8")
        else:
            (folder / f"{query.name}.nt").write_text(render(result, "nt"), encoding="utf-8")

    per_query = {
        query.name: limited(query.name, cap, lambda q=query: run(q))
        for query in queries.load_all()
        if not (query.is_update or queries.is_federated(query) or is_geospatial(query.text))
    }
    return sum(per_query.values()), per_query


def child(path: str, sources: Path, answers: Path, caps: dict[str, int], work: Path) -> dict:
    """Run one path in this process and return what it measured."""
    answers.mkdir(parents=True, exist_ok=True)
    result = (run_fast if path == "fast" else run_plain)(sources, work, answers, caps)
    result["total_s"] = sum(result["stages"].values())
    result["timed_out"] = TIMED_OUT
    result["peak_rss_bytes"], result["peak_rss_writer_bytes"] = peak_rss()
    return result
