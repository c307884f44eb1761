"""Comparing a saved query's result with its hand-checked answer in queries/expected/."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from rdflib import Graph
from rdflib.compare import isomorphic

from roadmapkg import paths
from roadmapkg.queries import SavedQuery
from roadmapkg.results import render

EXPECTED = paths.ROOT / "queries" / "expected"


def same_value(actual: str, expected: str) -> bool:
    """Numbers compare by value (engines write 8, 8.0 or 8.00); all else as text."""
    try:
        return Decimal(actual) == Decimal(expected)
    except InvalidOperation:
        return actual == expected


def numeric_key(row: list[str]) -> list:
    out = []
    for cell in row:
        try:
            out.append((0, Decimal(cell), ""))
        except InvalidOperation:
            out.append((1, Decimal(0), cell))
    return out


def assert_expected_answer(query: SavedQuery, result) -> None:
    """The result equals the expected answer: graphs by isomorphism, rows cell by cell (in
    order when the query orders them)."""
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        assert isomorphic(result, Graph().parse(EXPECTED / f"{query.name}.ttl"))
        return
    got = list(csv.reader(io.StringIO(render(result, "csv"))))
    with (EXPECTED / f"{query.name}.csv").open(encoding="utf-8", newline="") as handle:
        want = list(csv.reader(handle))
    assert got[0] == want[0], "columns differ"
    got_rows, want_rows = got[1:], want[1:]
    assert len(got_rows) == len(want_rows), f"{len(got_rows)} rows, expected {len(want_rows)}"
    if not re.search(r"\bORDER\s+BY\b", query.text, re.IGNORECASE):
        got_rows, want_rows = sorted(got_rows, key=numeric_key), sorted(want_rows, key=numeric_key)
    for got_row, want_row in zip(got_rows, want_rows, strict=True):
        same = len(got_row) == len(want_row) and all(map(same_value, got_row, want_row))
        assert same, f"\n got {got_row}\nwant {want_row}"
