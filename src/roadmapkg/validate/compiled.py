"""The SHACL shapes compiled to SPARQL and run on pyoxigraph: the findings pySHACL gives (it
stays the reference, ``--engine pyshacl``), at the speed of the store.

Each property shape of a node shape with targets (sh:targetClass, sh:targetSubjectsOf,
sh:targetObjectsOf, sh:targetNode, or the shape itself being an rdfs:Class or owl:Class) becomes
a few SELECT queries that return the failing focus nodes: one for its value constraints together
(sh:class, sh:datatype, sh:nodeKind, the four value bounds, sh:minLength, sh:maxLength,
sh:pattern, sh:languageIn, sh:in, and sh:not, sh:and, sh:or, sh:xone and sh:node over shapes made
of those), and one each for sh:minCount, sh:maxCount, sh:uniqueLang, sh:hasValue, sh:equals and
sh:disjoint. A node shape's own value constraints are one more query, on the focus node itself
(no path, as pySHACL reports them). A lone sh:class is an anti-join (MINUS the instances of the
class), which the store answers faster than a NOT EXISTS tried on every value (while a MINUS for
sh:minCount is four times slower than its NOT EXISTS). Every condition is total (COALESCE), so
a value whose check raises a SPARQL error fails, as in pySHACL. Shapes and property shapes with
sh:deactivated are left out, as pySHACL leaves them. A finding is (severity, focus, path,
message), so constraints of one property shape that fail on one node give one finding, as with
pySHACL once its results are reduced to findings.

Fail closed: any other SHACL construct (sh:closed, counts on a node shape, sh:lessThan,
sh:qualifiedValueShape, sh:sparql, property shapes inside sh:node or sh:or, paths that are not
one property, a datatype whose ill-typed literals rdflib recognises by its Python conversion, an
sh:in member other than an IRI, a plain string or an integer, ...) is refused with its name and
the shape's (a RoadmapError: exit 2), never skipped. Lexical forms: xsd:boolean exactly as rdflib;
xsd:integer and xsd:decimal as Python's int() and Decimal() read ASCII text (rdflib's test); for
xsd:date the XML Schema form with a real calendar day (rdflib also accepts some non-XSD forms,
such as ISO week dates, which fail here: stricter). The stores do not hold the same terms for
every literal (pyoxigraph reads "1.0" and "1.00"^^xsd:decimal as one term, rdflib keeps one
xsd:date for a day written with two time zones): `storeterms` compares the data's literals as
written with both, and refuses the validation where these checks would see a difference."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .. import paths
from ..errors import RoadmapError
from .conditions import (
    ANNOTATIONS,
    CLASS_TYPES,
    FOCUS_CONSTRAINTS,
    TARGETS,
    VALUE_CONSTRAINTS,
    check_keys,
    deactivated,
    n3,
    qname,
    refuse,
    shown,
    term,
    value_condition,
)


@dataclass(frozen=True)
class Check:
    """One SELECT ?focus query and the finding each of its answers is."""

    severity: str  # Violation, Warning or Info
    path: URIRef | None  # None for a node shape's own constraints, as pySHACL reports them
    message: str
    query: str
    shape: str = ""  # the shape whose constraint it checks, as `shape_name` names it


def implicit_class(shapes: Graph, shape) -> bool:
    """True when the shape is also a class (pySHACL: typed rdfs:Class, owl:Class, or a type
    declared rdfs:subClassOf rdfs:Class in the shapes graph): it targets its instances."""
    classes = CLASS_TYPES | set(shapes.subjects(RDFS.subClassOf, RDFS.Class))
    return any(t in classes for t in shapes.objects(shape, RDF.type))


def node_shapes(shapes: Graph) -> list:
    """The shapes pySHACL validates: those with targets (explicit or implicit)."""
    found = {s for target in TARGETS for s in shapes.subjects(target, None)}
    candidates = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.property))
    candidates |= set(shapes.subjects(SH.node)) | set(shapes.objects(None, SH.node))
    candidates |= set(shapes.objects(None, SH["not"]))
    for key in (SH["and"], SH["or"], SH.xone):
        candidates |= {m for items in shapes.objects(None, key) for m in Collection(shapes, items)}
    found |= {s for s in candidates if implicit_class(shapes, s)}
    if refused := sorted(set(shapes.subjects(SH.target))):
        refuse(qname(shapes, refused[0]), "sh:target (a SPARQL-based target)")
    return sorted(found)


def compile_shapes(shapes: Graph) -> list[Check]:
    """The checks of every property shape of every node shape that has targets."""
    checks = []
    for node_shape in node_shapes(shapes):
        name = qname(shapes, node_shape)
        if shapes.value(node_shape, SH.path) is not None:
            refuse(name, "a property shape with targets")
        allowed = {*TARGETS, SH.property, *ANNOTATIONS, *VALUE_CONSTRAINTS}
        check_keys(shapes, node_shape, name, allowed, "on a node shape")
        if deactivated(shapes, node_shape):
            continue
        target = target_pattern(shapes, node_shape)
        condition = value_condition(shapes, node_shape, name)
        if condition != "true":  # the shape's own value constraints, on each focus node
            query = f"{target} BIND(?focus AS ?v) FILTER(!{condition})"
            checks.append(check(shapes, node_shape, None, query, name))
        for prop in sorted(shapes.objects(node_shape, SH.property), key=str):
            checks += compile_property(shapes, prop, target, name)
    return checks


def one_message(shapes: Graph, shape, name: str) -> str:
    messages = list(shapes.objects(shape, SH.message))
    if len(messages) != 1:
        raise RoadmapError(f"{name}: needs exactly one sh:message for the oxigraph engine")
    return str(messages[0])


def check(shapes: Graph, shape, path: URIRef | None, query: str, name: str) -> Check:
    """The check of a query on `shape`'s behalf, with its severity and message."""
    severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
    message = one_message(shapes, shape, name)
    query = f"SELECT DISTINCT ?focus WHERE {{ {query} }}"
    return Check(severity, path, message, query, shape_name(shapes, shape))


def shape_name(shapes: Graph, shape) -> str:
    """The IRI of a shape, or where it is a blank node that of the node shape holding it as
    one of its sh:property ("" when neither has one): the name findings report."""
    if isinstance(shape, URIRef):
        return str(shape)
    owners = sorted(o for o in shapes.subjects(SH.property, shape) if isinstance(o, URIRef))
    return str(owners[0]) if owners else ""


def target_pattern(shapes: Graph, node_shape) -> str:
    """A graph pattern binding ?focus to each focus node of the shape's targets."""

    def objects(target) -> list[str]:
        return [n3(o) for o in sorted(shapes.objects(node_shape, target))]

    parts = []
    classes = objects(SH.targetClass)
    if implicit_class(shapes, node_shape):
        classes.append(n3(node_shape))
    if classes:
        values = f"VALUES ?target {{ {' '.join(sorted(set(classes)))} }}"
        parts.append(f"{values} ?focus a/<{RDFS.subClassOf}>* ?target .")
    parts += [f"?focus {p} ?targetObject ." for p in objects(SH.targetSubjectsOf)]
    parts += [f"?targetSubject {p} ?focus ." for p in objects(SH.targetObjectsOf)]
    if nodes := objects(SH.targetNode):
        parts.append(f"VALUES ?focus {{ {' '.join(nodes)} }}")
    if len(parts) == 1:
        return parts[0]
    return "{ " + " } UNION { ".join(parts) + " }"


def compile_property(shapes: Graph, prop, target: str, node_name: str) -> list[Check]:
    path = shapes.value(prop, SH.path)
    name = f"{node_name} / {qname(shapes, path) if isinstance(path, URIRef) else path}"
    if not isinstance(path, URIRef):
        refuse(name, "a path that is not one property IRI")
    check_keys(shapes, prop, name, VALUE_CONSTRAINTS | FOCUS_CONSTRAINTS | ANNOTATIONS | {SH.path},
               "on a property shape")  # fmt: skip
    if deactivated(shapes, prop):
        return []
    one_message(shapes, prop, name)
    p = n3(path)
    queries = []
    condition = value_condition(shapes, prop, name)
    constraints = [(k, v) for k, v in shapes.predicate_objects(prop) if k in VALUE_CONSTRAINTS]
    if len(constraints) == 1 and constraints[0][0] == SH["class"]:
        instances = f"?v a/<{RDFS.subClassOf}>* {n3(constraints[0][1])}"
        queries.append(f"{target} ?focus {p} ?v . MINUS {{ {instances} }}")
    elif condition != "true":
        queries.append(f"{target} ?focus {p} ?v . FILTER(!{condition})")
    queries += count_queries(shapes, prop, target, p, name)
    for value in shapes.objects(prop, SH.hasValue):
        value = n3(term(shapes, value, name, "sh:hasValue"))
        queries.append(f"{target} FILTER NOT EXISTS {{ ?focus {p} {value} }}")
    for key in (SH.equals, SH.disjoint):
        if any(not isinstance(o, URIRef) for o in shapes.objects(prop, key)):
            refuse(name, f"{qname(shapes, key)} to something other than a property IRI")
    for other in shapes.objects(prop, SH.equals):
        queries.append(
            f"{target} {{ ?focus {p} ?v FILTER NOT EXISTS {{ ?focus {n3(other)} ?v }} }} UNION "
            f"{{ ?focus {n3(other)} ?v FILTER NOT EXISTS {{ ?focus {p} ?v }} }}"
        )
    for other in shapes.objects(prop, SH.disjoint):
        queries.append(f"{target} ?focus {p} ?v . ?focus {n3(other)} ?v .")
    return [check(shapes, prop, path, q, name) for q in queries]


def count_queries(shapes: Graph, prop, target: str, p: str, name: str) -> list[str]:
    """sh:minCount, sh:maxCount and sh:uniqueLang of a property shape."""
    queries = []
    for key in (SH.minCount, SH.maxCount):
        value = shapes.value(prop, key)
        if value is not None and not (isinstance(value, Literal) and isinstance(value.value, int)):
            refuse(name, f"{qname(shapes, key)} {shown(shapes, value)}")
    min_count = shapes.value(prop, SH.minCount)
    if min_count is not None and int(min_count) > 0:
        if int(min_count) == 1:
            queries.append(f"{target} FILTER NOT EXISTS {{ ?focus {p} ?v }}")
        else:
            queries.append(counted(target, p, f"?n < {int(min_count)}", optional=True))
    max_count = shapes.value(prop, SH.maxCount)
    if max_count is not None:
        if int(max_count) == 0:
            queries.append(f"{target} ?focus {p} ?v .")
        elif int(max_count) == 1:
            queries.append(f"{target} ?focus {p} ?v, ?w . FILTER(!sameTerm(?v, ?w))")
        else:
            queries.append(counted(target, p, f"?n > {int(max_count)}", optional=False))
    unique = shapes.value(prop, SH.uniqueLang)
    if unique is not None and unique.eq(Literal(True)):
        queries.append(
            f'{target} ?focus {p} ?v, ?w . FILTER(!sameTerm(?v, ?w) && LANG(?v) != "" '
            "&& LCASE(LANG(?v)) = LCASE(LANG(?w)))"
        )
    return queries


def counted(target: str, p: str, condition: str, optional: bool) -> str:
    pattern = f"OPTIONAL {{ ?focus {p} ?v }}" if optional else f"?focus {p} ?v ."
    inner = (
        f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} {pattern} }} GROUP BY ?focus"
    )
    return f"{{ {inner} }} FILTER({condition})"


@cache
def checks_of(shapes: Path = paths.SHAPES) -> tuple[Check, ...]:
    """The compiled checks of a shapes file (compiled once per process)."""
    return tuple(compile_shapes(Graph().parse(shapes, format="turtle")))
