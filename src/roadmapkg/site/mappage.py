"""The site's map page: the seizures and operations of the graph at the places whose point it
holds (``geo:hasGeometry``/``geo:asWKT``, copied from licensed packages: see
``roadmapkg.geometry``), one marker per place and kind, sized by the drugs seized there, each
popup linking to the pages of what happened there; operations also shade the countries they
were conducted in. Leaflet draws it (vendored from npm) over the countries' outlines from npm
``world-atlas`` (Natural Earth 1:110m, public domain) as a vector layer: no tile server, so
the page works from ``file://`` with the network cut off. The same data is in tables below the
map, for screen readers and for reading without JavaScript."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ..errors import RoadmapError
from ..export.writers import script_json
from ..rdf.namespaces import DCT, GEO, QUDT, RK, UNIT
from .entities import Reader, Value, is_entity

WORLD_ATLAS = ("world-atlas", "countries-110m.json")
POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)\s*$")
TONNES = {UNIT.TONNE: Decimal(1), UNIT.KiloGM: Decimal("0.001")}
KINDS = {RK.Seizure: "seizure", RK.Operation: "operation"}


@dataclass(frozen=True)
class Item:
    """A seizure or an operation at a place: its page, date, quantity as stated and in tonnes
    (None when no mass is stated)."""

    node: Value
    kind: str
    date: str
    quantity: str
    tonnes: Decimal | None


@dataclass
class Marker:
    """One place's marker for one kind of thing, at its point (longitude, latitude)."""

    place: Value
    kind: str
    longitude: float
    latitude: float
    wkt: str
    source: Value
    items: list[Item] = field(default_factory=list)

    @property
    def tonnes(self) -> Decimal:
        return sum((i.tonnes for i in self.items if i.tonnes is not None), Decimal(0))


def point(wkt: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a WKT ``POINT(lon lat)``, or None for any other WKT."""
    found = POINT.match(wkt)
    return (float(found.group(1)), float(found.group(2))) if found else None


def quantity_text(graph: Graph, node) -> tuple[str, Decimal | None]:
    """A quantity node as its label says it (``8 tonne``), and its mass in tonnes."""
    value = graph.value(node, QUDT.numericValue)
    unit = graph.value(node, QUDT.unit)
    label = str(graph.value(node, RDFS.label) or "")
    if value is None or unit not in TONNES:
        return label, None
    return label, Decimal(str(value)) * TONNES[unit]


def seized(graph: Graph, node) -> tuple[str, Decimal | None]:
    """What `node` seized: a seizure's own quantity (its main one, ``.../quantity``); an
    operation's drugs seized (its results of kind rk:DrugsSeized, parts of another result left
    out), added up."""
    if (node, RDF.type, RK.Seizure) in graph:
        for quantity in graph.objects(node, RK.quantity):
            if str(quantity).endswith("/quantity"):
                return quantity_text(graph, quantity)
        return "", None
    texts, total = [], None
    for result in sorted(graph.subjects(RK.resultOf, node)):
        if (result, RK.resultKind, RK.DrugsSeized) not in graph:
            continue
        if graph.value(result, DCT.isPartOf) is not None:
            continue
        for quantity in graph.objects(result, RK.quantity):
            text, tonnes = quantity_text(graph, quantity)
            texts.append(text)
            if tonnes is not None:
                total = (total or Decimal(0)) + tonnes
    return " + ".join(texts), total


def things(reader: Reader) -> list[tuple[URIRef, str]]:
    """Every seizure and operation of the graph, with its kind, in IRI order."""
    graph = reader.graph
    return sorted(
        (node, kind)
        for cls, kind in KINDS.items()
        for node in graph.subjects(RDF.type, cls)
        if is_entity(node)
    )


def item(reader: Reader, node, kind: str) -> Item:
    text, tonnes = seized(reader.graph, node)
    return Item(
        reader.value(node), kind, str(reader.graph.value(node, RK.date) or ""), text, tonnes
    )


def markers(reader: Reader) -> tuple[list[Marker], list[tuple[Item, list[Value]]]]:
    """The markers (place and kind, ordered by place then kind) and the things on none: a
    seizure or an operation none of whose places has a point, with its places."""
    graph = reader.graph
    found: dict[tuple[URIRef, str], Marker] = {}
    unmapped = []
    for node, kind in things(reader):
        placed = False
        places = sorted(graph.objects(node, RK.place))
        for place in places:
            geometry = graph.value(place, GEO.hasGeometry)
            wkt = graph.value(geometry, GEO.asWKT) if geometry is not None else None
            where = point(str(wkt)) if wkt is not None else None
            if where is None:
                continue
            key = (place, kind)
            if key not in found:
                source = graph.value(geometry, DCT.source)
                found[key] = Marker(
                    reader.value(place), kind, *where, str(wkt), reader.value(source)
                )
            found[key].items.append(item(reader, node, kind))
            placed = True
        if not placed:
            unmapped.append((item(reader, node, kind), [reader.value(p) for p in places]))
    ordered = sorted(found.values(), key=lambda m: (m.place.text, m.kind))
    return ordered, unmapped


def operation_countries(reader: Reader) -> dict[str, list[Item]]:
    """The operations conducted in each country (rk:country), by the country's English label."""
    graph = reader.graph
    found: dict[str, list[Item]] = {}
    for node, kind in things(reader):
        if kind != "operation":
            continue
        for country in sorted(graph.objects(node, RK.country)):
            found.setdefault(reader.title(country), []).append(item(reader, node, kind))
    return dict(sorted(found.items()))


def features(topology: dict, name: str) -> list[dict]:
    """The GeoJSON features of the TopoJSON `topology`'s object `name` (a GeometryCollection
    of Polygons and MultiPolygons, its arcs quantized and delta-encoded, as world-atlas
    writes them), each with its ``id`` and ``properties``."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 4), round(y * sy + ty, 4)])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        coordinates: list[list[float]] = []
        for index in indexes:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            coordinates += points[1:] if coordinates else points
        return coordinates

    found = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            shape = {"type": kind, "coordinates": [ring(r) for r in geometry["arcs"]]}
        elif kind == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
            shape = {"type": kind, "coordinates": polygons}
        else:
            continue  # a geometry without arcs (world-atlas has none among the countries)
        found.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": geometry.get("properties", {}),
                "geometry": shape,
            }
        )
    return found


def countries() -> list[dict]:
    """The countries' outlines of world-atlas, as GeoJSON features."""
    from .vendor import npm_file

    try:
        topology = json.loads(npm_file(*WORLD_ATLAS))
    except ValueError as error:
        raise RoadmapError(
            f"node_modules/world-atlas/{WORLD_ATLAS[1]}: not JSON: {error}"
        ) from None
    return features(topology, "countries")


def radius(tonnes: Decimal) -> float:
    """A marker's radius in pixels: its area grows with the tonnes (6 px for none stated)."""
    return round(6 + 4 * math.sqrt(float(tonnes)), 1)


def map_data(placed: list[Marker], shaded: dict[str, list[Item]], outlines: list[dict]) -> dict:
    """What the page's script draws: the markers, the countries' outlines, and the operations
    of each country that has an outline (by its name in world-atlas, the country's label)."""
    names = {f["properties"].get("name") for f in outlines}
    return {
        "markers": [
            {
                "place": m.place.text,
                "placePage": m.place.href,
                "kind": m.kind,
                "lon": m.longitude,
                "lat": m.latitude,
                "tonnes": format(m.tonnes.normalize(), "f"),
                "radius": radius(m.tonnes),
                "items": [
                    {
                        "label": i.node.text,
                        "page": i.node.href,
                        "date": i.date,
                        "quantity": i.quantity,
                    }
                    for i in m.items
                ],
            }
            for m in placed
        ],
        "countries": {"type": "FeatureCollection", "features": outlines},
        "operations": {
            name: [{"label": i.node.text, "page": i.node.href, "date": i.date} for i in found]
            for name, found in shaded.items()
            if name in names
        },
    }


def files(reader: Reader, render) -> dict[str, bytes]:
    """``map.html``, rendered by the site's `render`."""
    placed, unmapped = markers(reader)
    shaded = operation_countries(reader)
    data = map_data(placed, shaded, countries())
    outlined = set(data["operations"])
    page = render(
        "map.html", "map.html", "Map",
        markers=placed, unmapped=unmapped, shaded=shaded, outlined=outlined,
        data=script_json(data),
    )  # fmt: skip
    return {"map.html": page}
