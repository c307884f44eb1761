"""Documentation of the ontology: pyLODE's OntPub page, with the SHACL constraints of each
class and property added as notes for it to render, and a diagram of the model.

pyLODE 3.3.4 has no profile for SHACL shapes (it has ontpub, vocpub and the experimental
supermodel, which fails on our shapes), so the shapes reach the page as notes on the terms
they constrain."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from .. import paths
from ..rdf import ontology
from ..rdf.namespaces import ONTOLOGY_IRI, bind_prefixes

SCHEMA_ORG = re.compile(
    r'(<script id="schema.org" type="application/ld\+json">)(.*?)(</script>)', re.S
)
ID_ATTRIBUTE = re.compile(r'(\sid=")([^"]*)(")')
BOUNDS = {SH.minInclusive: "≥", SH.minExclusive: ">", SH.maxInclusive: "≤", SH.maxExclusive: "<"}


@dataclass
class OntologyDocs:
    html: bytes  # the pyLODE page
    anchors: dict[str, str]  # term IRI -> fragment id on the page


def _pylode():
    """pyLODE's OntPub, imported without the root logger configuration its package sets up
    on import (``logging.basicConfig(level=DEBUG)`` in its supermodel profile)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    from pylode import OntPub

    root.handlers[:], root.level = handlers, level
    return OntPub


def curie(graph: Graph, term) -> str:
    return graph.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)


def markdown_text(text: str) -> str:
    """Plain text for pyLODE's Markdown: its special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def constraint(shapes: Graph, shape) -> str:
    """One property shape in words: ``name (path): cardinality; value; severity — message``."""
    value = lambda p: shapes.value(shape, p)  # noqa: E731
    low, high = value(SH.minCount), value(SH.maxCount)
    parts = []
    if low is not None and high is not None:
        parts.append(f"exactly {low}" if low == high else f"{low} to {high}")
    elif low is not None:
        parts.append(f"at least {low}")
    elif high is not None:
        parts.append(f"at most {high}")
    for predicate, words in (
        (SH["class"], "each a"),
        (SH.datatype, "of type"),
        (SH.node, "matching"),
        (SH.nodeKind, "each an"),
    ):
        if value(predicate) is not None:
            parts.append(f"{words} `{curie(shapes, value(predicate))}`")
    if value(SH["or"]) is not None:
        choices = [
            curie(shapes, shapes.value(c, SH.datatype) or shapes.value(c, SH["class"]))
            for c in Collection(shapes, value(SH["or"]))
        ]
        parts.append("one of " + ", ".join(f"`{c}`" for c in choices))
    if value(SH.pattern) is not None:
        parts.append(f"matching `{value(SH.pattern)}`")
    for predicate, sign in BOUNDS.items():  # on the value, not on the count
        if value(predicate) is not None:
            parts.append(f"value {sign} {value(predicate)}")
    if value(SH.uniqueLang) is not None:
        parts.append("one per language")
    severity = value(SH.severity)
    parts.append("recommended (warning)" if severity == SH.Warning else "mandatory (violation)")
    name = markdown_text(str(value(SH.name) or curie(shapes, value(SH.path))))
    message = markdown_text(str(value(SH.message) or ""))
    return f"**{name}** (`{curie(shapes, value(SH.path))}`): {'; '.join(parts)}. {message}"


def shacl_notes(shapes: Graph) -> dict[URIRef, list[str]]:
    """Markdown notes, per class and per property, saying what the shapes require."""
    notes: dict[URIRef, list[str]] = {}
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        for target in sorted(shapes.objects(node_shape, SH.targetClass)):
            lines = []
            for shape in sorted(
                shapes.objects(node_shape, SH.property), key=lambda s: constraint(shapes, s)
            ):
                text = constraint(shapes, shape)
                lines.append(f"- {text}")
                path = shapes.value(shape, SH.path)
                on = f"on `{curie(shapes, target)}` (`{curie(shapes, node_shape)}`)"
                notes.setdefault(path, []).append(f"- {on}: {text}")
            name = curie(shapes, node_shape)
            heading = f"SHACL shape `{name}` (ontology/shapes.ttl) requires:"
            notes.setdefault(target, []).append("\n".join([heading, "", *lines]))
    return notes


def documented(onto: Graph, shapes: Graph) -> Graph:
    """A copy of the ontology with the shapes' constraints as skos:note on each term, less the
    type of its concept schemes: pyLODE's OntPub takes every skos:ConceptScheme for the ontology
    itself, merging their titles and IRIs into the page's metadata (it shows no individuals, so
    the schemes and their concepts are in the ontology's own files, not on its page)."""
    graph = Graph()
    bind_prefixes(graph)
    graph += onto
    for scheme in list(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        graph.remove((scheme, RDF.type, SKOS.ConceptScheme))
    terms = set(graph.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI))
    for term, notes in shacl_notes(shapes).items():
        if term in terms or (term, RDF.type, None) in graph:
            heading = (
                [] if notes[0].startswith("SHACL") else ["Constrained by the SHACL shapes:", ""]
            )
            graph.add((term, SKOS.note, Literal("\n".join(heading + notes))))
    return graph


def ontology_docs(onto: Graph | None = None, shapes: Graph | None = None) -> OntologyDocs:
    """The OntPub page of the ontology (with the shapes' constraints), deterministic: pyLODE's
    schema.org JSON-LD, which it writes in hash order, is written again sorted."""
    onto = onto if onto is not None else ontology.load()
    shapes = shapes if shapes is not None else Graph().parse(paths.SHAPES, format="turtle")
    page = _pylode()(documented(onto, shapes), sort_subjects=True)
    html = page.make_html()

    def resorted(match: re.Match) -> str:
        data = sorted_json(json.loads(match.group(2)))
        return match.group(1) + json.dumps(data, indent=2, sort_keys=True) + match.group(3)

    html = unique_ids(SCHEMA_ORG.sub(resorted, html))
    anchors = {str(iri): fid for iri, fid in page.fids.items()}
    return OntologyDocs(html.encode("utf-8"), anchors)


def unique_ids(html: str) -> str:
    """Every id once: pyLODE gives a functional property the same id in two sections, and a
    prefix may share its id with a term (``unit``). Repeats get ``-2``, ``-3``..., so a link to
    ``#area`` still reaches the first, the term's own entry."""
    seen: dict[str, int] = {}

    def renamed(match: re.Match) -> str:
        name = match.group(2)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] == 1:
            return match.group(0)
        return f"{match.group(1)}{name}-{seen[name]}{match.group(3)}"

    return ID_ATTRIBUTE.sub(renamed, html)


def model_view(onto: Graph | None = None) -> nx.MultiDiGraph:
    """The model as a network: the ontology's classes, linked by sub-class and by each object
    property between its domain and range (reused classes in range included)."""
    onto = onto if onto is not None else ontology.load()
    graph = nx.MultiDiGraph(name="roadmapkg model")
    own = set(ontology.classes(onto))

    def node(cls: URIRef) -> str:
        label = onto.value(cls, RDFS.label)
        group = "rk class" if cls in own else "reused class"
        graph.add_node(
            str(cls), label=str(label or curie(onto, cls)), iri=str(cls), **{"class": group}
        )
        return str(cls)

    edges = []
    for cls in sorted(own):
        for parent in sorted(onto.objects(cls, RDFS.subClassOf)):
            if parent in own:
                edges.append((cls, parent, "sub-class of"))
    for prop in sorted(onto.subjects(RDF.type, OWL.ObjectProperty)):
        domain, range_ = onto.value(prop, RDFS.domain), onto.value(prop, RDFS.range)
        if domain in own and isinstance(range_, URIRef):
            edges.append((domain, range_, str(onto.value(prop, RDFS.label) or curie(onto, prop))))
    for source, target, label in edges:
        graph.add_edge(node(source), node(target), label=label)
    for cls in sorted(own):  # classes without edges still show
        node(cls)
    return graph


def model_svg(onto: Graph | None = None) -> bytes:
    """The model drawn by Graphviz (a plain drawing without it)."""
    from ..export.writers import rendered

    return rendered(model_view(onto), "svg")


def reused_vocabularies(onto: Graph | None = None) -> list[tuple[str, str, int]]:
    """(prefix, namespace, how many of its terms the ontology uses) for each vocabulary the
    ontology declares a prefix for, other than its own."""
    onto = onto if onto is not None else ontology.load()
    declared = {str(ns): prefix for prefix, ns in onto.namespaces() if prefix != "rk"}
    counts: dict[str, set] = {}
    for term in {t for triple in onto for t in triple if isinstance(t, URIRef)}:
        spaces = [ns for ns in declared if str(term).startswith(ns)]
        if spaces:
            counts.setdefault(max(spaces, key=len), set()).add(term)
    return sorted((declared[ns], ns, len(terms)) for ns, terms in counts.items())


def sorted_json(value):
    """A JSON value with its lists sorted (by their items' text), so it no longer depends on
    the order pyLODE met the triples in."""
    if isinstance(value, dict):
        return {k: sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
