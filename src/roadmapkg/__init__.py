"""roadmapkg: the EU Roadmap to fight drug trafficking and organised crime as a knowledge graph.

From Python::

    import roadmapkg
    graph = roadmapkg.build_graph()            # from data/sources, not yet validated
    findings = roadmapkg.validate_graph(graph)  # SHACL findings, violations first
    graph = roadmapkg.load_graph()              # the emitted data/roadmap.ttl
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


__all__ = [
    "Finding",
    "NotConforming",
    "RoadmapError",
    "SourceError",
    "build_graph",
    "load_graph",
    "validate_graph",
]
