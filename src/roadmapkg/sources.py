"""Read the curated CSV sources and check every row: datatypes, references, identifiers, units.

The result is a `Sources` value whose fields are RDF terms ready to be written by `build`;
every problem raises a `SourceError` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import ontology, paths
from .errors import SourceError
from .namespaces import RK, SLUG, expand_curie, mint
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

DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
YEAR, YEAR_MONTH = re.compile(r"[0-9]{4}"), re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Period:
    """A period of time from `start` to `end` (typed date literals)."""

    start: Literal
    end: Literal

    @property
    def key(self) -> str:
        return f"{self.start}--{self.end}"


@dataclass(frozen=True)
class Quantity:
    value: Literal
    unit: URIRef
    estimate: Literal | None = None
    per: URIRef | None = None
    share_of: Literal | None = None
    change_of: Literal | None = None
    count_of: Literal | None = None


@dataclass
class Record:
    """A checked row of an entity table."""

    table: Table
    key: str
    iri: URIRef
    rdf_class: URIRef
    path: str
    line: int
    values: dict[Column, list[Node | Period]] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    """A checked row of statements.csv: one triple with its own source."""

    subject: URIRef
    predicate: URIRef
    object: Node
    source: URIRef
    note: str
    key: str
    origin: str  # file:line of the row


@dataclass(frozen=True)
class Bound:
    rdf_class: URIRef
    min: int | None
    max: int | None
    path: str
    line: int


@dataclass
class Sources:
    records: list[Record]
    statements: list[Statement]
    bounds: list[Bound]


def read_csv(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """Rows of a CSV file whose header names each of `columns` (those in `optional` may be left
    out) in any order, and nothing else. Missing optional columns read as empty cells."""
    name = paths.display(path)
    if not path.is_file():
        raise SourceError(name, 0, "", "file not found")
    rows: list[Row] = []
    try:
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
                        f"{problem} {', '.join(names)} (expected: {', '.join(columns)})",
                    )
            blank = dict.fromkeys(columns, "")
            start = reader.line_num + 1
            for fields in reader:
                line, start = start, reader.line_num + 1
                if not any(f.strip() for f in fields):
                    continue
                if len(fields) != len(header):
                    raise SourceError(
                        name,
                        line,
                        "",
                        f"row has {len(fields)} fields, the header has {len(header)}",
                    )
                values = blank | {h: v.strip() for h, v in zip(header, fields, strict=True)}
                rows.append(Row(path.stem, name, line, values))
    except csv.Error as exc:
        raise SourceError(name, reader.line_num, "", f"malformed CSV: {exc}") from None
    except UnicodeDecodeError:
        raise SourceError(name, 0, "", "not UTF-8 text") from None
    return rows


def decimal_literal(raw: str) -> Literal:
    """An xsd:decimal in canonical form, with a decimal point ("8.0"), as Turtle writes it."""
    return Literal(raw if "." in raw else f"{raw}.0", datatype=XSD.decimal)


def parse_date(raw: str) -> Literal | None:
    """``2023`` -> xsd:gYear, ``2023-08`` -> xsd:gYearMonth, ``2023-08-01`` -> xsd:date."""
    if YEAR.fullmatch(raw):
        return Literal(raw, datatype=XSD.gYear)
    if YEAR_MONTH.fullmatch(raw):
        return Literal(raw, datatype=XSD.gYearMonth)
    try:
        return Literal(date.fromisoformat(raw)) if FULL_DATE.fullmatch(raw) else None
    except ValueError:
        return None


class Checker:
    """Parses cell values, keeping the context needed for error messages."""

    def __init__(self) -> None:
        onto = ontology.load()
        self.units = ontology.units(onto)
        self.time_units = ontology.time_units(onto)
        self.properties = ontology.properties(onto)
        self.onto = onto
        self.ids: dict[str, tuple[Table, Row]] = {}

    def fail(self, row: Row, column: str, message: str) -> SourceError:
        return SourceError(row.path, row.line, column, message)

    def literal(self, kind: str, raw: str, row: Row, column: str) -> Node | Period:
        """A typed RDF literal (or a Period) from the text of a cell."""
        if kind == "text":
            return Literal(raw, lang="en")
        if kind == "string":
            return Literal(raw)
        if kind == "integer":
            if not INTEGER.fullmatch(raw):
                raise self.fail(row, column, f"not an integer: {raw!r}")
            return Literal(int(raw))
        if kind == "decimal":
            if not DECIMAL.fullmatch(raw):
                raise self.fail(row, column, f"not a number: {raw!r}")
            return decimal_literal(raw)
        if kind == "boolean":
            if raw not in ("true", "false"):
                raise self.fail(row, column, f"not true or false: {raw!r}")
            return Literal(raw == "true")
        if kind == "date":
            value = parse_date(raw)
            if value is None:
                raise self.fail(row, column, f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {raw!r}")
            return value
        if kind == "period":
            start, sep, end = raw.partition("/")
            parsed = (parse_date(start), parse_date(end))
            if not sep or None in parsed:
                raise self.fail(row, column, f"not a period START/END: {raw!r}")
            return Period(*parsed)
        raise AssertionError(kind)

    def ontology_term(self, column: Column, raw: str, row: Row, base: URIRef) -> URIRef:
        """A class below `base`, or a concept of `column.scheme`, named by its local name."""
        iri = RK[raw]
        if column.kind == "class":
            allowed = ontology.subclasses(base, self.onto)
            what = f"class below rk:{base.removeprefix(str(RK))}"
        else:
            allowed = ontology.concepts(column.scheme, self.onto)
            what = f"value of rk:{column.scheme.removeprefix(str(RK))}"
        if iri not in allowed:
            names = ", ".join(sorted(a.removeprefix(str(RK)) for a in allowed))
            raise self.fail(row, column.name, f"unknown {what}: {raw!r} (one of: {names})")
        return iri

    def reference(self, raw: str, row: Row, column: str, targets: tuple[str, ...]) -> URIRef:
        """The IRI of the row `raw` in one of the `targets` tables."""
        found = self.ids.get(raw)
        expected = " or ".join(f"{t}.csv" for t in targets) or "any source table"
        if found is None:
            raise self.fail(row, column, f"unknown reference {raw!r}: no such id in {expected}")
        table, _ = found
        if targets and table.name not in targets:
            raise self.fail(
                row, column, f"{raw!r} is an id in {table.filename}, expected one in {expected}"
            )
        return mint(table.kind, raw)


def register_ids(checker: Checker, tables: dict[Table, list[Row]]) -> None:
    """Index every id, refusing malformed and duplicate ones."""
    for table, rows in tables.items():
        for row in rows:
            key = row.values["id"]
            if not SLUG.fullmatch(key):
                raise checker.fail(
                    row, "id", f"not a valid id: {key!r} (lower-case words joined by '-')"
                )
            if key in checker.ids:
                first = checker.ids[key][1]
                raise checker.fail(
                    row, "id", f"duplicate identifier {key!r} (first at {first.path}:{first.line})"
                )
            checker.ids[key] = (table, row)


def check_record(checker: Checker, table: Table, row: Row) -> Record:
    key = row.values["id"]
    rdf_class = table.base_class
    record = Record(table, key, mint(table.kind, key), rdf_class, row.path, row.line)
    skip = {"id"} | {c.name for c in quantity_columns(table.quantities)}
    for column in table.all_columns():
        raw = row.values[column.name]
        if column.name in skip:
            continue
        if not raw:
            if column.required:
                raise checker.fail(row, column.name, "required value is empty")
            continue
        if column.kind == "class":
            record.rdf_class = checker.ontology_term(column, raw, row, table.base_class)
        elif column.kind == "concept":
            record.values[column] = [checker.ontology_term(column, raw, row, table.base_class)]
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
        unit=checker.units[unit],
        estimate=checker.literal("boolean", estimate, row, "estimate") if estimate else None,
        per=checker.time_units[per] if per else None,
        share_of=Literal(share_of) if share_of else None,
        change_of=Literal(change_of) if change_of else None,
        count_of=Literal(count_of) if count_of else None,
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
    return Statement(subject, predicate, obj, source, v["note"], key, f"{row.path}:{row.line}")


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
    literal = Literal(v["label"], lang=v["language"])
    return Statement(subject, predicate, literal, source, "", key, f"{row.path}:{row.line}")


def check_bound(row: Row, onto_classes: set[URIRef]) -> Bound:
    v = row.values
    rdf_class = RK[v["class"]]
    if rdf_class not in onto_classes:
        raise SourceError(row.path, row.line, "class", f"unknown class {v['class']!r}")
    limits = []
    for name in ("min", "max"):
        if v[name] and not INTEGER.fullmatch(v[name]):
            raise SourceError(row.path, row.line, name, f"not an integer: {v[name]!r}")
        limits.append(int(v[name]) if v[name] else None)
    return Bound(rdf_class, *limits, row.path, row.line)


def read_sources(directory: Path) -> Sources:
    """Read and check every curated table in `directory`."""
    checker = Checker()
    tables = {
        t: read_csv(
            directory / t.filename,
            tuple(c.name for c in t.all_columns()),
            tuple(c.name for c in t.all_columns() if c.optional),
        )
        for t in TABLES
    }
    statement_rows = read_csv(directory / "statements.csv", STATEMENT_COLUMNS)
    label_rows = read_csv(directory / "labels.csv", LABEL_COLUMNS)
    bound_rows = read_csv(directory / "assertions.csv", ASSERTION_COLUMNS)
    register_ids(checker, tables)
    records = [check_record(checker, t, row) for t, rows in tables.items() for row in rows]
    statements = [check_statement(checker, row) for row in statement_rows]
    statements += [check_label(checker, row) for row in label_rows]
    seen: dict[str, Row] = {}
    for statement, row in zip(statements, statement_rows + label_rows, strict=True):
        if statement.key in seen:
            first = seen[statement.key]
            raise checker.fail(row, "", f"duplicate statement (first at {first.path}:{first.line})")
        seen[statement.key] = row
    onto_classes = set(ontology.classes(checker.onto))
    bounds = [check_bound(row, onto_classes) for row in bound_rows]
    return Sources(records, statements, bounds)
