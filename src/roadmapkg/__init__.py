"""roadmapkg: the EU Roadmap to fight drug trafficking and organised crime as a knowledge graph.

From Python::

    import roadmapkg
    graph = roadmapkg.build_graph()            # from data/sources, not yet validated
    findings = roadmapkg.validate_graph(graph)  # SHACL findings, violations first
    graph = roadmapkg.load_graph()              # the emitted data/roadmap.ttl
    rows = roadmapkg.query("seizures-by-place")  # a saved query's rows, as dicts of text
    roadmapkg.export_view("actors", "svg", "actors.svg")  # a network view, drawn
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from . import paths
from .build import build_graph
from .errors import NotConforming, RoadmapError, SourceError
from .validate import Finding, validate_graph


def load_graph(*files: Path | str) -> Graph:
    """The emitted graph (default `data/roadmap.ttl`), or the union of the given RDF files."""
    from .validate import load_graph as _load

    return _load([Path(f) for f in files] or [paths.GRAPH])


def query(name: str, *files: Path | str, **params: str) -> list[dict[str, str]]:
    """The rows of a saved query (by name, or a .rq file) on the emitted graph or on the union
    of `files`, with its parameters given by name; each row a dict of the values as the W3C CSV
    format writes them (IRIs and lexical forms; '' where unbound), ready for pandas."""
    from . import queries
    from .results import plain
    from .store import open_embedded

    saved = queries.load(queries.find(name))
    if saved.form != "SELECT":
        raise RoadmapError(f"{saved.name}: a {saved.form} query has no rows (use the CLI)")
    store = open_embedded([Path(f) for f in files] or None)
    result = queries.execute(saved, store, {k: str(v) for k, v in params.items()})
    return [dict(zip(result.variables, map(plain, row), strict=True)) for row in result.rows]


def export_view(
    view: str, fmt: str, path: Path | str, *files: Path | str, lang: str = "en"
) -> list[Path]:
    """Write a network view (policy, actors, events, full) of the emitted graph, or of `files`,
    in `fmt` (as `roadmapkg export`); returns the files written."""
    from .export import export
    from .store import open_embedded
    from .views import build_view

    store = open_embedded([Path(f) for f in files] or None)
    return export(build_view(store, view, lang), fmt, Path(path))


__all__ = [
    "Finding",
    "NotConforming",
    "RoadmapError",
    "SourceError",
    "build_graph",
    "export_view",
    "load_graph",
    "query",
    "validate_graph",
]
