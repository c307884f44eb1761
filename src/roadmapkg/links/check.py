"""Check the graph's links against authority tables (files, downloaded files or SPARQL
endpoints): every target must exist there and not be deprecated."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..build.mappings import AT, LINK_PREDICATES
from ..errors import RoadmapError
from ..rdf import sparqlterms
from ..rdf.formats import is_rdf_file, media_type
from ..rdf.load import load_graph
from ..store.endpoint import Endpoint
from ..store.http import download
from ..store.remote import RemoteStore


@dataclass(frozen=True)
class Problem:
    subject: str
    predicate: str
    object: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} <{self.object}>: {self.message}"


def authority_entries(table: Graph) -> dict[str, bool]:
    """Concept IRI -> deprecated, for every concept of an authority table."""
    entries = {}
    for concept in table.subjects(RDF.type, SKOS.Concept):
        flag = table.value(concept, URIRef(f"{AT}deprecated"))
        entries[str(concept)] = str(flag).lower() == "true"
    return entries


def remote_table(url: str, iris: list[str]) -> tuple[list[str], dict[str, bool]]:
    """The concept schemes a SPARQL endpoint holds (as IRI spaces), and concept IRI ->
    deprecated for those of the given IRIs it knows."""

    store = RemoteStore(Endpoint(url), graph=None)
    skos = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    schemes = store.query(f"{skos}SELECT ?s WHERE {{ ?s a skos:ConceptScheme }}", {})
    values = " ".join(sparqlterms.iri(iri) for iri in iris)
    concepts = store.query(
        f"{skos}SELECT ?c ?deprecated WHERE {{ VALUES ?c {{ {values} }} ?c a skos:Concept .\n"
        f"  OPTIONAL {{ ?c <{AT}deprecated> ?deprecated }} }}",
        {},
    )
    spaces = [f"{scheme}/" for (scheme,) in schemes.rows]
    return spaces, {str(c): str(d).lower() == "true" for c, d in concepts.rows}


def check_links(
    graph: Graph, tables: list[Path], endpoints: list[str]
) -> tuple[int, list[Problem]]:
    """Check every link into the given authority tables (files or SPARQL endpoints): the target
    must exist there and not be deprecated. Returns how many links were checked, and problems."""
    links = [
        (s, p, o)
        for p in LINK_PREDICATES.values()
        for s, o in graph.subject_objects(p)
        if isinstance(o, URIRef)
    ]
    entries: dict[str, bool] = {}
    spaces: list[str] = []
    for table in tables:
        loaded = load_graph([table])
        schemes = [f"{s}/" for s in loaded.subjects(RDF.type, SKOS.ConceptScheme)]
        if not schemes:
            raise RoadmapError(f"{table}: not an authority table (it has no skos:ConceptScheme)")
        spaces += schemes
        entries |= authority_entries(loaded)
    for url in endpoints:
        remote_spaces, remote = remote_table(url, sorted({str(o) for _, _, o in links}))
        if not remote_spaces:
            raise RoadmapError(f"{url}: holds no authority table (no skos:ConceptScheme)")
        spaces += remote_spaces
        entries |= remote
    checked, problems = 0, []
    for s, p, o in sorted(links):
        if not any(str(o).startswith(space) for space in spaces):
            continue
        checked += 1
        curie = graph.namespace_manager.normalizeUri
        if str(o) not in entries:
            problems.append(Problem(curie(s), curie(p), str(o), "not in the authority table"))
        elif entries[str(o)]:
            problems.append(
                Problem(curie(s), curie(p), str(o), "deprecated in the authority table")
            )
    return checked, problems


def table_targets(targets: list[str], folder: Path) -> tuple[list[Path], list[str]]:
    """The authority tables named by `--target`: files, and SPARQL endpoints. A URL whose path
    ends in an RDF file suffix (``.rdf``, ``.ttl``, ...) is a table file: it is downloaded into
    `folder` and read like a local one."""
    files, endpoints = [], []
    for target in targets:
        if not target.startswith(("http://", "https://")):
            files.append(Path(target))
            continue
        name = Path(urllib.parse.urlsplit(target).path).name
        if not is_rdf_file(name):
            endpoints.append(target)
            continue
        local = folder / str(len(files)) / name  # the file's own name, for messages
        local.parent.mkdir()
        local.write_bytes(download(Endpoint(target), media_type(name)))
        files.append(local)
    return files, endpoints
