"""What an entity page shows, read from the graph: names in every language, classes, the
entity's statements each with its source, the statements that point to it, and its links to
other datasets. Values are `Value`s: text, and where they lead (a page of the site, or an
external IRI)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, VOID

from ..rdf import ontology
from ..rdf.dates import DATING
from ..rdf.namespaces import DCT, ID, RK

LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
LINKS = (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch)
EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:"
WEB = ("http://", "https://")  # the only schemes a page links to outside the site
NAME_MAX = 255  # bytes in a file name (ext4, XFS, APFS, NTFS)
SUFFIX_MAX = len(".jsonld")  # the longest suffix of an entity's files
PATH_MAX = 1024  # bytes of an entity's files' path under id/ (Linux allows 4096 in all)


def web_link(iri) -> str:
    """`iri` when a page may link to it (http or https), else '' (shown as text: a
    ``javascript:`` or ``data:`` IRI in a user's graph must not become a live link)."""
    return str(iri) if str(iri).startswith(WEB) else ""


@dataclass(frozen=True)
class Value:
    text: str
    href: str = ""  # a site path (id/...) or an absolute external IRI
    note: str = ""  # language tag or datatype, or the kind of link
    lang: str = ""  # the language tag of a literal (the page says lang= on its element)

    @property
    def external(self) -> bool:
        return self.href.startswith(WEB)


@dataclass(frozen=True)
class Source:
    source: Value
    basis: str  # evidence basis, e.g. Stated
    statement: Value | None = None  # the rdf:Statement that carries this source
    note: str = ""


@dataclass(frozen=True)
class PageRow:
    predicate: Value
    value: Value
    sources: tuple[Source, ...] = ()


@dataclass
class Entity:
    iri: URIRef
    path: str  # site path of the HTML page
    title: str
    classes: list[Value]
    labels: list[PageRow] = field(default_factory=list)
    rows: list[PageRow] = field(default_factory=list)
    incoming: list[PageRow] = field(default_factory=list)
    links: list[PageRow] = field(default_factory=list)

    def alternate(self, suffix: str) -> str:
        return self.path.removesuffix(".html") + suffix


def is_entity(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(ID))


def entity_iris(graph: Graph) -> list[URIRef]:
    """Every IRI of `graph` under ``id/``, sorted."""
    terms = set(graph.subjects()) | set(graph.objects())
    return sorted(t for t in terms if is_entity(t))


def page_path(iri: URIRef, suffix: str = ".html") -> str:
    """``https://w3id.org/roadmapkg/id/KIND/KEY`` -> ``id/KIND/KEY.html`` (see `path_problem`
    for the IRIs that name no file of the site)."""
    return "id/" + quote(str(iri)[len(str(ID)) :], safe="/") + suffix


def path_problem(iri: URIRef) -> str:
    """Why the files of the entity `iri` cannot be named after it inside the site (an empty,
    ``.`` or ``..`` path segment, as written or percent-encoded; a backslash; a segment or a
    path too long for a file name), or ''."""
    local = str(iri)[len(str(ID)) :]
    for text, how in ((local, ""), (unquote(local), " once percent-decoded")):
        if "\\" in text:
            return f"has a backslash{how}"
        for segment in text.split("/"):
            if segment in ("", ".", ".."):
                what = f"a {segment!r}" if segment else "an empty"
                return f"has {what} path segment{how}"
    encoded = page_path(iri, "").removeprefix("id/")  # percent-encoded: ASCII, a byte a character
    longest = max(len(segment) for segment in encoded.split("/"))
    if longest > NAME_MAX - SUFFIX_MAX:
        return (
            f"has a path segment of {longest} bytes (percent-encoded), over the limit of "
            f"{NAME_MAX - SUFFIX_MAX} (a file name holds {NAME_MAX} bytes, .jsonld included)"
        )
    if len(encoded) > PATH_MAX:
        return f"has a path of {len(encoded)} bytes (percent-encoded), over the limit of {PATH_MAX}"
    return ""


def fragment_id(text: str) -> str:
    """An HTML id (and #fragment) made from a CURIE or name: ``rdf:Statement`` ->
    ``rdf-Statement``; never empty."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "_"


def relative(target: str, page: str) -> str:
    """The link from the site page `page` to `target` (a site path, kept if absolute)."""
    if target.startswith(WEB) or not target:
        return target
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


class Reader:
    """Reads entity pages from one graph, with the ontology for the names of terms."""

    def __init__(self, graph: Graph, anchors: dict[str, str] | None = None) -> None:
        self.graph = graph
        self.onto = ontology.load()
        self.anchors = anchors or {}  # term IRI -> fragment on the ontology page
        self.statements = {
            tuple(graph.value(st, p) for p in (RDF.subject, RDF.predicate, RDF.object)): st
            for st in graph.subjects(RDF.type, RDF.Statement)
        }
        self.datasets = sorted(
            (str(space), str(graph.value(ds, RDFS.label) or space))
            for ds, space in graph.subject_objects(VOID.uriSpace)
        )

    def entities(self) -> list[URIRef]:
        """Every IRI of the graph under ``id/``, sorted."""
        return entity_iris(self.graph)

    def title(self, node) -> str:
        """English label first, then any label, then the IRI's last segment."""
        for predicate in (RDFS.label, SKOS.prefLabel):
            labels = sorted(
                self.graph.objects(node, predicate),
                key=lambda v: (v.language != "en", v.language or "", str(v)),
            )
            if labels:
                return str(labels[0])
        label = self.onto.value(node, RDFS.label)
        if label is not None:
            return str(label)
        return str(node).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def term(self, iri: URIRef) -> Value:
        """A property or class: its label, linked to its documentation."""
        label = self.onto.value(iri, RDFS.label)
        curie = self.graph.namespace_manager.normalizeUri(iri)
        anchor = self.anchors.get(str(iri))
        href = f"ontology/roadmap.html#{anchor}" if anchor else web_link(iri)
        return Value(str(label), href, curie) if label is not None else Value(curie, href)

    def value(self, node) -> Value:
        if isinstance(node, Literal):
            note = node.language or (
                self.graph.namespace_manager.normalizeUri(node.datatype) if node.datatype else ""
            )
            return Value(str(node), "", note, node.language or "")
        if is_entity(node):
            return Value(self.title(node), page_path(node))
        if (node, RDF.type, None) in self.onto or str(node).startswith(str(RK)):
            return self.term(node)
        return Value(self.graph.namespace_manager.normalizeUri(node), web_link(node))

    def sources(self, s, p, o) -> tuple[Source, ...]:
        """Where the triple comes from: its rdf:Statement's source, else its subject's; a sort
        date comes from the date it is the first day of."""
        if p == RK.sortDate:
            for dating in DATING:
                stated = self.graph.value(s, dating)
                if stated is not None:
                    return self.sources(s, dating, stated)
        statement = self.statements.get((s, p, o))
        holder = statement if statement is not None else s
        found = []
        for source in sorted(self.graph.objects(holder, DCT.source)):
            basis = self.graph.value(source, RK.evidenceBasis)
            found.append(
                Source(
                    self.value(source),
                    self.title(basis) if basis is not None else "",
                    self.value(statement) if statement is not None else None,
                    str(self.graph.value(statement, SKOS.note) or "")
                    if statement is not None
                    else "",
                )
            )
        return tuple(found)

    def link_target(self, node) -> str:
        """The dataset an external IRI belongs to, by the VoID uriSpaces of the graph."""
        for space, label in self.datasets:
            if str(node).startswith(space) and space != str(ID):
                return label
        return ""

    def entity(self, iri: URIRef) -> Entity:
        graph = self.graph
        types = set(graph.objects(iri, RDF.type))
        own = ontology.own_classes(types, self.onto)
        entailed = [replace(self.term(c), note="entailed") for c in sorted(types - set(own))]
        classes = [self.term(c) for c in own] + entailed
        entity = Entity(iri, page_path(iri), self.title(iri), classes)
        labels = []
        for p, o in sorted(graph.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1]))):
            if p == RDF.type:
                continue
            row = PageRow(self.term(p), self.value(o), self.sources(iri, p, o))
            if p in LABELS:
                labels.append((row.value.note != "en", row.value.note, LABELS.index(p), row))
            elif p in LINKS and not is_entity(o):
                note = self.link_target(o)
                link = Value(str(o), web_link(o), note)
                entity.links.append(PageRow(row.predicate, link, row.sources))
            elif p == RK.celex:
                link = Value(str(o), EUR_LEX + quote(str(o), safe="()"), "EUR-Lex")
                entity.links.append(PageRow(row.predicate, link, row.sources))
                entity.rows.append(row)
            else:
                entity.rows.append(row)
        entity.labels = [
            item[-1] for item in sorted(labels, key=lambda i: (*i[:3], i[3].value.text))
        ]
        entity.rows.sort(key=lambda r: (r.predicate.text, r.value.text))
        entity.links.sort(key=lambda r: (r.predicate.note, r.value.href))
        for s, p in graph.subject_predicates(iri):
            if is_entity(s) and (s, RDF.type, RDF.Statement) not in graph:
                entity.incoming.append(
                    PageRow(self.term(p), self.value(s), self.sources(s, p, iri))
                )
        entity.incoming.sort(key=lambda r: (r.predicate.text, r.value.text, r.value.href))
        return entity

    def description(self, iri: URIRef) -> Graph:
        """The concise bounded description of `iri` (with the reifications of its statements),
        with the project prefixes."""
        cbd = self.graph.cbd(iri)
        for prefix, namespace in self.graph.namespaces():
            cbd.bind(prefix, namespace, override=True, replace=True)
        return cbd
