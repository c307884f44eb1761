"""The statistics page: static SVG charts drawn from the saved statistics queries, inline in
one HTML file that needs no JavaScript, each with its source and licence under it. The SVG is
written here (lines, bars, axes and labels are a few elements each), so the page needs no
plotting library."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import NamedTuple

from .. import paths
from ..files.atomic import write_atomically
from ..queries.saved import execute, load
from ..store.results import render

QUERIES = paths.QUERIES / "statistics"
WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 160, 20, 40
LABELS = 230  # where a bar chart's labels end
COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
CAPTION = (
    "Source: Eurostat, crim_off_cat (police-recorded offences by offence category), converted "
    "by roadmapkg into RDF Data Cube observations; Eurostat is not responsible for the "
    "conversion. Reuse under Eurostat's copyright notice "
    '(<a href="https://ec.europa.eu/eurostat/web/main/help/copyright-notice">'
    "ec.europa.eu/eurostat/web/main/help/copyright-notice</a>), source acknowledged."
)


class Size(NamedTuple):
    """A line chart's width and height, and the room at its right (the legend's, when it is
    RIGHT or more)."""

    width: int = WIDTH
    height: int = HEIGHT
    right: int = RIGHT


FULL = Size()  # the statistics page's charts


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    note: str  # what the reader must know (breaks in series, what is compared)


def line_chart(
    title: str, series: dict[str, list[tuple[int, float]]], y_label: str, size: Size = FULL
) -> str:
    """One polyline a series (x: years, y: values from 0), with a legend at the right when
    `size` leaves room for one; `title` names the picture for screen readers."""
    width, height, right = size
    points = [p for values in series.values() for p in values]
    if not points:
        return _svg(
            title, [_text(width / 2, height / 2, "No values in the table for this chart.",
                          "middle")], height, width,
        )  # fmt: skip
    years = sorted({x for x, _ in points})
    top = max(y for _, y in points) or 1
    x_of = _scale(years[0], years[-1] if years[-1] > years[0] else years[0] + 1,
                  LEFT, width - right)  # fmt: skip
    y_of = _scale(0, top, height - BOTTOM, TOP)
    parts = _axes(y_label, top, y_of, size)
    parts += [_text(x_of(year), height - BOTTOM + 16, str(year), "middle") for year in years[::2]]
    for i, (name, values) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        line = " ".join(f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in sorted(values))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{line}">'
            f"<title>{escape(name)}</title></polyline>"
        )
        if right >= RIGHT:
            parts.append(_text(width - right + 10, TOP + 16 + 18 * i, name, "start", colour))
    return _svg(title, parts, height, width)


def bar_chart(title: str, bars: list[tuple[str, float]], x_label: str) -> str:
    """Horizontal bars in the order given, from a zero line (negative values to its left);
    `title` names the picture for screen readers."""
    low, high = min([0.0, *(v for _, v in bars)]), max([0.0, *(v for _, v in bars)])
    row = 16
    height = TOP + BOTTOM + row * len(bars)
    x_of = _scale(low, high if high > low else low + 1, LABELS + 6, WIDTH - 20)
    parts = [
        f'<line x1="{x_of(0):.1f}" y1="{TOP}" x2="{x_of(0):.1f}" y2="{height - BOTTOM}" '
        'stroke="#333"/>',
        _text((LABELS + WIDTH) / 2, height - 8, x_label, "middle"),
    ]
    for i, (name, value) in enumerate(bars):
        y = TOP + row * i
        start, end = sorted((x_of(0), x_of(value)))
        colour = COLOURS[0] if value >= 0 else COLOURS[1]
        parts.append(
            f'<rect x="{start:.1f}" y="{y + 2}" width="{end - start:.1f}" height="{row - 4}" '
            f'fill="{colour}"><title>{escape(name)}: {value:g}</title></rect>'
        )
        parts.append(_text(LABELS, y + row - 4, f"{name} ({value:+g})", "end"))
    return _svg(title, parts, height)


def page(charts: Iterable[Chart]) -> str:
    """The HTML page holding the charts, each in a figure with its note, source and licence."""
    figures = "\n".join(
        f"<figure>\n<h2>{escape(c.title)}</h2>\n{c.svg}\n"
        f"<figcaption><p>{escape(c.note)}</p><p>{CAPTION}</p></figcaption>\n</figure>"
        for c in charts
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Statistics beside the policy: police-recorded offences</title>\n"
        "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto}"
        "figcaption{font-size:0.85em;color:#333}</style>\n</head>\n<body>\n"
        "<h1>Statistics beside the policy</h1>\n"
        "<p>Police-recorded offences depend on national law and recording practice: compare a "
        "country with itself over time rather than countries with each other.</p>\n"
        f"{figures}\n</body>\n</html>\n"
    )


def statistics_charts(store) -> list[Chart]:
    """The page's two charts, from the saved statistics queries run on `store` (the graph and
    the imported statistics)."""

    series: dict[str, list[tuple[int, float]]] = {}
    for row in saved_rows(store, "offence-trends-where-seizures-happened"):
        if row["category"] == "ICCS0601" and row["per_100k"]:
            series.setdefault(row["country"], []).append((int(row["year"]), float(row["per_100k"])))
    change = [
        (row["country"], float(row["change_percent"]))
        for row in saved_rows(store, "drug-offences-change-2018-2022")
    ]
    trend = (
        "Drug offences (ICCS0601) per 100 000 inhabitants where the graph's seizures and "
        "operations took place"
    )
    changed = "Change in drug offences (ICCS0601, counts) from 2018 to 2022, per cent"
    return [
        Chart(
            trend,
            line_chart(trend, series, "offences per 100 000"),
            "A jump from one year to the next can be a break in series (a change of law or of "
            "recording), not a change in crime: France's drug offences go from 7 483 in 2015 to "
            "241 887 in 2016 in this table.",
        ),
        Chart(
            changed,
            bar_chart(changed, change, "change 2018-2022, per cent of 2018"),
            "Each country compared with itself; countries without both years are left out.",
        ),
    ]


def saved_rows(store, name: str) -> list[dict[str, str]]:
    """The rows of the saved statistics query `name` run on `store`, as CSV text by column."""
    text = render(execute(load(QUERIES / f"{name}.rq"), store, {}), "csv")
    return list(csv.DictReader(io.StringIO(text)))


def write_page(store, output: Path) -> int:
    """Write the statistics page to `output` atomically; the number of charts."""
    charts = statistics_charts(store)
    write_atomically({output: page(charts).encode("utf-8")})
    return len(charts)


def _scale(low: float, high: float, start: float, end: float):
    return lambda v: start + (v - low) * (end - start) / (high - low)


def _axes(y_label: str, top: float, y_of, size: Size) -> list[str]:
    width, height, right = size
    ticks = [top * i / 4 for i in range(5)]
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{height - BOTTOM}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{height - BOTTOM}" x2="{width - right}" y2="{height - BOTTOM}" '
        'stroke="#333"/>',
        f'<text x="14" y="{height / 2:.1f}" transform="rotate(-90 14 {height / 2:.1f})" '
        f'text-anchor="middle" font-size="12">{escape(y_label)}</text>',
    ]
    parts += [_text(LEFT - 6, y_of(t) + 4, f"{t:,.0f}", "end") for t in ticks]
    return parts


def _text(x: float, y: float, text: str, anchor: str, colour: str = "#222") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
        f'fill="{colour}">{escape(text)}</text>'
    )


def _svg(title: str, parts: list[str], height: int = HEIGHT, width: int = WIDTH) -> str:
    """The picture, named by its first child <title> (its accessible name)."""
    body = "\n".join([f"<title>{escape(title)}</title>", *parts])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">\n{body}\n</svg>'
    )
