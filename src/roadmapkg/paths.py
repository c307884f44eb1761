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


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused (`RoadmapError`) when it would resolve outside `folder` (an
    absolute name, ``..``, a symbolic link leading out). The site writes each of its files,
    named after the entities of a user's graph, through this."""
    from .errors import RoadmapError

    path = folder / name
    root = folder.resolve()
    resolved = path.resolve()
    if Path(name).is_absolute() or resolved == root or not resolved.is_relative_to(root):
        raise RoadmapError(f"{name}: would be written outside {display(folder)}: refused")
    return path


def display(path: Path) -> str:
    """`path` relative to the working folder when it lies below it, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
