"""The `roadmapkg` command: parses arguments and calls the library."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

from . import paths
from .errors import BUG, EXIT_CODES, INPUT, INTERRUPTED, OK, Interrupted, RoadmapError, one_line
from .interrupts import interruptible


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build_and_write
    from .validate import report

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
    from .validate import conforms, report, validate_files

    findings = validate_files(args.files or [paths.GRAPH], args.shapes, args.engine)
    if args.format == "text":
        print(report(findings))
    else:
        from .reports import machine_report

        sys.stdout.write(machine_report(findings, args.format))
    return 0 if conforms(findings) else 1


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import summary
    from .validate import load_graph

    print(summary(load_graph(args.files or [paths.GRAPH])))
    return 0


def cmd_import_eurostat(args: argparse.Namespace) -> int:
    from .statistics.importer import import_eurostat

    done = import_eurostat(args.file, args.output, args.dataset, args.engine)
    print(
        f"Imported {done.observations} observations from {paths.display(args.file)}: "
        f"wrote {paths.display(done.output)}"
    )
    if args.page:
        from .statistics.charts import write_page
        from .store import open_embedded

        charts = write_page(open_embedded([*(args.data or [paths.GRAPH]), done.output]), args.page)
        print(f"Drew {charts} charts: wrote {paths.display(args.page)}")
    return 0


def add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("oxigraph", "pyshacl"),
        default="oxigraph",
        help="validation engine: oxigraph (default: the shapes compiled to SPARQL, fast on "
        "large graphs) or pyshacl (the reference; the same findings, slower)",
    )


def seconds(text: str) -> float:
    """A positive, finite number of seconds (for --timeout)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (0 < value < 86400):
        raise argparse.ArgumentTypeError(f"must be more than 0 and less than a day: {text!r}")
    return value


def byte_size(text: str) -> int:
    """A number of bytes, with an optional K, M or G (powers of 1024), for --max-response."""
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text.upper().removesuffix("IB").removesuffix("B"), ""
    if number[-1:] in units:
        number, unit = number[:-1], number[-1]
    if not number.isdigit() or int(number) == 0:
        raise argparse.ArgumentTypeError(f"not a size such as 512M or 2G: {text!r}")
    return int(number) * units[unit]


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("roadmapkg")
    except PackageNotFoundError:
        return "unknown"


def parse_params(pairs: list[str], option: str = "--param", shape: str = "NAME=VALUE") -> dict:
    """``NAME=VALUE`` pairs, split at the first '='."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise RoadmapError(f"{option} takes {shape}, not {pair!r}")
        params[name] = value
    return params


def open_store(args: argparse.Namespace):
    """The store the arguments name: an endpoint, an on-disk store, or the embedded default."""
    from .endpoint import Endpoint
    from .sparqlterms import is_iri
    from .store import RemoteStore, open_embedded, open_persistent

    if args.graph and not is_iri(args.graph):
        raise RoadmapError(f"--graph: not an absolute IRI: {args.graph!r}")
    if args.store and args.func is not cmd_load and not args.store.exists():
        raise RoadmapError(f"{args.store}: no store there (create one with roadmapkg load --store)")
    if args.endpoint:
        endpoint = Endpoint(
            args.endpoint, args.timeout, args.user, args.password, max_response=args.max_response
        )
        return RemoteStore(endpoint, graph=args.graph or None)
    if args.store:
        return open_persistent(args.store, args.graph)
    return open_embedded(args.data, engine=args.engine)


def cmd_queries(args: argparse.Namespace) -> int:
    from .queries import load_all

    for query in load_all():
        params = ", ".join(p.describe() for p in query.parameters)
        print(f"{query.name}\n    {query.summary}")
        if params:
            print(f"    parameters: {params}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .queries import execute, find, load
    from .results import render

    query = load(find(args.name))
    if query.is_update and args.allow_update and not (args.endpoint or args.store):
        lost = "an update on the embedded store would be lost: use --store or --endpoint"
        raise RoadmapError(f"{query.name}: {lost}")
    given = parse_params(args.param)
    services = parse_params(args.service, option="--service", shape="FROM=TO")
    if args.lang:
        if "lang" not in {p.name for p in query.parameters}:
            raise RoadmapError(f"{query.name} has no lang parameter: --lang does not apply")
        if not args.lang.isalpha() or not 2 <= len(args.lang) <= 3:
            raise RoadmapError(f"--lang: not a language code: {args.lang!r}")
        if "lang" in given and given["lang"] != args.lang.lower():
            raise RoadmapError("--lang and --param lang= disagree: give one")
        given["lang"] = args.lang.lower()
    result = execute(
        query, open_store(args), given, allow_update=args.allow_update, services=services
    )
    if result is None:
        print(f"{query.name}: update applied", file=sys.stderr)
        return 0
    fmt = args.format or ("table" if query.form in ("SELECT", "ASK") else "turtle")
    sys.stdout.write(render(result, fmt))
    return 0


def cmd_run_queries(args: argparse.Namespace) -> int:
    from .queries import run_all

    services = parse_params(args.service, option="--service", shape="FROM=TO")
    written = run_all(open_store(args), args.output, services)
    skipped = "" if services else " (federated queries skipped: give --service to run them)"
    print(f"Ran {len(written)} saved queries: wrote {paths.display(args.output)}/NAME.csv{skipped}")
    return 0


def cmd_expected(args: argparse.Namespace) -> int:
    from . import expected
    from .store import open_embedded

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


def add_remote_options(command: argparse.ArgumentParser) -> None:
    from .endpoint import MAX_RESPONSE, size
    from .store import DEFAULT_GRAPH

    where = command.add_mutually_exclusive_group()
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 server")
    where.add_argument(
        "--store", type=Path, metavar="PATH", help="a pyoxigraph store on disk (created if absent)"
    )
    command.add_argument(
        "--graph",
        default=DEFAULT_GRAPH,
        metavar="IRI",
        help=f"the named graph holding the roadmap (default: {DEFAULT_GRAPH}; for queries, "
        "'' means the server's default graph)",
    )
    command.add_argument(
        "--timeout",
        type=seconds,
        default=30.0,
        help="seconds the command may spend on the server, every request, retry and wait "
        "included (default 30)",
    )
    command.add_argument(
        "--max-response",
        type=byte_size,
        default=MAX_RESPONSE,
        metavar="SIZE",
        help=f"refuse an answer larger than this, e.g. 512M or 4G (default {size(MAX_RESPONSE)})",
    )
    command.add_argument("--user", help="user name for the server (or ROADMAPKG_USER, or ~/.netrc)")
    command.add_argument(
        "--password", help="password for the server (or ROADMAPKG_PASSWORD, or ~/.netrc)"
    )


def add_graph_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data",
        type=Path,
        action="append",
        metavar="FILE",
        help="RDF file(s) of the graph (default: data/roadmap.ttl)",
    )


def add_store_options(command: argparse.ArgumentParser) -> None:
    from .store import ENGINES

    add_remote_options(command)
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default="oxigraph",
        help="embedded engine when neither --endpoint nor --store is given (default: oxigraph)",
    )
    add_graph_option(command)


def cmd_load(args: argparse.Namespace) -> int:
    from .endpoint import EndpointError
    from .store import count_triples

    if not (args.endpoint or args.store):
        raise RoadmapError("say where to load: --endpoint URL (Graph Store) or --store PATH")
    if not args.graph:
        raise RoadmapError("--graph must name the graph to replace")
    expected = count_triples(args.data)
    store = open_store(args)
    found = store.load(args.data, args.graph)
    where = args.endpoint or paths.display(args.store)
    if found != expected:  # the store did not take the graph as sent: exit 3, as a store error
        raise EndpointError(
            f"{where}: the graph <{args.graph}> holds {found} triples after loading, "
            f"expected {expected}"
        )
    source = paths.display(args.data)
    print(f"Loaded {source} into <{args.graph}> at {where}: {found} triples, verified")
    return 0


def cmd_links_check(args: argparse.Namespace) -> int:
    from .links import check_links, table_targets
    from .validate import load_graph

    with tempfile.TemporaryDirectory(prefix="roadmapkg-tables-") as folder:
        files, urls = table_targets(args.target, Path(folder))
        checked, problems = check_links(load_graph(args.data or [paths.GRAPH]), files, urls)
    for problem in problems:
        print(problem)
    print(f"Checked {checked} links: {len(problems)} problem(s).")
    return 1 if problems else 0


def cmd_links_suggest(args: argparse.Namespace) -> int:
    from .links import table_targets
    from .matching import THRESHOLD, fetch_table, precision_recall, review_csv, suggest
    from .output import write_output
    from .validate import load_graph

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
    from .links import enrich, table_targets
    from .validate import load_graph

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
    from .matching import apply_review

    added = apply_review(args.review, args.mappings)
    print(
        f"Added {added} accepted mapping(s) to {paths.display(args.mappings)}; "
        "run `roadmapkg build` to publish them"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import FORMATS, export
    from .store import open_embedded
    from .views import build_view

    graph = build_view(open_embedded(args.data), args.view, args.lang)
    path = args.output or Path("out/diagrams") / f"{args.view}{FORMATS[args.format]}"
    written = export(graph, args.format, path)
    shown = ", ".join("standard output" if p == Path("-") else paths.display(p) for p in written)
    size = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    print(f"View {args.view}: {size}: wrote {shown}", file=status_stream(path))
    return 0


def status_stream(output: Path):
    """Where a command says what it wrote: standard error when the output is standard output."""
    return sys.stderr if output == Path("-") else sys.stdout


def folder(value: str) -> Path:
    """An --output that must be a folder."""
    if value == "-":
        raise argparse.ArgumentTypeError("a folder is needed: '-' (standard output) takes a file")
    return Path(value)


def cmd_site(args: argparse.Namespace) -> int:
    from .site import build_site

    progress = lambda step: print(f"site: {step}", file=sys.stderr)  # noqa: E731
    files = build_site(args.output, args.data, progress)
    pages = sum(name.endswith(".html") for name in files)
    print(f"Wrote {paths.display(args.output)}: {pages} pages, {len(files)} files")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import synthesise

    rows = synthesise(args.output, args.events, args.seed, args.violations)
    print(f"Wrote the curated sources and {rows} synthetic rows to {paths.display(args.output)}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    data = args.data or [paths.GRAPH]
    return serve(data, args.port, args.graph, args.allow_update, args.allow_network)


def exit_codes() -> str:
    """The exit codes, for the end of `roadmapkg --help`."""
    lines = [f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()]
    return "exit codes:\n" + "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    from .store import DEFAULT_GRAPH

    main = argparse.ArgumentParser(
        prog="roadmapkg",
        description="Build, validate and describe the knowledge graph of the EU Roadmap to\n"
        "fight drug trafficking and organised crime (October 2023).",
        epilog=exit_codes(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"roadmapkg {version()}")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
        choices=("text", "json", "turtle"),
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
        choices=("table", "csv", "tsv", "json", "turtle", "nt"),
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

    from .expected import REGRESSION

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
        default=REGRESSION,
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

    load = sub.add_parser(
        "load",
        help="replace the roadmap graph on a SPARQL server or in an on-disk store",
        description="Replace the named graph with the emitted graph: on a server through the "
        "SPARQL 1.1 Graph Store HTTP Protocol (PUT to the --endpoint URL, e.g. Oxigraph's "
        "/store or Virtuoso's /sparql-graph-crud-auth), or in a pyoxigraph store on disk. "
        "Then reads the graph back and checks the triple count. Loading twice leaves the same "
        "graph. Exit 3 when the server cannot be reached or refuses, or when the graph read "
        "back does not hold the triples sent.",
    )
    add_remote_options(load)
    load.add_argument(
        "--data",
        type=Path,
        default=paths.GRAPH,
        metavar="FILE",
        help="the RDF file to load (default: data/roadmap.ttl)",
    )
    load.set_defaults(func=cmd_load)

    serve = sub.add_parser(
        "serve",
        help="serve the graph from an Oxigraph SPARQL server on 127.0.0.1",
        description="Start an Oxigraph server on 127.0.0.1 with the graph loaded (in its named "
        "graph, which is also the default graph), print its SPARQL endpoint and two query UIs "
        "(Oxigraph's, and one with the saved queries and prefixes preloaded), and "
        "stop cleanly on Ctrl-C. It is read-only and fetches no URL unless asked: any local "
        "process, and any web page open in a browser on this machine, can send it requests. "
        "The server dies with this command (Linux).",
    )
    serve.add_argument(
        "--port", type=int, default=7878, help="port on 127.0.0.1 (default 7878; 0 for any)"
    )
    add_graph_option(serve)
    serve.add_argument(
        "--graph",
        default=DEFAULT_GRAPH,
        metavar="IRI",
        help=f"the named graph to load into (default: {DEFAULT_GRAPH})",
    )
    serve.add_argument(
        "--allow-update",
        action="store_true",
        help="accept SPARQL updates and Graph Store writes; risky: any web page open in a "
        "browser here can then change or drop the served graph (a form posted to /update)",
    )
    serve.add_argument(
        "--allow-network",
        action="store_true",
        help="let the server fetch URLs: SPARQL SERVICE (the federated queries) and, with "
        "--allow-update, LOAD; risky: any local process or web page can make it send requests "
        "to any address it can reach",
    )
    serve.set_defaults(func=cmd_serve)

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
        "(operations, seizures, results), full.",
    )
    export.add_argument("--view", required=True, choices=("policy", "actors", "events", "full"))
    export.add_argument(
        "--format",
        required=True,
        choices=("graphml", "gexf", "dot", "svg", "png", "cytoscape", "cypher", "html", "csv"),
    )
    export.add_argument(
        "-o", "--output", type=Path,
        help="file to write, - for standard output (for csv, a prefix for PREFIX-entities.csv "
        "and PREFIX-links.csv; default: out/diagrams/VIEW.EXT)",
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
        "views, the data and its DCAT-AP/VoID "
        "description (dataset.ttl). "
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
        "the graph (--data) and the observations imported",
    )
    add_engine(eurostat)
    add_graph_option(eurostat)
    eurostat.set_defaults(func=cmd_import_eurostat)

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
    return main


def main(argv: list[str] | None = None) -> int:
    with interruptible():
        try:
            args = parser().parse_args(argv)
            return run(args)
        except Interrupted as exc:
            stopped = "interrupted" if exc.signum == signal.SIGINT else "stopped by SIGTERM"
            print(f"roadmapkg: {stopped}", file=sys.stderr)
            return 128 + exc.signum
        except KeyboardInterrupt:  # Ctrl-C with Python's own handler (before ours was set)
            print("roadmapkg: interrupted", file=sys.stderr)
            return INTERRUPTED


def run(args: argparse.Namespace) -> int:
    """Run the command, mapping every error to one line on stderr and an exit code."""
    command = f"roadmapkg {args.command}"
    try:
        code = args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like
        quiet_stdout()
        return OK
    except RoadmapError as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the system refused: a file named by the error, or the output
        quiet_stdout()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{command}: {where}{exc.strerror or one_line(exc)}", file=sys.stderr)
        return INPUT
    except Exception as exc:
        if os.environ.get("ROADMAPKG_DEBUG"):
            traceback.print_exc()
        print(
            f"{command}: unexpected error (a bug in roadmapkg, please report it): "
            f"{type(exc).__name__}: {one_line(exc)} (ROADMAPKG_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return BUG
    try:
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except BrokenPipeError:
        quiet_stdout()
    except OSError as exc:
        quiet_stdout()
        print(f"{command}: standard output: cannot write: {exc.strerror}", file=sys.stderr)
        return INPUT
    return code


def quiet_stdout() -> None:
    """Point stdout at /dev/null if it cannot take what is left in its buffer, so exiting does
    not print a second error."""
    try:
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
