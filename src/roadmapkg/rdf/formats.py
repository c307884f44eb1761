"""The RDF file formats roadmapkg reads, by suffix: the one list of suffixes, with the format,
its media type and its rdflib parser name taken from pyoxigraph's and rdflib's own registries
(`RdfFormat.from_extension`, `rdflib.util.guess_format`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib.util import guess_format

from ..errors import RoadmapError

# Turtle, N-Triples, JSON-LD and RDF/XML, in the order messages list them
SUFFIXES = (".ttl", ".nt", ".jsonld", ".json", ".rdf", ".xml")


def suffix(name: str | Path) -> str:
    """The lower-case suffix of a file name, a URL's path, or a bare suffix such as ``.ttl``."""
    text = str(name)
    if text.startswith(".") and "/" not in text and text.count(".") == 1:
        return text.lower()
    return Path(text).suffix.lower()


def is_rdf_file(name: str | Path) -> bool:
    """Whether a file (or a URL's path) ends in one of the RDF `SUFFIXES`."""
    return suffix(name) in SUFFIXES


def rdf_format(file: str | Path) -> ox.RdfFormat:
    """pyoxigraph's format of a file, by suffix; `RoadmapError` for any other suffix."""
    if not is_rdf_file(file):
        raise RoadmapError(f"{file}: unknown RDF format (expected one of {', '.join(SUFFIXES)})")
    return ox.RdfFormat.from_extension(suffix(file)[1:])


def rdflib_name(file: str | Path) -> str:
    """The name of rdflib's parser and serialiser for a file (``turtle``, ``nt``, ``json-ld``,
    ``xml``)."""
    rdf_format(file)
    return guess_format(f"file{suffix(file)}")


def media_type(file: str | Path) -> str:
    """The media type of a file (``text/turtle``, ``application/ld+json``, ...)."""
    return rdf_format(file).media_type
