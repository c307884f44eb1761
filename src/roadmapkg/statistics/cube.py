"""Eurostat cells -> RDF Data Cube triples (pyoxigraph terms), in a fixed order: the statistics
vocabulary and structure, the code lists, the observations in file order, the flags met, and
last the dataset's own description (it says how many cells were converted and from which file)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from . import vocab
from .codes import KINDS, Category, Geo
from .eurostat import Cell

FREQUENCIES = {"A": vocab.SDMX_CODE["freq-A"]}  # only annual tables: the columns are years
LICENCE = "https://ec.europa.eu/eurostat/web/main/help/copyright-notice"


@dataclass(frozen=True)
class Table:
    """What the importer knows of a Eurostat table: its code, title and key dimensions."""

    code: str
    title: str
    key: tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """The file a table was read from, and what is known of that copy."""

    name: str
    sha256: str
    citation: str


def iri(value) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def text(value: str, language: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def typed(value: str, datatype) -> ox.Literal:
    return ox.Literal(value, datatype=iri(datatype))


A = iri(RDF.type)


def geo_triples(geo: Iterable[Geo]) -> Iterator[ox.Triple]:
    """Each reference area: its kinds, code and label, and for a country its entry in the EU
    country authority table (owl:sameAs), the identifier the graph links its countries to."""
    for area in geo:
        s = iri(vocab.geo_iri(area.code))
        yield ox.Triple(s, A, iri(vocab.STAT.ReferenceArea))
        yield ox.Triple(s, A, iri(KINDS[area.kind]))
        if area.eu_member:
            yield ox.Triple(s, A, iri(vocab.STAT.EUMemberState))
        yield from concept_triples(s, vocab.STAT.GeoScheme, area.code, area.label)
        if area.authority_code:
            yield ox.Triple(s, iri(OWL.sameAs), iri(vocab.COUNTRY_TABLE[area.authority_code]))


def iccs_triples(categories: Iterable[Category]) -> Iterator[ox.Triple]:
    """Each offence category, with skos:broader to the category containing it."""
    for category in categories:
        s = iri(vocab.iccs_iri(category.code))
        yield ox.Triple(s, A, iri(vocab.STAT.OffenceCategory))
        yield from concept_triples(s, vocab.STAT.IccsScheme, category.code, category.label)
        if category.broader:
            yield ox.Triple(s, iri(SKOS.broader), iri(vocab.iccs_iri(category.broader)))
        else:
            yield ox.Triple(s, iri(SKOS.topConceptOf), iri(vocab.STAT.IccsScheme))


def concept_triples(s: ox.NamedNode, scheme, code: str, label: str) -> Iterator[ox.Triple]:
    yield ox.Triple(s, A, iri(SKOS.Concept))
    yield ox.Triple(s, iri(SKOS.inScheme), iri(scheme))
    yield ox.Triple(s, iri(SKOS.notation), text(code))
    yield ox.Triple(s, iri(SKOS.prefLabel), text(label, "en"))
    yield ox.Triple(s, iri(RDFS.label), text(label, "en"))


def observation_triples(
    table: Table, cells: Iterable[Cell], flags: set[str]
) -> Iterator[ox.Triple]:
    """One qb:Observation a cell; the flag letters met are added to `flags`."""
    dataset = iri(vocab.dataset_iri(table.code))
    at = {dimension: i for i, dimension in enumerate(table.key)}
    for cell in cells:
        s = iri(vocab.observation_iri(table.code, cell.key, cell.year))
        yield ox.Triple(s, A, iri(vocab.QB.Observation))
        yield ox.Triple(s, iri(vocab.QB.dataSet), dataset)
        yield ox.Triple(s, iri(vocab.SDMX_DIMENSION.freq), iri(FREQUENCIES[cell.key[at["freq"]]]))
        category = vocab.iccs_iri(cell.key[at["iccs"]])
        yield ox.Triple(s, iri(vocab.STAT.offenceCategory), iri(category))
        yield ox.Triple(s, iri(vocab.STAT.unit), iri(vocab.STAT[cell.key[at["unit"]]]))
        yield ox.Triple(
            s, iri(vocab.SDMX_DIMENSION.refArea), iri(vocab.geo_iri(cell.key[at["geo"]]))
        )
        yield ox.Triple(s, iri(vocab.SDMX_DIMENSION.timePeriod), typed(cell.year, XSD.gYear))
        datatype = XSD.decimal if "." in cell.value else XSD.integer
        yield ox.Triple(s, iri(vocab.SDMX_MEASURE.obsValue), typed(cell.value, datatype))
        for letter in cell.flags:
            yield ox.Triple(s, iri(vocab.STAT.flag), iri(vocab.flag_iri(letter)))
            flags.add(letter)


def flag_triples(flags: set[str]) -> Iterator[ox.Triple]:
    """The status flags met, by their letter (Eurostat's meaning is not restated here)."""
    for letter in sorted(flags):
        s = iri(vocab.flag_iri(letter))
        yield ox.Triple(s, A, iri(vocab.STAT.Flag))
        yield ox.Triple(s, A, iri(SKOS.Concept))
        yield ox.Triple(s, iri(SKOS.inScheme), iri(vocab.STAT.FlagScheme))
        yield ox.Triple(s, iri(SKOS.notation), text(letter))


def dataset_triples(table: Table, origin: Origin, observations: int) -> Iterator[ox.Triple]:
    """The qb:DataSet: Eurostat as publisher, the reuse notice as licence, the table's code,
    and the statement Eurostat's notice requires: that these data were converted."""
    s = iri(vocab.dataset_iri(table.code))
    yield ox.Triple(s, A, iri(vocab.QB.DataSet))
    yield ox.Triple(s, A, iri(DCAT.Dataset))
    yield ox.Triple(s, iri(vocab.QB.structure), iri(vocab.STAT[f"{table.code}-structure"]))
    yield ox.Triple(s, iri(DCTERMS.title), text(f"{table.title} (Eurostat, {table.code})", "en"))
    yield ox.Triple(s, iri(RDFS.label), text(f"{table.title} (Eurostat, {table.code})", "en"))
    yield ox.Triple(s, iri(DCTERMS.identifier), text(table.code))
    yield ox.Triple(s, iri(DCTERMS.publisher), iri(vocab.EUROSTAT))
    yield ox.Triple(s, iri(DCTERMS.license), iri(LICENCE))
    yield ox.Triple(s, iri(DCTERMS.bibliographicCitation), text(origin.citation, "en"))
    note = (
        f"Converted by roadmapkg from Eurostat's table {table.code} (file {origin.name}, "
        f"SHA-256 {origin.sha256}) into the RDF Data Cube vocabulary: {observations} "
        "observations, one for each cell holding a value; codes became links and the values "
        "are as in the file. These are modified (converted) Eurostat data: Eurostat is not "
        "responsible for this conversion or for any use of it."
    )
    yield ox.Triple(s, iri(DCTERMS.description), text(note, "en"))
