"""The dataset description: DCAT-AP 3 (what the dataset is, its distributions and its SPARQL
service) and VoID (its size, subsets, vocabularies, example resources, dumps), made from the
graph it describes, so that it cannot drift from it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, OWL, RDF, RDFS, VOID, XSD

from . import ontology, release
from .namespaces import BASE, DCT, ID, ONTOLOGY_IRI, RK, bind_prefixes, mint
from .output import SERIALISERS

DATASET = ID["dataset/roadmapkg"]  # the void:Dataset the linksets of data/links.ttl start from
PUBLISHER = ID["agent/roadmapkg-developers"]
SPARQL_SERVICE = ID["service/sparql"]
SPARQL_ENDPOINT = URIRef(BASE + "sparql")  # w3id/.htaccess sends it where the site is hosted
LANDING_PAGE = URIRef(BASE)

IANA = Namespace("http://www.iana.org/assignments/media-types/")
# The EU Vocabularies' authority tables of file types and data themes. Their codes are the
# published ones, but no copy of these two tables is in ../shared/reference to check them by.
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
# verified in ../shared/reference/links.tsv (country table 20221214-0; EuroVoc 2023)
EUROPEAN_UNION = URIRef("http://publications.europa.eu/resource/authority/country/EUR")
EUROVOC_THEMES = (
    URIRef("http://eurovoc.europa.eu/3355"),  # drug traffic
    URIRef("http://eurovoc.europa.eu/5560"),  # organised crime
)
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3, not yet in rdflib's closed namespace
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
KEYWORDS = ("drug trafficking", "organised crime", "EU Roadmap", "seizures", "linked open data")
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
    node = mint("period", f"{start}--{end}")
    graph.add((node, RDF.type, DCT.PeriodOfTime))
    graph.add((node, RDFS.label, Literal(f"{start}/{end}")))
    graph.add((node, DCAT.startDate, start))
    graph.add((node, DCAT.endDate, end))
    return node


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
    version, modified = release.version(), release.released()
    licence = onto.value(ONTOLOGY_IRI, DCT.license)
    out = Graph()
    bind_prefixes(out)
    out.bind("void", VOID)
    add = out.add

    add((PUBLISHER, RDF.type, FOAF.Agent))
    add((PUBLISHER, FOAF.name, onto.value(ONTOLOGY_IRI, DCT.creator)))
    add((PUBLISHER, RDFS.label, onto.value(ONTOLOGY_IRI, DCT.creator)))

    d = DATASET
    for cls in (DCAT.Dataset, VOID.Dataset):
        add((d, RDF.type, cls))
    title = graph.value(d, RDFS.label) or Literal("roadmapkg", lang="en")
    add((d, DCT.title, title))
    add((d, RDFS.label, title))
    add((d, DCT.description, Literal(DESCRIPTION, lang="en")))
    add((d, DCT.publisher, PUBLISHER))
    add((d, DCT.creator, PUBLISHER))
    add((d, DCT.license, licence))
    add((d, DCAT.landingPage, LANDING_PAGE))
    add((d, DCAT.theme, DATA_THEME.JUST))  # Justice, legal system and public safety
    for theme in EUROVOC_THEMES:
        add((d, DCAT.theme, theme))
    for keyword in KEYWORDS:
        add((d, DCAT.keyword, Literal(keyword, lang="en")))
    add((d, DCT.spatial, EUROPEAN_UNION))
    period = temporal_coverage(graph)
    if period is not None:
        add((d, DCT.temporal, add_period(out, *period)))
    add((d, DCT.modified, Literal(modified)))
    add((d, DCAT_VERSION, Literal(version)))
    add((d, OWL.versionInfo, Literal(version)))
    add((d, DCT.conformsTo, ONTOLOGY_IRI))

    add((d, VOID.triples, Literal(len(graph))))
    add((d, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    for vocabulary in vocabularies(graph):
        add((d, VOID.vocabulary, vocabulary))
    for linkset in sorted(graph.subjects(RDF.type, VOID.Linkset)):
        add((d, VOID.subset, linkset))
    for cls in (RK.Roadmap, RK.Operation):
        for example in sorted(graph.subjects(RDF.type, cls)):
            add((d, VOID.exampleResource, example))

    for dump in DUMPS:
        node = dump.iri
        add((d, DCAT.distribution, node))
        add((d, VOID.dataDump, dump.url))
        add((node, RDF.type, DCAT.Distribution))
        add((node, DCT.title, Literal(dump.title, lang="en")))
        add((node, RDFS.label, Literal(dump.title, lang="en")))
        add((node, DCAT.accessURL, dump.url))
        add((node, DCAT.downloadURL, dump.url))
        add((node, DCAT.mediaType, IANA[dump.media_type]))
        add((node, DCT.format, FILE_TYPE[dump.file_type]))
        add((node, DCT.license, licence))
        size = Literal(len(dumps[dump.path]), datatype=XSD.nonNegativeInteger)
        add((node, DCAT.byteSize, size))

    s = SPARQL_SERVICE
    service_title = Literal("roadmapkg SPARQL endpoint", lang="en")
    add((s, RDF.type, DCAT.DataService))
    add((s, DCT.title, service_title))
    add((s, RDFS.label, service_title))
    add((s, DCAT.endpointURL, SPARQL_ENDPOINT))
    add((s, DCT.conformsTo, SPARQL_PROTOCOL))
    add((s, DCAT.servesDataset, d))
    add((s, DCT.license, licence))
    return out


def dumps(graph: Graph) -> dict[str, bytes]:
    """The graph's serialisations, keyed by their site path."""
    return {dump.path: SERIALISERS[dump.format](graph) for dump in DUMPS}
