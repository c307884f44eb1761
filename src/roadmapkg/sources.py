"""Read the curated CSV sources and check every row: datatypes, references, identifiers, units.

The result is a `Sources` value whose fields are RDF terms in N-Triples form (see `terms`),
ready to be written by `build`; entity rows are read in two passes (their ids first, then the
rows one at a time), so a million-row table is never held in memory. Every problem raises a
`SourceError` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import XSD

from . import ontology, paths, terms
from .errors import SourceError
from .namespaces import ID, RK, SLUG, expand_curie
from .schema import (
    ASSERTION_COLUMNS,
    LABEL_COLUMNS,
    LABEL_PROPERTIES,
    STATEMENT_COLUMNS,
    STATEMENT_DATATYPES,
    TABLES,
    Column,
    Row,
    Table,
    quantity_columns,
)

ID_BASE = str(ID)
ID_MAX = 100  # characters: a statement's file on the site holds two ids in its name (255 bytes)
DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
YEAR, YEAR_MONTH = re.compile(r"[0-9]{4}"), re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
URL = re.compile(r"https?://[^\s<>\"{}|^`\\]+")
# a curated date outside these years is a typo (0000, 9999-12-31 as "no end"), not a fact
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Period:
    """A period of time from `start` to `end` (typed date literals)."""

    start: str
    end: str
    text: str  # START/END as written in the source

    @property
    def key(self) -> str:
        return self.text.replace("/", "--")


@dataclass(frozen=True)
class Quantity:
    value: str
    number: str  # the value as people write it: 139000000000, 9.5
    unit: str
    estimate: str | None = None
    per: str | None = None
    share_of: str | None = None
    change_of: str | None = None
    count_of: str | None = None


@dataclass
class Record:
    """A checked row of an entity table."""

    iri: str
    rdf_class: str
    values: dict[Column, list[str | Period]] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    """A checked row of statements.csv: one triple with its own source."""

    subject: str
    predicate: str
    object: str
    source: str
    note: str
    key: str
    origin: str  # file:line of the row


@dataclass(frozen=True)
class Bound:
    rdf_class: str
    min: int | None
    max: int | None
    path: str
    line: int


@dataclass(frozen=True)
class Entities:
    """The entity rows by IRI, answered from the index of ids (so a million-row table is not
    held a second time as IRIs)."""

    ids: dict[str, tuple[Table, str, int]]  # id -> table, file, line

    def row(self, iri: str) -> str | None:
        """``file:line`` of the row of the entity `iri`, or None when it is not one."""
        kind, _, key = iri.removeprefix(ID_BASE).partition("/")
        found = self.ids.get(key) if iri.startswith(ID_BASE) else None
        if found is None or found[0].kind != kind:
            return None
        return f"{found[1]}:{found[2]}"

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and self.row(iri) is not None


@dataclass
class Sources:
    records: Iterator[Record]  # read lazily: iterate once
    statements: list[Statement]
    bounds: list[Bound]
    entities: Entities  # the entity rows, by IRI


def read_csv(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[Row]:
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
                yield Row(path.stem, name, line, values)
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


def canonical_decimal(raw: str) -> str:
    """An xsd:decimal's text with a decimal point ("8" -> "8.0"), as Turtle writes it."""
    return raw if "." in raw else f"{raw}.0"


def decimal_literal(raw: str) -> Literal:
    """An rdflib xsd:decimal in canonical form (for query parameters)."""
    return Literal(canonical_decimal(raw), datatype=XSD.decimal)


def date_type(raw: str) -> str | None:
    """``2023`` -> gYear, ``2023-08`` -> gYearMonth, ``2023-08-01`` -> date; None if no date."""
    if YEAR.fullmatch(raw):
        return "gYear"
    if YEAR_MONTH.fullmatch(raw):
        return "gYearMonth"
    try:
        return "date" if FULL_DATE.fullmatch(raw) and date.fromisoformat(raw) else None
    except ValueError:
        return None


def parse_date(raw: str) -> Literal | None:
    """An rdflib date literal of the type `date_type` gives (for query parameters)."""
    kind = date_type(raw)
    return Literal(raw, datatype=XSD[kind]) if kind else None


class Checker:
    """Parses cell values, keeping the context needed for error messages."""

    def __init__(self) -> None:
        onto = ontology.load()
        self.units = {name: terms.iri(unit) for name, unit in ontology.units(onto).items()}
        self.time_units = {k: terms.iri(v) for k, v in ontology.time_units(onto).items()}
        self.properties = ontology.properties(onto)
        self.onto = onto
        self.ids: dict[str, tuple[Table, str, int]] = {}  # id -> table, file, line
        self.allowed: dict[tuple[Column, str], set[str]] = {}

    def fail(self, row: Row, column: str, message: str) -> SourceError:
        return SourceError(row.path, row.line, column, message)

    def literal(self, kind: str, raw: str, row: Row, column: str) -> str | Period:
        """A typed RDF literal (or a Period) from the text of a cell."""
        if kind == "text":
            return terms.literal(raw, lang="en")
        if kind == "string":
            return terms.literal(raw)
        if kind == "integer":
            if not INTEGER.fullmatch(raw):
                raise self.fail(row, column, f"not an integer: {raw!r}")
            return terms.typed(str(int(raw)), "integer")
        if kind == "decimal":
            if not DECIMAL.fullmatch(raw):
                raise self.fail(row, column, f"not a number: {raw!r}")
            return terms.typed(canonical_decimal(raw), "decimal")
        if kind == "url":
            if not URL.fullmatch(raw):
                raise self.fail(row, column, f"not an http(s) URL: {raw!r}")
            return terms.iri(raw)
        if kind == "boolean":
            if raw not in ("true", "false"):
                raise self.fail(row, column, f"not true or false: {raw!r}")
            return terms.typed(raw, "boolean")
        if kind == "date":
            xsd_name = date_type(raw)
            if xsd_name is None:
                raise self.fail(row, column, f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {raw!r}")
            return self.plausible(terms.typed(raw, xsd_name), raw, row, column)
        if kind == "period":
            start, sep, end = raw.partition("/")
            kinds = (date_type(start), date_type(end))
            if not sep or None in kinds:
                raise self.fail(row, column, f"not a period START/END: {raw!r}")
            start_literal = self.plausible(terms.typed(start, kinds[0]), start, row, column)
            end_literal = self.plausible(terms.typed(end, kinds[1]), end, row, column)
            return Period(start_literal, end_literal, raw)
        raise AssertionError(kind)

    def plausible(self, literal: str, raw: str, row: Row, column: str) -> str:
        """`literal`, the date `raw`, unless its year is outside EARLIEST_YEAR..LATEST_YEAR."""
        if not EARLIEST_YEAR <= int(raw[:4]) <= LATEST_YEAR:
            raise self.fail(
                row,
                column,
                f"implausible date {raw!r}: the year must be {EARLIEST_YEAR} to {LATEST_YEAR}",
            )
        return literal

    def ontology_term(self, column: Column, raw: str, row: Row, base: str) -> str:
        """A class below `base`, or a concept of `column.scheme`, named by its local name."""
        allowed = self.allowed.get((column, base))
        if allowed is None:
            if column.kind == "class":
                found = ontology.subclasses(RK[base], self.onto)
            else:
                found = ontology.concepts(column.scheme, self.onto)
            allowed = self.allowed[(column, base)] = {a.removeprefix(str(RK)) for a in found}
        if raw not in allowed:
            if column.kind == "class":
                what = f"class below rk:{base}"
            else:
                what = f"value of rk:{column.scheme.removeprefix(str(RK))}"
            names = ", ".join(sorted(allowed))
            raise self.fail(row, column.name, f"unknown {what}: {raw!r} (one of: {names})")
        return terms.iri(RK[raw])

    def reference(self, raw: str, row: Row, column: str, targets: tuple[str, ...]) -> str:
        """The IRI of the row `raw` in one of the `targets` tables."""
        found = self.ids.get(raw)
        if found is None:
            expected = " or ".join(f"{t}.csv" for t in targets) or "any source table"
            raise self.fail(row, column, f"unknown reference {raw!r}: no such id in {expected}")
        table = found[0]
        if targets and table.name not in targets:
            expected = " or ".join(f"{t}.csv" for t in targets)
            raise self.fail(
                row, column, f"{raw!r} is an id in {table.filename}, expected one in {expected}"
            )
        return f"<{ID_BASE}{table.kind}/{raw}>"  # mint(), without making an rdflib term


def register_ids(checker: Checker, table: Table, rows: Iterator[Row]) -> None:
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


def check_record(checker: Checker, table: Table, columns: tuple[Column, ...], row: Row) -> Record:
    key = row.values["id"]
    base = table.base_class.removeprefix(str(RK))
    record = Record(f"<{ID_BASE}{table.kind}/{key}>", f"<{table.base_class}>")
    for column in columns:
        raw = row.values[column.name]
        if not raw:
            if column.required:
                raise checker.fail(row, column.name, "required value is empty")
            continue
        if column.kind == "class":
            record.rdf_class = checker.ontology_term(column, raw, row, base)
        elif column.kind == "concept":
            record.values[column] = [checker.ontology_term(column, raw, row, base)]
        elif column.kind == "ref":
            parts = raw.split() if column.multi else [raw]
            record.values[column] = [
                checker.reference(p, row, column.name, column.targets) for p in parts
            ]
        else:
            record.values[column] = [checker.literal(column.kind, raw, row, column.name)]
    for prefix in table.quantities:
        quantity = check_quantity(checker, row, prefix)
        if quantity:
            record.quantities[prefix] = quantity
    return record


def check_quantity(checker: Checker, row: Row, prefix: str) -> Quantity | None:
    """The quantity described by the columns with `prefix`, or None when its value is empty."""
    get = row.values.get
    value, unit = get(prefix + "value", ""), get(prefix + "unit", "")
    if not value and not unit:
        return None
    if not value:
        raise checker.fail(row, prefix + "value", "a unit is given but no value")
    if not unit:
        raise checker.fail(row, prefix + "unit", "a value is given but no unit")
    if unit not in checker.units:
        known = ", ".join(sorted(checker.units))
        raise checker.fail(row, prefix + "unit", f"unknown unit {unit!r} (one of: {known})")
    per = get(prefix + "per", "")
    if per and per not in checker.time_units:
        known = ", ".join(sorted(checker.time_units))
        raise checker.fail(row, prefix + "per", f"unknown time unit {per!r} (one of: {known})")
    estimate = get("estimate", "")
    share_of, count_of = get(prefix + "share_of", ""), get(prefix + "count_of", "")
    change_of = get(prefix + "change_of", "")
    return Quantity(
        value=checker.literal("decimal", value, row, prefix + "value"),
        number=format(Decimal(value).normalize(), "f"),
        unit=checker.units[unit],
        estimate=checker.literal("boolean", estimate, row, "estimate") if estimate else None,
        per=checker.time_units[per] if per else None,
        share_of=terms.literal(share_of) if share_of else None,
        change_of=terms.literal(change_of) if change_of else None,
        count_of=terms.literal(count_of) if count_of else None,
    )


def check_statement(checker: Checker, row: Row) -> Statement:
    v = row.values
    subject = checker.reference(v["subject"], row, "subject", ())
    predicate = expand_curie(v["property"])
    if predicate not in checker.properties:
        raise checker.fail(
            row, "property", f"unknown property {v['property']!r} (not declared in the ontology)"
        )
    datatype = v["datatype"]
    if datatype not in STATEMENT_DATATYPES:
        raise checker.fail(
            row,
            "datatype",
            f"unknown datatype {datatype!r} (empty for a reference, or one of: "
            f"{', '.join(STATEMENT_DATATYPES[1:])})",
        )
    if not v["object"]:
        raise checker.fail(row, "object", "required value is empty")
    if datatype:
        obj = checker.literal(datatype, v["object"], row, "object")
        obj_key = value_key(v["object"])
    else:
        obj = checker.reference(v["object"], row, "object", ())
        obj_key = v["object"]
    source = checker.reference(v["source"], row, "source", ("sources",))
    local = v["property"].replace(":", "-")
    key = f"{v['subject']}--{local}--{obj_key}"
    return Statement(
        subject, terms.iri(predicate), obj, source, v["note"], key, f"{row.path}:{row.line}"
    )


def value_key(text: str) -> str:
    """A readable, unique key for a literal value in an IRI: a slug of its ASCII words and a
    short hash of the whole text (so 'Europa' and 'Ευρώπη' differ)."""
    import hashlib

    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def check_label(checker: Checker, row: Row) -> Statement:
    """A row of labels.csv: a language-tagged skos:prefLabel or skos:altLabel with its source."""
    v = row.values
    subject = checker.reference(v["subject"], row, "subject", ())
    predicate = LABEL_PROPERTIES.get(v["property"])
    if predicate is None:
        names = ", ".join(LABEL_PROPERTIES)
        raise checker.fail(row, "property", f"{v['property']!r} is not one of: {names}")
    if not re.fullmatch(r"[a-z]{2,3}", v["language"]):
        raise checker.fail(row, "language", f"not a language code: {v['language']!r}")
    if not v["label"]:
        raise checker.fail(row, "label", "required value is empty")
    source = checker.reference(v["source"], row, "source", ("sources",))
    key = f"{v['subject']}--skos-{v['property']}--{v['language']}-{value_key(v['label'])}"
    label = terms.literal(v["label"], lang=v["language"])
    return Statement(
        subject, terms.iri(predicate), label, source, "", key, f"{row.path}:{row.line}"
    )


def check_bound(row: Row, onto_classes: set[str]) -> Bound:
    v = row.values
    rdf_class = str(RK[v["class"]])
    if rdf_class not in onto_classes:
        raise SourceError(row.path, row.line, "class", f"unknown class {v['class']!r}")
    limits = []
    for name in ("min", "max"):
        if v[name] and not INTEGER.fullmatch(v[name]):
            raise SourceError(row.path, row.line, name, f"not an integer: {v[name]!r}")
        limits.append(int(v[name]) if v[name] else None)
    return Bound(terms.iri(rdf_class), *limits, row.path, row.line)


def table_rows(directory: Path, table: Table) -> Iterator[Row]:
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
    seen: dict[str, Row] = {}
    for statement, row in zip(statements, statement_rows + label_rows, strict=True):
        if statement.key in seen:
            first = seen[statement.key]
            raise checker.fail(row, "", f"duplicate statement (first at {first.path}:{first.line})")
        seen[statement.key] = row
    onto_classes = {str(c) for c in ontology.classes(checker.onto)}
    bounds = [check_bound(row, onto_classes) for row in bound_rows]
    return Sources(records(checker, directory), statements, bounds, Entities(checker.ids))
