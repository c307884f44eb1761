"""The namespaces, files and IRIs of the statistics graph (the Data Cube and SDMX-RDF terms,
roadmapkg's own statistics terms), and the one function that mints each kind of IRI."""

from __future__ import annotations

from rdflib import Namespace

from .. import paths
from ..rdf.namespaces import BASE, ID, PREFIXES

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
STAT = Namespace(BASE + "statistics#")
COUNTRY_TABLE = Namespace("http://publications.europa.eu/resource/authority/country/")
EUROSTAT = "http://publications.europa.eu/resource/authority/corporate-body/ESTAT"

ONTOLOGY = paths.ROOT / "ontology" / "statistics.ttl"
SHAPES = paths.ROOT / "ontology" / "statistics-shapes.ttl"
QC = paths.ROOT / "ontology" / "statistics-qc"
GEO_TABLE = paths.SOURCES / "eurostat_geo.csv"
ICCS_TABLE = paths.SOURCES / "iccs_categories.csv"

# Prefixes of the statistics graph's Turtle: the project's vocabularies and these.
TURTLE_PREFIXES = dict(
    sorted(
        {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}.items()
        | {
            "qb": str(QB),
            "sdmx-dimension": str(SDMX_DIMENSION),
            "sdmx-measure": str(SDMX_MEASURE),
            "sdmx-code": str(SDMX_CODE),
            "stat": str(STAT),
        }.items()
    )
)


def dataset_iri(dataset: str) -> str:
    return str(ID[f"dataset/{dataset}"])


def observation_iri(dataset: str, key: tuple[str, ...], year: str) -> str:
    """One IRI per key and year: the same cell of the same table always has the same IRI."""
    return str(ID[f"observation/{dataset}/{'/'.join(key)}/{year}"])


def geo_iri(code: str) -> str:
    return str(ID[f"eurostat-geo/{code}"])


def iccs_iri(code: str) -> str:
    return str(ID[f"iccs/{code}"])


def flag_iri(letter: str) -> str:
    return str(ID[f"eurostat-flag/{letter}"])
