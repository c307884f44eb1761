"""Turn checked source rows into the RDF graph, and check the dataset's sanity bounds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, RDFS, SKOS

from . import ontology, paths
from .errors import SourceError
from .links import linksets, read_mappings
from .namespaces import DCT, ID, QUDT, RK, bind_prefixes, mint
from .schema import KINDS
from .sources import Period, Quantity, Record, Sources, Statement, read_sources


@dataclass
class Built:
    graph: Graph  # everything, links included
    links: Graph  # the links and their VoID linksets alone
    origins: dict[str, str]  # node IRI -> file:line of the source row it comes from


def build_graph(
    sources: Path | str = paths.SOURCES, mappings: Path | None = paths.MAPPINGS
) -> Graph:
    """Read the curated sources (and link mappings) and return the graph (not yet validated)."""
    return build(sources, mappings).graph


def build(sources: Path | str = paths.SOURCES, mappings: Path | None = paths.MAPPINGS) -> Built:
    """The graph, its links, and where each node comes from."""
    checked = read_sources(Path(sources))
    origins: dict[str, str] = {}
    graph = Graph()
    bind_prefixes(graph)
    for kind in KINDS:
        graph.bind(kind, ID[f"{kind}/"])
    for record in checked.records:
        for node in add_record(graph, record):
            origins[str(node)] = f"{record.path}:{record.line}"
    for statement in checked.statements:
        origins[str(add_statement(graph, statement))] = statement.origin
    check_bounds(graph, checked)
    links = Graph()
    if mappings is not None and mappings.is_dir():
        found = read_mappings(mappings, set(graph.subjects(RDF.type, None)))
        for mapping in found:
            origins[str(add_statement(links, mapping.statement()))] = mapping.origin
        links += linksets(found)
        graph += links
    bind_prefixes(links)
    return Built(graph, links, origins)


def add_record(graph: Graph, record: Record) -> list[URIRef]:
    """Add the record's triples; return the nodes it made (the entity and its quantities)."""
    graph.add((record.iri, RDF.type, record.rdf_class))
    nodes = [record.iri]
    source = None
    for column, values in record.values.items():
        for value in values:
            if isinstance(value, Period):
                value = add_period(graph, value)
            graph.add((record.iri, column.predicate, value))
            if column.predicate == DCT.source:
                source = value
    for prefix, quantity in record.quantities.items():
        node = URIRef(f"{record.iri}/{prefix.replace('_', '-')}quantity")
        add_quantity(graph, node, quantity, source)
        graph.add((record.iri, RK.quantity, node))
        nodes.append(node)
    return nodes


def add_period(graph: Graph, period: Period) -> URIRef:
    """The node of a period of time; its IRI is made from its bounds, so it is shared."""
    node = mint("period", period.key)
    graph.add((node, RDF.type, DCT.PeriodOfTime))
    graph.add((node, RDFS.label, Literal(f"{period.start}/{period.end}")))
    graph.add((node, DCAT.startDate, period.start))
    graph.add((node, DCAT.endDate, period.end))
    return node


def add_quantity(graph: Graph, node: URIRef, quantity: Quantity, source: URIRef | None) -> None:
    unit_label = ontology.load().value(quantity.unit, RDFS.label)
    graph.add((node, RDF.type, QUDT.QuantityValue))
    number = format(quantity.value.toPython().normalize(), "f")  # 139000000000, 9.5
    graph.add((node, RDFS.label, Literal(f"{number} {unit_label}")))
    graph.add((node, QUDT.numericValue, quantity.value))
    graph.add((node, QUDT.unit, quantity.unit))
    optional = {
        RK.isEstimate: quantity.estimate,
        RK.timeBasis: quantity.per,
        RK.shareOf: quantity.share_of,
        RK.changeOf: quantity.change_of,
        RK.countOf: quantity.count_of,
        DCT.source: source,
    }
    for predicate, value in optional.items():
        if value is not None:
            graph.add((node, predicate, value))


def add_statement(graph: Graph, statement: Statement) -> URIRef:
    """Assert the triple, and describe it as an rdf:Statement that carries its own source."""
    graph.add((statement.subject, statement.predicate, statement.object))
    node = ID[f"statement/{statement.key}"]
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, statement.subject))
    graph.add((node, RDF.predicate, statement.predicate))
    graph.add((node, RDF.object, statement.object))
    graph.add((node, DCT.source, statement.source))
    if statement.note:
        graph.add((node, SKOS.note, Literal(statement.note, lang="en")))
    return node


def check_bounds(graph: Graph, checked: Sources) -> None:
    """Fail when the graph does not hold the number of instances the dataset expects."""
    for bound in checked.bounds:
        count = sum(1 for _ in graph.subjects(RDF.type, bound.rdf_class))
        name = f"rk:{bound.rdf_class.removeprefix(str(RK))}"
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
