"""The dataset description: DCAT-AP 3 (a catalogue, the dataset, its distributions and its
SPARQL service) and VoID (its size, subsets, vocabularies, example resources, dumps), made from
the graph it describes, so that it cannot drift from it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, OWL, RDF, RDFS, VOID, XSD

from ..rdf import ontology, terms
from ..rdf.namespaces import BASE, DCT, ID, ONTOLOGY_IRI, RK, bind_prefixes
from ..rdf.nodes import period_iri, period_lines, statement_lines
from ..rdf.serialise import SERIALISERS
from . import release

CATALOG = ID["catalog/roadmapkg"]
DATASET = ID["dataset/roadmapkg"]  # the void:Dataset the linksets of data/links.ttl start from
PUBLISHER = ID["agent/roadmapkg-developers"]
SPARQL_SERVICE = ID["service/sparql"]
SPARQL_DISTRIBUTION = ID["distribution/roadmap-sparql"]
# w3id/.htaccess sends it to /sparql on the site's host, which must pass it on to a SPARQL server
SPARQL_ENDPOINT = URIRef(BASE + "sparql")
LANDING_PAGE = URIRef(BASE)
CURATION = ID["source/curation"]  # data/sources/sources.csv: evidence basis CuratedInference

IANA = Namespace("http://www.iana.org/assignments/media-types/")
# The EU Vocabularies' authority tables of file types and data themes: the curators chose the
# codes, but no copy of these two tables is in the reference data (../shared/reference), so they
# are not verified. The description says so: each triple naming one is described by an
# rdf:Statement sourced to the curators (rk:CuratedInference), with UNVERIFIED as its note.
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
UNVERIFIED = (
    "Curated, not verified: the curators chose this code of the EU Vocabularies' {table} table, "
    "of which the project's reference data holds no copy to check it against."
)
# verified in ../shared/reference/links.tsv (country table 20221214-0; EuroVoc 2023)
EUROPEAN_UNION = URIRef("http://publications.europa.eu/resource/authority/country/EUR")
EUROVOC_THEMES = (
    URIRef("http://eurovoc.europa.eu/3355"),  # drug traffic
    URIRef("http://eurovoc.europa.eu/5560"),  # organised crime
)
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3, not yet in rdflib's closed namespace
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
KEYWORDS = ("drug trafficking", "organised crime", "EU Roadmap", "seizures", "linked open data")
SERVICE_DESCRIPTION = (
    "A SPARQL 1.1 endpoint over this dataset. Its address, https://w3id.org/roadmapkg/sparql, "
    "leads to /sparql on the host of the roadmapkg site, which answers only where the host "
    "passes it on to a SPARQL server holding the graph: an Oxigraph server started by "
    "'roadmapkg serve' (its endpoint is /query), or a triple store loaded with 'roadmapkg "
    "load'. A static copy of the site alone has no endpoint."
)
CATALOG_DESCRIPTION = (
    "The catalogue of roadmapkg: the dataset of the EU Roadmap to fight drug trafficking and "
    "organised crime as linked open data, and its SPARQL service."
)
DESCRIPTION = (
    "The European Commission's factsheet 'EU Roadmap to fight drug trafficking and organised "
    "crime' (October 2023) as linked open data: the policy documents it builds on, its four "
    "pillars and nine actions, the actors and instruments involved, operations and seizures "
    "with their results, key figures and implementation status over time; every statement "
    "traceable to its source, with links to the EU authority tables, EuroVoc and Wikidata."
)


@dataclass(frozen=True)
class Dump:
    """One downloadable serialisation of the graph."""

    format: str  # a key of output.SERIALISERS
    path: str  # where the site holds it, and where its w3id IRI leads
    media_type: str
    file_type: str  # code in the EU file-type table
    title: str

    @property
    def iri(self) -> URIRef:
        return ID[f"distribution/roadmap-{self.path.rsplit('.', 1)[-1]}"]

    @property
    def url(self) -> URIRef:
        return URIRef(BASE + self.path)


DUMPS = (
    Dump("turtle", "data/roadmap.ttl", "text/turtle", "RDF_TURTLE", "The graph in Turtle"),
    Dump(
        "json-ld", "data/roadmap.jsonld", "application/ld+json", "JSON_LD", "The graph in JSON-LD"
    ),
    Dump(
        "nt", "data/roadmap.nt", "application/n-triples", "RDF_N_TRIPLES", "The graph in N-Triples"
    ),
)


def temporal_coverage(graph: Graph) -> tuple[Literal, Literal] | None:
    """From the earliest to the latest date the graph states (events, issues, periods)."""
    dates = [
        value
        for predicate in (RK.date, DCT.issued, DCT.dateAccepted, DCAT.startDate, DCAT.endDate)
        for value in graph.objects(None, predicate)
        if isinstance(value, Literal) and value.datatype in (XSD.date, XSD.gYearMonth, XSD.gYear)
    ]
    if not dates:
        return None
    ordered = sorted(dates, key=lambda d: (str(d), str(d.datatype)))
    return ordered[0], ordered[-1]


def add_period(graph: Graph, start: Literal, end: Literal) -> URIRef:
    """A dct:PeriodOfTime node, named by its bounds as the build names periods."""
    text = f"{start}/{end}"
    graph.parse(data="".join(period_lines(terms.of(start), terms.of(end), text)), format="nt")
    return URIRef(terms.value(period_iri(text)))


def vocabularies(graph: Graph) -> list[URIRef]:
    """The namespaces of the properties and classes the graph uses (void:vocabulary)."""
    terms = set(graph.predicates()) | set(graph.objects(None, RDF.type))
    found = set()
    for term in terms:
        text = str(term)
        cut = max(text.rfind("#"), text.rfind("/")) + 1
        found.add(URIRef(text[:cut]))
    return sorted(found)


def describe(graph: Graph, dumps: dict[str, bytes]) -> Graph:
    """DCAT-AP 3 and VoID description of `graph`, whose serialisations are `dumps` (keyed by
    site path, as `dumps()` makes them; their sizes become dcat:byteSize)."""
    onto = ontology.load()
    out = Graph()
    bind_prefixes(out)
    out.bind("void", VOID)
    licence = URIRef(release.data_licence())  # the ontology's own is the code's
    name = onto.value(ONTOLOGY_IRI, DCT.creator)
    for predicate, value in ((RDF.type, FOAF.Agent), (FOAF.name, name), (RDFS.label, name)):
        out.add((PUBLISHER, predicate, value))
    add_catalog(out, licence)
    add_dataset(out, graph, licence)
    for dump in DUMPS:
        add_dump(out, dump, licence, len(dumps[dump.path]))
    add_service(out, licence)
    return out


def titled(out: Graph, node: URIRef, cls: URIRef, title: Literal) -> None:
    """`node` typed `cls`, with its title also as its label (for the site's pages)."""
    out.add((node, RDF.type, cls))
    out.add((node, DCT.title, title))
    out.add((node, RDFS.label, title))


def unverified(out: Graph, subject: URIRef, predicate: URIRef, table: str, code: str) -> None:
    """A triple naming a code of an EU table that the reference data cannot verify, and the
    rdf:Statement that says so (sourced to the curators, with a note)."""
    namespace = {"data-theme": DATA_THEME, "file-type": FILE_TYPE}[table]
    out.add((subject, predicate, namespace[code]))
    key = str(subject).rsplit("/", 1)[-1]
    prefix, _, local = out.namespace_manager.normalizeUri(predicate).partition(":")
    _, lines = statement_lines(
        f"{key}--{prefix}-{local}--{table}-{code}",
        *map(terms.of, (subject, predicate, namespace[code], CURATION)),
        UNVERIFIED.format(table=table),
    )
    out.parse(data="".join(lines), format="nt")


def add_catalog(out: Graph, licence) -> None:
    c = CATALOG
    titled(out, c, DCAT.Catalog, Literal("roadmapkg catalogue", lang="en"))
    out.add((c, DCT.description, Literal(CATALOG_DESCRIPTION, lang="en")))
    out.add((c, DCT.publisher, PUBLISHER))
    out.add((c, DCT.license, licence))
    out.add((c, DCT.modified, Literal(release.released())))
    out.add((c, FOAF.homepage, LANDING_PAGE))
    out.add((c, DCAT.dataset, DATASET))
    out.add((c, DCAT.service, SPARQL_SERVICE))


def add_dataset(out: Graph, graph: Graph, licence) -> None:
    add, d, version = out.add, DATASET, release.version()
    titled(out, d, DCAT.Dataset, graph.value(d, RDFS.label) or Literal("roadmapkg", lang="en"))
    add((d, RDF.type, VOID.Dataset))
    add((d, DCT.description, Literal(DESCRIPTION, lang="en")))
    add((d, DCT.publisher, PUBLISHER))
    add((d, DCT.creator, PUBLISHER))
    add((d, DCT.license, licence))
    add((d, DCAT.landingPage, LANDING_PAGE))
    unverified(out, d, DCAT.theme, "data-theme", "JUST")  # Justice, legal system, public safety
    for theme in EUROVOC_THEMES:
        add((d, DCAT.theme, theme))
    for keyword in KEYWORDS:
        add((d, DCAT.keyword, Literal(keyword, lang="en")))
    add((d, DCT.spatial, EUROPEAN_UNION))
    period = temporal_coverage(graph)
    if period is not None:
        add((d, DCT.temporal, add_period(out, *period)))
    add((d, DCT.modified, Literal(release.released())))
    add((d, DCAT_VERSION, Literal(version)))
    add((d, OWL.versionInfo, Literal(version)))
    add((d, DCT.conformsTo, ONTOLOGY_IRI))
    add((d, DCAT.distribution, SPARQL_DISTRIBUTION))
    add((d, VOID.triples, Literal(len(graph))))
    add((d, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    for vocabulary in vocabularies(graph):
        add((d, VOID.vocabulary, vocabulary))
    for linkset in sorted(graph.subjects(RDF.type, VOID.Linkset)):
        add((d, VOID.subset, linkset))
    for cls in (RK.Roadmap, RK.Operation):  # one of each, the first by IRI
        examples = sorted(graph.subjects(RDF.type, cls))
        if examples:
            add((d, VOID.exampleResource, examples[0]))


def add_dump(out: Graph, dump: Dump, licence, size: int) -> None:
    """A distribution to download: its URL, media type, EU file type, size."""
    add, node = out.add, dump.iri
    add((DATASET, DCAT.distribution, node))
    add((DATASET, VOID.dataDump, dump.url))
    titled(out, node, DCAT.Distribution, Literal(dump.title, lang="en"))
    add((node, DCAT.accessURL, dump.url))
    add((node, DCAT.downloadURL, dump.url))
    add((node, DCAT.mediaType, IANA[dump.media_type]))
    unverified(out, node, DCT.format, "file-type", dump.file_type)
    add((node, DCT.license, licence))
    add((node, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))


def add_service(out: Graph, licence) -> None:
    """The SPARQL endpoint: a data service, and the distribution it gives access to."""
    add, s, e = out.add, SPARQL_SERVICE, SPARQL_DISTRIBUTION
    titled(out, s, DCAT.DataService, Literal("roadmapkg SPARQL endpoint", lang="en"))
    add((s, DCT.description, Literal(SERVICE_DESCRIPTION, lang="en")))
    add((s, DCAT.endpointURL, SPARQL_ENDPOINT))
    add((s, DCT.conformsTo, SPARQL_PROTOCOL))
    add((s, DCAT.servesDataset, DATASET))
    add((s, DCT.license, licence))
    titled(out, e, DCAT.Distribution, Literal("The graph through the SPARQL endpoint", lang="en"))
    add((e, DCT.description, Literal(SERVICE_DESCRIPTION, lang="en")))
    add((e, DCAT.accessURL, SPARQL_ENDPOINT))
    add((e, DCAT.accessService, s))
    add((e, DCT.license, licence))


def dumps(graph: Graph) -> dict[str, bytes]:
    """The graph's serialisations, keyed by their site path."""
    return {dump.path: SERIALISERS[dump.format](graph) for dump in DUMPS}
