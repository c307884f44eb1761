"""Reading RDF files: the safety checks before any parser sees a file (`inputs`), and loading
into an rdflib graph or a pyoxigraph store (the format by suffix, `formats`), with one-line
errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import RoadmapError, one_line
from .formats import rdf_format, rdflib_name
from .inputs import check_input
from .namespaces import bind_prefixes


def parse_format(file: Path) -> str:
    """The RDF syntax of a file, by extension; refuses unknown extensions, missing files, and
    files that would make a parser fetch a URL or expand entities (`inputs.check_input`)."""
    fmt = rdflib_name(file)
    if not file.is_file():
        raise RoadmapError(f"{file}: file not found")
    check_input(file)
    return fmt


def load_graph(files: list[Path]) -> Graph:
    """Parse RDF files (Turtle, N-Triples, JSON-LD or RDF/XML by extension) into one rdflib
    graph."""
    graph = Graph()
    bind_prefixes(graph)
    for file in files:
        fmt = parse_format(file)
        before = len(graph)
        try:
            graph.parse(file, format=fmt)
        except Exception as exc:  # rdflib's parsers raise many kinds of error
            reason = one_line(exc)
            raise RoadmapError(f"{file}: not valid {fmt}: {reason}") from None
        if before == len(graph) and holds_nothing(file):
            raise RoadmapError(f"{file}: holds no triples")
    return graph


def load_store(files: list[Path], store: ox.Store | None = None) -> ox.Store:
    """Parse RDF files into the default graph of `store` (default: a new in-memory one)."""
    store = ox.Store() if store is None else store
    for file in files:
        fmt = parse_format(file)
        before = len(store)
        try:
            store.bulk_load(path=file, format=rdf_format(file))
        except (SyntaxError, ValueError, OSError) as exc:
            reason = exc.msg if isinstance(exc, SyntaxError) else one_line(exc)
            raise RoadmapError(f"{file}: not valid {fmt}: {reason}") from None
        if before == len(store) and holds_nothing(file):
            raise RoadmapError(f"{file}: holds no triples")
    return store


def holds_nothing(file: Path) -> bool:
    """Whether a file that added nothing to the graph holds no triple at all (rather than only
    triples an earlier file already gave)."""
    return next(ox.parse(path=file, format=rdf_format(file)), None) is None


def checked_format(file: Path) -> ox.RdfFormat:
    """pyoxigraph's format of a file (`formats.rdf_format`), once `inputs.check_input` has
    found nothing in it that would make a parser fetch a URL or expand entities."""
    fmt = rdf_format(file)
    check_input(file)
    return fmt


def count_triples(file: Path) -> int:
    """Triples in an RDF file, parsed by pyoxigraph."""
    try:
        return sum(1 for _ in ox.parse(path=str(file), format=checked_format(file)))
    except (OSError, SyntaxError, ValueError) as exc:
        raise RoadmapError(f"{file}: {one_line(exc)}") from None
