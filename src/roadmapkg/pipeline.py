"""Build, validate, then write: the graph reaches `data/` only when it conforms."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph

from . import paths
from .build import build
from .errors import NotConforming
from .output import serialise_all, turtle, write_atomically
from .validate import Finding, conforms, report, validate_graph


@dataclass
class BuildResult:
    graph: Graph
    findings: list[Finding]
    written: list[Path]


def build_and_write(
    sources: Path = paths.SOURCES,
    output: Path = paths.GRAPH,
    mappings: Path | None = paths.MAPPINGS,
) -> BuildResult:
    """Build the graph from `sources` and `mappings`, validate it, and write it as Turtle,
    JSON-LD and N-Triples beside `output`, with the links alone in ``links.ttl`` there.
    Raises `NotConforming` (writing nothing) on any violation."""
    built = build(sources, mappings)
    origins = built.origins
    findings = [replace(f, origin=origins.get(f.focus, "")) for f in validate_graph(built.graph)]
    if not conforms(findings):
        raise NotConforming(report(findings))
    files = serialise_all(built.graph, output)
    files[output.with_name("links.ttl")] = turtle(built.links)  # empty when there are none
    write_atomically(files)
    return BuildResult(built.graph, findings, list(files))
