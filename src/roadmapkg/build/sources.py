"""Read the curated CSV sources and check every row (`checks`) into `values`.

The result is a `Sources` value whose fields are RDF terms in N-Triples form (see `terms`),
ready to be written by `emit`; entity rows are read in two passes (their ids first, then the
rows one at a time), so a million-row table is never held in memory. Every problem raises a
`SourceError` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from .. import paths
from ..errors import SourceError
from ..rdf import ontology
from ..rdf.namespaces import SLUG
from .checks import (
    Checker,
    check_bound,
    check_label,
    check_record,
    check_statement,
)
from .schema import (
    ASSERTION_COLUMNS,
    LABEL_COLUMNS,
    STATEMENT_COLUMNS,
    TABLES,
    SourceRow,
    Table,
    quantity_columns,
)
from .values import ID_MAX, Entities, Record, Sources


def read_csv(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[SourceRow]:
    """Rows of a CSV file whose header names each of `columns` (those in `optional` may be left
    out) in any order, and nothing else. Missing optional columns read as empty cells, and so
    do a row's last cells when it stops before optional columns at the end of the header. The
    header is checked when the first row is asked for."""
    name = paths.display(path)
    if not path.is_file():
        raise SourceError(name, 0, "", "file not found")
    try:
        start = 1  # the line the current row starts on
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in columns if c not in header and c not in optional]
            unknown = [h for h in header if h not in columns]
            duplicated = sorted({h for h in header if header.count(h) > 1})
            for problem, names in (
                ("missing column", missing),
                ("unknown column", unknown),
                ("repeated column", duplicated),
            ):
                if names:
                    raise SourceError(
                        name,
                        1,
                        "",
                        f"{problem} {', '.join(names)} (expected: {', '.join(columns)})"
                        + separator_hint(header),
                    )
            blank = dict.fromkeys(columns, "")
            start = reader.line_num + 1
            for fields in reader:
                line, start = start, reader.line_num + 1
                if not any(f.strip() for f in fields):
                    continue
                missing_tail = header[len(fields) :]
                if len(fields) < len(header) and all(h in optional for h in missing_tail):
                    fields += [""] * len(missing_tail)  # a row written before they were added
                if len(fields) != len(header):
                    raise SourceError(
                        name,
                        line,
                        "",
                        f"row has {len(fields)} fields, the header has {len(header)}",
                    )
                values = blank | {h: v.strip() for h, v in zip(header, fields, strict=True)}
                yield SourceRow(path.stem, name, line, values)
    except csv.Error as exc:
        if "field larger than field limit" not in str(exc):
            raise SourceError(name, reader.line_num, "", f"malformed CSV: {exc}") from None
        limit = csv.field_size_limit()
        raise SourceError(
            name,
            start,
            "",
            f"a field longer than {limit} characters, the limit of a cell (an unclosed quote "
            "can make the rest of the file one field)",
        ) from None
    except UnicodeDecodeError:
        raise SourceError(name, 0, "", "not UTF-8 text") from None


def separator_hint(header: list[str]) -> str:
    """A hint when a header read as one column holds semicolons or tabs: the file was saved
    with another separator (as spreadsheets set to some European locales do)."""
    if len(header) == 1:
        for mark, called in ((";", "semicolons"), ("\t", "tabs")):
            if mark in header[0]:
                return f"; the header is separated by {called}: save the file with commas"
    return ""


def register_ids(checker: Checker, table: Table, rows: Iterator[SourceRow]) -> None:
    """Index every id of a table, refusing malformed and duplicate ones."""
    for row in rows:
        key = row.values["id"]
        if not SLUG.fullmatch(key):
            raise checker.fail(
                row, "id", f"not a valid id: {key!r} (lower-case words joined by '-')"
            )
        if len(key) > ID_MAX:
            raise checker.fail(
                row,
                "id",
                f"too long: {len(key)} characters, over the limit of {ID_MAX} (ids name the "
                "files of the site)",
            )
        if key in checker.ids:
            _, path, line = checker.ids[key]
            raise checker.fail(row, "id", f"duplicate identifier {key!r} (first at {path}:{line})")
        checker.ids[key] = (table, row.path, row.line)


def table_rows(directory: Path, table: Table) -> Iterator[SourceRow]:
    columns = table.all_columns()
    return read_csv(
        directory / table.filename,
        tuple(c.name for c in columns),
        tuple(c.name for c in columns if c.optional),
    )


def records(checker: Checker, directory: Path) -> Iterator[Record]:
    """Every entity row, checked, table by table in file order (the second pass)."""
    for table in TABLES:
        skip = {"id"} | {c.name for c in quantity_columns(table.quantities)}
        columns = tuple(c for c in table.all_columns() if c.name not in skip)
        for row in table_rows(directory, table):
            yield check_record(checker, table, columns, row)


def read_sources(directory: Path) -> Sources:
    """Check the curated tables in `directory`: ids, statements, labels and bounds now, the
    entity rows as the returned `records` iterator is consumed."""
    checker = Checker()
    for table in TABLES:
        register_ids(checker, table, table_rows(directory, table))
    statement_rows = list(read_csv(directory / "statements.csv", STATEMENT_COLUMNS))
    label_rows = list(read_csv(directory / "labels.csv", LABEL_COLUMNS))
    bound_rows = list(read_csv(directory / "assertions.csv", ASSERTION_COLUMNS))
    statements = [check_statement(checker, row) for row in statement_rows]
    statements += [check_label(checker, row) for row in label_rows]
    checker.stated = {(s.subject, s.predicate) for s in statements}
    seen: dict[str, SourceRow] = {}
    for statement, row in zip(statements, statement_rows + label_rows, strict=True):
        if statement.key in seen:
            first = seen[statement.key]
            raise checker.fail(row, "", f"duplicate statement (first at {first.path}:{first.line})")
        seen[statement.key] = row
    onto_classes = {str(c) for c in ontology.classes(checker.onto)}
    bounds = [check_bound(row, onto_classes) for row in bound_rows]
    return Sources(records(checker, directory), statements, bounds, Entities(checker.ids))
