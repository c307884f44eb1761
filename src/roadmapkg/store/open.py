"""Which store a command talks to (a SPARQL endpoint, a pyoxigraph store on disk, or an
embedded store loaded from files), and replacing a graph in one, verified."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import RoadmapError
from ..rdf.load import count_triples
from ..rdf.sparqlterms import is_iri
from .embedded import Store, open_embedded, open_persistent
from .endpoint import MAX_RESPONSE, Endpoint, EndpointError
from .remote import RemoteStore


def open_store(
    endpoint: str | None,
    location: Path | None,
    graph: str,
    data: list[Path] | None = None,
    engine: str = "oxigraph",
    *,
    timeout: float = 30.0,
    user: str | None = None,
    password: str | None = None,
    max_response: int = MAX_RESPONSE,
    create: bool = False,
) -> Store:
    """The store named: an endpoint, an on-disk store at `location` (which must exist unless
    `create`), or the embedded default holding `data`."""
    if graph and not is_iri(graph):
        raise RoadmapError(f"--graph: not an absolute IRI: {graph!r}")
    if location and not create and not location.exists():
        raise RoadmapError(f"{location}: no store there (create one with roadmapkg load --store)")
    if endpoint:
        remote = Endpoint(endpoint, timeout, user, password, max_response=max_response)
        return RemoteStore(remote, graph=graph or None)
    if location:
        return open_persistent(location, graph)
    return open_embedded(data, engine=engine)


def load_verified(data: Path, graph: str, target: Callable[[], Store], where: str) -> int:
    """Replace `graph` in the store `target` opens with the triples of `data` (read first, so
    that a bad file opens nothing), then read it back: the number of triples, or
    `EndpointError` (exit 3) when the store did not take the graph as sent."""
    expected = count_triples(data)
    found = target().load(data, graph)
    if found != expected:
        raise EndpointError(
            f"{where}: the graph <{graph}> holds {found} triples after loading, expected {expected}"
        )
    return found
