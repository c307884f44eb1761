"""`roadmapkg import eurostat`: a Eurostat table -> a statistics graph in Turtle, streamed to a
temporary file, validated against the statistics shapes, then renamed into place (on any error
nothing is written)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF, SKOS

from .. import paths
from ..errors import NotConforming, RoadmapError
from ..files.atomic import staged
from ..rdf.serialise import write_turtle
from . import vocab
from .codes import read_geo, read_iccs
from .cube import (
    FREQUENCIES,
    Origin,
    Table,
    dataset_triples,
    flag_triples,
    geo_triples,
    iccs_triples,
    observation_triples,
)
from .eurostat import Cell, read_cells

TABLES = {
    "crim_off_cat": Table(
        "crim_off_cat",
        "Police-recorded offences by offence category",
        ("freq", "iccs", "unit", "geo"),
    )
}
# Copies whose provenance has been established, by SHA-256, with the attribution to use (from
# ../shared/reference/statistics/SOURCES.md); any other file is cited as Eurostat's own.
KNOWN_COPIES = {
    "0cf2d8fc94f28f922fea92807485f0471b2d884678024a2dcb8965b255e468af": (
        "Source: Eurostat, crim_off_cat (police-recorded offences by offence category), via the "
        "GitHub repository klbek/Analysis-of-Crime-in-the-EU; status flags removed by that "
        "repository; not verified against Eurostat by roadmapkg."
    )
}


@dataclass(frozen=True)
class Imported:
    observations: int
    output: Path


def import_eurostat(
    file: Path, output: Path, dataset: str = "crim_off_cat", engine: str = "oxigraph"
) -> Imported:
    """Convert the Eurostat table in `file` (.tsv or .tsv.gz) to RDF Data Cube observations in
    the Turtle file `output`, validated by `engine` against the statistics shapes."""
    from ..validate.shacl import conforms, report, validate_files

    if dataset not in TABLES:
        raise RoadmapError(f"unknown dataset {dataset!r} (known: {', '.join(TABLES)})")
    if output.suffix != ".ttl":
        raise RoadmapError(f"--output must name a .ttl file: {output}")
    if not file.is_file():
        raise RoadmapError(f"{paths.display(file)}: file not found")
    table = TABLES[dataset]
    geo, iccs = read_geo(), read_iccs()
    codes = {"freq": FREQUENCIES, "iccs": iccs, "unit": unit_codes(), "geo": geo}
    origin = origin_of(file, table)
    counted = Counted(read_cells(file, {d: codes[d] for d in table.key}))
    flags: set[str] = set()

    def last() -> Iterator[ox.Triple]:  # after the observations: the flags met, the count
        yield from flag_triples(flags)
        yield from dataset_triples(table, origin, counted.count)

    with staged([output]) as temporary:
        with temporary[output].open("wb") as out:
            triples = chain(
                ox.parse(path=vocab.ONTOLOGY, format=ox.RdfFormat.TURTLE),
                geo_triples(geo.values()),
                iccs_triples(iccs.values()),
                observation_triples(table, counted, flags),
                last(),
            )
            write_turtle(triples, out, vocab.TURTLE_PREFIXES)
        findings = validate_files([temporary[output]], vocab.SHAPES, engine, vocab.QC)
        if not conforms(findings):
            raise NotConforming(report(findings))
    return Imported(counted.count, output)


class Counted:
    """The cells of a table, counted as they pass."""

    def __init__(self, cells: Iterable[Cell]) -> None:
        self.cells, self.count = cells, 0

    def __iter__(self) -> Iterator[Cell]:
        for cell in self.cells:
            self.count += 1
            yield cell


def unit_codes() -> set[str]:
    """The units the statistics vocabulary defines (stat:Unit), by their code."""
    triples = list(ox.parse(path=vocab.ONTOLOGY, format=ox.RdfFormat.TURTLE))
    units = {t.subject for t in triples if t.predicate.value == str(RDF.type)
             and t.object.value == str(vocab.STAT.Unit)}  # fmt: skip
    return {t.object.value for t in triples
            if t.subject in units and t.predicate.value == str(SKOS.notation)}  # fmt: skip


def origin_of(file: Path, table: Table) -> Origin:
    """The file's name and SHA-256, and the attribution for that copy."""
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    sha256 = digest.hexdigest()
    citation = KNOWN_COPIES.get(sha256, f"Source: Eurostat, {table.code} ({table.title.lower()}).")
    return Origin(file.name, sha256, citation)
