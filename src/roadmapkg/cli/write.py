"""`export`, `site`, `synth`: files for people and tools, from the graph or the sources."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from ..export.choices import ALL, FORMATS, VIEWS
from ..files.atomic import STDOUT
from .options import add_graph_option, folder, status_stream

DIAGRAMS = Path("out/diagrams")  # where export writes by default


def cmd_export(args: argparse.Namespace) -> int:
    from ..export.batch import chosen, export_all, export_one, formats_to_write
    from ..store.embedded import open_embedded

    if ALL not in (args.view, args.format):
        path = args.output or DIAGRAMS / f"{args.view}{FORMATS[args.format]}"
        done = export_one(open_embedded(args.data), args.view, args.format, path, args.lang)
        print(done.line(), file=status_stream(path))
        return 0
    if args.output == STDOUT:
        raise RoadmapError("--view all or --format all writes several files: give a folder")
    formats, left_out = formats_to_write(args.format)
    if left_out:
        print("PNG views left out: Graphviz's dot is not installed", file=sys.stderr)
    store, target = open_embedded(args.data), args.output or DIAGRAMS
    for done in export_all(store, chosen(args.view, VIEWS), formats, target, args.lang):
        print(done.line())
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from ..site.pages import build_site

    progress = lambda step: print(f"site: {step}", file=sys.stderr)  # noqa: E731
    files = build_site(args.output, args.data, progress, args.statistics)
    pages = sum(name.endswith(".html") for name in files)
    print(f"Wrote {paths.display(args.output)}: {pages} pages, {len(files)} files")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from ..build.synth import synthesise

    rows = synthesise(args.output, args.events, args.seed, args.violations)
    print(f"Wrote the curated sources and {rows} synthetic rows to {paths.display(args.output)}")
    return 0


def add_commands(sub) -> None:
    export = sub.add_parser(
        "export",
        help="write a network view of the graph for Gephi, yEd, Graphviz, Cytoscape, Neo4j, i2",
        description="Build a network view of the graph from its SPARQL query in queries/views/ "
        "and write it: graphml (Gephi, yEd, igraph), gexf (Gephi, laid out), dot (Graphviz), "
        "svg and png (drawn by Graphviz; SVG has a plain fallback without it), "
        "cytoscape (Cytoscape.js JSON), cypher (a Neo4j script), html (an interactive page "
        "that works offline), or csv (entity and link "
        "tables for i2 Analyst's Notebook and Maltego). Views: policy (roadmap, pillars, "
        "actions, instruments), actors (who takes part with whom, weighted), events "
        "(operations, seizures, results), full. --view all and --format all write several "
        "at once into a folder (all formats leave PNG out when Graphviz's dot is missing, and "
        "say so).",
    )
    export.add_argument("--view", required=True, choices=(*VIEWS, ALL))
    export.add_argument("--format", required=True, choices=(*FORMATS, ALL))
    export.add_argument(
        "-o", "--output", type=Path,
        help="file to write, - for standard output (for csv, a prefix for PREFIX-entities.csv "
        "and PREFIX-links.csv; default: out/diagrams/VIEW.EXT); with all, the folder to write "
        "VIEW.EXT files to (default: out/diagrams)",
    )  # fmt: skip
    export.add_argument("--lang", default="en", help="language of the labels (default: en)")
    add_graph_option(export)
    export.set_defaults(func=cmd_export)

    site = sub.add_parser(
        "site",
        help="write the static Linked Data site: home, entity pages, ontology docs, queries",
        description="Write a static site (no server needed, relative links): a home page "
        "(pillars, actions, key figures, timeline), a page per entity with its data beside it "
        "as .ttl, .jsonld and .nt (for content negotiation, see w3id/.htaccess), the "
        "ontology's documentation (pyLODE) and model diagram, the saved queries with their "
        "answers, a SPARQL page that runs queries in the browser (Oxigraph in WebAssembly, "
        "no server), a search box on every page (entities by any of their names, in every "
        "language), a zoomable timeline, a map of the seizures and operations, the network "
        "views, the data and its DCAT-AP/VoID description (dataset.ttl); with --statistics, "
        "a statistics page (charts and tables of Eurostat's police-recorded offences, each "
        "country's page linking to its series). "
        "Built in a new folder beside the output, then swapped in; the same graph gives the "
        "same bytes.",
    )
    site.add_argument(
        "-o",
        "--output",
        type=folder,
        default=Path("out/site"),
        help="folder to write (default: out/site); replaced if it holds an earlier site",
    )
    site.add_argument(
        "--statistics",
        type=Path,
        metavar="FILE",
        help="the statistics graph `roadmapkg import eurostat` wrote (e.g. out/statistics.ttl): "
        "adds statistics.html, linked from the menu and from each country's page",
    )
    add_graph_option(site)
    site.set_defaults(func=cmd_site)

    synth = sub.add_parser(
        "synth",
        help="write curated sources plus N synthetic seizure events, for scale tests",
        description="Copy the curated sources to a new folder and add N synthetic seizure "
        "events (and an operation per 100) in the same CSV format, deterministic for a seed, "
        "sourced to a 'synthetic' source. --violations K injects K of each of five kinds of "
        "violation (a negative quantity; a country that is not the place's; a seizure without "
        "a substance; a country that is not a country; an operation without a date), which "
        "needs at least 4K events. Build it with `roadmapkg build --sources DIR -o OUT.ttl`.",
    )
    synth.add_argument("--events", type=int, required=True, help="how many seizure events")
    synth.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    synth.add_argument(
        "--violations", type=int, default=0, help="violations of each kind (default 0)"
    )
    synth.add_argument("-o", "--output", type=folder, required=True, help="a new or empty folder")
    synth.set_defaults(func=cmd_synth)
