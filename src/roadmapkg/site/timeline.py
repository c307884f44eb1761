"""The site's timeline page: everything dated in the graph (the home page's timeline: events,
seizures, status changes, documents) on a zoomable timeline (vis-timeline, vendored from npm),
coloured by kind, each item linking to its page; the same data as a table for screen readers
and for reading without JavaScript."""

from __future__ import annotations

import calendar

from ..export.writers import PALETTE, script_json
from .entities import Reader
from .home import Dated, timeline


def span(date: str) -> tuple[str, str | None]:
    """Where an item starts and, for a month or a year (``2023-10``, ``2023``), where it ends:
    a date less precise than a day is drawn as the range it covers."""
    parts = date[:10].split("-")
    if len(parts) == 3:
        return date[:10], None
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        last = calendar.monthrange(year, month)[1]
        return f"{date}-01", f"{date}-{last:02d}T23:59:59"
    return f"{date}-01-01", f"{date}-12-31T23:59:59"


def items(dated: list[Dated], kinds: list[str]) -> list[dict]:
    """The timeline's items: one per dated thing, its kind's index for its colour."""
    found = []
    for number, entry in enumerate(dated):
        start, end = span(entry.date)
        item = {
            "id": number,
            "content": entry.node.text,
            "start": start,
            "kind": kinds.index(entry.kind.text),
            "page": entry.node.href,
            "title": f"{entry.date} · {entry.what} · {entry.kind.text}: {entry.node.text}",
        }
        if end:
            item["end"] = end
        found.append(item)
    return found


def files(reader: Reader, render) -> dict[str, bytes]:
    """``timeline.html``, rendered by the site's `render`."""
    dated = timeline(reader)
    kinds = sorted({entry.kind.text for entry in dated})
    colours = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}
    data = {"items": items(dated, kinds), "colours": [colours[k] for k in kinds]}
    page = render(
        "timeline.html", "timeline.html", "Timeline",
        dated=dated, kinds=colours, data=script_json(data),
    )  # fmt: skip
    return {"timeline.html": page}
