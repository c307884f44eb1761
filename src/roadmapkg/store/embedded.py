"""Where queries run: the embedded stores (pyoxigraph, the default, or rdflib) loaded from the
emitted graph, or one on disk; `remote` is a SPARQL 1.1 endpoint. All answer in the `results`
shapes, so the same saved query gives the same rows everywhere."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Graph, URIRef, Variable
from rdflib.term import Node

from .. import paths
from ..errors import RoadmapError, one_line
from ..rdf import sparqlterms
from ..rdf.load import checked_format
from ..rdf.sparql import is_geospatial
from .choices import DEFAULT_GRAPH
from .results import Result, Rows, literal_term


class Store(Protocol):
    def query(self, text: str, bindings: dict[str, Node]) -> Result: ...

    def update(self, text: str) -> None: ...


class RdflibStore:
    """rdflib's in-memory graph: the plain reference engine."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        if is_geospatial(text):  # rdflib would answer as if the function gave nothing
            raise RoadmapError(
                "query failed: rdflib does not evaluate GeoSPARQL functions (geof:): "
                "run it on the default engine, oxigraph"
            )
        try:
            result = self.graph.query(
                text, initBindings={Variable(k): v for k, v in bindings.items()}
            )
            if result.type == "SELECT":
                rows = [list(row) for row in result]
        except (OSError, ValueError) as exc:  # SERVICE calls that cannot reach their endpoint
            raise RoadmapError(f"query failed: {one_line(exc)}") from None
        if result.type == "ASK":
            return Rows([], [], boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            graph = Graph()
            for triple in result.graph:
                graph.add(triple)
            return graph
        return Rows([str(v) for v in result.vars], rows)

    def update(self, text: str) -> None:
        self.graph.update(text)


class OxigraphStore:
    """pyoxigraph, in memory (the fast default) or on disk (`--store PATH`). Queries read the
    named graph `graph`, or the default graph when it is None."""

    # queries may run in threads side by side: much of pyoxigraph's work is done without the GIL
    # (every saved query on 100k events: 6.2 s on two threads, 7.4 s on one)
    concurrent = True

    def __init__(self, store, graph: str | None = None) -> None:
        self.store = store
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        from ..files.interrupts import in_worker

        with failing_as_query_error():  # in a worker, so that Ctrl-C stops a long query
            return in_worker(lambda: self._read(self._evaluate(text, bindings)))

    def select_text(self, text: str, bindings: dict[str, Node]) -> tuple[list[str], Iterator]:
        """The variables of a SELECT query and an iterator of its rows as the W3C CSV format
        writes them (`results.plain`), made from the solutions without building RDF terms."""
        import pyoxigraph as ox

        with failing_as_query_error():
            result = self._evaluate(text, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise RoadmapError("query failed: not a SELECT query")

        def rows() -> Iterator[list[str]]:
            with failing_as_query_error():
                for solution in result:
                    yield [plain_oxigraph(term) for term in solution]

        return [v.value for v in result.variables], rows()

    def _evaluate(self, text: str, bindings: dict[str, Node]):
        import pyoxigraph as ox

        # pyoxigraph's own `substitutions` only binds variables of the SELECT projection, so
        # parameters go in a VALUES block, as for a remote endpoint. Results are lazy: errors
        # (a SERVICE that cannot be reached) come while reading them.
        default = ox.NamedNode(self.graph) if self.graph else None
        return self.store.query(sparqlterms.substitute(text, bindings), default_graph=default)

    @staticmethod
    def _read(result) -> Result:
        import pyoxigraph as ox

        if isinstance(result, ox.QueryBoolean | bool):
            return Rows([], [], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            for t in result:
                graph.add(
                    (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
                )
            return graph
        variables = [v.value for v in result.variables]
        converted: dict = {None: None}  # a value met again (a date, a class) is converted once
        rows = []
        for solution in result:
            row = []
            for term in solution:
                node = converted.get(term)
                if node is None and term is not None:
                    node = converted[term] = from_oxigraph(term)
                row.append(node)
            rows.append(row)
        return Rows(variables, rows)

    def update(self, text: str) -> None:
        self.store.update(text)

    def load(self, file: Path, graph: str) -> int:
        """Replace the named graph with the file's triples in one step: load into a scratch
        graph, then MOVE it over the old one (a single, transactional update)."""
        import uuid

        import pyoxigraph as ox

        scratch = f"urn:uuid:{uuid.uuid4()}"
        try:
            self.store.load(
                path=str(file), format=checked_format(file), to_graph=ox.NamedNode(scratch)
            )
        except (OSError, SyntaxError, ValueError) as exc:
            self.store.update(f"DROP SILENT GRAPH <{scratch}>")
            raise RoadmapError(f"{file}: {one_line(exc)}") from None
        self.store.update(f"MOVE SILENT GRAPH <{scratch}> TO GRAPH {sparqlterms.iri(graph)}")
        self.store.flush()
        return self.count(graph)

    def count(self, graph: str) -> int:
        import pyoxigraph as ox

        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def open_persistent(location: Path, graph: str = DEFAULT_GRAPH) -> OxigraphStore:
    """The pyoxigraph store on disk at `location` (created if absent), reading `graph`."""
    import shutil

    import pyoxigraph as ox

    new = not location.exists()
    try:
        return OxigraphStore(ox.Store(str(location)), graph)
    except OSError as exc:
        if new:  # what the failed creation left (disk full, read-only)
            shutil.rmtree(location, ignore_errors=True)
        raise RoadmapError(f"{location}: cannot open the store ({one_line(exc)})") from None


@contextlib.contextmanager
def failing_as_query_error() -> Iterator[None]:
    """pyoxigraph's errors (syntax, evaluation, a SERVICE out of reach) as one-line errors."""
    try:
        yield
    except (SyntaxError, RuntimeError, ValueError, OSError) as exc:
        raise RoadmapError(f"query failed: {one_line(exc)}") from None


def plain_oxigraph(term) -> str:
    """`results.plain` of a pyoxigraph term: an IRI or lexical form, ``_:id`` for a blank."""
    import pyoxigraph as ox

    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def from_oxigraph(term) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return literal_term(term.value, term.datatype.value, term.language)


def open_embedded(files: list[Path] | None = None, engine: str = "oxigraph") -> Store:
    """An in-memory store holding `files` (default: the emitted graph)."""
    files = files or [paths.GRAPH]
    if engine == "rdflib":
        from ..rdf.load import load_graph

        return RdflibStore(load_graph(files))
    import pyoxigraph as ox

    store = ox.Store()
    for file in files:
        try:
            store.load(path=str(file), format=checked_format(file))
        except (OSError, SyntaxError, ValueError) as exc:
            raise RoadmapError(f"{file}: {one_line(exc)}") from None
    return OxigraphStore(store)
