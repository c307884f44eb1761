"""The SPARQL conditions of the SHACL value constraints, for `compiled`: each total (COALESCE),
so that a value whose check raises an error fails, as in pySHACL; lexical forms checked as
rdflib checks them; anything else refused by name (`refuse`)."""

from __future__ import annotations

from typing import NoReturn

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from ..errors import RoadmapError

# The ASCII whitespace Python's int() and Decimal() strip
INT_WS, DECIMAL_WS = r"[\t\n\x0B\x0C\r ]*", r"[\t\n\x0B\x0C\r\x1C-\x1F ]*"
YEAR = r"([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"  # not 0000
LEAP = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
DAY = r"(0[1-9]|1[0-9]|2[0-8])"
# Lexical forms rdflib (so pySHACL) accepts, checked on STR(?v); xsd:decimal after removing "_",
# as Decimal() does.
LEXICAL = {
    XSD.integer: rf"^{INT_WS}[+-]?[0-9](_?[0-9])*{INT_WS}$",
    XSD.decimal: (
        rf"^{DECIMAL_WS}[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
        rf"|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[sS]?[nN][aA][nN][0-9]*){DECIMAL_WS}$"
    ),
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.date: (
        rf"^({YEAR}-((0[13578]|1[02])-({DAY}|29|30|31)|(0[469]|11)-({DAY}|29|30)|02-{DAY})"
        rf"|{LEAP}-02-29)(Z|[+-][0-9]{{2}}:[0-9]{{2}})?$"
    ),
}
# Datatypes rdflib never finds ill-typed (no Python conversion, or a string kept as it is)
UNCHECKED = {XSD.string, XSD.anyURI, XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gDay,
             XSD.gMonthDay}  # fmt: skip
NUMBERS = {XSD.integer, XSD.decimal}
NODE_KINDS = {SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
              SH.BlankNodeOrIRI: "!isLiteral(?v)", SH.IRIOrLiteral: "!isBlank(?v)",
              SH.BlankNodeOrLiteral: "!isIRI(?v)"}  # fmt: skip
BOUNDS = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=",
          SH.maxExclusive: "<"}  # fmt: skip
LOGIC = {SH["not"], SH["and"], SH["or"], SH.xone, SH.node}
VALUE_CONSTRAINTS = {SH["class"], SH.datatype, SH.nodeKind, *BOUNDS, SH.minLength, SH.maxLength,
                     SH.pattern, SH.flags, SH.languageIn, SH["in"], *LOGIC}  # fmt: skip
FOCUS_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue, SH.equals, SH.disjoint}
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
# What says nothing about the data (SHACL's non-validating properties)
ANNOTATIONS = {SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group,
               SH.defaultValue, SH.deactivated}  # fmt: skip
CLASS_TYPES = {RDFS.Class, OWL.Class}


def n3(term) -> str:
    return term.n3()


def refuse(name: str, what: str) -> NoReturn:
    raise RoadmapError(f"{name}: {what} is not compiled to SPARQL (use --engine pyshacl)")


def qname(shapes: Graph, term) -> str:
    return shapes.qname(term) if isinstance(term, URIRef) else str(term)


def shown(shapes: Graph, term) -> str:
    """A term as the shapes file would write it, for messages."""
    return term.n3(shapes.namespace_manager)


def check_keys(shapes: Graph, shape, name: str, allowed: set, where: str) -> None:
    """Refuse every SHACL property of `shape` outside `allowed` (other vocabularies say nothing
    to a SHACL engine)."""
    for predicate in sorted(set(shapes.predicates(shape))):
        if predicate.startswith(str(SH)) and predicate not in allowed:
            refuse(name, f"{qname(shapes, predicate)} {where}")


def deactivated(shapes: Graph, shape) -> bool:
    """True as pySHACL reads sh:deactivated: the Python truth of the literal's value."""
    value = shapes.value(shape, SH.deactivated)
    return isinstance(value, Literal) and bool(value.value)


def value_condition(shapes: Graph, shape, name: str, within: tuple = ()) -> str:
    """A total SPARQL expression true when ?v meets the value constraints of `shape` (a property
    shape, or a shape named by sh:node, sh:not, sh:and, sh:or or sh:xone)."""
    if deactivated(shapes, shape):
        return "true"
    parts = []
    for predicate, obj in sorted(shapes.predicate_objects(shape)):
        if predicate not in VALUE_CONSTRAINTS or predicate == SH.flags:
            continue
        if predicate in LOGIC:
            parts.append(logic_condition(shapes, predicate, obj, name, (*within, shape)))
        else:
            parts.append(f"COALESCE({atom(shapes, shape, predicate, obj, name)}, false)")
    return "(" + " && ".join(parts) + ")" if parts else "true"


def logic_condition(shapes: Graph, predicate, obj, name: str, within: tuple) -> str:
    """sh:node, sh:not, sh:and, sh:or or sh:xone over shapes that hold value constraints only."""
    members = [obj] if predicate in (SH.node, SH["not"]) else list(Collection(shapes, obj))
    if not members:  # pySHACL refuses the shapes graph too (a list of one or more shapes)
        refuse(name, f"{qname(shapes, predicate)} with an empty list")
    where = f"in a shape used by {qname(shapes, predicate)}"
    conditions = []
    for member in members:
        if member in within:
            refuse(name, f"a recursive shape ({qname(shapes, member)})")
        if shapes.value(member, SH.path) is not None:
            refuse(name, f"a property shape {where}")
        check_keys(shapes, member, name, VALUE_CONSTRAINTS | ANNOTATIONS | set(TARGETS), where)
        conditions.append(value_condition(shapes, member, name, within))
    if predicate == SH["not"]:
        return f"!{conditions[0]}"
    if predicate == SH.xone:
        return "(" + " + ".join(f"IF({c}, 1, 0)" for c in conditions) + " = 1)"
    joint = " || " if predicate == SH["or"] else " && "
    return "(" + joint.join(conditions) + ")"


def atom(shapes: Graph, shape, predicate, obj, name: str) -> str:
    """The SPARQL expression of one value constraint on ?v."""
    if predicate == SH["class"]:
        return f"EXISTS {{ ?v a/<{RDFS.subClassOf}>* {n3(obj)} }}"
    if predicate == SH.datatype:
        return datatype_condition(shapes, obj, name)
    if predicate == SH.nodeKind:
        if obj not in NODE_KINDS:
            refuse(name, f"sh:nodeKind {shown(shapes, obj)}")
        return NODE_KINDS[obj]
    if predicate in BOUNDS:
        if not (isinstance(obj, Literal) and obj.datatype in NUMBERS and not obj.ill_typed):
            refuse(
                name,
                f"{qname(shapes, predicate)} {shown(shapes, obj)} (only integer or decimal bounds)",
            )
        return f"?v {BOUNDS[predicate]} {n3(obj)}"
    if predicate in (SH.minLength, SH.maxLength):
        if not (isinstance(obj, Literal) and isinstance(obj.value, int) and obj.value >= 0):
            refuse(name, f"{qname(shapes, predicate)} {shown(shapes, obj)}")
        if predicate == SH.minLength:
            return "true" if obj.value == 0 else f"!isBlank(?v) && STRLEN(STR(?v)) >= {obj.value}"
        return f"!isBlank(?v) && STRLEN(STR(?v)) <= {obj.value}"
    if predicate == SH.pattern:
        return pattern_condition(shapes, shape, obj, name)
    if predicate == SH.languageIn:
        return language_condition(shapes, obj)
    members = [n3(term(shapes, m, name, "sh:in")) for m in Collection(shapes, obj)]
    return " || ".join(f"sameTerm(?v, {m})" for m in members) or "false"


def term(shapes: Graph, member, name: str, where: str):
    """An sh:in or sh:hasValue member that rdflib and pyoxigraph hold as the same term: an IRI,
    a plain string or an integer (pySHACL compares terms as rdflib normalises them, pyoxigraph
    as it does: 01 is 1 to both, "1.0" and "1.00" are one decimal to pyoxigraph, two to rdflib)."""
    if isinstance(member, URIRef) or (
        isinstance(member, Literal)
        and member.language is None
        and (
            member.datatype in (None, XSD.string)
            or (member.datatype == XSD.integer and not member.ill_typed)
        )
    ):
        return member
    refuse(
        name,
        f"{where} with the member {shown(shapes, member)} (only IRIs, plain strings and integers)",
    )


def pattern_condition(shapes: Graph, shape, pattern, name: str) -> str:
    """sh:pattern as pySHACL reads it: Python's re.search with the flags i and m only."""
    flags = "".join(f for f in "im" if f in str(shapes.value(shape, SH.flags) or "").lower())
    arguments = f"{n3(Literal(str(pattern)))}, {n3(Literal(flags))}"
    probe = f'ASK {{ FILTER(COALESCE(REGEX("", {arguments}), "bad") = "bad") }}'
    if bool(ox.Store().query(probe)):
        refuse(
            name,
            f"sh:pattern {shown(shapes, Literal(str(pattern)))} (a regex the store cannot read)",
        )
    return f"!isBlank(?v) && REGEX(STR(?v), {arguments})"


def language_condition(shapes: Graph, languages) -> str:
    """sh:languageIn as pySHACL reads it: a tag equal to a range, or whose first part is one,
    ignoring case; "*" takes any tag."""
    ranges = sorted({str(r).lower() for r in Collection(shapes, languages)})
    if "*" in ranges:
        return 'isLiteral(?v) && LANG(?v) != ""'
    listed = ", ".join(n3(Literal(r)) for r in ranges)
    return (
        f'isLiteral(?v) && LANG(?v) != "" && (LCASE(LANG(?v)) IN ({listed}) '
        f'|| LCASE(STRBEFORE(CONCAT(LANG(?v), "-"), "-")) IN ({listed}))'
    )


def datatype_condition(shapes: Graph, datatype, name: str) -> str:
    """sh:datatype as pySHACL checks it: the literal's datatype, and a lexical form rdflib does
    not find ill-typed. Datatypes whose ill-typed literals the store cannot tell as rdflib does
    are refused."""
    if datatype == RDF.langString:
        return 'isLiteral(?v) && LANG(?v) != ""'
    if datatype == RDFS.Literal:
        return "isLiteral(?v)"
    same = f'isLiteral(?v) && LANG(?v) = "" && sameTerm(DATATYPE(?v), {n3(datatype)})'
    if datatype == XSD.decimal:
        return f'{same} && REGEX(REPLACE(STR(?v), "_", ""), {n3(Literal(LEXICAL[datatype]))})'
    if datatype in LEXICAL:
        return f"{same} && REGEX(STR(?v), {n3(Literal(LEXICAL[datatype]))})"
    if datatype in UNCHECKED or not (
        str(datatype).startswith((str(XSD), str(RDF))) or datatype == RDFS.Datatype
    ):  # the others (XSD's and RDF's) rdflib converts or treats apart
        return same
    return refuse(
        name,
        f"sh:datatype {shown(shapes, datatype)} (rdflib finds its ill-typed literals in Python)",
    )
