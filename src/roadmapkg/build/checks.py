"""The checks of every cell and row of the curated sources: datatypes, references, identifiers,
units, quantities, statements and labels; each problem a `SourceError` naming the file, the line
and the field."""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import SourceError
from ..rdf import ontology, terms
from ..rdf.literals import DECIMAL, INTEGER, canonical_decimal, date_type
from ..rdf.namespaces import RK, expand_curie
from .schema import (
    LABEL_PROPERTIES,
    STATEMENT_DATATYPES,
    Column,
    SourceRow,
    Table,
)
from .values import ID_BASE, Bound, Period, Quantity, Record, Statement

URL = re.compile(r"https?://[^\s<>\"{}|^`\\]+")
# a curated date outside these years is a typo (0000, 9999-12-31 as "no end"), not a fact
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


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
        # (subject, predicate) of statements.csv: a required cell they give may be left empty
        self.stated: set[tuple[str, str]] = set()

    def fail(self, row: SourceRow, column: str, message: str) -> SourceError:
        return SourceError(row.path, row.line, column, message)

    def literal(self, kind: str, raw: str, row: SourceRow, column: str) -> str | Period:
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

    def plausible(self, literal: str, raw: str, row: SourceRow, column: str) -> str:
        """`literal`, the date `raw`, unless its year is outside EARLIEST_YEAR..LATEST_YEAR."""
        if not EARLIEST_YEAR <= int(raw[:4]) <= LATEST_YEAR:
            raise self.fail(
                row,
                column,
                f"implausible date {raw!r}: the year must be {EARLIEST_YEAR} to {LATEST_YEAR}",
            )
        return literal

    def ontology_term(self, column: Column, raw: str, row: SourceRow, base: str) -> str:
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

    def reference(self, raw: str, row: SourceRow, column: str, targets: tuple[str, ...]) -> str:
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


def check_record(
    checker: Checker, table: Table, columns: tuple[Column, ...], row: SourceRow
) -> Record:
    key = row.values["id"]
    base = table.base_class.removeprefix(str(RK))
    record = Record(f"<{ID_BASE}{table.kind}/{key}>", f"<{table.base_class}>")
    for column in columns:
        raw = row.values[column.name]
        if not raw:
            if column.required and not stated(checker, record, column):
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
    if table.quantity_required and not record.quantities:
        raise checker.fail(row, f"{table.quantities[0]}value", "required value is empty")
    return record


def stated(checker: Checker, record: Record, column: Column) -> bool:
    """Whether statements.csv gives the record's value of `column` (with its own source)."""
    if column.predicate is None:
        return False
    return (record.iri, terms.of(column.predicate)) in checker.stated


def check_quantity(checker: Checker, row: SourceRow, prefix: str) -> Quantity | None:
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


def check_statement(checker: Checker, row: SourceRow) -> Statement:
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


def check_label(checker: Checker, row: SourceRow) -> Statement:
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


def check_bound(row: SourceRow, onto_classes: set[str]) -> Bound:
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
