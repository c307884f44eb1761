"""Rows of SPARQL queries on an rdflib graph, as lexical forms, with the test prefixes."""

from __future__ import annotations

from rdflib import Graph, Literal

PREFIXES = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX id: <https://w3id.org/roadmapkg/id/>
PREFIX document: <https://w3id.org/roadmapkg/id/document/>
PREFIX event: <https://w3id.org/roadmapkg/id/event/>
PREFIX instrument: <https://w3id.org/roadmapkg/id/instrument/>
PREFIX source: <https://w3id.org/roadmapkg/id/source/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX unit: <http://qudt.org/vocab/unit/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX void: <http://rdfs.org/ns/void#>
"""


def select(graph: Graph, query: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query (with the test prefixes), each value as its lexical form.

    Decimals are normalised (``8.0`` -> ``8``); datatypes are asserted by selecting
    ``datatype(?x)`` in the query itself."""
    return [tuple(lexical(v) for v in row) for row in graph.query(PREFIXES + query)]


def lexical(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal) and str(value.datatype).endswith("XMLSchema#decimal"):
        return format(value.toPython().normalize(), "f")
    return str(value)
