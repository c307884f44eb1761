"""The static Linked Data site: a home page, a page per entity with its data beside it
(``.ttl``, ``.jsonld``, ``.nt``), the ontology's documentation, the saved queries with their
answers, the network views, the data and its DCAT-AP/VoID description. Relative links only, so
it works from any folder or server; the same sources give the same bytes."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from .. import paths
from ..errors import RoadmapError
from ..rdf import ontology
from ..rdf.formats import media_type, rdflib_name
from ..rdf.namespaces import DCT, ONTOLOGY_IRI, RK, bind_prefixes
from ..rdf.serialise import SERIALISERS, jsonld, ntriples, turtle
from . import release
from .describe import DUMPS, describe, dumps
from .entities import Reader, Value, entity_iris, fragment_id, page_path, path_problem, relative
from .folder import check_target, write_tree

FEDERATED = (
    "A federated query: it calls other SPARQL endpoints over the network, so it is not run here."
)
TEMPLATES = Path(__file__).parent / "templates"
# an entity's data beside its page: suffix -> (media type, serialiser)
ALTERNATES = {s: (media_type(s), SERIALISERS[rdflib_name(s)]) for s in (".ttl", ".jsonld", ".nt")}
COPIED = {
    "ontology/shapes.ttl": paths.SHAPES,
    "ontology/dcat-ap-shapes.ttl": paths.DCAT_AP_SHAPES,
    "ontology/context.jsonld": paths.CONTEXT,
}


class Renderer:
    """Jinja2 templates (autoescaped) rendered for one page at a time, links made relative."""

    def __init__(self, statistics: bool = False) -> None:
        import jinja2

        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        onto = ontology.load()
        self.common = {
            "version": release.version(),
            "licence": str(onto.value(ONTOLOGY_IRI, DCT.license)),
            "statistics": statistics,  # the nav links to statistics.html
        }

    def __call__(self, template: str, page: str, title: str, alternates=(), **context) -> bytes:
        html = self.env.get_template(template).render(
            **self.common,
            **context,
            title=title,
            alternates=alternates,
            link=lambda target: relative(target, page),
        )
        return html.encode("utf-8")


def with_site_nav(html: bytes, page: str, marker: bytes, render: Renderer) -> bytes:
    """A page the site does not template (pyLODE's, a network view) with the links back to the
    home page and the ontology and the site's search box, put just after `marker` (an opening
    tag of that page)."""
    if marker not in html:
        raise RoadmapError(f"{page}: no {marker.decode()} to put the site's links after")
    nav = render("site-nav.html", page, "")
    return html.replace(marker, marker + b"\n" + nav, 1)


def version_folder(onto: Graph) -> str:
    """Where the site holds the copy its owl:versionIRI leads to: ``ontology/0.1.0``."""
    version_iri = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    if version_iri is None or not str(version_iri).startswith(str(ONTOLOGY_IRI) + "/"):
        raise RoadmapError(f"{paths.ONTOLOGY}: owl:versionIRI must be {ONTOLOGY_IRI}/VERSION")
    return "ontology/" + str(version_iri)[len(str(ONTOLOGY_IRI)) + 1 :]


def ontology_files(onto: Graph, docs: bytes, render: Renderer) -> dict[str, bytes]:
    """The ontology in Turtle (the file itself), JSON-LD and N-Triples, and its documentation:
    as ``ontology/roadmap.*`` (the ontology IRI) and again in the folder of its version IRI."""
    formats = {".ttl": paths.ONTOLOGY.read_bytes(), ".jsonld": jsonld(onto), ".nt": ntriples(onto)}
    files = {}
    for folder in ("ontology", version_folder(onto)):
        for suffix, content in formats.items():
            files[f"{folder}/roadmap{suffix}"] = content
        page = f"{folder}/roadmap.html"
        files[page] = with_site_nav(docs, page, b'<div id="content">', render)
    return files


def entity_files(
    reader: Reader, render: Renderer, series: dict[URIRef, str] | None = None
) -> dict[str, bytes]:
    """Each entity's page, and its concise bounded description in three formats beside it; a
    country with statistics links to its section of the statistics page (`series`)."""
    files, series = {}, series or {}
    for iri in reader.entities():
        entity = reader.entity(iri)
        described = reader.description(iri)
        alternates = [
            (media, entity.alternate(suffix)) for suffix, (media, _) in ALTERNATES.items()
        ]
        files[entity.path] = render(
            "entity.html", entity.path, entity.title, alternates, entity=entity,
            series=series.get(iri, ""),
        )  # fmt: skip
        for suffix, (_, serialise) in ALTERNATES.items():
            files[entity.alternate(suffix)] = serialise(described)
    return files


@dataclass(frozen=True)
class Group:
    """The entities of one class on the index page, under a heading whose id is `anchor`."""

    anchor: str  # from the class's CURIE: reused classes have no label, their Value no note
    cls: Value
    members: list[Value]


def entity_index(reader: Reader) -> list[Group]:
    """Entities grouped by their class (the ontology's own class first), groups by name."""
    groups: dict[URIRef | None, list[Value]] = {}
    for iri in reader.entities():
        classes = sorted(
            ontology.own_classes(reader.graph.objects(iri, RDF.type), reader.onto),
            key=lambda c: (not str(c).startswith(str(RK)), str(c)),
        )
        groups.setdefault(classes[0] if classes else None, []).append(reader.value(iri))
    found = []
    for cls, members in groups.items():
        if cls is None:
            value, name = Value("Not typed"), "untyped"
        else:
            value, name = reader.term(cls), reader.graph.namespace_manager.normalizeUri(cls)
        found.append(
            Group(fragment_id(name), value, sorted(members, key=lambda v: (v.text, v.href)))
        )
    return sorted(found, key=lambda g: (g.cls.text, g.anchor))


def gallery(reader: Reader, store) -> list[dict]:
    """Every saved query with its answer on `store`; federated ones are shown, not run."""
    from ..queries.saved import execute, is_federated, load_all

    shown = []
    for query in load_all():
        entry = {
            "name": query.name,
            "summary": query.summary,
            "tags": query.tags,
            "text": query.text,
            "note": "",
            "boolean": None,
            "variables": [],
            "rows": [],
        }
        if is_federated(query):
            entry["note"] = FEDERATED
        elif query.is_update:
            entry["note"] = "An update: it would change the graph, so it is not run here."
        else:
            result = execute(query, store, {})
            if isinstance(result, Graph):
                entry["variables"] = ["subject", "predicate", "object"]
                entry["rows"] = [[reader.value(t) for t in triple] for triple in sorted(result)]
            elif result.boolean is not None:
                entry["boolean"] = str(result.boolean).lower()
            else:
                entry["variables"] = result.variables
                entry["rows"] = [
                    [reader.value(v) if v is not None else None for v in row] for row in result.rows
                ]
        shown.append(entry)
    return shown


def folder_problem(page: str, files: dict[str, URIRef]) -> str:
    """Why the folders of the entity page `page` cannot be made: one of them is the file of
    an entity (``id/actor/x.html/y.html`` beside ``id/actor/x.html``), or ''."""
    folder = posixpath.dirname(page)
    while folder.startswith("id/"):
        if folder in files:
            return f"needs a folder {folder}, which is a file of <{files[folder]}>"
        folder = posixpath.dirname(folder)
    return ""


def check_entities(graph: Graph, data: list[Path]) -> None:
    """Refuse a graph with an entity IRI that names no file inside the site (`path_problem`),
    or whose files need a folder where another entity has a file."""
    iris = entity_iris(graph)
    files = {page_path(iri, suffix): iri for iri in iris for suffix in (".html", *ALTERNATES)}
    for iri in iris:
        problem = path_problem(iri) or folder_problem(page_path(iri), files)
        if problem:
            files = ", ".join(paths.display(file) for file in data)
            raise RoadmapError(
                f"{files}: entity IRI <{iri}> {problem}: the site names an entity's files after "
                "its IRI, so it refuses this one"
            )


def site_files(
    data: list[Path],
    progress: Callable[[str], None] = lambda _: None,
    statistics: Path | None = None,
) -> dict[str, bytes]:
    """Every file of the site, keyed by its path in the site; with `statistics` (the Turtle
    file `roadmapkg import eurostat` wrote), the statistics page too."""
    from ..export.choices import VIEWS
    from ..export.views import build_view
    from ..export.writers import html as view_html
    from ..rdf.load import load_graph
    from ..store.embedded import open_embedded
    from . import home, mappage, querypage, search, statspage, timeline
    from .ontodocs import model_svg, ontology_docs, reused_vocabularies

    graph = load_graph(data)
    check_entities(graph, data)
    statistics_store, countries = statspage.load(data, statistics)
    files = dumps(graph)
    description = describe(graph, files)
    files["dataset.ttl"] = turtle(description)
    pages = Graph()
    bind_prefixes(pages)
    pages += graph
    pages += description

    progress("ontology documentation (pyLODE)")
    render = Renderer(statistics_store is not None)
    onto = ontology.load()
    docs = ontology_docs(onto)
    files.update(ontology_files(onto, docs.html, render))
    files["ontology/model.svg"] = model_svg(onto)
    for target, source in COPIED.items():
        files[target] = source.read_bytes()

    reader = Reader(pages, docs.anchors)
    progress(f"{len(reader.entities())} entity pages")
    files.update(entity_files(reader, render, statspage.series_links(countries)))
    files["entities.html"] = render(
        "entities.html",
        "entities.html",
        "Every entity",
        groups=entity_index(reader),
        total=len(reader.entities()),
    )
    files["ontology/index.html"] = render(
        "ontology.html", "ontology/index.html", str(onto.value(ONTOLOGY_IRI, DCT.title)),
        [(media, f"ontology/roadmap{suffix}") for suffix, (media, _) in ALTERNATES.items()],
        description=str(onto.value(ONTOLOGY_IRI, DCT.description)), iri=str(ONTOLOGY_IRI),
        ontology_version=str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)),
        version_iri=str(onto.value(ONTOLOGY_IRI, OWL.versionIRI)),
        version_folder=version_folder(onto), modified=str(onto.value(ONTOLOGY_IRI, DCT.modified)),
        vocabularies=reused_vocabularies(onto),
    )  # fmt: skip

    store = open_embedded(data)
    progress("saved queries and network views")
    files["queries.html"] = render(
        "queries.html", "queries.html", "Saved queries", queries=gallery(reader, store)
    )
    files.update(querypage.files(graph, render))
    files.update(search.files(reader))
    files.update(timeline.files(reader, render))
    files.update(mappage.files(reader, render))
    if statistics_store is not None:
        progress("statistics page")
        files.update(statspage.files(statistics_store, countries, reader, render))
    for view in VIEWS:
        page = f"views/{view}.html"
        drawn = view_html(build_view(store, view), lambda iri: "../" + page_path(iri))
        files[page] = with_site_nav(drawn, page, b"<aside>", render)
    files["index.html"] = render(
        "home.html", "index.html", "EU Roadmap to fight drug trafficking and organised crime",
        [("text/turtle", "dataset.ttl")], views=VIEWS, dumps=DUMPS, **home.home(reader),
    )  # fmt: skip
    return files


def build_site(
    output: Path,
    data: list[Path] | None = None,
    progress: Callable[[str], None] = lambda _: None,
    statistics: Path | None = None,
) -> dict[str, bytes]:
    """Build the site from the graph in `data` (default data/roadmap.ttl) into `output`, with
    the statistics page when `statistics` names the file `roadmapkg import eurostat` wrote."""
    check_target(output)
    files = site_files(data or [paths.GRAPH], progress, statistics)
    write_tree(files, output)
    return files
