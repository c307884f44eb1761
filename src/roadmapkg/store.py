"""Where queries run: the embedded stores (pyoxigraph, the default, or rdflib) loaded from the
emitted graph, or a remote SPARQL 1.1 endpoint (the project's HTTP client sends, SPARQLWrapper
reads the answers). All answer in the
`results` shapes, so the same saved query gives the same rows everywhere."""

from __future__ import annotations

import contextlib
import io
import json
import re
import urllib.parse
import urllib.request
import urllib.response
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Graph, URIRef, Variable
from rdflib.term import Node

from . import paths, sparqlterms
from .endpoint import Endpoint, EndpointError, call, count_graph, fetch, put_graph
from .errors import RoadmapError, one_line
from .inputs import check_input
from .results import Result, Rows, literal

ENGINES = ("oxigraph", "rdflib")
DEFAULT_GRAPH = "https://w3id.org/roadmapkg/graph"
MAX_GET_QUERY = 2000
RESULT_TYPES = "application/sparql-results+json"
GRAPH_TYPES = "text/turtle, application/n-triples;q=0.9"
MEDIA_TYPES = {
    ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
}


class Store(Protocol):
    def query(self, text: str, bindings: dict[str, Node]) -> Result: ...

    def update(self, text: str) -> None: ...


class RdflibStore:
    """rdflib's in-memory graph: the plain reference engine."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        from .geometry import is_geospatial

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
        from .interrupts import in_worker

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
        return self.store.query(substitute(text, bindings), default_graph=default)

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
            self.store.load(path=str(file), format=rdf_format(file), to_graph=ox.NamedNode(scratch))
        except (OSError, SyntaxError, ValueError) as exc:
            self.store.update(f"DROP SILENT GRAPH <{scratch}>")
            raise RoadmapError(f"{file}: {one_line(exc)}") from None
        self.store.update(f"MOVE SILENT GRAPH <{scratch}> TO GRAPH {sparqlterms.iri(graph)}")
        self.store.flush()
        return self.count(graph)

    def count(self, graph: str) -> int:
        import pyoxigraph as ox

        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def rdf_format(file: Path):
    """pyoxigraph's format for a file, by extension; refuses unknown extensions and files that
    would make a parser fetch a URL or expand entities (`inputs.check_input`)."""
    import pyoxigraph as ox

    formats = {
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".jsonld": ox.RdfFormat.JSON_LD,
        ".rdf": ox.RdfFormat.RDF_XML,
    }
    if file.suffix not in formats:
        known = ", ".join(formats)
        raise RoadmapError(f"{file}: unknown RDF format (expected {known})")
    check_input(file)
    return formats[file.suffix]


def count_triples(file: Path) -> int:
    """Triples in an RDF file, parsed by pyoxigraph."""
    import pyoxigraph as ox

    try:
        return sum(1 for _ in ox.parse(path=str(file), format=rdf_format(file)))
    except (OSError, SyntaxError, ValueError) as exc:
        raise RoadmapError(f"{file}: {one_line(exc)}") from None


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
    return literal(term.value, term.datatype.value, term.language)


def open_embedded(files: list[Path] | None = None, engine: str = "oxigraph") -> Store:
    """An in-memory store holding `files` (default: the emitted graph)."""
    files = files or [paths.GRAPH]
    if engine == "rdflib":
        from .validate import load_graph

        return RdflibStore(load_graph(files))
    import pyoxigraph as ox

    store = ox.Store()
    for file in files:
        try:
            store.load(path=str(file), format=rdf_format(file))
        except (OSError, SyntaxError, ValueError) as exc:
            raise RoadmapError(f"{file}: {one_line(exc)}") from None
    return OxigraphStore(store)


class RemoteStore:
    """A SPARQL 1.1 server: queries and updates sent by the project's HTTP client (`endpoint`:
    credentials, deadline, size cap, retries) as the SPARQL 1.1 Protocol says, their answers
    converted by SPARQLWrapper; loads through the Graph Store Protocol. Parameters are sent in a
    VALUES block, never as raw text."""

    def __init__(self, endpoint: Endpoint, graph: str | None = DEFAULT_GRAPH) -> None:
        self.endpoint = endpoint
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        from SPARQLWrapper import JSON, TURTLE

        text = substitute(text, bindings)
        is_graph = remote_form(self.endpoint, text) in ("CONSTRUCT", "DESCRIBE")
        fields = [("query", text)] + ([("default-graph-uri", self.graph)] if self.graph else [])
        accept, wanted = (GRAPH_TYPES, TURTLE) if is_graph else (RESULT_TYPES, JSON)
        raw, answer = self._send(fields, accept, idempotent=True, answer_format=wanted)
        try:
            if is_graph:
                if isinstance(answer, Graph):  # RDF/XML or JSON-LD, which SPARQLWrapper parses
                    return answer
                return Graph().parse(data=answer, format="turtle")
            if isinstance(answer, bytes):  # no known media type: read as the JSON asked for
                answer = json.loads(answer)
            if "boolean" in answer:
                return Rows([], [], boolean=bool(answer["boolean"]))
            variables = answer["head"]["vars"]
            rows = answer["results"]["bindings"]
            return Rows(variables, [[from_json(b.get(v)) for v in variables] for b in rows])
        except (ValueError, SyntaxError, KeyError, TypeError, AttributeError):
            start = " ".join(raw[:200].decode("utf-8", "replace").split())
            raise EndpointError(
                f"{self.endpoint.url}: the answer is not a SPARQL result: {start!r}"
            ) from None

    def update(self, text: str) -> None:
        self._send([("update", text)], "*/*", idempotent=False)

    def _send(
        self,
        fields: list[tuple[str, str]],
        accept: str,
        idempotent: bool,
        answer_format: str | None = None,
    ) -> tuple[bytes, object]:
        """Send a query (by GET if its URL stays short, else by POST: servers refuse long URLs
        with 414) or an update (always POST); the raw answer and, given the `answer_format` asked
        for, SPARQLWrapper's conversion of it by media type (a dict for JSON results, bytes for
        Turtle, a graph for RDF/XML)."""
        from SPARQLWrapper import QueryResult

        form = urllib.parse.urlencode(fields)
        url = self.endpoint.url
        if idempotent and len(form) <= MAX_GET_QUERY:
            separator = "&" if urllib.parse.urlsplit(url).query else "?"
            request = urllib.request.Request(f"{url}{separator}{form}")
        else:
            request = urllib.request.Request(url, data=form.encode("ascii"), method="POST")
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Accept", accept)
        status, headers, raw = call(
            self.endpoint, lambda: fetch(self.endpoint, request), idempotent=idempotent
        )
        if answer_format is None:
            return raw, None
        response = urllib.response.addinfourl(io.BytesIO(raw), headers, url, status)
        with warnings.catch_warnings():  # an unexpected answer is reported by the caller
            warnings.simplefilter("ignore")
            try:
                return raw, QueryResult((response, answer_format)).convert()
            except Exception:  # whatever a parser makes of a server's bytes: not a result
                return raw, None

    def load(self, file: Path, graph: str) -> int:
        body = file.read_bytes()
        put_graph(self.endpoint, graph, body, len(body), MEDIA_TYPES[file.suffix])
        return count_graph(self.endpoint, graph)

    def count(self, graph: str) -> int:
        return count_graph(self.endpoint, graph)


def remote_form(endpoint: Endpoint, text: str) -> str:
    """The form of a query about to be sent, by parsing it (SPARQLWrapper's own guess, by
    matching words, took a SELECT whose comment says INSERT for an update)."""
    from pyparsing import ParseException

    from .queries import form_of

    try:
        return form_of(text)
    except ParseException as error:
        message = f"{endpoint.url}: query not sent: SPARQL syntax error: {one_line(error)}"
        raise RoadmapError(message) from None


def from_json(term: dict | None) -> Node | None:
    """A term of the SPARQL 1.1 JSON results format."""
    if term is None:
        return None
    if term["type"] == "uri":
        return URIRef(term["value"])
    if term["type"] == "bnode":
        return BNode(term["value"])
    return literal(term["value"], term.get("datatype"), term.get("xml:lang"))


# Comments and string literals are skipped, so a WHERE inside them is not taken for the clause.
WHERE_CLAUSE = re.compile(
    r"""#[^\n]*|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'"""
    r"|(?P<where>\bWHERE\s*\{)",
    re.IGNORECASE,
)


def substitute(text: str, bindings: dict[str, Node]) -> str:
    """The query with a VALUES block binding each parameter, at the start of its WHERE clause.

    Values never become query syntax: each is written by the one strict escaper,
    `sparqlterms.term`. The variables stay variables, so ``BOUND(?__x)`` works."""
    if not bindings:
        return text
    names = " ".join(f"?{v}" for v in bindings)
    values = " ".join(sparqlterms.term(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    for match in WHERE_CLAUSE.finditer(text):
        if match["where"]:
            return text[: match.end()] + block + text[match.end() :]
    return f"{text}\nVALUES ({names}) {{ ({values}) }}\n"
