"""Places' points: every curated row of data/sources/geometries.csv equals the record of the
package it names (read from the installed package itself), the build writes them as GeoSPARQL,
and a wrong row stops the build with its file, line and field."""

from __future__ import annotations

import csv
import shutil

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from roadmapkg import build_graph, paths
from roadmapkg.build import geosources
from roadmapkg.build.geometry import FILENAME, WKT, read_points
from roadmapkg.build.sources import read_sources
from roadmapkg.errors import SourceError
from roadmapkg.rdf.namespaces import DCT, GEO, ID, RK
from roadmapkg.rdf.sparql import is_geospatial

ROWS = list(csv.DictReader((paths.SOURCES / FILENAME).open(encoding="utf-8")))
PLACES = list(csv.DictReader((paths.SOURCES / "places.csv").open(encoding="utf-8")))
SOURCES = {r["id"]: r for r in csv.DictReader((paths.SOURCES / "sources.csv").open())}


@pytest.fixture(scope="module")
def graph():
    return build_graph()


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["place"])
def test_each_point_is_the_record_of_its_package(row):
    """Read the package's own data file: the same longitude and latitude, to the last digit."""
    assert row["version"] == geosources.installed_version(row["package"])
    found = geosources.lookup(row["package"], row["record"])
    assert (float(row["longitude"]), float(row["latitude"])) == (found.longitude, found.latitude)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["place"])
def test_each_point_cites_its_package_and_version(row):
    (source,) = row["source"].split()
    assert f"{row['package']} {row['version']}" in SOURCES[source]["label"]
    assert f"{row['package']} {row['version']}" in SOURCES[source]["citation"]
    assert geosources.FILES[row["package"]] in SOURCES[source]["citation"]


def test_the_records_name_the_places():
    """The curated choice of record: the port's or the city's own name in the package."""
    labels = {p["id"]: p["label"] for p in PLACES}
    for row in ROWS:
        name = geosources.lookup(row["package"], row["record"]).name
        label = labels[row["place"]].removeprefix("Port of ").removesuffix(" (city)")
        known = {"Cologne": "Köln", "Dunkirk": "Dunkerque"}
        assert name == known.get(label, label), row["place"]


def test_every_city_and_port_has_a_point_and_nothing_else_does():
    """Countries, regions and sea areas have no point in the packages: they get none."""
    pointed = {r["place"] for r in ROWS}
    assert pointed == {p["id"] for p in PLACES if p["class"] in ("City", "Port")}


def test_the_graph_holds_each_point_as_geosparql(graph):
    for row in ROWS:
        place = ID[f"place/{row['place']}"]
        (node,) = graph.objects(place, GEO.hasGeometry)
        assert (node, RDF.type, GEO.Geometry) in graph
        wkt = Literal(f"POINT({row['longitude']} {row['latitude']})", datatype=URIRef(WKT))
        assert list(graph.objects(node, GEO.asWKT)) == [wkt]
        assert list(graph.objects(node, RK.sourceRecord)) == [Literal(row["record"])]
        assert list(graph.objects(node, DCT.source)) == [ID[f"source/{row['source']}"]]
    assert len(set(graph.subjects(RDF.type, GEO.Geometry))) == len(ROWS)


def test_the_link_to_the_point_cites_the_package_not_the_place(graph):
    """The place's sources say it exists; that its point is this one, the package says."""
    for row in ROWS:
        place = ID[f"place/{row['place']}"]
        node = graph.value(place, GEO.hasGeometry)
        (statement,) = graph.subjects(RDF.object, node)
        assert (statement, RDF.subject, place) in graph
        assert (statement, RDF.predicate, GEO.hasGeometry) in graph
        assert list(graph.objects(statement, DCT.source)) == [ID[f"source/{row['source']}"]]


def test_sources_without_the_table_give_no_geometry(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, folder)
    (folder / FILENAME).unlink()
    assert read_points(folder, read_sources(folder).entities) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("4.442447", "4.4424470000"), "longitude: '4.4424470000' is not a longitude"),
        (("51.904383", "91"), "latitude: '91' is not a latitude in decimal degrees between -90"),
        (("51.904383", "north"), "latitude: 'north' is not a latitude"),
        (("port-of-rotterdam,", "port-of-nowhere,"), "place: 'port-of-nowhere' is not a place"),
        (("NLRTM,geo-searoute-ports", "NLRTM,nowhere"), "source: 'nowhere' is not a source"),
        (("NLRTM", ""), "record: required"),
        (("geo-searoute-ports", "geo-searoute-ports reference-notes"), "source: one source"),
    ],
)
def test_a_wrong_row_names_its_file_line_and_field(tmp_path, change, message):
    folder = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, folder)
    path = folder / FILENAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("port-of-rotterdam,"))
    lines[number] = lines[number].replace(*change)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_points(folder, read_sources(folder).entities)
    assert str(raised.value).startswith(f"{paths.display(path)}:{number + 1}: ")
    assert message in str(raised.value)


def test_a_second_point_for_a_place_is_refused(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, folder)
    path = folder / FILENAME
    path.write_text(path.read_text() + ",".join(ROWS[0].values()) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="a second point for 'rotterdam'"):
        read_points(folder, read_sources(folder).entities)


def test_geospatial_queries_are_recognised():
    assert is_geospatial("PREFIX geof: <http://www.opengis.net/def/function/geosparql/> ...")
    assert is_geospatial("SELECT (geof:distance(?a, ?b, uom:metre) AS ?d) {}")
    assert not is_geospatial("SELECT ?geometry WHERE { ?p geo:hasGeometry ?geometry }")


def test_an_unknown_package_or_record_is_named():
    with pytest.raises(Exception, match="no geometry source named 'nowhere'"):
        geosources.lookup("nowhere", "1")
    with pytest.raises(Exception, match="no record 'XXXXX'"):
        geosources.lookup("searoute", "XXXXX")
