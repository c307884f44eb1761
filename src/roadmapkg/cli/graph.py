"""`build`, `validate`, `summary`: the graph from the sources, checked and counted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from ..validate.choices import REPORT_FORMATS
from .options import add_engine


def cmd_build(args: argparse.Namespace) -> int:
    from ..build.pipeline import build_and_write
    from ..validate.shacl import report

    if args.output.suffix != ".ttl":
        raise RoadmapError(
            f"--output must name a .ttl file (.jsonld and .nt go beside it): {args.output}"
        )
    if not args.sources.is_dir():
        raise RoadmapError(f"{args.sources}: no such folder of curated sources")
    result = build_and_write(args.sources, args.output, engine=args.engine)
    written = ", ".join(paths.display(p) for p in result.written)
    print(f"Built {result.triples} triples from {paths.display(args.sources)}: wrote {written}")
    print(report(result.findings))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from ..validate.shacl import conforms, report, validate_files

    findings = validate_files(args.files or [paths.GRAPH], args.shapes, args.engine)
    if args.format == "text":
        print(report(findings))
    else:
        from ..validate.reports import machine_report

        sys.stdout.write(machine_report(findings, args.format))
    return 0 if conforms(findings) else 1


def cmd_summary(args: argparse.Namespace) -> int:
    from ..rdf.load import load_graph
    from ..rdf.summary import summary

    print(summary(load_graph(args.files or [paths.GRAPH])))
    return 0


def add_commands(sub) -> None:
    build = sub.add_parser(
        "build",
        help="build the graph from the curated sources, validate it, write it",
        description="Read the curated CSV sources, build the graph, validate it with the SHACL "
        "shapes, and only if it conforms write it as Turtle, JSON-LD and N-Triples, with the "
        "links alone in links.ttl beside them (atomically: a failed build leaves the previous "
        "files untouched). Exit 2 on a source "
        "error, 1 on a SHACL violation.",
    )
    build.add_argument(
        "--sources",
        type=Path,
        default=paths.SOURCES,
        help="folder of curated CSV sources (default: data/sources)",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=paths.BUILT,
        help="Turtle file to write; .jsonld and .nt go beside it (default: data/roadmap.ttl)",
    )
    add_engine(build)
    build.set_defaults(func=cmd_build)

    validate = sub.add_parser(
        "validate",
        help="check RDF files against the SHACL shapes",
        description="Validate RDF files (Turtle, N-Triples, JSON-LD or RDF/XML; default: the "
        "emitted graph) against the SHACL shapes and the QC queries. Prints one line per finding "
        "(node label and IRI, property, message). Exit 0 when it conforms (warnings allowed), "
        "1 on any violation, 2 when a file cannot be read.",
    )
    validate.add_argument(
        "files", nargs="*", type=Path, help="RDF files (default: data/roadmap.ttl)"
    )
    validate.add_argument(
        "--shapes",
        type=Path,
        default=paths.SHAPES,
        help="SHACL shapes (default: ontology/shapes.ttl)",
    )
    validate.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help="text (default, one line a finding), or for programs the SHACL validation report "
        "as json or turtle (focus node, path, severity, message, source shape)",
    )
    add_engine(validate)
    validate.set_defaults(func=cmd_validate)

    summary = sub.add_parser(
        "summary",
        help="count triples, instances per class and sourced nodes per evidence basis",
        description="Print the number of triples, instances of each ontology class, and sourced "
        "nodes per evidence basis (stated, clarification, curated inference, synthetic).",
    )
    summary.add_argument(
        "files", nargs="*", type=Path, help="RDF files (default: data/roadmap.ttl)"
    )
    summary.set_defaults(func=cmd_summary)
