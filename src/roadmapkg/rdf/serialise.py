"""Deterministic serialisations of the graph (Turtle, N-Triples, JSON-LD).

The build writes N-Triples lines in a fixed order (see `build.emit`); Turtle and JSON-LD are made
from those lines in the same order, by pyoxigraph's Turtle writer and by `jsonld_text` here, so
all three are streams: the graph never has to be held as Python objects to be written."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from .. import paths
from . import curies, terms
from .namespaces import PREFIXES

CHUNK = 50_000  # triples handed to the Turtle writer at a time


@cache
def turtle_prefixes() -> dict[str, str]:
    """The prefixes written in every Turtle file: the vocabularies only. (Entity IRIs stay in
    full: a quantity node such as ``.../result/x/quantity`` would need a ``\\/`` escape in a
    prefixed name, which Virtuoso's parser does not read.)"""
    vocabularies = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}
    return dict(sorted((vocabularies | {"void": "http://rdfs.org/ns/void#"}).items()))


def parse_lines(data: bytes | Path) -> Iterator[ox.Triple]:
    """The triples of N-Triples text or of an N-Triples file, in order."""
    if isinstance(data, Path):
        return ox.parse(path=data, format=ox.RdfFormat.N_TRIPLES)
    return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)


def by_subject(triples: Iterable[ox.Triple]) -> Iterator[list[ox.Triple]]:
    """Runs of consecutive triples that share a subject."""
    for _, run in groupby(triples, key=lambda t: t.subject):
        yield list(run)


def write_turtle(
    triples: Iterable[ox.Triple], out: BinaryIO, prefixes: dict[str, str] | None = None
) -> None:
    """Turtle with a fixed prefix header (the project's, unless `prefixes` are given), each
    subject's triples grouped as they come."""
    prefixes = prefixes or turtle_prefixes()
    out.writelines(f"PREFIX {p}: <{ns}>\n".encode() for p, ns in prefixes.items())
    chunk: list[ox.Triple] = []
    for run in by_subject(triples):
        chunk += run
        if len(chunk) >= CHUNK:
            _write_chunk(chunk, prefixes, out)
            chunk = []
    if chunk:
        _write_chunk(chunk, prefixes, out)


def _write_chunk(chunk: list[ox.Triple], prefixes: dict[str, str], out: BinaryIO) -> None:
    text = ox.serialize(chunk, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    # pyoxigraph writes the @prefix lines first, in an order of its own: ours are already out
    out.write(b"\n" + text.split(b"\n", len(prefixes))[-1])


@cache
def _context() -> tuple[dict, dict[str, tuple[str, str | None]]]:
    """The JSON-LD context, and for each property IRI its short key and value coercion."""
    context = json.loads(paths.CONTEXT.read_text(encoding="utf-8"))["@context"]
    namespaces = {k: v for k, v in context.items() if isinstance(v, str)}
    keys = {}
    for key, definition in context.items():
        if isinstance(definition, dict):
            coercion = definition.get("@type")
            if coercion and coercion != "@id":
                coercion = _iri(coercion, namespaces)  # a datatype IRI
            keys[_iri(definition["@id"], namespaces)] = (key, coercion)
    return context, keys


def _iri(curie: str, namespaces: dict[str, str]) -> str:
    return curies.expand(curie, namespaces) or curie


@lru_cache(maxsize=4096)  # classes, properties and datatypes: few, and met on every node
def _curie(iri: str, namespaces: tuple[tuple[str, str], ...]) -> str:
    return curies.compact(iri, dict(namespaces)) or iri


def _value(term, coercion: str | None, namespaces: tuple[tuple[str, str], ...]):
    if isinstance(term, ox.NamedNode):
        return term.value if coercion == "@id" else {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    datatype = term.datatype.value
    if coercion == datatype:
        return term.value
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if datatype == terms.XSD + "string":
        return term.value
    return {"@value": term.value, "@type": _curie(datatype, namespaces)}


RDF_TYPE = terms.value(terms.RDF_TYPE)


def _node(run: list[ox.Triple], keys, namespaces) -> dict:
    node: dict = {"@id": run[0].subject.value}
    values: dict[str, list] = {}
    for triple in run:
        predicate = triple.predicate.value
        if predicate == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            values.setdefault("@type", []).append(_curie(triple.object.value, namespaces))
            continue
        key, coercion = keys.get(predicate, (None, None))
        if key and coercion == "@id" and not isinstance(triple.object, ox.NamedNode):
            key = None  # a literal where the short key expects a node: use the full name
        if key is None:
            key, coercion = _curie(predicate, namespaces), None
        values.setdefault(key, []).append(_value(triple.object, coercion, namespaces))
    for key in sorted(values):
        items = values[key]
        if len(items) == 1:
            node[key] = items[0]
        else:
            node[key] = sorted(
                items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
            )
    return node


def write_jsonld(triples: Iterable[ox.Triple], out: BinaryIO) -> None:
    """JSON-LD compacted with `ontology/context.jsonld`: short keys such as `label` and
    `source`, typed values; one node object a line (a subject's run of triples), keys and
    values sorted."""
    context, keys = _context()
    namespaces = tuple((k, v) for k, v in context.items() if isinstance(v, str))
    head = json.dumps({"@context": context}, indent=2, sort_keys=True, ensure_ascii=False)
    out.write((head[:-2] + ',\n  "@graph": [').encode())
    dump = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": ")).encode
    for i, run in enumerate(by_subject(triples)):
        out.write((("," if i else "") + "\n    " + dump(_node(run, keys, namespaces))).encode())
    out.write(b"\n  ]\n}\n")


def turtle(graph: Graph) -> bytes:
    """Turtle of a (small) rdflib graph, subjects and triples in N-Triples order."""
    buffer = io.BytesIO()
    write_turtle(parse_lines(ntriples(graph)), buffer)
    return buffer.getvalue()


def graph_lines(graph: Graph) -> Iterable[str]:
    """N-Triples lines of a (small) rdflib graph."""
    return (terms.line(terms.of(s), terms.of(p), terms.of(o)) for s, p, o in graph)


def ntriples(graph: Graph) -> bytes:
    """N-Triples of a (small) rdflib graph, lines sorted."""
    return "".join(sorted(set(graph_lines(graph)))).encode("utf-8")


def jsonld(graph: Graph) -> bytes:
    """JSON-LD (see `write_jsonld`) of a (small) rdflib graph, subjects in IRI order."""
    buffer = io.BytesIO()
    write_jsonld(parse_lines(ntriples(graph)), buffer)
    return buffer.getvalue()


SERIALISERS = {"turtle": turtle, "json-ld": jsonld, "nt": ntriples}  # rdflib graph -> bytes
