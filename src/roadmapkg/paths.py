"""Where the project's files live: the ontology, the shapes, the sources and the emitted graph.

They live in the project checkout, which `pip install -e .` (as `make run` does) points the
package at. A package installed elsewhere finds them through ROADMAPKG_HOME or, failing that,
in the working folder."""

from __future__ import annotations

import os
from pathlib import Path


def _root() -> Path:
    if os.environ.get("ROADMAPKG_HOME"):
        return Path(os.environ["ROADMAPKG_HOME"]).resolve()
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "ontology" / "roadmap.ttl").is_file() else Path.cwd()


ROOT = _root()
ONTOLOGY = ROOT / "ontology" / "roadmap.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
DCAT_AP_SHAPES = ROOT / "ontology" / "dcat-ap-shapes.ttl"
QC = ROOT / "ontology" / "qc"
CONTEXT = ROOT / "ontology" / "context.jsonld"
SOURCES = ROOT / "data" / "sources"
GRAPH = ROOT / "data" / "roadmap.ttl"
LINKS = ROOT / "data" / "links.ttl"
MAPPINGS = ROOT / "mappings"


def display(path: Path) -> str:
    """`path` relative to the working folder when it lies below it, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
