"""`links check|suggest|apply|enrich`: the graph's links to EU authority tables."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from .options import add_graph_option, status_stream


def cmd_links_check(args: argparse.Namespace) -> int:
    from ..links.check import check_links, table_targets
    from ..rdf.load import load_graph

    with tempfile.TemporaryDirectory(prefix="roadmapkg-tables-") as folder:
        files, urls = table_targets(args.target, Path(folder))
        checked, problems = check_links(load_graph(args.data or [paths.GRAPH]), files, urls)
    for problem in problems:
        print(problem)
    print(f"Checked {checked} links: {len(problems)} problem(s).")
    return 1 if problems else 0


def cmd_links_suggest(args: argparse.Namespace) -> int:
    from ..files.atomic import write_output
    from ..links.check import table_targets
    from ..links.matching import THRESHOLD, fetch_table, precision_recall, review_csv, suggest
    from ..rdf.load import load_graph

    graph = load_graph(args.data or [paths.GRAPH])
    with tempfile.TemporaryDirectory(prefix="roadmapkg-tables-") as folder:
        files, urls = table_targets([args.target], Path(folder))
        table = fetch_table(urls[0], args.scheme) if urls else load_graph(files)
    candidates = suggest(graph, table, args.scheme, include_linked=args.include_linked)
    write_output({args.output: review_csv(candidates).encode("utf-8")})
    entities = len({c.subject for c in candidates})
    where = paths.display(args.output)
    shown = status_stream(args.output)
    print(f"Wrote {len(candidates)} candidate(s) for {entities} entities to {where}", file=shown)
    if args.include_linked:
        precision, recall, truth = precision_recall(graph, table, candidates)
        print(
            f"Against the {truth} existing links (score >= {THRESHOLD}): "
            f"precision {precision:.2f}, recall {recall:.2f}",
            file=shown,
        )
    return 0


def cmd_links_enrich(args: argparse.Namespace) -> int:
    from ..links.check import table_targets
    from ..links.enrich import enrich
    from ..rdf.load import load_graph

    with tempfile.TemporaryDirectory(prefix="roadmapkg-tables-") as folder:
        files, urls = table_targets(args.target, Path(folder))
        if urls:
            raise RoadmapError(
                f"{urls[0]}: enrich reads table files (.rdf, .ttl, ...), not endpoints"
            )
        count = enrich(load_graph(args.data or [paths.GRAPH]), files, args.labels)
    print(f"Copied {count} labels into {paths.display(args.labels)}; run `roadmapkg build`")
    return 0


def cmd_links_apply(args: argparse.Namespace) -> int:
    from ..links.matching import apply_review

    added = apply_review(args.review, args.mappings)
    print(
        f"Added {added} accepted mapping(s) to {paths.display(args.mappings)}; "
        "run `roadmapkg build` to publish them"
    )
    return 0


def add_commands(sub) -> None:
    links = sub.add_parser(
        "links",
        help="check, discover and enrich the graph's links to EU authority tables",
        description="Work with the links to other open-data graphs (kept as SSSOM mappings in "
        "mappings/ and built into data/links.ttl).",
    )
    links_sub = links.add_subparsers(dest="links_command", required=True, metavar="COMMAND")
    check = links_sub.add_parser(
        "check",
        help="check that every link into an authority table exists there and is not deprecated",
        description="Check every link into the given EU authority tables (RDF files, or SPARQL "
        "endpoints holding them): the target concept must exist and not be deprecated. Exit 1 "
        "on any problem.",
    )
    check.add_argument(
        "--target",
        action="append",
        required=True,
        metavar="FILE|URL",
        help="an authority table: an RDF file, its URL (ending .rdf, .ttl, .nt, .jsonld: "
        "downloaded), or a SPARQL endpoint holding it (repeatable)",
    )
    add_graph_option(check)
    check.set_defaults(func=cmd_links_check)

    suggest = links_sub.add_parser(
        "suggest",
        help="propose links to an authority table by comparing labels, for review",
        description="For each of our entities without a link into the table (all of them with "
        "--include-linked), propose the concepts whose preferred, alternative or hidden "
        "labels (any language) or codes match ours, with a score and the labels that matched. "
        "Writes a review CSV: put accept or reject in its decision column, then run "
        "`roadmapkg links apply`. With --include-linked it also reports precision and recall "
        "against the existing links.",
    )
    suggest.add_argument(
        "--target",
        required=True,
        metavar="FILE|URL",
        help="the authority table: an RDF file, its URL, or a SPARQL endpoint holding it",
    )
    suggest.add_argument(
        "--scheme", required=True, choices=("corporate-body", "country"), help="which table it is"
    )
    suggest.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out/links-review.csv"),
        help="review file to write, - for standard output (default: out/links-review.csv)",
    )
    suggest.add_argument(
        "--include-linked",
        action="store_true",
        help="also propose for entities already linked (to measure the matcher)",
    )
    add_graph_option(suggest)
    suggest.set_defaults(func=cmd_links_suggest)

    apply = links_sub.add_parser(
        "apply",
        help="add the accepted rows of a review file to the curated mappings",
        description="Append the rows of a `links suggest` review file whose decision is "
        "'accept' to the SSSOM mappings (skipping links already there). Rebuild to publish.",
    )
    apply.add_argument("review", type=Path, help="the review CSV")
    apply.add_argument(
        "--mappings",
        type=Path,
        default=paths.MAPPINGS / "roadmapkg.sssom.tsv",
        help="SSSOM file to extend (default: mappings/roadmapkg.sssom.tsv)",
    )
    apply.set_defaults(func=cmd_links_apply)

    enrich = links_sub.add_parser(
        "enrich",
        help="copy the EU-language labels of linked authority-table entries into the sources",
        description="For every entity linked (owl:sameAs) to an entry of the given authority "
        "tables, copy the entry's preferred and alternative labels in the 24 EU languages into "
        "data/sources/labels.csv, with the table as their source, so the build never needs "
        "the table. Rebuild to publish them as skos:prefLabel/skos:altLabel.",
    )
    enrich.add_argument(
        "--target",
        action="append",
        required=True,
        metavar="FILE|URL",
        help="an authority table as an RDF file or its URL (repeatable)",
    )
    enrich.add_argument(
        "--labels",
        type=Path,
        default=paths.SOURCES / "labels.csv",
        help="the labels source to update (default: data/sources/labels.csv)",
    )
    add_graph_option(enrich)
    enrich.set_defaults(func=cmd_links_enrich)
