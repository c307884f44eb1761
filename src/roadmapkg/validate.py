"""Validate a graph against the SHACL shapes (pySHACL) and report findings in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from . import ontology, paths
from .errors import RoadmapError, one_line
from .namespaces import bind_prefixes

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
PARSE_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}


@dataclass(frozen=True)
class Finding:
    """One SHACL result: which node, which property, what is wrong."""

    severity: str
    focus: str
    path: str
    message: str
    label: str = ""
    origin: str = ""  # file:line of the source row the node comes from, when known

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 3), self.focus, self.path, self.message)

    def __str__(self) -> str:
        node = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity}: {node}: {self.path}: {self.message}"


def load_graph(files: list[Path]) -> Graph:
    """Parse RDF files (Turtle, N-Triples or JSON-LD by extension) into one graph."""
    graph = Graph()
    bind_prefixes(graph)
    for file in files:
        fmt = PARSE_FORMATS.get(file.suffix)
        if fmt is None:
            known = ", ".join(PARSE_FORMATS)
            raise RoadmapError(f"{file}: unknown RDF format (expected one of {known})")
        if not file.is_file():
            raise RoadmapError(f"{file}: file not found")
        before = len(graph)
        try:
            graph.parse(file, format=fmt)
        except Exception as exc:  # rdflib's parsers raise many kinds of error
            reason = one_line(exc)
            raise RoadmapError(f"{file}: not valid {fmt}: {reason}") from None
        if before == len(graph):
            raise RoadmapError(f"{file}: holds no triples")
    return graph


def validate_graph(graph: Graph, shapes: Path = paths.SHAPES) -> list[Finding]:
    """Findings of the shapes on `graph`, with the ontology mixed in so that `sh:class` and
    `sh:targetClass` see the class hierarchy. Sorted: violations first."""
    from pyshacl import validate  # heavy import, only when validating

    data = graph + ontology.load()
    _, results, _ = validate(
        data,
        shacl_graph=load_graph([shapes]),
        inference="none",
        allow_warnings=True,
    )
    # Only the report's own results: those nested in sh:detail (from sh:node) would repeat them.
    findings = [_finding(results, r, data) for r in results.objects(None, SH.result)]
    findings += qc_findings(data)
    return sorted(set(findings), key=Finding.sort_key)


def qc_findings(data: Graph, folder: Path = paths.QC) -> list[Finding]:
    """Violations found by the QC queries (``ontology/qc/*-violation.rq``): data rules that are
    awkward in SHACL core. Each query selects ?focus, ?path and ?message."""
    findings = []
    for query in sorted(folder.glob("*-violation.rq")):
        for row in data.query(query.read_text(encoding="utf-8")):
            findings.append(
                Finding(
                    severity="Violation",
                    focus=str(row.focus),
                    path=_curie(data, row.path),
                    message=str(row.message),
                    label=_label(data, row.focus),
                )
            )
    return findings


def _curie(data: Graph, path) -> str:
    return data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else str(path)


def _label(data: Graph, node) -> str:
    labels = sorted(
        data.objects(node, RDFS.label),
        key=lambda v: (getattr(v, "language", None) != "en", str(v)),
    )
    return str(labels[0]) if labels else ""


def _finding(results: Graph, result, data: Graph) -> Finding:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    message = results.value(result, SH.resultMessage) or Literal("constraint not met")
    return Finding(
        severity=str(severity).rsplit("#", 1)[-1],
        focus=str(focus),
        path=_curie(data, path),
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
