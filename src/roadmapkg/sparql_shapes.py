"""The SHACL shapes compiled to SPARQL and run on pyoxigraph: the findings pySHACL gives (it
stays the reference, ``--engine pyshacl``), at the speed of the store.

Each property shape of a node shape with targets becomes at most four SELECT queries that
return the failing focus nodes: one for its value constraints together (sh:class, sh:datatype,
sh:nodeKind, sh:minInclusive, sh:pattern, sh:in, sh:or, sh:node), and one each for sh:minCount,
sh:maxCount and sh:uniqueLang; a lone sh:class is an anti-join (MINUS the instances of the
class), which the store answers faster than a NOT EXISTS tried on every value (while a MINUS for
sh:minCount is four times slower than its NOT EXISTS). A finding is (severity, focus, path,
message), so constraints of one property shape that fail on one node give one finding, as with
pySHACL once its results are reduced to findings. A shape that uses anything else is refused
with a clear error rather than checked wrongly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from . import paths
from .errors import RoadmapError

# Lexical forms pySHACL (through rdflib) accepts for the XML Schema types it checks.
LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.date: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$",
}
VALUE_CONSTRAINTS = {SH["class"], SH.datatype, SH.nodeKind, SH.minInclusive, SH.pattern, SH["in"],
                     SH["or"], SH.node}  # fmt: skip
COUNT_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.uniqueLang}
DESCRIPTIVE = {RDF.type, SH.path, SH.name, SH.description, SH.message, SH.severity, SH.order,
               SH.group, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
               URIRef("http://www.w3.org/2000/01/rdf-schema#label")}  # fmt: skip
NODE_KINDS = {SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
              SH.BlankNodeOrIRI: "!isLiteral(?v)", SH.IRIOrLiteral: "!isBlank(?v)",
              SH.BlankNodeOrLiteral: "!isIRI(?v)"}  # fmt: skip


@dataclass(frozen=True)
class Check:
    """One SELECT ?focus query and the finding each of its answers is."""

    severity: str  # Violation, Warning or Info
    path: URIRef
    message: str
    query: str


def n3(term) -> str:
    return term.n3()


def value_condition(shapes: Graph, shape, name: str) -> str:
    """A SPARQL expression true when ?v meets the value constraints of `shape` (a property
    shape, or a node shape named by sh:node or in sh:or)."""
    parts = []
    for predicate, obj in sorted(shapes.predicate_objects(shape)):
        if predicate in DESCRIPTIVE or predicate in COUNT_CONSTRAINTS:
            continue
        if predicate == SH.property:
            raise RoadmapError(f"{name}: sh:node to a shape with property shapes is not compiled")
        if predicate not in VALUE_CONSTRAINTS:
            raise RoadmapError(f"{name}: {shapes.qname(predicate)} is not compiled to SPARQL")
        if predicate == SH["class"]:
            parts.append(f"EXISTS {{ ?v a/<{RDFS_SUBCLASS}>* {n3(obj)} }}")
        elif predicate == SH.datatype:
            parts.append(datatype_condition(obj))
        elif predicate == SH.nodeKind:
            parts.append(NODE_KINDS[obj])
        elif predicate == SH.minInclusive:
            parts.append(f"COALESCE(?v >= {n3(obj)}, false)")
        elif predicate == SH.pattern:
            flags = shapes.value(shape, SH.flags)
            regex = f"REGEX(STR(?v), {n3(Literal(str(obj)))}"
            regex += f", {n3(Literal(str(flags)))})" if flags else ")"
            parts.append(f"(!isBlank(?v) && {regex})")
        elif predicate == SH["in"]:
            members = ", ".join(n3(m) for m in Collection(shapes, obj))
            parts.append(f"(?v IN ({members}))")
        elif predicate == SH["or"]:
            options = [value_condition(shapes, m, name) for m in Collection(shapes, obj)]
            parts.append("(" + " || ".join(options) + ")")
        elif predicate == SH.node:
            parts.append(value_condition(shapes, obj, name))
    return "(" + " && ".join(parts) + ")" if parts else "true"


RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def datatype_condition(datatype: URIRef) -> str:
    if datatype == RDF.langString:
        return '(isLiteral(?v) && LANG(?v) != "")'
    if datatype == XSD.string:
        return f'(isLiteral(?v) && LANG(?v) = "" && DATATYPE(?v) = {n3(XSD.string)})'
    check = f'isLiteral(?v) && LANG(?v) = "" && DATATYPE(?v) = {n3(datatype)}'
    if datatype in LEXICAL:
        check += f" && REGEX(STR(?v), {n3(Literal(LEXICAL[datatype]))})"
    return f"({check})"


TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def compile_shapes(shapes: Graph) -> list[Check]:
    """The checks of every property shape of every node shape that has targets."""
    checks = []
    node_shapes = {s for target in TARGETS for s in shapes.subjects(target, None)}
    for node_shape in sorted(node_shapes):
        name = shapes.qname(node_shape) if isinstance(node_shape, URIRef) else str(node_shape)
        for predicate in set(shapes.predicates(node_shape)):
            if predicate.startswith(str(SH)) and predicate not in (
                *TARGETS, SH.property, SH.severity, SH.message, SH.name, SH.deactivated
            ):  # fmt: skip
                raise RoadmapError(f"{name}: {shapes.qname(predicate)} is not compiled to SPARQL")
        target = target_pattern(shapes, node_shape)
        for prop in sorted(shapes.objects(node_shape, SH.property), key=str):
            checks += compile_property(shapes, prop, target, name)
    return checks


def target_pattern(shapes: Graph, node_shape) -> str:
    """A graph pattern binding ?focus to each focus node of the shape's targets."""

    def objects(target) -> list[str]:
        return [n3(o) for o in sorted(shapes.objects(node_shape, target))]

    parts = []
    if classes := objects(SH.targetClass):
        values = f"VALUES ?target {{ {' '.join(classes)} }}"
        parts.append(f"{values} ?focus a/<{RDFS_SUBCLASS}>* ?target .")
    parts += [f"?focus {p} ?targetObject ." for p in objects(SH.targetSubjectsOf)]
    parts += [f"?targetSubject {p} ?focus ." for p in objects(SH.targetObjectsOf)]
    if nodes := objects(SH.targetNode):
        parts.append(f"VALUES ?focus {{ {' '.join(nodes)} }}")
    if len(parts) == 1:
        return parts[0]
    return "{ " + " } UNION { ".join(parts) + " }"


def compile_property(shapes: Graph, prop, target: str, node_name: str) -> list[Check]:
    path = shapes.value(prop, SH.path)
    name = f"{node_name} / {shapes.qname(path) if isinstance(path, URIRef) else path}"
    if not isinstance(path, URIRef):
        raise RoadmapError(f"{name}: only a property IRI as sh:path is compiled to SPARQL")
    if shapes.value(prop, SH.deactivated) == Literal(True):
        return []
    message = shapes.value(prop, SH.message)
    if message is None:
        raise RoadmapError(f"{name}: needs an sh:message for the oxigraph engine")
    severity = str(shapes.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
    p = n3(path)
    queries = []
    condition = value_condition(shapes, prop, name)
    constraints = [(k, v) for k, v in shapes.predicate_objects(prop) if k in VALUE_CONSTRAINTS]
    if len(constraints) == 1 and constraints[0][0] == SH["class"]:
        instances = f"?v a/<{RDFS_SUBCLASS}>* {n3(constraints[0][1])}"
        queries.append(f"{target} ?focus {p} ?v . MINUS {{ {instances} }}")
    elif condition != "true":
        queries.append(f"{target} ?focus {p} ?v . FILTER(!{condition})")
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
    if shapes.value(prop, SH.uniqueLang) == Literal(True):
        queries.append(
            f'{target} ?focus {p} ?v, ?w . FILTER(!sameTerm(?v, ?w) && LANG(?v) != "" '
            "&& LCASE(LANG(?v)) = LCASE(LANG(?w)))"
        )
    return [
        Check(severity, path, str(message), f"SELECT DISTINCT ?focus WHERE {{ {q} }}")
        for q in queries
    ]


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
