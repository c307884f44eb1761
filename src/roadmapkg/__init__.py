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
from typing import TYPE_CHECKING

from . import paths
from .errors import NotConforming, RoadmapError, SourceError

if TYPE_CHECKING:
    from rdflib import Graph

    from .build.emit import build_graph
    from .validate.shacl import Finding, validate_graph

# Imported on first use, so that `import roadmapkg` (and `roadmapkg --help`) loads no RDF library
_LAZY = {
    "build_graph": "roadmapkg.build.emit",
    "Finding": "roadmapkg.validate.shacl",
    "validate_graph": "roadmapkg.validate.shacl",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'roadmapkg' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_LAZY[name]), name)


def load_graph(*files: Path | str) -> Graph:
    """The emitted graph (default `data/roadmap.ttl`), or the union of the given RDF files."""
    from .rdf.load import load_graph as _load

    return _load([Path(f) for f in files] or [paths.GRAPH])


def query(name: str, *files: Path | str, **params: str) -> list[dict[str, str]]:
    """The rows of a saved query (by name, or a .rq file) on the emitted graph or on the union
    of `files`, with its parameters given by name; each row a dict of the values as the W3C CSV
    format writes them (IRIs and lexical forms; '' where unbound), ready for pandas."""
    from .queries import saved as queries
    from .store.embedded import open_embedded
    from .store.results import plain

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
    from .export.views import build_view
    from .export.writers import export
    from .store.embedded import open_embedded

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
