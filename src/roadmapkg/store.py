"""Where queries run: the embedded stores (pyoxigraph, the default, or rdflib) loaded from the
emitted graph, or a remote SPARQL 1.1 endpoint through SPARQLWrapper. All answer in the
`results` shapes, so the same saved query gives the same rows everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Graph, URIRef, Variable
from rdflib.term import Node

from . import paths
from .errors import RoadmapError
from .results import Result, Rows, literal

USER_AGENT = "roadmapkg (https://w3id.org/roadmapkg/)"
ENGINES = ("oxigraph", "rdflib")


class EndpointError(RoadmapError):
    """A remote endpoint could not answer."""

    exit_code = 3


class Store(Protocol):
    def query(self, text: str, bindings: dict[str, Node]) -> Result: ...

    def update(self, text: str) -> None: ...


class RdflibStore:
    """rdflib's in-memory graph: the plain reference engine."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        result = self.graph.query(text, initBindings={Variable(k): v for k, v in bindings.items()})
        if result.type == "ASK":
            return Rows([], [], boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            graph = Graph()
            for triple in result.graph:
                graph.add(triple)
            return graph
        variables = [str(v) for v in result.vars]
        return Rows(variables, [list(row) for row in result])

    def update(self, text: str) -> None:
        self.graph.update(text)


class OxigraphStore:
    """pyoxigraph's in-memory store: the fast default."""

    def __init__(self, store) -> None:
        self.store = store

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        import pyoxigraph as ox

        # pyoxigraph's own `substitutions` only binds variables of the SELECT projection, so
        # parameters go in as escaped terms, exactly as for a remote endpoint.
        try:
            result = self.store.query(substitute(text, bindings))
        except (SyntaxError, RuntimeError, ValueError) as exc:
            raise RoadmapError(f"query failed: {' '.join(str(exc).split())}") from None
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
        rows = [
            [from_oxigraph(s[v]) if s[v] is not None else None for v in variables] for s in result
        ]
        return Rows(variables, rows)

    def update(self, text: str) -> None:
        self.store.update(text)


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

    formats = {
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".jsonld": ox.RdfFormat.JSON_LD,
    }
    store = ox.Store()
    for file in files:
        if file.suffix not in formats:
            raise RoadmapError(f"{file}: unknown RDF format (expected .ttl, .nt or .jsonld)")
        try:
            store.load(path=str(file), format=formats[file.suffix])
        except (OSError, SyntaxError, ValueError) as exc:
            raise RoadmapError(f"{file}: {' '.join(str(exc).split())}") from None
    return OxigraphStore(store)


class RemoteStore:
    """A SPARQL 1.1 endpoint; parameters are sent as escaped RDF terms, never raw text."""

    def __init__(self, endpoint: str, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def _wrapper(self, text: str):
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(self.timeout))
        wrapper.setQuery(text)
        return wrapper

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        from SPARQLWrapper import JSON, TURTLE

        text = substitute(text, bindings)
        wrapper = self._wrapper(text)
        is_graph = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if is_graph else JSON)
        raw = self._run(wrapper)
        if is_graph:
            return Graph().parse(data=raw, format="turtle")
        data = json.loads(raw)
        if "boolean" in data:
            return Rows([], [], boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [[from_json(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
        return Rows(variables, rows)

    def update(self, text: str) -> None:
        self._run(self._wrapper(text))

    def _run(self, wrapper) -> bytes:
        from urllib.error import HTTPError, URLError

        try:
            response = wrapper.query().response.read()
        except HTTPError as exc:
            raise EndpointError(f"{self.endpoint}: HTTP {exc.code} {exc.reason}") from None
        except URLError as exc:
            raise EndpointError(f"{self.endpoint}: cannot connect ({exc.reason})") from None
        except (TimeoutError, OSError) as exc:
            raise EndpointError(f"{self.endpoint}: {exc}") from None
        except Exception as exc:  # SPARQLWrapper wraps HTTP errors in its own exceptions
            message = " ".join(str(exc).split())[:300]
            raise EndpointError(f"{self.endpoint}: {type(exc).__name__}: {message}") from None
        return response


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

    Values never become query syntax: `queries.term` accepts only well-formed IRIs and rdflib
    writes literals escaped (``n3()``). The variables stay variables, so ``BOUND(?__x)`` works."""
    if not bindings:
        return text
    names = " ".join(f"?{v}" for v in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    for match in WHERE_CLAUSE.finditer(text):
        if match["where"]:
            return text[: match.end()] + block + text[match.end() :]
    return f"{text}\nVALUES ({names}) {{ ({values}) }}\n"
