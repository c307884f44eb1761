"""Validation findings for programs: the SHACL validation report as RDF (Turtle) and as JSON.

A finding becomes an ``sh:ValidationResult`` with its focus node, path, severity, message and
source shape: the property shape's IRI, or where it is a blank node the IRI of the node shape
holding it (the QC queries have none). The values that fail are not reported: the compiled
engine finds the failing nodes, not their values."""

from __future__ import annotations

import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..rdf.namespaces import bind_prefixes, expand_curie
from .shacl import Finding, conforms


def path_iri(path: str) -> str:
    """The IRI of a finding's path (findings name it as a CURIE), "" when it has none."""
    return str(expand_curie(path) or path) if path and path != "None" else ""


def as_json(findings: list[Finding]) -> str:
    results = [
        {
            "severity": f.severity,
            "focus": f.focus,
            "label": f.label,
            "path": path_iri(f.path),
            "message": f.message,
            "shape": f.shape,
        }
        for f in findings
    ]
    counts = {
        "violations": sum(f.severity == "Violation" for f in findings),
        "warnings": sum(f.severity == "Warning" for f in findings),
    }
    report = {"conforms": conforms(findings), **counts, "results": results}
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def as_graph(findings: list[Finding]) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms(findings))))
    for number, finding in enumerate(findings, 1):
        result = BNode(f"result{number}")
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, URIRef(finding.focus)))
        graph.add((result, SH.resultSeverity, SH[finding.severity]))
        graph.add((result, SH.resultMessage, Literal(finding.message)))
        if path := path_iri(finding.path):
            graph.add((result, SH.resultPath, URIRef(path)))
        if finding.shape:
            graph.add((result, SH.sourceShape, URIRef(finding.shape)))
    return graph


def machine_report(findings: list[Finding], fmt: str) -> str:
    """The findings as `fmt`: json or turtle (the text report is `shacl.report`)."""
    if fmt == "json":
        return as_json(findings)
    return as_graph(findings).serialize(format="longturtle")
