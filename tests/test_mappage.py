"""The site's map page in headless Chromium, from file://: a marker per place (and kind) of
the seizures and operations whose place has a point, at that point, a popup linking to the
entity pages, nothing requested outside the site's folder; the same data in its tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS

from helpers.browser import open_page
from roadmapkg.rdf.namespaces import GEO, RK
from roadmapkg.site.entities import page_path
from roadmapkg.site.mappage import features, point, radius

KINDS = {RK.Seizure: "seizure", RK.Operation: "operation"}


@pytest.fixture
def tab(browser, site: Path):
    outside: list[str] = []
    errors: list[str] = []
    opened = open_page(browser, site, "map.html", outside, errors)
    opened.wait_for_selector("#map[data-markers]", state="attached")
    yield opened
    opened.context.close()
    assert outside == [] and errors == []


def places_with_points(graph) -> dict[tuple[str, str], tuple[float, float]]:
    """(place page, kind) -> (longitude, latitude) of each place of a seizure or an operation
    that has a point, read from the graph here, not by the site's code."""
    found = {}
    for cls, kind in KINDS.items():
        for thing in graph.subjects(RDF.type, cls):
            for place in graph.objects(thing, RK.place):
                for geometry in graph.objects(place, GEO.hasGeometry):
                    wkt = str(graph.value(geometry, GEO.asWKT))
                    lon, lat = wkt.removeprefix("POINT(").removesuffix(")").split()
                    found[page_path(place), kind] = (float(lon), float(lat))
    return found


def test_a_marker_per_place_and_kind_at_its_point(tab, graph):
    want = places_with_points(graph)
    assert len(want) >= 8
    drawn = tab.evaluate(
        "() => roadmapkgMap.markers.map((c) => [c.options.roadmapkg.placePage,"
        " c.options.roadmapkg.kind, c.getLatLng().lng, c.getLatLng().lat])"
    )
    assert {(page, kind): (lon, lat) for page, kind, lon, lat in drawn} == want
    assert len(drawn) == len(want) == int(tab.get_attribute("#map", "data-markers"))
    assert tab.locator("#map path.leaflet-interactive").count() >= len(want)


def test_the_table_holds_the_same_places(tab, graph):
    rows = tab.eval_on_selector_all(
        "#mapped tr",
        "rows => rows.slice(1).map(r => [r.cells[0].querySelector('a').getAttribute('href'),"
        " r.cells[3].textContent, r.cells[1].textContent])",
    )
    want = places_with_points(graph)
    got = {(page, kind): tuple(map(float, lonlat.split())) for page, kind, lonlat in rows}
    assert got == want and len(rows) == len(want)


def test_a_click_on_a_marker_opens_a_popup_linking_to_an_entity_page(tab, site: Path):
    # the last drawn marker is the smallest at its place, so it is on top where it is drawn
    spot = tab.evaluate(
        "() => { const c = roadmapkgMap.markers[roadmapkgMap.markers.length - 1];"
        " const p = roadmapkgMap.map.latLngToContainerPoint(c.getLatLng());"
        " return [p.x, p.y, c.options.roadmapkg.items.map((i) => i.page)]; }"
    )
    box = tab.locator("#map").bounding_box()
    tab.mouse.click(box["x"] + spot[0], box["y"] + spot[1])
    tab.wait_for_selector(".leaflet-popup-content .marker-popup")
    links = tab.eval_on_selector_all(
        ".leaflet-popup-content li a", "links => links.map((a) => a.getAttribute('href'))"
    )
    assert links == spot[2] and all(link.startswith("id/") for link in links)
    with tab.expect_navigation():
        tab.locator(".leaflet-popup-content li a").first.click()
    assert tab.url == (site / links[0]).resolve().as_uri()
    assert (site / links[0]).is_file()


def test_the_countries_of_operations_are_shaded_and_say_which(tab, graph):
    data = "JSON.parse(document.getElementById('map-data').textContent)"
    shaded = tab.evaluate(f"() => Object.keys({data}.operations)")
    labels = {
        str(label)
        for operation in graph.subjects(RDF.type, RK.Operation)
        for country in graph.objects(operation, RK.country)
        for label in graph.objects(country, RDFS.label)
        if label.language == "en"
    }
    assert set(shaded) == labels and len(labels) >= 10
    rows = tab.eval_on_selector_all(
        "#shaded tr", "rows => rows.slice(1).map(r => r.cells[0].textContent)"
    )
    assert set(rows) == labels


def test_the_map_is_in_the_site_navigation(site: Path):
    for page in ("index.html", "timeline.html", "map.html"):
        assert 'href="map.html">Map</a>' in (site / page).read_text(encoding="utf-8")


def test_no_tile_server_and_the_outlines_are_inlined(site: Path):
    html = (site / "map.html").read_text(encoding="utf-8")
    assert "tileLayer" not in html
    data = json.loads(html.split('id="map-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["countries"]["features"]) > 150


def test_topojson_arcs_are_decoded_into_rings():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 40]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {"c": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "001", "properties": {"name": "A"}, "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": "002", "properties": {}, "arcs": [[[~1, ~0]]]},
        ]}},
    }  # fmt: skip
    first, second = features(topology, "c")
    square = [[-10, 40], [-9, 40], [-9, 41], [-10, 41], [-10, 40]]
    assert first["geometry"] == {"type": "Polygon", "coordinates": [square]}
    assert first["id"] == "001" and first["properties"] == {"name": "A"}
    assert second["geometry"]["coordinates"] == [[square[::-1]]]


def test_only_a_point_is_read_from_wkt():
    assert point("POINT(4.442447 51.904383)") == (4.442447, 51.904383)
    assert point("POINT (-5.43814 36.141096)") == (-5.43814, 36.141096)
    assert point("LINESTRING(0 0, 1 1)") is None


def test_a_marker_grows_with_the_tonnes():
    from decimal import Decimal

    assert radius(Decimal(0)) == 6
    assert radius(Decimal(4)) == 14
    assert radius(Decimal(25)) == 26
