"""RDF terms as N-Triples text. The build writes its triples as lines of text rather than as
Python objects, so a million-row source costs string formatting, not object churn; pyoxigraph
parses the lines back into terms where they are needed."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_FORBIDDEN_IN_IRI = set('<>"{}|^`\\ \n\r\t')


def iri(value: str) -> str:
    """``<value>``; refuses characters an IRI cannot hold (they would break the line)."""
    if _FORBIDDEN_IN_IRI.intersection(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal: a plain string, a language-tagged string or a typed value."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if lang:
        return f"{quoted}@{lang}"
    if datatype and datatype != XSD + "string":
        return f"{quoted}^^<{datatype}>"
    return quoted


def typed(text: str, xsd_name: str) -> str:
    """A literal of an XML Schema datatype, by local name (``decimal``)."""
    return literal(text, XSD + xsd_name)


def of(term: Node) -> str:
    """The N-Triples form of an rdflib term (for the few parts still built with rdflib)."""
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        return literal(str(term), datatype, term.language)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def value(term: str) -> str:
    """The IRI inside ``<...>``, for messages and dictionary keys."""
    return term[1:-1] if term.startswith("<") else term


def line(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line."""
    return f"{subject} {predicate} {obj} .\n"
