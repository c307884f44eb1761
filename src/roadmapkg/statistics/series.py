"""Each country's yearly series of the offences the roadmap is about, from the saved query
offence-series-by-country (the graph's countries that Eurostat's table covers), and the store
they are read from: a statistics graph, checked to be one, beside the graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import RoadmapError
from ..rdf.load import load_store
from ..store.embedded import OxigraphStore
from . import vocab
from .charts import Size, line_chart, saved_rows
from .cube import A, iri

SMALL = Size(width=360, height=200, right=20)  # a series' chart: no legend, its heading says


@dataclass(frozen=True)
class Point:
    year: int
    offences: str  # as the query gives them, so the table shows the table's digits
    per_100k: str  # "" when the table has no rate for that year


@dataclass(frozen=True)
class Series:
    """One offence category's years in one country, with its chart."""

    category: str
    label: str
    points: list[Point]
    svg: str


@dataclass(frozen=True)
class Country:
    """A country of the graph with its series; `anchor` is its section's id on the page."""

    place: str  # its IRI in the graph
    code: str  # Eurostat's
    name: str
    series: list[Series]

    @property
    def anchor(self) -> str:
        return f"series-{self.code}"


def open_statistics(data: list[Path], statistics: Path) -> OxigraphStore:
    """A store holding `statistics` and the graph `data`; refuses, in one line naming it, a
    statistics file that is missing, not RDF, or holds no Data Cube observation."""
    store = load_store([statistics])
    if next(store.quads_for_pattern(None, A, iri(vocab.QB.Observation)), None) is None:
        raise RoadmapError(
            f"{paths.display(statistics)}: not a statistics graph (no qb:Observation): give "
            "the Turtle file that `roadmapkg import eurostat` wrote"
        )
    return OxigraphStore(load_store(data, store))


def country_series(store) -> list[Country]:
    """The countries in the query's order, each with a series for every category the query
    answers for some country (empty where the table has no value for that one)."""
    rows = saved_rows(store, "offence-series-by-country")
    labels = {row["category"]: row["offence"] for row in rows}
    found: dict[str, tuple[dict[str, str], dict[str, list[Point]]]] = {}
    for row in rows:
        _, points = found.setdefault(row["place"], (row, {c: [] for c in labels}))
        points[row["category"]].append(Point(int(row["year"]), row["offences"], row["per_100k"]))
    return [
        Country(
            place,
            first["code"],
            first["country"],
            [
                Series(
                    category,
                    labels[category],
                    points[category],
                    chart(f"{labels[category]} ({category}), {first['country']}", points[category]),
                )
                for category in labels
            ],
        )
        for place, (first, points) in found.items()
    ]


def chart(title: str, points: list[Point]) -> str:
    """A small line chart of the counts, year by year, named `title`."""
    values = [(p.year, float(p.offences)) for p in points]
    return line_chart(f"{title}: offences by year", {"offences": values} if values else {},
                      "offences (count)", SMALL)  # fmt: skip
