"""Two checks of a saved query's answer.

- The independent answer, derived without running the query: written by hand from the
  factsheet and the reference notes (tests/hand-answers/NAME.csv, each saying from which
  lines), or computed from the curated CSVs with plain Python (tests/helpers/from_sources.py).
  Rows are compared as sets, numbers by value in canonical form (``154100000``, not
  ``154100000.0``).
- For a federated query, whose names and dates come from the EU authority tables, only the
  entities it joins with them, computed from the curated links (mappings/).
- The stored regression answer in queries/regression/: the program's own earlier output, which
  catches an unintended change but not a query wrong from the start.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from helpers import from_sources
from roadmapkg.queries.expected import REGRESSION
from roadmapkg.queries.saved import SavedQuery
from roadmapkg.store.results import render

HAND = Path(__file__).parents[1] / "hand-answers"


def canonical(cell: str) -> str:
    """A number in its shortest decimal form (``8.0`` and ``8.00`` -> ``8``); all else as is."""
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return cell
    if not number.is_finite():
        return cell
    return format(number.normalize(), "f")


def table(text: str) -> list[tuple[str, ...]]:
    """Header and rows of CSV text, lines starting with '#' left out, numbers canonical."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [tuple(canonical(c) for c in row) for row in csv.reader(lines)]


def hand_written(name: str) -> list[tuple[str, ...]] | None:
    path = HAND / f"{name}.csv"
    return table(path.read_text(encoding="utf-8")) if path.is_file() else None


def independent_answer(name: str):
    """The answer derived without the query: header and rows (a set of N-Triples lines for a
    graph), or None when the query has none (federated queries)."""
    found = hand_written(name)
    if found is not None:
        return found
    compute = from_sources.ANSWERS.get(name)
    if compute is None:
        return None
    computed = compute()
    return computed if isinstance(computed, set) else [tuple(map(canonical, r)) for r in computed]


def assert_independent_answer(query: SavedQuery, result) -> None:
    """The result equals the independent answer: the same columns, the same rows (in any
    order: the order is the regression answer's to check)."""
    want = independent_answer(query.name)
    assert want is not None, f"{query.name}: no independent answer"
    if isinstance(result, Graph):
        assert set(render(result, "nt").splitlines()) == want
        return
    got = table(render(result, "csv"))
    assert got[0] == want[0], "columns differ"
    missing, extra = sorted(set(want[1:]) - set(got[1:])), sorted(set(got[1:]) - set(want[1:]))
    assert (missing, extra) == ([], []), f"\nmissing {missing}\n  extra {extra}"
    assert len(got) == len(want), f"{len(got) - 1} rows, expected {len(want) - 1}"


def assert_federated_links(query: SavedQuery, result) -> None:
    """A federated query's rows join the entities linked into the EU table it reads: its first
    column (the English label) and last (the table entry) are those of the curated links."""
    got = table(render(result, "csv"))
    assert got[0][0] == "label"
    assert {(row[0], row[-1]) for row in got[1:]} == from_sources.federated_links(query.name)
    assert len(got) - 1 == len(from_sources.federated_links(query.name))


def same_value(actual: str, expected: str) -> bool:
    """Numbers compare by value (engines write 8, 8.0 or 8.00); all else as text."""
    return canonical(actual) == canonical(expected)


def numeric_key(row: list[str]) -> list:
    out = []
    for cell in row:
        try:
            out.append((0, Decimal(cell), ""))
        except InvalidOperation:
            out.append((1, Decimal(0), cell))
    return out


def assert_same_as_stored(query: SavedQuery, result) -> None:
    """The result equals the stored regression answer: graphs by isomorphism, rows cell by cell
    (in order when the query orders them)."""
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        assert isomorphic(result, Graph().parse(REGRESSION / f"{query.name}.nt", format="nt"))
        return
    got = list(csv.reader(io.StringIO(render(result, "csv"))))
    with (REGRESSION / f"{query.name}.csv").open(encoding="utf-8", newline="") as handle:
        want = list(csv.reader(handle))
    assert got[0] == want[0], "columns differ"
    got_rows, want_rows = got[1:], want[1:]
    assert len(got_rows) == len(want_rows), f"{len(got_rows)} rows, expected {len(want_rows)}"
    if not re.search(r"\bORDER\s+BY\b", query.text, re.IGNORECASE):
        got_rows, want_rows = sorted(got_rows, key=numeric_key), sorted(want_rows, key=numeric_key)
    for got_row, want_row in zip(got_rows, want_rows, strict=True):
        same = len(got_row) == len(want_row) and all(map(same_value, got_row, want_row))
        assert same, f"\n got {got_row}\nwant {want_row}"
