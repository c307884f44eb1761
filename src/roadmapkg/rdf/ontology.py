"""Read what the ontology states: class hierarchy, concept schemes, units, defined terms."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, TIME

from .. import paths
from .namespaces import QUDT, RK


@cache
def load(path: Path = paths.ONTOLOGY) -> Graph:
    """The ontology graph (parsed once per process)."""
    return Graph().parse(path, format="turtle")


def subclasses(base: URIRef, graph: Graph | None = None) -> set[URIRef]:
    """`base` and every class below it."""
    graph = graph or load()
    return set(graph.transitive_subjects(RDFS.subClassOf, base))


def superclasses(cls: URIRef, graph: Graph | None = None) -> list[URIRef]:
    """The ontology's own classes above `cls` (its rdfs:subClassOf closure up to the top
    rk: classes, `cls` itself aside), sorted: the types an instance of `cls` has by entailment."""
    graph = graph or load()
    found = set(graph.transitive_objects(cls, RDFS.subClassOf)) - {cls}
    return sorted(c for c in found if str(c).startswith(str(RK)))


def own_classes(types: Iterable[URIRef], graph: Graph | None = None) -> list[URIRef]:
    """Of a node's `types`, those that none of its other types is below: the classes its
    sources give it, not those the ontology entails (see `superclasses`), sorted."""
    types = set(types)
    entailed = {c for t in types for c in superclasses(t, graph)}
    return sorted(types - entailed)


def direct_superclasses(cls: URIRef, graph: Graph | None = None) -> list[URIRef]:
    """The ontology's own classes that `cls` is declared a direct rdfs:subClassOf, sorted."""
    graph = graph or load()
    return sorted(c for c in graph.objects(cls, RDFS.subClassOf) if str(c).startswith(str(RK)))


def concepts(scheme: URIRef, graph: Graph | None = None) -> set[URIRef]:
    """The concepts of a concept scheme declared in the ontology."""
    graph = graph or load()
    return set(graph.subjects(SKOS.inScheme, scheme))


def units(graph: Graph | None = None) -> dict[str, URIRef]:
    """QUDT units the data may use, by local name (``TONNE``)."""
    graph = graph or load()
    return {str(u).rsplit("/", 1)[-1]: u for u in graph.subjects(RDF.type, QUDT.Unit)}


def time_units(graph: Graph | None = None) -> dict[str, URIRef]:
    """OWL-Time units the data may count per, by English label (``year``)."""
    graph = graph or load()
    return {str(graph.value(u, RDFS.label)): u for u in graph.subjects(RDF.type, TIME.TemporalUnit)}


PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def properties(graph: Graph | None = None) -> set[URIRef]:
    """Every property the data may use: the ontology's own and the reused ones it declares."""
    graph = graph or load()
    return {p for t in PROPERTY_TYPES for p in graph.subjects(RDF.type, t)} | {RDF.type}


def classes(graph: Graph | None = None) -> list[URIRef]:
    """The ontology's own classes, sorted."""
    graph = graph or load()
    return sorted(c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(RK)))
