"""Network views of the graph: networkx graphs built from the SPARQL queries in
``queries/views/`` (edges) and one query for the attributes of their nodes."""

from __future__ import annotations

import networkx as nx
from rdflib import URIRef

from .. import paths
from ..errors import RoadmapError
from ..rdf import ontology, sparqlterms
from ..rdf.sparql import read
from ..store.results import Rows
from .choices import VIEWS

VIEWS_FOLDER = paths.QUERIES / "views"

NODES = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX void: <http://rdfs.org/ns/void#>
SELECT ?node ?class ?label ?name ?date ?quantity WHERE {
  %s
  ?node a ?class .
  FILTER(?class NOT IN (rdf:Statement, void:Linkset, void:Dataset))
  FILTER NOT EXISTS { ?node a ?narrower . ?narrower rdfs:subClassOf ?class }  # its own class
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node skos:prefLabel ?name . FILTER(LANG(?name) = "%s") }
  OPTIONAL { ?node rk:date|rk:deadline|rk:plannedIn|rk:plannedDate|dct:issued ?date }
  OPTIONAL { ?node rk:quantity/rdfs:label ?quantity }
}
"""


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def predicate_label(predicate: URIRef) -> str:
    """The ontology's label of a property, or its local name."""
    label = ontology.load().value(predicate, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    return str(label) if label else local_name(str(predicate))


def node_attributes(
    store, lang: str, nodes: set[URIRef] | None = None
) -> dict[str, dict[str, str]]:
    """IRI -> label (in `lang` where there is one), class, and date and quantity if any, for
    every typed entity, or for those of `nodes`."""
    if not lang.isalpha():
        raise RoadmapError(f"--lang: not a language code: {lang!r}")
    values = ""
    if nodes is not None:
        values = f"VALUES ?node {{ {' '.join(sparqlterms.term(n) for n in sorted(nodes))} }}"
    result: Rows = store.query(NODES % (values, lang), {})
    found: dict[str, dict[str, str]] = {}
    for node, cls, label, name, date, quantity in sorted(
        result.rows, key=lambda r: [str(v) for v in r]
    ):
        entry = found.setdefault(str(node), {"iri": str(node)})
        entry.setdefault("class", local_name(str(cls)))
        if name is not None:
            entry["label"] = str(name)
        elif label is not None and "label" not in entry:
            entry["label"] = str(label)
        if date is not None:
            entry.setdefault("date", str(date))
        if quantity is not None:
            entry.setdefault("quantity", str(quantity))
    for entry in found.values():
        entry.setdefault("label", local_name(entry["iri"]))
    return found


def build_view(store, view: str, lang: str = "en", text: str | None = None) -> nx.Graph:
    """The view as a networkx graph: nodes keyed by IRI, sorted, with string attributes;
    edges with their predicate's label (and a weight in the actors view). `text` replaces the
    view's query (``queries/views/VIEW.rq``) by another with the same answer."""
    if view not in VIEWS:
        raise RoadmapError(f"unknown view {view!r} (one of: {', '.join(VIEWS)})")
    text = text or read(VIEWS_FOLDER / f"{view}.rq").text
    rows: Rows = store.query(text, {})
    # the attributes of the nodes the edges meet, unless the view shows every entity (`full`)
    ends = None
    if view != "full":
        columns = [rows.variables.index(v) for v in ("source", "target")]
        ends = {row[i] for row in rows.rows for i in columns if isinstance(row[i], URIRef)}
    attributes = node_attributes(store, lang, ends)
    # actors: one weighted edge a pair; other views keep every predicate between two nodes
    graph: nx.Graph = nx.Graph() if view == "actors" else nx.MultiDiGraph()
    graph.graph["name"] = view
    edges = []
    for row in rows.rows:
        data = dict(zip(rows.variables, row, strict=True))
        source, target = str(data["source"]), str(data["target"])
        if source not in attributes or target not in attributes:
            continue  # an edge to something that is not an entity of the graph
        if "weight" in data:
            edge = {"label": "takes part with", "weight": int(data["weight"])}
        else:
            edge = {
                "label": predicate_label(data["predicate"]),
                "predicate": str(data["predicate"]),
            }
        edges.append((source, target, edge))
    nodes = {n for s, t, _ in edges for n in (s, t)}
    if view == "full":
        nodes = set(attributes)
    for node in sorted(nodes):
        graph.add_node(node, **attributes[node])
    for source, target, edge in sorted(edges, key=lambda e: (e[0], e[1], e[2]["label"])):
        graph.add_edge(source, target, **edge)
    return graph
