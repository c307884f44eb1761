"""Counts that describe a graph: instances per ontology class, statements per evidence basis."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph

from .. import paths
from . import ontology
from .namespaces import RK
from .sparql import read


def class_counts(graph: Graph) -> dict[str, int]:
    """Instances of each ontology class (every type the data states, the entailed superclasses
    included), classes in IRI order: the saved query counts-per-class."""
    rows = graph.query(read(paths.QUERIES / "counts-per-class.rq").text)
    counts = {row[0]: int(row[1]) for row in rows}
    return {f"rk:{c.removeprefix(str(RK))}": counts[c] for c in ontology.classes() if counts.get(c)}


def basis_counts(graph: Graph) -> dict[str, int]:
    """Nodes and statements per evidence basis of their source (a node's own statements come
    from its dct:source, an rdf:Statement carries the source of one triple): the saved query
    evidence-bases, its nodes and statements added up."""
    counts: Counter[str] = Counter()
    for basis, _kind, n in graph.query(read(paths.QUERIES / "evidence-bases.rq").text):
        counts[f"rk:{basis}"] += int(n)
    return dict(sorted(counts.items()))


def summary(graph: Graph) -> str:
    lines = [f"{len(graph)} triples"]
    lines += [f"  {name:<28} {n:>6}" for name, n in class_counts(graph).items()]
    lines.append("sourced nodes by evidence basis:")
    lines += [f"  {name:<28} {n:>6}" for name, n in basis_counts(graph).items()]
    return "\n".join(lines)
