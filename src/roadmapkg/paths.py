"""Where the project's files live: the ontology, the shapes, the sources and the emitted graph."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "roadmap.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QC = ROOT / "ontology" / "qc"
SOURCES = ROOT / "data" / "sources"
GRAPH = ROOT / "data" / "roadmap.ttl"
