"""Turn the checked source rows into N-Triples, one entity at a time, and check the dataset's
sanity bounds.

The lines come out in a fixed order: entities table by table in file order (each with its
quantities, the triples statements.csv asserts about it, and its links), then the shared
periods, the ontology's hierarchy and labels of the terms used, the statement nodes and the
VoID linksets, each sorted. So the same sources give the same bytes, and a new row adds lines
without moving any.

Each entity is typed with its class (the one its table or `class` column names) and with every
rk: class above it in the ontology (the rdfs:subClassOf closure, up to the ontology's top
classes): types an RDFS reasoner would entail, written out so that `?x a rk:Event` finds every
event in any store. The data also states `rdfs:subClassOf` between the classes it uses, so an
entailed type is recognisable in the data alone: a type with a narrower type beside it. And it
states the label of every class, unit and concept it names (copied from the ontology, which
copies those of QUDT, VoID, RDF and Dublin Core for the terms it reuses), so a query shows
"Seizure", "tonne" or "Launched" without loading the ontology."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, VOID

from .. import paths
from ..errors import SourceError
from ..rdf import ontology, terms
from ..rdf.dates import DATING, first_day
from ..rdf.namespaces import DCT, GEO, QUDT, RK
from ..rdf.nodes import period_iri, period_lines, statement_lines
from ..rdf.serialise import graph_lines
from .geometry import geometries
from .mappings import linksets, read_mappings
from .sources import read_sources
from .values import Entities, Period, Quantity, Record, Statement

TYPE = terms.RDF_TYPE
LABEL, SOURCE, NOTE = terms.of(RDFS.label), terms.of(DCT.source), terms.of(SKOS.note)
QUANTITY = terms.of(RK.quantity)
SUBCLASS = terms.of(RDFS.subClassOf)
QUANTITY_VALUE = terms.of(QUDT.QuantityValue)
SORT_DATE = terms.of(RK.sortDate)
DATING_TERMS = tuple(terms.of(p) for p in DATING)
PROGRESS_ROWS = 10_000  # entity rows between two calls of emit's `progress`


@dataclass
class Emitted:
    """What `emit` wrote, beside the lines themselves."""

    entities: Entities
    triples: int = 0
    statements: dict[str, str] = field(default_factory=dict)  # statement IRI -> file:line
    links: list[str] = field(default_factory=list)  # the lines of links.ttl

    def origin(self, node: str) -> str:
        """The source row of a node; a quantity node comes from the row of its owner."""
        owner = node.rpartition("/")[0]
        return (
            self.statements.get(node) or self.entities.row(node) or self.entities.row(owner) or ""
        )


def emit(
    out: TextIO,
    sources: Path | str = paths.SOURCES,
    mappings: Path | None = paths.MAPPINGS,
    progress: Callable[[int], None] | None = None,
) -> Emitted:
    """Write the graph of `sources` and `mappings` to `out` as N-Triples (not yet validated);
    `progress` is called with the number of entity rows done since its last call (every
    PROGRESS_ROWS rows)."""
    checked = read_sources(Path(sources))
    emitted = Emitted(checked.entities)
    points, point_statements = geometries(Path(sources), checked.entities)
    statements = list(checked.statements) + point_statements
    link_statements: list[Statement] = []
    linkset_lines: list[str] = []
    if mappings is not None and mappings.is_dir():
        found = read_mappings(mappings, checked.entities)
        link_statements = [m.statement() for m in found]
        linkset_lines = sorted(set(graph_lines(linksets(found))))
    asserted: dict[str, list[str]] = defaultdict(list)
    dated: dict[str, dict[str, str]] = defaultdict(dict)  # the dates statements.csv gives
    for statement in statements + link_statements:
        asserted[statement.subject].append(
            terms.line(statement.subject, statement.predicate, statement.object)
        )
        if statement.predicate in DATING_TERMS:
            dated[statement.subject][statement.predicate] = statement.object
    emitted.links = [terms.line(s.subject, s.predicate, s.object) for s in link_statements]
    unit_labels = {
        terms.iri(u): str(ontology.load().value(u, RDFS.label)) for u in ontology.units().values()
    }
    counts: Counter[str] = Counter()
    periods: dict[str, Period] = {}
    vocabulary = Vocabulary()
    for statement in statements:
        vocabulary.note(statement.object)
    if statements or link_statements:
        vocabulary.note(terms.of(RDF.Statement))
    if points:  # the places' geometry nodes (`geometry`)
        vocabulary.note(terms.of(GEO.Geometry))
    if linkset_lines:  # the VoID classes' labels go with the linksets, into links.ttl too
        void_classes = (terms.of(VOID.Dataset), terms.of(VOID.Linkset))
        linkset_lines = sorted(
            linkset_lines
            + [terms.line(c, LABEL, label) for c in void_classes for label in vocabulary.labels[c]]
        )
    lines = 0
    for done, record in enumerate(checked.records, start=1):
        block = record_lines(record, unit_labels, periods, vocabulary)
        block += asserted.pop(record.iri, [])
        block += sort_date_lines(record, dated.pop(record.iri, {}))
        block += points.pop(record.iri, [])
        out.writelines(block)
        lines += len(block)
        counts[record.rdf_class] += 1
        if progress and done % PROGRESS_ROWS == 0:
            progress(PROGRESS_ROWS)
    for key in sorted(periods):
        block = period_lines(periods[key].start, periods[key].end, periods[key].text)
        out.writelines(block)
        lines += len(block)
    if periods:
        vocabulary.note(terms.of(DCT.PeriodOfTime))
    block = vocabulary.lines()
    out.writelines(block)
    lines += len(block)
    nodes = sorted(statements + link_statements, key=lambda s: s.key)
    for statement in nodes:
        node, block = statement_lines(*statement_fields(statement))
        out.writelines(block)
        lines += len(block)
        emitted.statements[terms.value(node)] = statement.origin
    emitted.links += [
        line for s in link_statements for line in statement_lines(*statement_fields(s))[1]
    ]
    emitted.links += linkset_lines
    out.writelines(linkset_lines)
    emitted.triples = lines + len(linkset_lines)
    check_bounds(counts, checked.bounds)
    return emitted


def sources_ntriples(
    sources: Path | str = paths.SOURCES, mappings: Path | None = paths.MAPPINGS
) -> str:
    """The graph as N-Triples text, in the order `emit` writes it."""
    buffer = io.StringIO()
    emit(buffer, sources, mappings)
    return buffer.getvalue()


def build_graph(
    sources: Path | str = paths.SOURCES, mappings: Path | None = paths.MAPPINGS
) -> Graph:
    """Read the curated sources (and link mappings) and return the graph as an rdflib Graph
    (not yet validated)."""
    from ..rdf.namespaces import bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    return graph.parse(data=sources_ntriples(sources, mappings), format="nt")


class Vocabulary:
    """The ontology's terms as the data uses them: the rk: classes above each class (read
    from the ontology once per class: the entailed types), and the classes, units and concepts
    the data names, whose labels it states, copied from the ontology (which copies those of
    the reused vocabularies: QUDT's units, VoID's classes...)."""

    def __init__(self) -> None:
        onto = ontology.load()
        self.labels: dict[str, list[str]] = {}
        for term, label in onto.subject_objects(RDFS.label):
            if isinstance(term, URIRef):
                self.labels.setdefault(terms.of(term), []).append(terms.of(label))
        self.above: dict[str, list[str]] = {}
        self.used: set[str] = set()

    def note(self, term: str) -> None:
        """Mark `term` (an N-Triples term) as used, when the ontology labels it."""
        if term in self.labels:
            self.used.add(term)

    def entailed(self, rdf_class: str) -> list[str]:
        """The classes above `rdf_class` (N-Triples IRIs), sorted; marks them used."""
        found = self.above.get(rdf_class)
        if found is None:
            self.note(rdf_class)
            classes = ontology.superclasses(URIRef(terms.value(rdf_class)))
            found = self.above[rdf_class] = [terms.of(c) for c in classes]
            for above in found:
                self.entailed(above)
        return found

    def lines(self) -> list[str]:
        """``C rdfs:subClassOf D`` for each rk: class used and each rk: class it is declared
        directly below, and the label of each term used, sorted."""
        found = [
            terms.line(c, SUBCLASS, terms.of(d))
            for c in self.above
            for d in ontology.direct_superclasses(URIRef(terms.value(c)))
        ]
        found += [terms.line(t, LABEL, label) for t in self.used for label in self.labels[t]]
        return sorted(found)


def record_lines(
    record: Record,
    unit_labels: dict[str, str],
    periods: dict[str, Period],
    vocabulary: Vocabulary | None = None,
) -> list[str]:
    """The lines of a record's entity (its types first), then those of its quantity nodes; a
    period it names is added to `periods` (they are written once, at the end), the ontology
    terms it names are noted in `vocabulary`."""
    s = record.iri
    vocabulary = vocabulary or Vocabulary()
    classes = [record.rdf_class, *vocabulary.entailed(record.rdf_class)]
    types = [terms.line(s, TYPE, c) for c in classes]
    lines = [types[0]]
    sources: list[str] = []
    for column, values in record.values.items():
        predicate = f"<{column.predicate}>"
        for value in values:
            if isinstance(value, Period):
                periods.setdefault(value.key, value)
                value = period_iri(value.text)
            vocabulary.note(value)
            lines.append(terms.line(s, predicate, value))
            if predicate == SOURCE:
                sources.append(value)
    quantities = []
    for prefix, quantity in record.quantities.items():
        node = f"<{terms.value(s)}/{prefix.replace('_', '-')}quantity>"
        lines.append(terms.line(s, QUANTITY, node))
        quantities += quantity_lines(node, quantity, unit_labels[quantity.unit], sources)
        for term in (QUANTITY_VALUE, quantity.unit, quantity.per):
            if term is not None:
                vocabulary.note(term)
    return [*types, *sorted(lines[1:]), *quantities]


def sort_date_lines(record: Record, stated: dict[str, str]) -> list[str]:
    """The rk:sortDate of a record that is dated (by its row, or by `stated`, the dates
    statements.csv gives it): the first day of its first date in DATING order."""
    found = dict(stated)
    for column, values in record.values.items():
        predicate = f"<{column.predicate}>"
        if predicate in DATING_TERMS and values:
            found[predicate] = str(values[0])
    for predicate in DATING_TERMS:
        if predicate in found:
            lexical = found[predicate][1:].partition('"')[0]
            return [terms.line(record.iri, SORT_DATE, terms.typed(first_day(lexical), "date"))]
    return []


QUANTITY_FIELDS = (
    ("estimate", RK.isEstimate),
    ("per", RK.timeBasis),
    ("share_of", RK.shareOf),
    ("change_of", RK.changeOf),
    ("count_of", RK.countOf),
)


def quantity_lines(node: str, quantity: Quantity, unit_label: str, sources: list[str]) -> list[str]:
    """A quantity node's lines; it carries the sources of the row it was read from."""
    lines = [
        terms.line(node, LABEL, terms.literal(f"{quantity.number} {unit_label}")),
        terms.line(node, terms.of(QUDT.numericValue), quantity.value),
        terms.line(node, terms.of(QUDT.unit), quantity.unit),
    ]
    for name, predicate in QUANTITY_FIELDS:
        value = getattr(quantity, name)
        if value is not None:
            lines.append(terms.line(node, terms.of(predicate), value))
    lines += [terms.line(node, SOURCE, source) for source in sources]
    return [terms.line(node, TYPE, terms.of(QUDT.QuantityValue)), *sorted(lines)]


def check_bounds(counts: Counter[str], bounds) -> None:
    """Fail when the graph does not hold the number of instances the dataset expects."""
    for bound in bounds:
        count = counts[bound.rdf_class]
        name = f"rk:{terms.value(bound.rdf_class).removeprefix(str(RK))}"
        if bound.min is not None and bound.min == bound.max and count != bound.min:
            expected = f"exactly {bound.min}"
        elif bound.min is not None and count < bound.min:
            expected = f"at least {bound.min}"
        elif bound.max is not None and count > bound.max:
            expected = f"at most {bound.max}"
        else:
            continue
        raise SourceError(
            bound.path, bound.line, "", f"sanity bound failed: {count} {name}, expected {expected}"
        )


def statement_fields(statement: Statement) -> tuple[str, str, str, str, str, str]:
    """What `nodes.statement_lines` takes of a checked statement."""
    s = statement
    return s.key, s.subject, s.predicate, s.object, s.source, s.note
