"""`import`: tables published by statistics offices, as linked observations beside the graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from .options import add_engine, add_graph_option


def cmd_import_eurostat(args: argparse.Namespace) -> int:
    from ..statistics.importer import import_eurostat

    done = import_eurostat(args.file, args.output, args.dataset, args.engine)
    print(
        f"Imported {done.observations} observations from {paths.display(args.file)}: "
        f"wrote {paths.display(done.output)}"
    )
    if args.page:
        from ..statistics.charts import write_page
        from ..store.embedded import open_embedded

        charts = write_page(open_embedded([*(args.data or [paths.GRAPH]), done.output]), args.page)
        print(f"Drew {charts} charts: wrote {paths.display(args.page)}")
    return 0


def add_commands(sub) -> None:
    imports = sub.add_parser(
        "import",
        help="import a statistical table as linked observations beside the graph",
        description="Import a table published by a statistics office as RDF Data Cube "
        "observations joined to the graph's countries.",
    )
    imports_sub = imports.add_subparsers(dest="import_command", required=True, metavar="SOURCE")
    eurostat = imports_sub.add_parser(
        "eurostat",
        help="a Eurostat table in its tab-separated form (.tsv or .tsv.gz)",
        description="Convert a Eurostat table (its bulk-download TSV, with or without status "
        "flags, gzipped or not) into one qb:Observation for each cell holding a value, its "
        "reference areas joined to the graph's countries through the EU country authority "
        "table; validate it against ontology/statistics-shapes.ttl and write it atomically. "
        "A wrong header, a value that is not a number or an unknown code is one line naming "
        "the line and column (exit 2), and nothing is written.",
    )
    eurostat.add_argument("file", type=Path, help="the table (.tsv or .tsv.gz)")
    eurostat.add_argument(
        "--dataset",
        default="crim_off_cat",
        help="the table's Eurostat code (default: crim_off_cat)",
    )
    eurostat.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out/statistics.ttl"),
        help="Turtle file to write (default: out/statistics.ttl)",
    )
    eurostat.add_argument(
        "--page",
        type=Path,
        metavar="FILE",
        help="also write the statistics page (static SVG charts, no JavaScript) to FILE, from "
        "the graph (--data) and the observations imported, as a standalone page (`roadmapkg "
        "site --statistics` puts it in the site instead)",
    )
    add_engine(eurostat)
    add_graph_option(eurostat)
    eurostat.set_defaults(func=cmd_import_eurostat)
