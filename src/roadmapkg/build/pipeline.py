"""Build, validate, then write: the graph reaches `data/` only when it conforms.

The N-Triples are written to a temporary file as the sources are read and, in the same
stride, loaded by a second thread into an in-memory pyoxigraph store (the store parses without
holding the GIL, so both cores work); the store is validated while a second process (for large
graphs) writes the Turtle and JSON-LD from the same lines. Only when the graph conforms are the
files renamed into place."""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from .. import paths
from ..errors import NotConforming
from ..files.atomic import staged
from ..files.progress import bar
from ..rdf.serialise import parse_lines, write_jsonld, write_turtle
from ..validate.shacl import Finding, conforms, report, validate_graph, validate_store
from ..validate.storeterms import TYPED_LINE, RawLiterals
from .emit import emit

LOAD_CHUNK = 1 << 24  # characters of N-Triples loaded at a time (whole lines)
PARALLEL_BYTES = 1 << 26  # from 64 MiB of N-Triples (~500k triples), write in a second process
LINKS_HEADER = """\
# The links of roadmap.ttl alone: its owl:sameAs, skos:exactMatch and skos:closeMatch links, the
# rdf:Statements that source them and the VoID linksets. Every triple here is also in
# roadmap.ttl: load roadmap.ttl alone. Both loaded into one graph give roadmap.ttl's triples
# once; loaded into two named graphs of a store that queries their union, each link is found
# twice.
"""


@dataclass
class BuildResult:
    triples: int
    findings: list[Finding]
    written: list[Path]
    store: ox.Store  # the graph, in the default graph of an in-memory store
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage


def build_and_write(
    sources: Path = paths.SOURCES,
    output: Path = paths.GRAPH,
    mappings: Path | None = paths.MAPPINGS,
    engine: str = "oxigraph",
) -> BuildResult:
    """Build the graph from `sources` and `mappings`, validate it with `engine`, and write it
    as Turtle, JSON-LD and N-Triples beside `output`, with the links alone in ``links.ttl``
    there. Raises `NotConforming` (writing nothing) on any violation. The result's `seconds`
    time the stages: build (sources to N-Triples, loaded meanwhile), load (what loading
    had left when the sources were done), validate, and write (Turtle, JSON-LD, links)."""
    nt = output.with_suffix(".nt")
    jsonld, links = output.with_suffix(".jsonld"), output.with_name("links.ttl")
    clock = Stopwatch()
    with staged([output, jsonld, nt, links]) as temporary:
        store = ox.Store()
        with (
            temporary[nt].open("w", encoding="utf-8") as file,
            Loading(file, store) as out,
            bar("build", unit="rows") as shown,
        ):
            emitted = emit(out, sources, mappings, shown.update)
            clock.lap("build")
        clock.lap("load")
        with ExitStack() as stack:
            writing = write_in_background(temporary, nt, output, jsonld, stack)
            if engine == "pyshacl":
                from ..rdf.load import load_graph

                found = validate_graph(load_graph([temporary[nt]]))
            else:
                raw = RawLiterals()
                raw.add_ntriples(out.typed)
                found = validate_store(store, raw=raw)
            findings = [replace(f, origin=emitted.origin(f.focus)) for f in found]
            if not conforms(findings):
                raise NotConforming(report(findings))
            clock.lap("validate")
            if writing is None:
                write_serialisations(temporary[nt], temporary[output], temporary[jsonld])
            else:
                writing.result()
        with temporary[links].open("wb") as out:
            out.write(LINKS_HEADER.encode())
            write_turtle(parse_lines("".join(emitted.links).encode()), out)
    clock.lap("write")
    return BuildResult(emitted.triples, findings, [output, jsonld, nt, links], store, clock.laps)


class Stopwatch:
    """Wall time between laps."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now


class Loading:
    """Takes the N-Triples lines `emit` writes (lists of whole lines), writes them to `file`
    and has a second thread load them into `store`, about LOAD_CHUNK characters at a time; it
    keeps the lines with a typed literal (`typed`), for `storeterms`. Leaving the block waits
    for the loading to finish and raises what it raised; leaving it with an error stops the
    loading at once."""

    def __init__(self, file: TextIO, store: ox.Store) -> None:
        self.file, self.store = file, store
        self.typed: list[str] = []
        self.pending: list[str] = []
        self.size = 0
        self.chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
        self.failure: BaseException | None = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._load, name="load", daemon=True)

    def __enter__(self) -> Loading:
        self.thread.start()
        return self

    def writelines(self, lines: list[str]) -> None:
        lines = list(lines)  # whole lines, read twice
        self.file.writelines(lines)
        self.typed += [line for line in lines if TYPED_LINE in line]
        self.pending += lines
        self.size += sum(map(len, lines))
        if self.size >= LOAD_CHUNK:
            self._hand_over()

    def _hand_over(self) -> None:
        if self.failure is not None:
            raise self.failure
        self.chunks.put("".join(self.pending).encode("utf-8"))
        self.pending, self.size = [], 0

    def _load(self) -> None:
        while (chunk := self.chunks.get()) is not None:
            if self.failure is None and not self.cancelled:
                try:
                    self.store.load(chunk, format=ox.RdfFormat.N_TRIPLES)
                except BaseException as exc:  # raised in the writing thread
                    self.failure = exc

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None and self.pending:
                self._hand_over()
        finally:
            self.cancelled = kind is not None  # the chunks still queued are not loaded
            self.chunks.put(None)
            self.thread.join()
        if kind is None and self.failure is not None:
            raise self.failure


def write_in_background(temporary, nt, output, jsonld, stack: ExitStack) -> Future | None:
    """Start writing the Turtle and JSON-LD in a second process, when the graph is large
    enough for that to pay; None when it is not."""
    if temporary[nt].stat().st_size < PARALLEL_BYTES:
        return None
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked threads
    pool = stack.enter_context(
        ProcessPoolExecutor(1, mp_context=context, initializer=signal.signal, initargs=IGNORE_INT)
    )
    stack.push(stop_writing)
    return pool.submit(write_serialisations, temporary[nt], temporary[output], temporary[jsonld])


IGNORE_INT = (signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent acts


def stop_writing(kind, value, traceback) -> bool:
    """On leaving with an error (a violation, a signal), end the writing process at once rather
    than wait for files that are to be deleted."""
    if kind is not None:
        for child in multiprocessing.active_children():
            child.kill()
    return False


def write_serialisations(nt: Path, turtle: Path, jsonld: Path) -> None:
    """The Turtle and JSON-LD of an N-Triples file, in its order."""
    with turtle.open("wb") as out:
        write_turtle(parse_lines(nt), out)
    with jsonld.open("wb") as out:
        write_jsonld(parse_lines(nt), out)
