"""Counts that describe a graph: instances per ontology class, statements per evidence basis."""

from __future__ import annotations

from rdflib import Graph

from . import ontology
from .namespaces import RK

COUNTS_BY_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class
"""

# A node's own statements come from its dct:source; an rdf:Statement carries the source of
# one triple. Both lead to a source whose rk:evidenceBasis says stated/clarification/inference.
COUNTS_BY_BASIS = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
SELECT ?basis (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s dct:source ?source . ?source rk:evidenceBasis ?basis .
} GROUP BY ?basis
"""


def class_counts(graph: Graph) -> dict[str, int]:
    """Instances of each ontology class (every type the data states, the entailed superclasses
    included), classes in IRI order."""
    counts = {row[0]: int(row[1]) for row in graph.query(COUNTS_BY_CLASS)}
    return {f"rk:{c.removeprefix(str(RK))}": counts[c] for c in ontology.classes() if counts.get(c)}


def basis_counts(graph: Graph) -> dict[str, int]:
    """Nodes and statements per evidence basis of their source."""
    rows = graph.query(COUNTS_BY_BASIS)
    return {f"rk:{b.removeprefix(str(RK))}": int(n) for b, n in sorted(rows)}


def summary(graph: Graph) -> str:
    lines = [f"{len(graph)} triples"]
    lines += [f"  {name:<28} {n:>6}" for name, n in class_counts(graph).items()]
    lines.append("sourced nodes by evidence basis:")
    lines += [f"  {name:<28} {n:>6}" for name, n in basis_counts(graph).items()]
    return "\n".join(lines)
