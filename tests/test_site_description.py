"""The site's dataset description (DCAT-AP, VoID), checked by the DCAT-AP shapes on both
engines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, RDF, RDFS, SH, SKOS, VOID

from helpers.outside import shared_file
from helpers.site import DCAT
from roadmapkg import paths
from roadmapkg.rdf.load import load_graph
from roadmapkg.rdf.namespaces import BASE, DCT, ID, RK
from roadmapkg.site import release
from roadmapkg.site.describe import CATALOG, DATASET, PUBLISHER
from roadmapkg.site.describe import SPARQL_SERVICE as SERVICE
from roadmapkg.validate.choices import ENGINES
from roadmapkg.validate.shacl import curie, qc_findings, report, validate_files, validate_graph

pytestmark = pytest.mark.slow


def dcat_ap_findings(graph: Graph, engine: str, folder: Path) -> list:
    """The findings of the DCAT-AP shapes on `graph`, by either validation engine."""
    if engine == "pyshacl":
        return validate_graph(graph, paths.DCAT_AP_SHAPES)
    data = folder / "description.nt"
    data.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return validate_files([data], paths.DCAT_AP_SHAPES, engine="oxigraph")


@pytest.mark.parametrize("engine", ENGINES)
def test_dataset_description_conforms_to_the_dcat_ap_shapes(description, engine, tmp_path):
    assert report(dcat_ap_findings(description, engine, tmp_path)) == (
        "Conforms: 0 violation(s), 0 warning(s)."
    )


TTL = ID["distribution/roadmap-ttl"]
SPARQL = ID["distribution/roadmap-sparql"]
# One counter-example per property shape of ontology/dcat-ap-shapes.ttl: (shape, node, property,
# the value it gets instead of its own: None removes it), with the finding expected.
COUNTER_EXAMPLES = {
    "Catalog-title": (CATALOG, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has a title (dct:title)."),
    "Catalog-description": (CATALOG, DCT.description, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has a description (dct:description)."),
    "Catalog-publisher": (CATALOG, DCT.publisher, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has one publisher (dct:publisher), a foaf:Agent."),
    "Catalog-dataset": (CATALOG, DCAT.dataset, None, "Warning",
        "Recommended: a catalogue lists its datasets (dcat:dataset), each a dcat:Dataset."),
    "Dataset-title": (DATASET, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a dataset has a title (dct:title)."),
    "Dataset-description": (DATASET, DCT.description, None, "Violation",
        "Mandatory in DCAT-AP 3: a dataset has a description (dct:description)."),
    "Dataset-distribution": (DATASET, DCAT.distribution, None, "Warning",
        "Recommended in DCAT-AP 3: a dataset lists its distributions (dcat:distribution)."),
    "Dataset-publisher": (DATASET, DCT.publisher, CATALOG, "Warning",
        "Recommended in DCAT-AP 3: one publisher (dct:publisher), a foaf:Agent."),
    "Dataset-theme": (DATASET, DCAT.theme, Literal("justice"), "Warning",
        "Recommended in DCAT-AP 3: a theme (dcat:theme) from a controlled vocabulary."),
    "Dataset-keyword": (DATASET, DCAT.keyword, None, "Warning",
        "Recommended in DCAT-AP 3: keywords (dcat:keyword)."),
    "Dataset-spatial": (DATASET, DCT.spatial, None, "Warning",
        "Recommended in DCAT-AP 3: the area covered (dct:spatial)."),
    "Dataset-temporal": (DATASET, DCT.temporal, None, "Warning",
        "Recommended in DCAT-AP 3: the period covered (dct:temporal), a dct:PeriodOfTime."),
    "Dataset-modified": (DATASET, DCT.modified, Literal("2026-11"), "Violation",
        "The modification date (dct:modified) is one xsd:date."),
    "Distribution-accessURL": (TTL, DCAT.accessURL, None, "Violation",
        "Mandatory in DCAT-AP 3: a distribution has an access URL (dcat:accessURL), an IRI."),
    "Distribution-downloadURL": (TTL, DCAT.downloadURL, Literal("data/roadmap.ttl"), "Violation",
        "A download URL (dcat:downloadURL) is an IRI."),
    "Distribution-accessService": (SPARQL, DCAT.accessService, DATASET, "Violation",
        "The service giving access to a distribution (dcat:accessService) is a dcat:DataService."),
    "Distribution-mediaType": (TTL, DCAT.mediaType, None, "Warning",
        "Recommended in DCAT-AP 3: one media type (dcat:mediaType), an IANA IRI."),
    "Distribution-format": (TTL, DCT.format, None, "Warning",
        "Recommended in DCAT-AP 3: one format (dct:format) from the EU file-type table."),
    "DataService-title": (SERVICE, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a data service has a title (dct:title)."),
    "DataService-endpointURL": (SERVICE, DCAT.endpointURL, None, "Violation",
        "Mandatory in DCAT-AP 3: a data service has an endpoint URL (dcat:endpointURL), an IRI."),
    "DataService-servesDataset": (SERVICE, DCAT.servesDataset, PUBLISHER, "Warning",
        "Recommended in DCAT-AP 3: the datasets a service serves (dcat:servesDataset)."),
    "Agent-name": (PUBLISHER, FOAF.name, None, "Violation",
        "Mandatory in DCAT-AP 3: an agent has a name (foaf:name)."),
}  # fmt: skip


def test_every_dcat_ap_property_shape_has_a_counter_example():
    shapes = Graph().parse(paths.DCAT_AP_SHAPES)
    named = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    assert named == set(COUNTER_EXAMPLES)
    assert set(shapes.objects(None, SH.property)) <= set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):  # named, and in plain words
        assert shapes.value(shape, SH.name) and shapes.value(shape, SH.message), shape


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("shape", sorted(COUNTER_EXAMPLES))
def test_dcat_ap_shape_catches_its_counter_example(description, shape, engine, tmp_path):
    node, predicate, value, severity, message = COUNTER_EXAMPLES[shape]
    broken = Graph() + description
    assert (node, predicate, None) in broken
    broken.remove((node, predicate, None))
    for statement in set(broken.subjects(RDF.subject, node)):  # and what describes it
        if (statement, RDF.predicate, predicate) in broken:
            broken.remove((statement, None, None))
    if value is not None:
        broken.add((node, predicate, value))
    findings = dcat_ap_findings(broken, engine, tmp_path)
    assert [(f.severity, f.focus, f.path, f.message) for f in findings] == [
        (severity, str(node), curie(predicate), message)
    ]


def test_the_sparql_endpoint_is_a_distribution_through_its_data_service(description):
    endpoint = URIRef(BASE + "sparql")
    assert SPARQL in set(description.objects(DATASET, DCAT.distribution))
    assert (SPARQL, RDF.type, DCAT.Distribution) in description
    assert description.value(SPARQL, DCAT.accessURL) == endpoint
    assert description.value(SPARQL, DCAT.accessService) == SERVICE
    assert description.value(SPARQL, DCAT.downloadURL) is None  # not a file
    assert (SERVICE, RDF.type, DCAT.DataService) in description
    assert description.value(SERVICE, DCAT.endpointURL) == endpoint
    assert description.value(DATASET, VOID.sparqlEndpoint) == endpoint
    assert set(description.objects(CATALOG, DCAT.dataset)) == {DATASET}
    assert set(description.objects(CATALOG, DCAT.service)) == {SERVICE}
    # where it really is: what `roadmapkg serve` serves (/query), or a store it was loaded into
    words = str(description.value(SERVICE, DCT.description))
    assert "'roadmapkg serve' (its endpoint is /query)" in words and "'roadmapkg load'" in words
    assert "A static copy of the site alone has no endpoint." in words


def test_eu_table_codes_are_verified_or_marked_curated(description, data):
    """Only identifiers the reference data verifies are published as they are; the data-theme
    and file-type codes, which it cannot verify, are marked: an rdf:Statement sourced to the
    curators (a curated inference) with a note saying they are not verified."""
    verified = {
        row[2]
        for row in csv.reader(shared_file("reference", "links.tsv").open(), delimiter="\t")
        if row[3:4] == ["verified"]
    }
    marked = {
        (description.value(st, RDF.subject), description.value(st, RDF.object))
        for st in description.subjects(DCT.source, ID["source/curation"])
        if str(description.value(st, SKOS.note)).startswith("Curated, not verified:")
    }
    external = sorted(
        (s, o)
        for s, p, o in description
        if str(o).startswith(("http://publications.europa.eu/", "http://eurovoc.europa.eu/"))
        and p != RDF.object
    )
    assert len(external) == 7
    assert [(s, o) for s, o in external if str(o) not in verified and (s, o) not in marked] == []
    assert {str(o).rsplit("/", 2)[-2] for _, o in marked} == {"data-theme", "file-type"}
    assert data.value(ID["source/curation"], RK.evidenceBasis) == RK.CuratedInference
    assert qc_findings(data + description) == qc_findings(data) == []  # notes, asserted triples


def test_void_and_dcat_describe_the_data_in_the_site(site, description, data):
    d = DATASET
    assert description.value(d, VOID.triples).toPython() == len(data)
    links = load_graph([paths.LINKS])
    assert set(description.objects(d, VOID.subset)) == set(links.subjects(RDF.type, VOID.Linkset))
    dumps = sorted(description.objects(d, VOID.dataDump))
    assert [str(u) for u in dumps] == [BASE + f"data/roadmap.{s}" for s in ("jsonld", "nt", "ttl")]
    for url in dumps:
        file = site / str(url)[len(BASE) :]
        assert isomorphic(load_graph([file]), data), file
        distribution = description.value(None, DCAT.downloadURL, url)
        assert description.value(distribution, DCAT.byteSize).toPython() == file.stat().st_size
    media = {str(m) for m in description.objects(None, DCAT.mediaType)}
    assert media == {
        f"http://www.iana.org/assignments/media-types/{t}"
        for t in ("text/turtle", "application/ld+json", "application/n-triples")
    }
    assert description.value(d, DCAT.theme / RDFS.label) is None  # themes are IRIs only
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/JUST") in set(
        description.objects(d, DCAT.theme)
    )
    assert description.value(d, DCT.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/EUR"
    )
    period = description.value(d, DCT.temporal)
    assert (
        str(description.value(period, DCAT.startDate)),
        str(description.value(period, DCAT.endDate)),
    ) == ("2011", "2030")  # to the end of the Drugs Strategy 2026-2030 (documents.csv)
    assert str(description.value(d, DCAT["version"])) == release.version()
    assert description.value(d, DCT.modified).toPython() == release.released()
    assert {str(v) for v in description.objects(d, VOID.vocabulary)} >= {
        "https://w3id.org/roadmapkg/ontology#", "http://www.w3.org/2004/02/skos/core#",
        "http://qudt.org/schema/qudt/", "http://purl.org/dc/terms/",
    }  # fmt: skip
    assert set(description.objects(d, VOID.exampleResource)) == {
        ID["document/roadmap"], ID["event/encrochat-dismantling"],
    }  # fmt: skip
