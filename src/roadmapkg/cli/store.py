"""`load` and `serve`: the graph in a SPARQL store, on a server or on 127.0.0.1."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from ..store.choices import DEFAULT_GRAPH
from .options import add_graph_option, add_remote_options, store_of


def cmd_load(args: argparse.Namespace) -> int:
    from ..store.open import load_verified

    if not (args.endpoint or args.store):
        raise RoadmapError("say where to load: --endpoint URL (Graph Store) or --store PATH")
    if not args.graph:
        raise RoadmapError("--graph must name the graph to replace")
    where = args.endpoint or paths.display(args.store)
    found = load_verified(args.data, args.graph, lambda: store_of(args, create=True), where)
    source = paths.display(args.data)
    print(f"Loaded {source} into <{args.graph}> at {where}: {found} triples, verified")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..site.queryui import start_ui
    from ..store.server import serve

    data = args.data or [paths.GRAPH]
    return serve(data, args.port, args.graph, args.allow_update, args.allow_network, start_ui)


def add_commands(sub) -> None:
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
