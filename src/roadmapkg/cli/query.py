"""`queries`, `query`, `run-queries`, `expected`: the saved queries, run and compared."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..store.choices import GRAPH_FORMATS, SOLUTION_FORMATS
from .options import add_graph_option, add_store_options, folder, parse_params, store_of


def cmd_queries(args: argparse.Namespace) -> int:
    from ..queries.saved import load_all

    for query in load_all():
        params = ", ".join(p.describe() for p in query.parameters)
        print(f"{query.name}\n    {query.summary}")
        if params:
            print(f"    parameters: {params}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from ..queries.saved import check_update_kept, execute, find, load, with_language
    from ..store.results import render

    query = load(find(args.name))
    check_update_kept(query, args.allow_update, bool(args.endpoint or args.store))
    given = with_language(query, parse_params(args.param), args.lang)
    services = parse_params(args.service, option="--service", shape="FROM=TO")
    result = execute(
        query, store_of(args), given, allow_update=args.allow_update, services=services
    )
    if result is None:
        print(f"{query.name}: update applied", file=sys.stderr)
        return 0
    fmt = args.format or ("table" if query.form in ("SELECT", "ASK") else "turtle")
    sys.stdout.write(render(result, fmt))
    return 0


def cmd_run_queries(args: argparse.Namespace) -> int:
    from ..queries.saved import run_all

    services = parse_params(args.service, option="--service", shape="FROM=TO")
    written = run_all(store_of(args), args.output, services)
    skipped = "" if services else " (federated queries skipped: give --service to run them)"
    print(f"Ran {len(written)} saved queries: wrote {paths.display(args.output)}/NAME.csv{skipped}")
    return 0


def cmd_expected(args: argparse.Namespace) -> int:
    from ..queries import expected
    from ..store.embedded import open_embedded

    store = open_embedded(args.data)  # pyoxigraph: the form run-queries writes
    now, found = expected.changes(store, args.folder)
    if args.update:
        written, removed = expected.update(found, args.folder)
        where = paths.display(args.folder)
        gone = f"; removed {', '.join(p.name for p in removed)}" if removed else ""
        print(f"Rewrote {len(written)} of {len(now)} stored answers in {where}{gone}")
        return 0
    sys.stdout.write(expected.report(now, found, args.folder, args.sources))
    return 1 if found else 0


def add_commands(sub) -> None:
    queries = sub.add_parser(
        "queries",
        help="list the saved queries",
        description="List the saved queries in queries/: name, summary, parameters.",
    )
    queries.set_defaults(func=cmd_queries)

    query = sub.add_parser(
        "query",
        help="run a saved query (or a .rq file) locally or on an endpoint",
        description="Run a saved query by name (see `roadmapkg queries`) or a .rq file. "
        "Parameter values are bound as RDF terms, never pasted into the query. Updates are "
        "refused unless --allow-update is given. Exit 2 on a query or parameter error, 3 when "
        "an endpoint cannot answer.",
    )
    query.add_argument("name", help="saved query name, or path to a .rq file")
    query.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (repeatable), e.g. --param pillar=https://...",
    )
    query.add_argument(
        "-f",
        "--format",
        choices=(*SOLUTION_FORMATS, *GRAPH_FORMATS),
        help="output format: table (default), or W3C SPARQL results csv, tsv, json; "
        "turtle (default) or nt for CONSTRUCT",
    )
    query.add_argument(
        "--allow-update", action="store_true", help="allow a query that modifies the store"
    )
    query.add_argument(
        "--lang", metavar="XX", help="language of the names, for queries with a lang parameter"
    )
    query.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="FROM=TO",
        help="send the query's SERVICE <FROM> calls to TO instead, e.g. a local mirror of an EU "
        "endpoint (repeatable)",
    )
    add_store_options(query)
    query.set_defaults(func=cmd_query)

    run_queries = sub.add_parser(
        "run-queries",
        help="run every saved query and write its result to a folder",
        description="Run every saved query with its default parameters and write "
        "NAME.csv (W3C SPARQL CSV; NAME.nt for CONSTRUCT queries) to the output folder. "
        "Updates are skipped, and federated queries unless --service redirects them.",
    )
    run_queries.add_argument(
        "-o",
        "--output",
        type=folder,
        default=Path("out/queries"),
        help="folder to write to (default: out/queries)",
    )
    run_queries.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="FROM=TO",
        help="send SERVICE <FROM> calls to TO, and run the federated queries (repeatable)",
    )
    add_store_options(run_queries)
    run_queries.set_defaults(func=cmd_run_queries)

    expected = sub.add_parser(
        "expected",
        help="show how the saved queries' answers differ from the stored ones, or update those",
        description="The stored answers in queries/regression/ are the saved queries' own "
        "earlier output, kept to show what a change in the sources or the queries changes "
        "(the tests check the answers independently). --check runs every saved query with its "
        "defaults on the graph (build it first) and lists, per query, the rows removed (-) and "
        "added (+) since the stored answer, and the instance counts guarded by the sanity "
        "bounds in assertions.csv that moved; exit 1 when any answer differs, 0 when all are "
        "equal. --update rewrites the stored answers that differ, after review. Federated "
        "queries are skipped. The answers are written as run-queries writes them on the "
        "default engine (pyoxigraph).",
    )
    mode = expected.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="show the differences (exit 1 if any)")
    mode.add_argument(
        "--update", action="store_true", help="rewrite the stored answers that differ"
    )
    expected.add_argument(
        "--folder",
        type=Path,
        default=paths.REGRESSION,
        metavar="DIR",
        help="the stored answers (default: queries/regression)",
    )
    expected.add_argument(
        "--sources",
        type=Path,
        default=paths.SOURCES,
        metavar="DIR",
        help="the curated sources whose assertions.csv holds the sanity bounds "
        "(default: data/sources)",
    )
    add_graph_option(expected)
    expected.set_defaults(func=cmd_expected)
