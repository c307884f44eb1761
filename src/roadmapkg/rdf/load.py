"""Reading RDF files: the format by extension, the safety checks before any parser sees a file
(`inputs`), and loading into an rdflib graph or a pyoxigraph store, with one-line errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import RoadmapError, one_line
from .inputs import check_input
from .namespaces import bind_prefixes

PARSE_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def parse_format(file: Path) -> str:
    """The RDF syntax of a file, by extension; refuses unknown extensions, missing files, and
    files that would make a parser fetch a URL or expand entities (`inputs.check_input`)."""
    fmt = PARSE_FORMATS.get(file.suffix)
    if fmt is None:
        known = ", ".join(PARSE_FORMATS)
        raise RoadmapError(f"{file}: unknown RDF format (expected one of {known})")
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
        if before == len(graph) and holds_nothing(file, fmt):
            raise RoadmapError(f"{file}: holds no triples")
    return graph


def load_store(files: list[Path]) -> ox.Store:
    """Parse RDF files into the default graph of a new in-memory pyoxigraph store."""
    store = ox.Store()
    for file in files:
        fmt = parse_format(file)
        before = len(store)
        try:
            store.bulk_load(path=file, format=OX_FORMATS[fmt])
        except (SyntaxError, ValueError, OSError) as exc:
            reason = exc.msg if isinstance(exc, SyntaxError) else one_line(exc)
            raise RoadmapError(f"{file}: not valid {fmt}: {reason}") from None
        if before == len(store) and holds_nothing(file, fmt):
            raise RoadmapError(f"{file}: holds no triples")
    return store


def holds_nothing(file: Path, fmt: str) -> bool:
    """Whether a file that added nothing to the graph holds no triple at all (rather than only
    triples an earlier file already gave)."""
    return next(ox.parse(path=file, format=OX_FORMATS[fmt]), None) is None


def rdf_format(file: Path):
    """pyoxigraph's format for a file, by extension; refuses unknown extensions and files that
    would make a parser fetch a URL or expand entities (`inputs.check_input`)."""
    import pyoxigraph as ox

    formats = {
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".jsonld": ox.RdfFormat.JSON_LD,
        ".rdf": ox.RdfFormat.RDF_XML,
    }
    if file.suffix not in formats:
        known = ", ".join(formats)
        raise RoadmapError(f"{file}: unknown RDF format (expected {known})")
    check_input(file)
    return formats[file.suffix]


def count_triples(file: Path) -> int:
    """Triples in an RDF file, parsed by pyoxigraph."""
    import pyoxigraph as ox

    try:
        return sum(1 for _ in ox.parse(path=str(file), format=rdf_format(file)))
    except (OSError, SyntaxError, ValueError) as exc:
        raise RoadmapError(f"{file}: {one_line(exc)}") from None
