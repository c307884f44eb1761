"""Where places are: the curated point geometries of ``data/sources/geometries.csv``, written as
GeoSPARQL (``geo:hasGeometry``, a ``geo:Geometry`` node, ``geo:asWKT`` a ``geo:wktLiteral``).

No coordinate is made up: each row copies one record of a named, licensed package (``package``,
``version``, ``record``: its id in that package) and cites it as its ``source``;
``tests/test_geometry.py`` reads the package and checks every row against it. A place without
a row (a country, a region, a sea area) has no geometry. The table is optional: sources without
it give a graph without geometries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib.namespace import RDFS

from ..errors import SourceError
from ..rdf import terms
from ..rdf.namespaces import DCT, GEO, RK, mint
from .schema import TABLES
from .sources import read_csv, table_rows
from .values import Entities, Statement

WKT = str(GEO.wktLiteral)
FILENAME = "geometries.csv"
COLUMNS = ("place", "longitude", "latitude", "package", "version", "record", "source")
NUMBER = re.compile(r"-?\d{1,3}(\.\d{1,8})?")


@dataclass(frozen=True)
class Point:
    """One curated row: a place's point (WGS 84 longitude and latitude, in decimal degrees, as
    written in the source) and the record it was copied from."""

    place: str  # the place's id in places.csv
    longitude: str
    latitude: str
    package: str
    version: str
    record: str
    source: str  # its id in sources.csv
    row: str  # file:line

    @property
    def wkt(self) -> str:
        """``POINT(longitude latitude)``: WKT's axis order for WGS 84 (CRS84), the GeoSPARQL
        default, so the literal names no coordinate reference system."""
        return f"POINT({self.longitude} {self.latitude})"

    @property
    def node(self) -> str:
        """The geometry's IRI: the place's, with ``/geometry``."""
        return f"{mint('place', self.place)}/geometry"


def coordinate(raw: str, bound: int, name: str, where: tuple[str, int]) -> str:
    """`raw` as a decimal within ±`bound` degrees, written as the source wrote it."""
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not NUMBER.fullmatch(raw) or abs(value) > bound:
        raise SourceError(
            *where, name, f"{raw!r} is not a {name} in decimal degrees between -{bound} and {bound}"
        )
    return raw


def read_points(directory: Path, entities: Entities) -> list[Point]:
    """The rows of `directory`/geometries.csv, checked: a place of places.csv (once), both
    coordinates in range, the package, version and record named, sources of sources.csv."""
    path = directory / FILENAME
    if not path.is_file():
        return []
    points: dict[str, Point] = {}
    for row in read_csv(path, COLUMNS):
        where = (row.path, row.line)
        values = row.values
        for name in COLUMNS:
            if not values[name]:
                raise SourceError(*where, name, "required")
        place = values["place"]
        if str(mint("place", place)) not in entities:
            raise SourceError(*where, "place", f"{place!r} is not a place of places.csv")
        if place in points:
            first = points[place].row
            raise SourceError(*where, "place", f"a second point for {place!r} (first at {first})")
        source = values["source"]
        if len(source.split()) != 1:
            raise SourceError(*where, "source", "one source: the package the row is copied from")
        if str(mint("source", source)) not in entities:
            raise SourceError(*where, "source", f"{source!r} is not a source of sources.csv")
        points[place] = Point(
            place,
            coordinate(values["longitude"], 180, "longitude", where),
            coordinate(values["latitude"], 90, "latitude", where),
            values["package"],
            values["version"],
            values["record"],
            source,
            f"{row.path}:{row.line}",
        )
    return list(points.values())


def point_lines(point: Point, label: str) -> list[str]:
    """The lines of the place's geometry node."""
    node = terms.iri(point.node)
    lines = [
        terms.line(node, terms.of(GEO.asWKT), terms.literal(point.wkt, WKT)),
        terms.line(node, terms.of(RDFS.label), terms.literal(f"location of {label}", lang="en")),
        terms.line(node, terms.of(RK.sourceRecord), terms.literal(point.record)),
        terms.line(node, terms.of(DCT.source), terms.iri(str(mint("source", point.source)))),
    ]
    return [terms.line(node, terms.RDF_TYPE, terms.of(GEO.Geometry)), *sorted(lines)]


def point_statement(point: Point) -> Statement:
    """The place's ``geo:hasGeometry``, as a statement with its own source: the package its
    point is copied from, not the place's sources (which say the place exists)."""
    return Statement(
        terms.iri(str(mint("place", point.place))),
        terms.of(GEO.hasGeometry),
        terms.iri(point.node),
        terms.iri(str(mint("source", point.source))),
        "",
        f"{point.place}--geo-hasGeometry--geometry",
        point.row,
    )


def geometries(directory: Path, entities: Entities) -> tuple[dict[str, list[str]], list[Statement]]:
    """The lines of each place's geometry node, by the place's IRI (``<...>`` form, as the
    build keys its records), to be written after the place's own lines; and the statements
    of the places' ``geo:hasGeometry``."""
    found = read_points(directory, entities)
    labels = place_labels(directory) if found else {}
    lines = {terms.iri(str(mint("place", p.place))): point_lines(p, labels[p.place]) for p in found}
    return lines, [point_statement(p) for p in found]


def place_labels(directory: Path) -> dict[str, str]:
    """Each place's English label, from places.csv (already checked by the build)."""
    places = next(table for table in TABLES if table.name == "places")
    return {row.values["id"]: row.values["label"] for row in table_rows(directory, places)}
