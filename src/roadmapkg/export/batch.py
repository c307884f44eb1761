"""Several views in several formats at once (``roadmapkg export --view all --format all``), each
view built once; PNG is left out when Graphviz's dot is missing, and the caller is told."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .. import paths
from ..files.atomic import STDOUT
from .choices import ALL, FORMATS
from .views import build_view
from .writers import export


@dataclass(frozen=True)
class Written:
    """A view and the files it was written to."""

    view: str
    graph: nx.Graph
    files: list[Path]

    def line(self) -> str:
        """What the command says it did."""
        shown = ", ".join(
            "standard output" if p == STDOUT else paths.display(p) for p in self.files
        )
        size = f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges"
        return f"View {self.view}: {size}: wrote {shown}"


def export_one(store, view: str, fmt: str, path: Path, lang: str) -> Written:
    """One view in one format at `path` (see `writers.export`)."""
    graph = build_view(store, view, lang)
    return Written(view, graph, export(graph, fmt, path))


def chosen(value: str, choices) -> tuple[str, ...]:
    """The one choice `value`, or every choice for ``all``."""
    return tuple(choices) if value == ALL else (value,)


def formats_to_write(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The formats ``--format`` asks for and those left out: ``all`` leaves PNG out without dot."""
    wanted = chosen(value, FORMATS)
    if value == ALL and shutil.which("dot") is None:
        return tuple(f for f in wanted if f != "png"), ("png",)
    return wanted, ()


def export_all(
    store, views: tuple[str, ...], formats: tuple[str, ...], folder: Path, lang: str
) -> Iterator[Written]:
    """Each view in each format, written to FOLDER/VIEW.EXT (csv: FOLDER/VIEW-entities.csv and
    FOLDER/VIEW-links.csv)."""
    for view in views:
        graph = build_view(store, view, lang)
        files: list[Path] = []
        for fmt in formats:
            files += export(graph, fmt, folder / f"{view}{FORMATS[fmt]}")
        yield Written(view, graph, files)
