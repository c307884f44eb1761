"""The home page's content, read from the graph: the roadmap, its pillars and actions, the
key figures in words with their sources, and a timeline of everything dated."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ..rdf import ontology
from ..rdf.namespaces import DCT, QUDT, RK, UNIT
from .entities import Reader, Source, Value, is_entity

SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


@dataclass
class Figure:
    figure: Value
    quantities: list[str]
    wording: str
    area: Value | None
    reference: str
    sources: list[Value] = field(default_factory=list)


@dataclass
class Dated:
    date: str
    what: str  # the dated property, e.g. "date", "issued"
    node: Value
    kind: Value
    sources: tuple[Source, ...]


def number(value: Decimal) -> str:
    """``6200`` -> ``6 200``, ``9.50`` -> ``9.5`` (a space between thousands, as the factsheet)."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    digits = whole.lstrip("-")
    grouped = " ".join(digits[max(i - 3, 0) : i] for i in range(len(digits), 0, -3)[::-1])
    return ("-" if whole.startswith("-") else "") + grouped + (f".{fraction}" if fraction else "")


def amount(value: Decimal) -> str:
    """``139000000000`` -> ``139 billion``."""
    for scale, word in SCALES:
        if abs(value) >= scale:
            return f"{number(value / scale)} {word}"
    return number(value)


def quantity_text(reader: Reader, quantity) -> str:
    """A quantity in words: ``EUR 139 billion a year (estimate)``, ``70% of drug seizures``."""
    graph = reader.graph
    value = Decimal(str(graph.value(quantity, QUDT.numericValue)))
    unit = graph.value(quantity, QUDT.unit)
    if unit == UNIT.CCY_EUR:
        text = f"EUR {amount(value)}"
    elif unit == UNIT.PERCENT:
        change = graph.value(quantity, RK.changeOf)
        text = f"{'+' if change is not None and value > 0 else ''}{number(value)}%"
        share = graph.value(quantity, RK.shareOf)
        text += f" of {share}" if share is not None else ""
        text += f" (change in {change})" if change is not None else ""
    elif unit == UNIT.TONNE:
        text = f"{number(value)} t"
    else:
        unit_label = reader.onto.value(unit, RDFS.label)
        counted = graph.value(quantity, RK.countOf)
        text = number(value) if unit == UNIT.NUM else f"{number(value)} {unit_label}"
        text += f" {counted}" if counted is not None else ""
    per = graph.value(quantity, RK.timeBasis)
    if per is not None:
        text += f" a {reader.onto.value(per, RDFS.label)}"
    if graph.value(quantity, RK.isEstimate) == Literal(True):
        text += " (estimate)"
    return text


def instances(reader: Reader, cls: URIRef, order: URIRef | None = None) -> list[URIRef]:
    """Instances of `cls`, sorted by the `order` property's value, then by IRI."""
    graph = reader.graph
    found = graph.subjects(RDF.type, cls)
    key = lambda n: (graph.value(n, order).toPython() if order else 0, str(n))  # noqa: E731
    return sorted(set(found), key=key)


def key_figures(reader: Reader) -> list[Figure]:
    graph = reader.graph
    figures = []
    for node in instances(reader, RK.KeyFigure):
        quantities = sorted(
            graph.objects(node, RK.quantity),
            key=lambda q: (not str(q).endswith("/quantity"), str(q)),
        )
        period = graph.value(node, RK.referencePeriod)
        reference = graph.value(node, RK.referenceDate) or (
            graph.value(period, RDFS.label) if period else None
        )
        area = graph.value(node, RK.area)
        cited = sorted(graph.objects(node, DCT.source)) + sorted(
            graph.objects(node, RK.statisticalSource)
        )
        figures.append(
            Figure(
                reader.value(node),
                [quantity_text(reader, q) for q in quantities],
                str(graph.value(node, RK.sourceText) or ""),
                reader.value(area) if area is not None else None,
                str(reference or ""),
                [reader.value(s) for s in cited],
            )
        )
    return figures


DATED = {RK.date: "date", DCT.issued: "issued", DCT.dateAccepted: "adopted"}


def timeline(reader: Reader) -> list[Dated]:
    """Every dated entity in date order: events, seizures, status changes, documents (sources
    left out: their dates are those of the references, not of events)."""
    graph = reader.graph
    sources = set(graph.subjects(RDF.type, RK.Source))
    found = []
    for predicate, what in DATED.items():
        for node, date in graph.subject_objects(predicate):
            if not is_entity(node) or node in sources:
                continue
            kinds = [
                c
                for c in ontology.own_classes(graph.objects(node, RDF.type), reader.onto)
                if str(c).startswith(str(RK))
            ]
            kind = reader.term(kinds[0]) if kinds else Value("")
            found.append(
                Dated(
                    str(date), what, reader.value(node), kind, reader.sources(node, predicate, date)
                )
            )
    return sorted(found, key=lambda d: (d.date, d.node.text, d.what))


def roadmap_facts(reader: Reader, roadmap: URIRef) -> list[tuple[Value, list[Value]]]:
    """The roadmap's own statements, property by property (its wording and source aside)."""
    facts: dict[Value, list[Value]] = {}
    for row in reader.entity(roadmap).rows:
        if row.predicate.note not in ("rk:sourceText", "dct:source"):
            facts.setdefault(row.predicate, []).append(row.value)
    return list(facts.items())


def home(reader: Reader) -> dict:
    """Everything the home page shows."""
    graph = reader.graph
    roadmaps = instances(reader, RK.Roadmap)
    pillars = instances(reader, RK.Pillar, RK.pillarNumber)
    actions = instances(reader, RK.Action, RK.listPosition)
    return {
        "roadmaps": [
            {
                "node": reader.value(r),
                "wording": str(graph.value(r, RK.sourceText) or ""),
                "facts": roadmap_facts(reader, r),
            }
            for r in roadmaps
        ],
        "pillars": [
            {
                "number": graph.value(p, RK.pillarNumber),
                "node": reader.value(p),
                "wording": str(graph.value(p, RK.sourceText) or ""),
                "actions": [reader.value(a) for a in actions if (a, RK.servesPillar, p) in graph],
            }
            for p in pillars
        ],
        "actions": [
            {
                "position": graph.value(a, RK.listPosition),
                "node": reader.value(a),
                "wording": str(graph.value(a, RK.sourceText) or ""),
                "pillars": [reader.value(p) for p in sorted(graph.objects(a, RK.servesPillar))],
            }
            for a in actions
        ],
        "figures": key_figures(reader),
        "timeline": timeline(reader),
    }
