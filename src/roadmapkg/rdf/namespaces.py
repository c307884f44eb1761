"""Namespaces, the base IRI and the one function that mints entity IRIs."""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/roadmapkg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")

RK = Namespace(BASE + "ontology#")
RKS = Namespace(BASE + "shapes#")
ID = Namespace(BASE + "id/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
VANN = Namespace("http://purl.org/vocab/vann/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
DCT = DCTERMS

# Prefixes written into every serialisation, in this order.
PREFIXES: dict[str, Namespace] = {
    "rk": RK,
    "id": ID,
    "dct": DCT,
    "dcat": DCAT,
    "foaf": FOAF,
    "geo": GEO,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "qudt": QUDT,
    "unit": UNIT,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "time": TIME,
    "xsd": XSD,
}

# Every kind of entity IRI (``id/{kind}/...``): one per source table (`build.schema.TABLES`,
# a test keeps the two in step), plus the derived period and statement nodes. Published IRIs
# never change, so this list only grows.
KINDS = (
    "action",
    "actor",
    "document",
    "event",
    "figure",
    "infrastructure",
    "instrument",
    "key-figure",
    "measure",
    "period",
    "pillar",
    "place",
    "result",
    "seizure",
    "source",
    "statement",
    "status-change",
    "substance",
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def mint(kind: str, key: str) -> URIRef:
    """The IRI of the entity of `kind` (such as ``action``) identified by the slug `key`."""
    return ID[f"{kind}/{key}"]


def expand_curie(curie: str) -> URIRef | None:
    """``rk:servesPillar`` -> its IRI, or None when the prefix is unknown."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES or not local:
        return None
    try:
        return PREFIXES[prefix][local]
    except (AttributeError, KeyError):  # closed namespaces (skos, dct, ...) refuse unknown names
        return None


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on `graph`, replacing rdflib's defaults, and one prefix per
    kind of entity (``place:`` for ``id/place/``), so messages name entities shortly."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for kind in KINDS:
        graph.bind(kind, ID[f"{kind}/"], override=True, replace=True)
