"""The `roadmapkg` command: parses arguments and calls the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .errors import RoadmapError


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build_and_write

    result = build_and_write(args.sources, args.output)
    written = ", ".join(relative(p) for p in result.written)
    print(f"Built {len(result.graph)} triples from {relative(args.sources)}: wrote {written}")
    warnings = [f for f in result.findings if f.severity != "Violation"]
    for finding in warnings:
        print(finding, file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import conforms, load_graph, report, validate_graph

    files = args.files or [paths.GRAPH]
    findings = validate_graph(load_graph(files), args.shapes)
    print(report(findings))
    return 0 if conforms(findings) else 1


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import summary
    from .validate import load_graph

    print(summary(load_graph(args.files or [paths.GRAPH])))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="roadmapkg",
        description="Build, validate and describe the knowledge graph of the EU Roadmap to "
        "fight drug trafficking and organised crime (October 2023).",
    )
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="build the graph from the curated sources, validate it, write it",
        description="Read the curated CSV sources, build the graph, validate it with the SHACL "
        "shapes, and only if it conforms write it as Turtle, JSON-LD and N-Triples "
        "(atomically: a failed build leaves the previous files untouched). Exit 2 on a source "
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
        default=paths.GRAPH,
        help="Turtle file to write; .jsonld and .nt go beside it (default: data/roadmap.ttl)",
    )
    build.set_defaults(func=cmd_build)

    validate = sub.add_parser(
        "validate",
        help="check RDF files against the SHACL shapes",
        description="Validate RDF files (Turtle, N-Triples or JSON-LD; default: the emitted "
        "graph) against the SHACL shapes with pySHACL. Prints one line per finding (node label "
        "and IRI, property, message). Exit 0 when it conforms (warnings allowed), 1 on any "
        "violation, 2 when a file cannot be read.",
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
    validate.set_defaults(func=cmd_validate)

    summary = sub.add_parser(
        "summary",
        help="count instances per class and statements per evidence basis",
        description="Print the number of triples, instances of each ontology class, and sourced "
        "nodes per evidence basis (stated, clarification, curated inference).",
    )
    summary.add_argument(
        "files", nargs="*", type=Path, help="RDF files (default: data/roadmap.ttl)"
    )
    summary.set_defaults(func=cmd_summary)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except RoadmapError as exc:
        print(f"roadmapkg {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
