"""A remote SPARQL 1.1 endpoint as a store: queries and updates sent by the project's HTTP
client (`http`), the answers read by SPARQLWrapper, in the `results` shapes."""

from __future__ import annotations

import io
import json
import urllib.parse
import urllib.request
import urllib.response
import warnings
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..errors import RoadmapError, one_line
from ..rdf import sparqlterms
from ..rdf.formats import media_type
from .choices import DEFAULT_GRAPH
from .endpoint import Endpoint, EndpointError
from .http import call, count_graph, fetch, put_graph
from .results import Result, Rows, literal_term

MAX_GET_QUERY = 2000
RESULT_TYPES = "application/sparql-results+json"
GRAPH_TYPES = "text/turtle, application/n-triples;q=0.9"


class RemoteStore:
    """A SPARQL 1.1 server: queries and updates sent by the project's HTTP client (`http`:
    credentials, deadline, size cap, retries) as the SPARQL 1.1 Protocol says, their answers
    converted by SPARQLWrapper; loads through the Graph Store Protocol. Parameters are sent in a
    VALUES block, never as raw text."""

    def __init__(self, endpoint: Endpoint, graph: str | None = DEFAULT_GRAPH) -> None:
        self.endpoint = endpoint
        self.graph = graph

    def query(self, text: str, bindings: dict[str, Node]) -> Result:
        from SPARQLWrapper import JSON, TURTLE

        text = sparqlterms.substitute(text, bindings)
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
        put_graph(self.endpoint, graph, body, len(body), upload_type(file))
        return count_graph(self.endpoint, graph)

    def count(self, graph: str) -> int:
        return count_graph(self.endpoint, graph)


def remote_form(endpoint: Endpoint, text: str) -> str:
    """The form of a query about to be sent, by parsing it (SPARQLWrapper's own guess, by
    matching words, took a SELECT whose comment says INSERT for an update)."""
    from pyparsing import ParseException

    from ..rdf.sparql import form_of

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
    return literal_term(term["value"], term.get("datatype"), term.get("xml:lang"))


# Comments and string literals are skipped, so a WHERE inside them is not taken for the clause.
def upload_type(file: Path) -> str:
    """The Content-Type a file is sent with: its media type, saying UTF-8 for a text type."""
    media = media_type(file)
    return f"{media}; charset=utf-8" if media.startswith("text/") else media
