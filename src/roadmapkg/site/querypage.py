"""The site's SPARQL page: the graph loaded into Oxigraph compiled to WebAssembly, in the
reader's browser, a YASGUI editor (Yasqe), every saved query in a picker with its parameters
as form fields, results as a table linked to the entity pages, downloadable as CSV and JSON.
No server and no network: everything it needs is a file of the site."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..export.writers import script_json
from ..queries.saved import is_federated, load_all
from ..rdf.namespaces import PREFIXES, expand_curie
from ..rdf.serialise import ntriples
from ..rdf.sparql import SavedQuery
from . import vendor
from .entities import entity_iris, page_path

ASSETS = Path(__file__).parent / "templates" / "assets"
OWN_ASSETS = ("query.js", "query.css")
KINDS = {"iri", "string", "integer", "number", "xsd:integer", "xsd:decimal", "xsd:date"}


def parameter_entry(query: SavedQuery, parameter) -> dict:
    """A parameter as the page's form shows and binds it: its variable, its type (a language
    code gives a language-tagged string, a prefix:datatype a typed literal) and its default."""
    kind = parameter.type
    datatype = expand_curie(kind) if ":" in kind else None
    return {
        "name": parameter.name,
        "variable": parameter.variable,
        "required": parameter.required,
        "type": kind,
        "datatype": str(datatype) if datatype is not None else None,
        "language": None if kind in KINDS or ":" in kind else kind,
        "default": query.defaults.get(parameter.name, ""),
    }


def query_entry(query: SavedQuery) -> dict:
    """A saved query as the page's picker holds it."""
    return {
        "name": query.name,
        "summary": query.summary,
        "form": query.form,
        "text": query.text,
        "federated": is_federated(query),
        "parameters": [parameter_entry(query, p) for p in query.parameters],
    }


def saved_queries() -> list[dict]:
    """Every saved query that reads the graph (updates left out), for a picker."""
    return [query_entry(q) for q in load_all() if not q.is_update]


def prefixes() -> dict[str, str]:
    """The project's prefixes, preset in the editor."""
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def page_data(pages: dict[str, str], endpoint: str | None = None) -> dict:
    """What query.js reads: the saved queries, the prefixes, each entity's page (IRI -> path)
    and the endpoint to send queries to (None: Oxigraph in the page, on the graph script)."""
    return {
        "queries": saved_queries(),
        "prefixes": prefixes(),
        "pages": pages,
        "endpoint": endpoint,
    }


def graph_script(graph: Graph) -> bytes:
    """The graph as N-Triples inside a classic script (a page from ``file://`` cannot fetch)."""
    text = ntriples(graph).decode("utf-8")
    return f"window.ROADMAPKG_GRAPH = {script_json(text)};\n".encode()


def assets() -> dict[str, bytes]:
    """The page's scripts and styles, vendored and own, by their path in the site."""
    found = vendor.assets()
    for name in OWN_ASSETS:
        found[f"assets/{name}"] = (ASSETS / name).read_bytes()
    return found


def files(graph: Graph, render) -> dict[str, bytes]:
    """``query.html`` (rendered by the site's `render`), its assets and the graph as a script."""
    found = assets()
    found["assets/graph.js"] = graph_script(graph)
    data = page_data({str(iri): page_path(iri) for iri in entity_iris(graph)})
    found["query.html"] = render(
        "query.html", "query.html", "SPARQL in your browser",
        data=script_json(data), count=len(data["queries"]), endpoint=None,
    )  # fmt: skip
    return found
