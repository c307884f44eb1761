"""Are the two paths' answers the same? Each benchmark run writes what it found into a folder:

  findings.json   the validation findings: [severity, focus, path, message, label], sorted
  queries/        each saved query's answer, NAME.csv (SELECT, ASK) or NAME.nt (CONSTRUCT)
  export.json     the actors view: its nodes and edges with their attributes, sorted

`differences` compares two such folders: the findings as sets, a CSV answer as a multiset of
rows and, where the query has an ORDER BY, the sequence of its sort keys too (rows that tie
may come in any order: the engines break ties differently), numbers
canonicalised (rdflib writes a decimal sum as ``154100000.0``, pyoxigraph as ``154100000``),
a graph answer as a set of N-Triples lines, and the export's node and edge sets."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def canonical(cell: str) -> str:
    """A numeric cell in one form (``8.0``, ``8``, ``8E0`` -> ``8``); other cells unchanged."""
    if not NUMBER.fullmatch(cell):
        return cell
    try:
        value = Decimal(cell).normalize()
    except InvalidOperation:
        return cell
    return format(value + 0, "f")  # + 0 turns -0 into 0


def csv_rows(text: str) -> list[tuple[str, ...]]:
    """The header and rows of a W3C CSV answer, numbers canonicalised."""
    return [tuple(map(canonical, row)) for row in csv.reader(io.StringIO(text, newline=""))]


def order_by(query_text: str) -> tuple[str, ...]:
    """The variables a query orders its solutions by (its ORDER BY clause, comment lines
    aside); () when it has none."""
    body = "\n".join(line for line in query_text.splitlines() if not line.lstrip().startswith("#"))
    clause = ORDER_BY.split(body)
    if len(clause) < 2:
        return ()
    return tuple(re.findall(r"[?$](\w+)", re.split(r"\b(?:LIMIT|OFFSET)\b", clause[-1])[0]))


def same_answer(a: str, b: str, graph: bool, order: tuple[str, ...] = ()) -> bool:
    """Whether two answers of a query, W3C CSV or (`graph`) N-Triples, are the same: the same
    rows, and where the query orders them by the variables `order`, the same sequence of those
    variables' values (rows that tie may come in any order)."""
    if graph:
        return set(a.splitlines()) == set(b.splitlines())
    rows_a, rows_b = csv_rows(a), csv_rows(b)
    if rows_a[:1] != rows_b[:1] or Counter(rows_a[1:]) != Counter(rows_b[1:]):
        return False
    columns = [rows_a[0].index(v) for v in order if rows_a and v in rows_a[0]]
    keys = [[tuple(row[i] for i in columns) for row in rows[1:]] for rows in (rows_a, rows_b)]
    return keys[0] == keys[1]


def differences(
    ours: Path, theirs: Path, order: dict[str, tuple[str, ...]], unanswered: set[str] = frozenset()
) -> list[str]:
    """What differs between two answer folders: ``findings``, ``export``, and each saved query
    by name; one answered in one folder only is named with ``(missing in FOLDER)``. `order`
    gives the ORDER BY variables of each query (`order_by`); `unanswered` names the queries
    (or ``export``) stopped at their cap, which are not compared."""
    found = []
    for part in ("findings", "export"):
        files = [ours / f"{part}.json", theirs / f"{part}.json"]
        missing = [f.parent.name for f in files if not f.exists()]
        if part in unanswered:
            continue
        if missing:
            found.append(f"{part} (missing in {missing[0]})")
        elif json.loads(files[0].read_text()) != json.loads(files[1].read_text()):
            found.append(part)
    answers = [{p.stem: p for p in (folder / "queries").glob("*.*")} for folder in (ours, theirs)]
    for name in sorted((answers[0].keys() | answers[1].keys()) - unanswered):
        if name not in answers[0] or name not in answers[1]:
            side = ours if name not in answers[0] else theirs
            found.append(f"{name} (missing in {side.name})")
        elif not same_answer(
            *(a[name].read_text(encoding="utf-8") for a in answers),
            graph=answers[0][name].suffix == ".nt",
            order=order.get(name, ()),
        ):
            found.append(name)
    return found


def write_findings(folder: Path, findings) -> None:
    """The findings (`validate.Finding`s) as findings.json, without the source row each came
    from (only the fast path, which builds from the sources, knows it)."""
    rows = sorted({(f.severity, f.focus, f.path, f.message, f.label) for f in findings})
    (folder / "findings.json").write_text(json.dumps(rows, indent=0) + "\n", encoding="utf-8")


def write_export(folder: Path, graph) -> None:
    """A networkx view's nodes and edges, with their attributes, as export.json."""
    nodes = sorted([node, data] for node, data in graph.nodes(data=True))
    edges = sorted(
        ([*sorted((s, t)), data] for s, t, data in graph.edges(data=True)),
        key=lambda edge: json.dumps(edge, sort_keys=True),
    )
    data = {"nodes": nodes, "edges": edges}
    (folder / "export.json").write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
