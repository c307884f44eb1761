"""Build, validate, then write: the graph reaches `data/` only when it conforms.

The N-Triples are written to a temporary file as the sources are read, loaded into an
in-memory pyoxigraph store and validated there, while a second process (for large graphs)
writes the Turtle and JSON-LD from the same lines; only when the graph conforms are the files
renamed into place."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from . import paths
from .build import emit
from .errors import NotConforming
from .output import parse_lines, staged, write_jsonld, write_turtle
from .progress import bar
from .validate import Finding, conforms, report, validate_graph, validate_store

LOAD_CHUNK = 1 << 24  # bytes of N-Triples loaded at a time (whole lines)
PARALLEL_BYTES = 1 << 26  # from 64 MiB of N-Triples (~500k triples), write in a second process


@dataclass
class BuildResult:
    triples: int
    findings: list[Finding]
    written: list[Path]
    store: ox.Store  # the graph, in the default graph of an in-memory store


def build_and_write(
    sources: Path = paths.SOURCES,
    output: Path = paths.GRAPH,
    mappings: Path | None = paths.MAPPINGS,
    engine: str = "oxigraph",
) -> BuildResult:
    """Build the graph from `sources` and `mappings`, validate it with `engine`, and write it
    as Turtle, JSON-LD and N-Triples beside `output`, with the links alone in ``links.ttl``
    there. Raises `NotConforming` (writing nothing) on any violation."""
    nt = output.with_suffix(".nt")
    jsonld, links = output.with_suffix(".jsonld"), output.with_name("links.ttl")
    with staged([output, jsonld, nt, links]) as temporary:
        with (
            temporary[nt].open("w", encoding="utf-8") as out,
            bar("build", unit="rows") as shown,
        ):
            emitted = emit(out, sources, mappings, shown.update)
        with ExitStack() as stack:
            writing = write_in_background(temporary, nt, output, jsonld, stack)
            store = load_ntriples(temporary[nt])
            if engine == "pyshacl":
                from .validate import load_graph

                found = validate_graph(load_graph([temporary[nt]]))
            else:
                found = validate_store(store)
            findings = [replace(f, origin=emitted.origin(f.focus)) for f in found]
            if not conforms(findings):
                raise NotConforming(report(findings))
            if writing is None:
                write_serialisations(temporary[nt], temporary[output], temporary[jsonld])
            else:
                writing.result()
        with temporary[links].open("wb") as out:
            write_turtle(parse_lines("".join(emitted.links).encode()), out)
    return BuildResult(emitted.triples, findings, [output, jsonld, nt, links], store)


def write_in_background(temporary, nt, output, jsonld, stack: ExitStack) -> Future | None:
    """Start writing the Turtle and JSON-LD in a second process, when the graph is large
    enough for that to pay; None when it is not."""
    if temporary[nt].stat().st_size < PARALLEL_BYTES:
        return None
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked threads
    pool = stack.enter_context(ProcessPoolExecutor(1, mp_context=context))
    return pool.submit(write_serialisations, temporary[nt], temporary[output], temporary[jsonld])


def write_serialisations(nt: Path, turtle: Path, jsonld: Path) -> None:
    """The Turtle and JSON-LD of an N-Triples file, in its order."""
    with turtle.open("wb") as out:
        write_turtle(parse_lines(nt), out)
    with jsonld.open("wb") as out:
        write_jsonld(parse_lines(nt), out)


def load_ntriples(path: Path) -> ox.Store:
    """An in-memory store holding the N-Triples file, loaded in chunks with a progress bar."""
    store = ox.Store()
    with path.open("rb") as handle, bar("load", path.stat().st_size, unit="B") as shown:
        while chunk := handle.read(LOAD_CHUNK):
            chunk += handle.readline()  # up to the end of the line
            store.load(chunk, format=ox.RdfFormat.N_TRIPLES)
            shown.update(len(chunk))
    return store
