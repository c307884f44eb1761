"""Arguments shared by several commands, the types that parse them, and the store they name."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import RoadmapError
from ..store.choices import DEFAULT_GRAPH, ENGINES
from ..store.endpoint import MAX_RESPONSE, size
from ..validate.choices import ENGINES as VALIDATION_ENGINES


def add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=VALIDATION_ENGINES,
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


def folder(value: str) -> Path:
    """An --output that must be a folder."""
    if value == "-":
        raise argparse.ArgumentTypeError("a folder is needed: '-' (standard output) takes a file")
    return Path(value)


def parse_params(pairs: list[str], option: str = "--param", shape: str = "NAME=VALUE") -> dict:
    """``NAME=VALUE`` pairs, split at the first '='."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise RoadmapError(f"{option} takes {shape}, not {pair!r}")
        params[name] = value
    return params


def status_stream(output: Path):
    """Where a command says what it wrote: standard error when the output is standard output."""
    return sys.stderr if output == Path("-") else sys.stdout


def add_remote_options(command: argparse.ArgumentParser) -> None:
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
    add_remote_options(command)
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default="oxigraph",
        help="embedded engine when neither --endpoint nor --store is given (default: oxigraph)",
    )
    add_graph_option(command)


def store_of(args: argparse.Namespace, create: bool = False):
    """The store the arguments name (`store.open.open_store`)."""
    from ..store.open import open_store

    return open_store(
        args.endpoint,
        args.store,
        args.graph,
        getattr(args, "data", None),
        getattr(args, "engine", "oxigraph"),
        timeout=args.timeout,
        user=args.user,
        password=args.password,
        max_response=args.max_response,
        create=create,
    )
