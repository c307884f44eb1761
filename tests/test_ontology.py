"""The ontology is documented term by term, has a complete header, and is OWL 2 RL consistent."""

from __future__ import annotations

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from roadmapkg import paths
from roadmapkg.rdf import ontology
from roadmapkg.rdf.namespaces import ONTOLOGY_IRI, RK, VANN

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def own_terms() -> list[URIRef]:
    graph = ontology.load()
    return sorted(
        {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if s.startswith(str(RK))}
    )


def test_header_is_complete():
    graph = ontology.load()
    for predicate in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ):
        assert graph.value(ONTOLOGY_IRI, predicate) is not None, predicate


def test_version_matches_the_package():
    import tomllib

    version = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"]
    graph = ontology.load()
    assert str(graph.value(ONTOLOGY_IRI, OWL.versionInfo)) == version
    assert str(graph.value(ONTOLOGY_IRI, OWL.versionIRI)).endswith(f"/{version}")


@pytest.mark.parametrize("term", own_terms(), ids=lambda t: t.removeprefix(str(RK)))
def test_every_term_has_label_definition_and_is_defined_by(term):
    graph = ontology.load()
    assert graph.value(term, RDFS.label) is not None
    assert graph.value(term, SKOS.definition) is not None
    assert graph.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI


def test_only_owl_lite_constructs():
    """No unions, intersections, complements, disjointness or cardinalities above 1."""
    graph = ontology.load()
    forbidden = (OWL.unionOf, OWL.complementOf, OWL.disjointWith, OWL.oneOf, OWL.hasValue)
    assert not [t for p in forbidden for t in graph.triples((None, p, None))]
    for p in (OWL.cardinality, OWL.maxCardinality, OWL.minCardinality):
        assert all(int(v) <= 1 for v in graph.objects(None, p))


def test_every_class_is_constrained_by_a_shape():
    shapes = Graph().parse(paths.SHAPES)
    targeted = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    graph = ontology.load()
    for cls in ontology.classes():
        ancestors = set(graph.transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & targeted or cls in {RK.EvidenceBasis, RK.ResultKind,
            RK.ImplementationStatus, RK.RoadmapComponent, RK.EvidenceStrength,
            RK.EventKind}, f"no shape for {cls}"  # fmt: skip


def closure(graph: Graph) -> Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def inconsistencies(graph: Graph) -> list[str]:
    """The clashes owlrl found: it records each as an error message node in the graph."""
    return sorted(str(m) for m in graph.objects(None, ERRNS.error))


def test_ontology_and_data_are_consistent_under_owl_rl():
    graph = closure(ontology.load() + Graph().parse(paths.GRAPH))
    assert inconsistencies(graph) == []


def test_owl_rl_would_catch_a_clash():
    """The check above can fail: an ill-typed pillar number is an OWL 2 RL inconsistency."""
    clash = ontology.load() + Graph().parse(
        data="""@prefix rk: <https://w3id.org/roadmapkg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/roadmapkg/id/pillar/x> a rk:Pillar ;
            rk:pillarNumber "one"^^xsd:integer .""",
        format="turtle",
    )
    assert inconsistencies(closure(clash)) == [
        "Lexical value of the literal 'one' does not match its datatype "
        "(http://www.w3.org/2001/XMLSchema#integer)"
    ]
