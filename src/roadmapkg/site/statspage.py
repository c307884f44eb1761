"""The site's statistics page (``roadmapkg site --statistics FILE``): the charts of the
statistics page with their source and licence, then a section per country of the graph that
Eurostat's table covers, each offence series as a small chart and as a table (for screen
readers and for reading the numbers); each such country's page links to its section."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from .entities import Reader

PAGE = "statistics.html"


def series_links(countries) -> dict[URIRef, str]:
    """The section of each country on the page, by the country's IRI in the graph."""
    return {URIRef(c.place): f"{PAGE}#{c.anchor}" for c in countries}


def files(store, countries, reader: Reader, render) -> dict[str, bytes]:
    """The statistics page, from `store` (the graph and the statistics) and `countries`."""
    from ..statistics.charts import CAPTION, statistics_charts

    page = render(
        "statistics.html", PAGE, "Statistics beside the policy",
        charts=statistics_charts(store), caption=CAPTION, countries=countries,
        places={c.place: reader.value(URIRef(c.place)) for c in countries},
    )  # fmt: skip
    return {PAGE: page}


def load(data: list[Path], statistics: Path | None):
    """The store and the countries' series of `statistics` beside `data`, or (None, [])."""
    if statistics is None:
        return None, []
    from ..statistics.series import country_series, open_statistics

    store = open_statistics(data, statistics)
    return store, country_series(store)
