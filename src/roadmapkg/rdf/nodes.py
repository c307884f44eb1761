"""The nodes the build and the dataset description both mint, as N-Triples lines: a period of
time named by its bounds, and the rdf:Statement that carries a triple's own source."""

from __future__ import annotations

from rdflib.namespace import DCAT, RDF, RDFS, SKOS

from . import terms
from .namespaces import DCT, ID, mint

TYPE = terms.RDF_TYPE
LABEL, SOURCE, NOTE = terms.of(RDFS.label), terms.of(DCT.source), terms.of(SKOS.note)


def period_iri(text: str) -> str:
    """The IRI of the period ``START/END``: made from its bounds, so periods with the same
    bounds are one node."""
    return terms.iri(mint("period", text.replace("/", "--")))


def period_lines(start: str, end: str, text: str) -> list[str]:
    """A dct:PeriodOfTime from `start` to `end` (N-Triples date literals), labelled `text`
    (``START/END`` as written)."""
    node = period_iri(text)
    return [
        terms.line(node, TYPE, terms.of(DCT.PeriodOfTime)),
        terms.line(node, terms.of(DCAT.endDate), end),
        terms.line(node, terms.of(DCAT.startDate), start),
        terms.line(node, LABEL, terms.literal(text)),
    ]


def statement_lines(
    key: str, subject: str, predicate: str, obj: str, source: str, note: str = ""
) -> tuple[str, list[str]]:
    """The rdf:Statement ``id/statement/KEY`` describing the triple (N-Triples terms) with its
    own source and an optional English note: its IRI, and its lines (the type first)."""
    node = terms.iri(ID[f"statement/{key}"])
    lines = [
        terms.line(node, TYPE, terms.of(RDF.Statement)),
        terms.line(node, terms.of(RDF.subject), subject),
        terms.line(node, terms.of(RDF.predicate), predicate),
        terms.line(node, terms.of(RDF.object), obj),
        terms.line(node, SOURCE, source),
    ]
    if note:
        lines.append(terms.line(node, NOTE, terms.literal(note, lang="en")))
    return node, [lines[0], *sorted(lines[1:])]
