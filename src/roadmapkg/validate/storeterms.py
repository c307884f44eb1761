"""Literals that pyoxigraph's store and rdflib (so pySHACL) hold as different terms: found in
the data as parsed, before the compiled shapes run on the store, so that the fast engine never
answers from terms the reference does not see.

pyoxigraph's Store keeps the XSD values it stores natively in canonical form: "1.0", "1.00"
and "1"^^xsd:decimal are one term "1"; "1E0"^^xsd:double is "1"; "+00:00" is "Z" (dateTime,
time, the g* types); "P0D" is "PT0S"; "24:00:00" is the next day's "00:00:00"; xsd:int and the
other integer types become xsd:integer. rdflib normalises through Python: "2023-01-01Z" and
"2023-01-01+05:00"^^xsd:date are one "2023-01-01"; " 1" and "01"^^xsd:integer are "1"; "1e3"
and "1000"^^xsd:decimal are "1000"; "1"^^xsd:double is "1.0"; "TRUE"^^xsd:boolean is "true";
"0A"^^xsd:hexBinary is "0a"; whitespace goes from xsd:token, xsd:normalizedString and
xsd:base64Binary; XML literals are re-serialised; and a string typed xsd:string stays apart
from the plain string, which the store merges. pyoxigraph's parser keeps the lexical forms as
written, so each literal of the data is put to both (rdflib's Literal, and a scratch store)
and the validation is refused (a RoadmapError: exit 2), naming the literal, where

- the store changes its datatype (xsd:int held as xsd:integer) and a check reads the value,
- the two stores hold a different number of values for one subject and property (counts,
  sh:equals and sh:disjoint would differ),
- a literal the stores spell differently is read by a check that sees its lexical form or its
  term: sh:pattern, sh:minLength, sh:maxLength, sh:in, sh:hasValue, sh:equals, sh:disjoint
  (on the property or the one compared with it), or sh:targetObjectsOf (the focus node),
- a file writes a string's datatype xsd:string out (the parsed literal does not show it).

Elsewhere the two spellings have the same value, datatype and count, and every other check
(sh:datatype, the bounds, sh:class, sh:nodeKind, the counts) gives the same answer: the
build's "8.0"^^xsd:decimal, which the store holds as "8", validates as in pySHACL. Only the
typed literals are read (the N-Triples lines the build writes with a datatype), and only those
a check reads, that share a subject and property, or whose datatype the store may change are
put to both stores. Not covered: the QC queries (ontology/qc), SPARQL that runs on each
store's own terms; a difference they would see is not refused."""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from .. import paths
from ..errors import RoadmapError
from ..rdf.namespaces import bind_prefixes
from .compiled import node_shapes
from .conditions import deactivated, qname

# The datatypes the two stores hold as written: no conversion in rdflib, none in the store
AS_WRITTEN = {str(XSD.string), str(XSD.anyURI), str(XSD.language), str(XSD.Name), str(XSD.NCName),
              str(XSD.NMTOKEN), str(XSD.ID), str(RDF.langString)}  # fmt: skip
# Without a time zone, both keep these as written (rdflib has no conversion for them)
ZONED = {str(XSD.gYear), str(XSD.gYearMonth), str(XSD.gMonth), str(XSD.gDay), str(XSD.gMonthDay)}
NAMESPACES = (str(XSD), str(RDF))
# The datatypes the store keeps (it changes xsd:int and the other integer types, and
# xsd:dateTimeStamp; a literal of any other datatype is put to the store to see)
KEPT = {str(XSD[name]) for name in (
    "integer", "decimal", "double", "float", "boolean", "date", "dateTime", "time", "duration",
    "dayTimeDuration", "yearMonthDuration", "gYear", "gYearMonth", "gMonth", "gDay",
    "gMonthDay", "hexBinary", "base64Binary", "normalizedString", "token")} | {
    str(RDF.XMLLiteral), str(RDF.HTML)}  # fmt: skip
# Where a file writes a string's datatype xsd:string out, per syntax (over-approximated: a
# false match refuses, it never lets a difference through)
TYPED_STRING = {
    ox.RdfFormat.N_TRIPLES: re.compile(r'"\^\^<http://www\.w3\.org/2001/XMLSchema#string>'),
    ox.RdfFormat.TURTLE: re.compile(r"\^\^\s*(<[^>]*#string>|[\w.-]*:string(?![\w.-]))"),
    ox.RdfFormat.JSON_LD: re.compile(r'"@type"\s*:\s*"[^"]*string"'),
    ox.RdfFormat.RDF_XML: re.compile(r"datatype\s*=\s*[\"'][^\"']*string[\"']"),
}
TYPED_LINE = '"^^<http://www.w3.org/'  # an N-Triples line with an XSD or RDF datatype
TYPED_STRING_LINE = '"^^<http://www.w3.org/2001/XMLSchema#string>'

# The constraints that read a value's lexical form or compare it as a term
READERS = (SH.pattern, SH.minLength, SH.maxLength, SH["in"], SH.hasValue, SH.equals, SH.disjoint)
MEMBERSHIP = (SH["in"], SH.hasValue)
# The constraints that see a value's datatype but not its spelling (value and datatype only)
TYPE_READERS = (SH.datatype, SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.maxExclusive)
# Of those, the ones that compare terms (a plain and a typed xsd:string differ to rdflib)
COMPARERS = (SH["in"], SH.hasValue, SH.equals, SH.disjoint)
LOGIC = (SH["not"], SH.node, SH["and"], SH["or"], SH.xone)


@dataclass
class RawLiterals:
    """The literals of the data as written that the two stores may hold differently, as
    N-Triples lines; and, where a file writes a string's datatype xsd:string out, its strings
    (the parser shows plain and typed strings alike)."""

    lines: list[str] = field(default_factory=list)
    strings: list[ox.Quad] = field(default_factory=list)
    twins_unknown: bool = False  # typed strings seen among lines without the plain strings

    def add_text(self, text: str, fmt: ox.RdfFormat) -> None:
        """The literals of an RDF document."""
        typed_strings = bool(TYPED_STRING[fmt].search(text))
        for quad in ox.parse(text.encode("utf-8"), fmt):
            if not isinstance(literal := quad.object, ox.Literal):
                continue
            if typed_strings and literal.datatype.value == str(XSD.string):
                self.strings.append(quad)
            elif not literal.language:
                line = f"{quad.subject} {quad.predicate} {literal} .\n"
                self.lines += lines_that_may_differ([line])

    def add_file(self, file: Path, fmt: ox.RdfFormat) -> None:
        self.add_text(file.read_text(encoding="utf-8"), fmt)

    def add_ntriples(self, lines: list[str]) -> None:
        """N-Triples lines (those with an XSD or RDF datatype are enough: `TYPED_LINE`)."""
        self.lines += lines_that_may_differ(lines)
        if typed := [line for line in lines if TYPED_STRING_LINE in line]:
            self.strings += ox.parse("".join(typed).encode("utf-8"), ox.RdfFormat.N_TRIPLES)
            self.twins_unknown = True


def lines_that_may_differ(lines: Iterable[str]) -> list[str]:
    """The N-Triples lines of a literal one of the stores may change (or merge with another)."""
    return [line for line in lines if TYPED_LINE in line and may_differ(line)]


def may_differ(line: str) -> bool:
    datatype = datatype_of(line)
    if datatype in AS_WRITTEN or not datatype.startswith(NAMESPACES):
        return False
    return datatype not in ZONED or zoned(line[: line.rindex('"^^<')])


def zoned(lexical: str) -> bool:
    """Whether a lexical form ends with a time zone: Z, or +hh:mm or -hh:mm."""
    return lexical.endswith("Z") or (lexical[-6:-5] in ("+", "-") and lexical[-3:-2] == ":")


def datatype_of(line: str) -> str:
    """The datatype IRI of the literal ending an N-Triples line."""
    return line[line.rindex('"^^<') + 4 : line.rindex(">")]


@lru_cache(maxsize=1 << 16)
def in_rdflib(value: str, datatype: str) -> tuple[str, str]:
    """The lexical form and datatype of the term rdflib makes of a literal (silencing rdflib's
    complaints about ill-typed ones, which pySHACL reports)."""
    term_logger = logging.getLogger("rdflib.term")
    level, term_logger.level = term_logger.level, logging.CRITICAL
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            term = Literal(value, datatype=URIRef(datatype))
    finally:
        term_logger.level = level
    return str(term), str(term.datatype)


def in_store(literals: list[ox.Literal]) -> dict[ox.Literal, tuple[str, str]]:
    """The lexical form and datatype of the term pyoxigraph's store makes of each literal."""
    distinct = list(dict.fromkeys(literals))
    scratch, value = ox.Store(), ox.NamedNode("urn:roadmapkg:value")
    scratch.extend(ox.Quad(ox.NamedNode(f"urn:roadmapkg:{i}"), value, term)
                   for i, term in enumerate(distinct))  # fmt: skip
    return {
        distinct[int(quad.subject.value.rsplit(":", 1)[1])]: (
            quad.object.value,
            quad.object.datatype.value,
        )
        for quad in scratch
    }


def shown(term: tuple[str, str]) -> str:
    """A literal as Turtle writes it, the datatype as a prefixed name."""
    return f"{ox.Literal(term[0])}^^{URIRef(term[1]).n3(_names())}"


@cache
def _names():
    graph = Graph()
    bind_prefixes(graph)
    return graph.namespace_manager


def where(subject, predicate: ox.NamedNode) -> str:
    """``<subject> prefix:property``, as messages name a value."""
    node = f"<{subject.value}>" if isinstance(subject, ox.NamedNode) else str(subject)
    return f"{node} {URIRef(predicate.value).n3(_names())}"


def refuse(place: str, what: str) -> None:
    raise RoadmapError(f"{place}: {what} (use --engine pyshacl)")


def check(raw: RawLiterals, shapes: Path = paths.SHAPES) -> None:
    """Refuse (RoadmapError) the first literal of `raw` or of the ontology that the store and
    rdflib hold differently where a compiled check would see it. Only the literals that a check
    reads, that share their subject and property with another, or whose datatype the store may
    change are put to both stores; the others cannot show a difference."""
    readers = readers_of(shapes)
    check_strings(raw, readers)
    lines = raw.lines + ontology_lines()
    parts = [(line, *line.split(" ", 2)[:2]) for line in lines]  # line, subject, property
    keys = Counter((subject, prop) for _, subject, prop in parts)
    attention = "".join(
        line
        for line, subject, prop in parts
        if keys[subject, prop] > 1 or prop[1:-1] in readers or datatype_of(line) not in KEPT
    )
    quads = list(ox.parse(attention.encode("utf-8"), ox.RdfFormat.N_TRIPLES))
    stored = in_store([q.object for q in quads])
    groups = defaultdict(list)
    for quad in quads:
        literal = quad.object
        written = (literal.value, literal.datatype.value)
        rdflib, store = in_rdflib(*written), stored[literal]
        groups[quad.subject, quad.predicate].append((rdflib, store, written))
        if rdflib == store:
            continue
        place = f"{where(quad.subject, quad.predicate)} {shown(written)}"
        held = f"the store holds {shown(store)}, rdflib {shown(rdflib)}"
        if reader := sees(readers.get(quad.predicate.value, {}), rdflib, store):
            refuse(place, f"{held}, and {reader} reads it")
    for (subject, predicate), values in groups.items():
        terms = {(r, s) for r, s, _ in values}  # rdflib's term and the store's, of each value
        counts = len({r for r, _ in terms}), len({s for _, s in terms})
        if counts[0] != len(terms) or counts[1] != len(terms):
            written = ", ".join(sorted({shown(w) for _, _, w in values}))
            refuse(
                where(subject, predicate),
                f"{written} are {counts[1]} value(s) in the store, {counts[0]} in rdflib",
            )


def sees(readers: dict, rdflib: tuple[str, str], store: tuple[str, str]) -> str:
    """The first of `readers` (constraint: shape) that would see the difference between the two
    terms of a literal, or "". Every one sees another datatype (xsd:int held as xsd:integer);
    sh:datatype and the bounds see nothing else; sh:in and sh:hasValue list IRIs, plain strings
    and integers (`conditions.term`), so they see a spelling only where a term is an integer."""
    retyped = rdflib[1] != store[1]
    integer = str(XSD.integer) in (rdflib[1], store[1])
    return next(
        (s for k, s in readers.items()
         if retyped or (k not in TYPE_READERS and (k not in MEMBERSHIP or integer))),
        "",
    )  # fmt: skip


def check_strings(raw: RawLiterals, readers: dict[str, dict]) -> None:
    """In a file that types strings xsd:string: refuse a string that may be typed where a check
    compares terms, and one written twice on a subject and property (plain and typed, two
    values to rdflib, one to the store), or that may be where the plain ones are unknown."""
    seen = set()
    for quad in raw.strings:
        place = f"{where(quad.subject, quad.predicate)} {ox.Literal(quad.object.value)}"
        comparers = [s for k, s in readers.get(quad.predicate.value, {}).items() if k in COMPARERS]
        if comparers:
            refuse(place, f"a file types strings xsd:string, and {comparers[0]} compares terms")
        if raw.twins_unknown:
            refuse(place, "typed xsd:string among N-Triples lines whose plain strings are not kept")
        if quad in seen:
            refuse(place, "written twice, plain and typed xsd:string: two values to rdflib, one "
                   "to the store")  # fmt: skip
        seen.add(quad)


@cache
def ontology_lines(ontology: Path = paths.ONTOLOGY) -> list[str]:
    """The ontology's literals the stores may hold differently (the checks see it too)."""
    raw = RawLiterals()
    raw.add_file(ontology, ox.RdfFormat.TURTLE)
    return raw.lines


@cache
def readers_of(shapes: Path) -> dict[str, dict]:
    """The properties whose values some check of `shapes` reads as lexical forms, terms or
    datatypes: for each, the constraints that do, each with the first shape that holds it."""
    graph = Graph().parse(shapes, format="turtle")
    found: dict[str, dict] = defaultdict(dict)

    def note(prop, key, shape: str) -> None:
        found[str(prop)].setdefault(key, f"{shape} ({qname(graph, key)})")

    for node_shape in node_shapes(graph):
        if deactivated(graph, node_shape):
            continue
        name = qname(graph, node_shape)
        for objects_of in sorted(graph.objects(node_shape, SH.targetObjectsOf)):
            note(objects_of, SH.targetObjectsOf, name)
        for prop in sorted(graph.objects(node_shape, SH.property), key=str):
            path = graph.value(prop, SH.path)
            if deactivated(graph, prop) or path is None:
                continue
            shape = f"{name} / {qname(graph, path)}"
            for key in sorted(lexical_keys(graph, prop, ())):
                note(path, key, shape)
            for key in (SH.equals, SH.disjoint):
                for other in sorted(graph.objects(prop, key)):
                    note(other, key, shape)
    return dict(found)


def lexical_keys(graph: Graph, shape, within: tuple) -> set:
    """The constraints of READERS and TYPE_READERS that `shape` or a shape it uses holds."""
    keys = {key for key in graph.predicates(shape) if key in READERS or key in TYPE_READERS}
    for key in LOGIC:
        for obj in graph.objects(shape, key):
            members = [obj] if key in (SH["not"], SH.node) else list(Collection(graph, obj))
            for member in members:
                if member not in within:
                    keys |= lexical_keys(graph, member, (*within, shape))
    return keys
