"""Validate a graph against the SHACL shapes and the QC queries, and report findings in plain
words. Two engines give the same findings: ``oxigraph`` (the default: the shapes compiled to
SPARQL, see `compiled`, on a pyoxigraph store, which also says what it refuses and where
it is known to differ; `storeterms` refuses the literals the two stores hold as different terms
where a check would see it) and ``pyshacl`` (the reference, on rdflib)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from .. import paths
from ..errors import RoadmapError
from ..files.progress import each
from ..rdf import ontology
from ..rdf.load import checked_format, load_graph, load_store
from ..rdf.namespaces import ONTOLOGY_IRI, bind_prefixes
from ..rdf.sparql import read
from .storeterms import RawLiterals
from .storeterms import check as check_terms

ONTOLOGY_GRAPH = ox.NamedNode(str(ONTOLOGY_IRI))

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Finding:
    """One SHACL result: which node, which property, what is wrong."""

    severity: str
    focus: str
    path: str
    message: str
    label: str = ""
    origin: str = ""  # file:line of the source row the node comes from, when known
    shape: str = field(default="", compare=False)  # the IRI of the shape, when it has one

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 3), self.focus, self.path, self.message)

    def __str__(self) -> str:
        node = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity}: {node}: {self.path}: {self.message}"


def validate_files(
    files: list[Path], shapes: Path = paths.SHAPES, engine: str = "oxigraph", qc: Path = paths.QC
):
    """Findings of the shapes and of the QC queries of folder `qc` on the graph of `files`, with
    the engine asked for."""
    if not shapes.is_file():
        raise RoadmapError(f"{shapes}: file not found")
    if engine == "pyshacl":
        return validate_graph(load_graph(files), shapes, qc)
    return validate_store(load_store(files), shapes, qc, raw=raw_literals(files))


def raw_literals(files: list[Path]) -> RawLiterals:
    """The literals of `files` as written that the store may hold otherwise than rdflib."""
    raw = RawLiterals()
    for file in files:
        raw.add_file(file, checked_format(file))
    return raw


def validate_store(
    store: ox.Store, shapes: Path = paths.SHAPES, qc: Path = paths.QC, *, raw: RawLiterals
) -> list[Finding]:
    """Findings of the shapes and the QC queries on the default graph of a pyoxigraph store,
    the shapes compiled to SPARQL, whose data had the literals `raw` as written (refused where
    the store holds them otherwise than rdflib and a check would see it: `storeterms`). The
    ontology is added as a named graph for the time of the checks, so that they see the class
    hierarchy. Sorted: violations first."""
    from .compiled import checks_of

    checks = checks_of(shapes)
    check_terms(raw, shapes)
    texts = [c.query for c in checks] + list(qc_queries(qc))
    store.add_graph(ONTOLOGY_GRAPH)
    store.bulk_load(path=paths.ONTOLOGY, format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    try:
        # pyoxigraph evaluates these checks largely without the GIL: run them on every core
        # (10.1 s on one thread, 6.1 s on two, for 100k events)
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            answers = list(each(pool.map(partial(answer, store), texts), "validate", len(texts)))
        found = [
            (c.severity, row["focus"], c.path, c.message, c.shape)
            for c, rows in zip(checks, answers[: len(checks)], strict=True)
            for row in rows
        ]
        found += [
            ("Violation", row["focus"], row["path"], row["message"].value, "")
            for rows in answers[len(checks) :]
            for row in rows
        ]
        findings = {
            Finding(severity, focus.value, curie(path), message, store_label(store, focus), "",
                    shape)
            for severity, focus, path, message, shape in found
        }  # fmt: skip
    finally:
        store.remove_graph(ONTOLOGY_GRAPH)
    return sorted(findings, key=Finding.sort_key)


def answer(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    """The rows of a check or QC query, with the ontology's classes seen beside the data."""
    return list(store.query(query, use_default_graph_as_union=True))


def store_label(store: ox.Store, node) -> str:
    if not isinstance(node, ox.NamedNode):
        return ""
    labels = store.quads_for_pattern(node, ox.NamedNode(str(RDFS.label)), None, None)
    return pick_label((q.object.value, q.object.language) for q in labels)


def pick_label(labels) -> str:
    """The English label if there is one, else the first in order; "" when none."""
    ordered = sorted(labels, key=lambda pair: (pair[1] != "en", pair[0]))
    return ordered[0][0] if ordered else ""


def validate_graph(graph: Graph, shapes: Path = paths.SHAPES, qc: Path = paths.QC) -> list[Finding]:
    """Findings of the shapes on `graph` by pySHACL (the reference engine), with the ontology
    mixed in so that `sh:class` and `sh:targetClass` see the class hierarchy. Sorted:
    violations first."""
    from pyshacl import validate  # heavy import, only when validating

    from .compiled import shape_name

    data = graph + ontology.load()
    shapes_graph = load_graph([shapes])
    _, results, _ = validate(
        data,
        shacl_graph=shapes_graph,
        inference="none",
        allow_warnings=True,
    )
    # Only the report's own results: those nested in sh:detail (from sh:node) would repeat them.
    findings = [
        replace(_finding(results, r, data), shape=shape_name(shapes_graph, shape))
        for r in results.objects(None, SH.result)
        for shape in [results.value(r, SH.sourceShape)]
    ]
    findings += qc_findings(data, qc)
    return sorted(set(findings), key=Finding.sort_key)


@cache
def qc_queries(folder: Path = paths.QC) -> tuple[str, ...]:
    """The QC queries (``ontology/qc/*-violation.rq``): data rules that are awkward in SHACL
    core. Each selects ?focus, ?path and ?message."""
    return tuple(read(q).text for q in sorted(folder.glob("*-violation.rq")))


def qc_findings(data: Graph, folder: Path = paths.QC) -> list[Finding]:
    """Violations the QC queries find in an rdflib graph."""
    return [
        Finding(
            "Violation", str(row.focus), curie(row.path), str(row.message), _label(data, row.focus)
        )
        for query in qc_queries(folder)
        for row in data.query(query)
    ]


@cache
def _namespaces():
    graph = Graph()
    bind_prefixes(graph)
    return graph.namespace_manager


def curie(path) -> str:
    """``rk:country`` for a property IRI (rdflib or pyoxigraph term); other values as text."""
    if isinstance(path, ox.NamedNode):
        path = URIRef(path.value)
    return _namespaces().normalizeUri(path) if isinstance(path, URIRef) else str(path)


def _label(data: Graph, node) -> str:
    return pick_label(
        (str(v), getattr(v, "language", None)) for v in data.objects(node, RDFS.label)
    )


def _finding(results: Graph, result, data: Graph) -> Finding:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    message = results.value(result, SH.resultMessage) or Literal("constraint not met")
    return Finding(
        severity=str(severity).rsplit("#", 1)[-1],
        focus=str(focus),
        path=curie(path),
        message=str(message),
        label=_label(data, focus),
    )


def conforms(findings: list[Finding]) -> bool:
    """True when no finding is a violation (warnings do not fail)."""
    return not any(f.severity == "Violation" for f in findings)


def report(findings: list[Finding]) -> str:
    """The readable report: one line a finding, then a verdict line."""
    violations = sum(f.severity == "Violation" for f in findings)
    warnings = sum(f.severity == "Warning" for f in findings)
    verdict = "Conforms" if not violations else "Does not conform"
    lines = [str(f) for f in findings]
    lines.append(f"{verdict}: {violations} violation(s), {warnings} warning(s).")
    return "\n".join(lines)
