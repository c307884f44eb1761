"""The curated source format: one CSV table a kind of entity, and what each column means in RDF,
as data/tables.yaml declares them (its header says what each key and column kind means).
Quantity columns (``value``, ``unit``, ``estimate``, ``per``, ``share_of``, ``count_of`` and the
``alt_`` ones) are read by the table's `quantities` prefixes and become qudt:QuantityValue nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import URIRef
from rdflib.namespace import SKOS

from .. import paths
from ..errors import RoadmapError, one_line
from ..rdf.namespaces import DCT, RK, expand_curie


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    predicate: URIRef | None = None
    required: bool = False
    multi: bool = False
    targets: tuple[str, ...] = ()
    scheme: URIRef | None = None
    optional: bool = False  # the column may be left out of the CSV header


@dataclass(frozen=True)
class Table:
    name: str
    kind: str
    base_class: URIRef
    columns: tuple[Column, ...]
    class_column: bool = False
    quantities: tuple[str, ...] = ()
    quantity_required: bool = False  # a row without its (first) quantity is an error
    sourced: bool = True

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def all_columns(self) -> tuple[Column, ...]:
        """Every column the table's CSV header must have, in order."""
        head = [Column("id", "id", required=True)]
        if self.class_column:
            head.append(Column("class", "class", required=True))
        tail = []
        if self.sourced:
            tail = [
                Column(
                    "source", "ref", DCT.source, required=True, multi=True, targets=("sources",)
                ),
                Column("source_text", "string", RK.sourceText),
            ]
        return (*head, *self.columns, *quantity_columns(self.quantities), *tail)


QUANTITY_FIELDS = ("value", "unit", "estimate", "per", "share_of", "change_of", "count_of")


def quantity_columns(prefixes: tuple[str, ...]) -> list[Column]:
    """The columns that describe quantities: the first prefix gets all fields, others fewer."""
    cols: list[Column] = []
    for i, prefix in enumerate(prefixes):
        names = QUANTITY_FIELDS if i == 0 else ("value", "unit", "share_of")
        kinds = {"value": "decimal", "unit": "unit", "estimate": "boolean", "per": "timeunit"}
        cols += [
            Column(prefix + n, kinds.get(n, "string"), optional=n not in ("value", "unit"))
            for n in names
        ]
    return cols


KINDS = ("text", "string", "integer", "decimal", "boolean", "date", "period", "url", "concept")
TABLE_KEYS = {
    "kind", "class", "class_column", "sourced", "quantities", "quantity_required", "columns"
}  # fmt: skip
COLUMN_KEYS = {"kind", "ref", "predicate", "required", "multi", "optional", "scheme"}


def load_tables(path: Path = paths.TABLES) -> tuple[Table, ...]:
    """The tables declared in `path` (data/tables.yaml), in order; a `RoadmapError` naming the
    table and column for anything the file gets wrong."""
    name = paths.display(path)
    try:
        declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RoadmapError(f"{name}: {one_line(exc)}") from None
    if not isinstance(declared, dict) or not isinstance(declared.get("tables"), dict):
        raise RoadmapError(f"{name}: expected a mapping `tables:` of table names")
    return tuple(table(f"{name}: {t}", t, d) for t, d in declared["tables"].items())


def table(where: str, name: str, declared) -> Table:
    """One table of the YAML file; `where` names it in messages."""
    if not isinstance(declared, dict) or not isinstance(declared.get("columns"), dict):
        raise RoadmapError(f"{where}: expected a mapping with `columns:`")
    check_keys(where, declared, TABLE_KEYS)
    quantities = declared.get("quantities", [])
    if not all(isinstance(q, str) for q in quantities):
        raise RoadmapError(f"{where}: quantities: expected a list of prefixes")
    return Table(
        name,
        str(declared.get("kind", "")),
        iri(where, "class", declared.get("class")),
        tuple(column(f"{where}.{c}", c, d) for c, d in declared["columns"].items()),
        class_column=flag(where, declared, "class_column", False),
        quantities=tuple(quantities),
        quantity_required=flag(where, declared, "quantity_required", False),
        sourced=flag(where, declared, "sourced", True),
    )


def column(where: str, name: str, declared) -> Column:
    """One column of a table of the YAML file."""
    if not isinstance(declared, dict):
        raise RoadmapError(f"{where}: expected a mapping")
    check_keys(where, declared, COLUMN_KEYS)
    targets = declared.get("ref")
    kind = "ref" if targets is not None else declared.get("kind")
    if kind == "ref" and not (targets and all(isinstance(t, str) for t in targets)):
        raise RoadmapError(f"{where}: ref: expected a list of tables")
    if kind != "ref" and kind not in KINDS:
        raise RoadmapError(f"{where}: kind: {kind!r} is not one of {', '.join(KINDS)} (or ref)")
    scheme = declared.get("scheme")
    if (kind == "concept") != (scheme is not None):
        raise RoadmapError(f"{where}: scheme: a concept column has one, and only it")
    return Column(
        name,
        kind,
        iri(where, "predicate", declared.get("predicate")),
        required=flag(where, declared, "required", False),
        multi=flag(where, declared, "multi", False),
        targets=tuple(targets or ()),
        scheme=None if scheme is None else iri(where, "scheme", scheme),
        optional=flag(where, declared, "optional", False),
    )


def check_keys(where: str, declared: dict, known: set[str]) -> None:
    if unknown := sorted(set(declared) - known):
        raise RoadmapError(f"{where}: unknown key {', '.join(map(str, unknown))}")


def flag(where: str, declared: dict, key: str, default: bool) -> bool:
    value = declared.get(key, default)
    if not isinstance(value, bool):
        raise RoadmapError(f"{where}: {key}: expected true or false, not {value!r}")
    return value


def iri(where: str, key: str, curie) -> URIRef:
    expanded = expand_curie(curie) if isinstance(curie, str) else None
    if expanded is None:
        raise RoadmapError(f"{where}: {key}: {curie!r} is not a CURIE of a known prefix")
    return expanded


TABLES = load_tables()


# statements.csv: one triple a row, each with its own source, written as an rdf:Statement.
STATEMENT_COLUMNS = ("subject", "property", "object", "datatype", "source", "note")
STATEMENT_DATATYPES = ("", "text", "string", "date", "integer", "decimal", "boolean")

ASSERTION_COLUMNS = ("class", "min", "max")

# labels.csv: names of our entities in other languages, copied from linked authority tables.
LABEL_COLUMNS = ("subject", "property", "language", "label", "source")
LABEL_PROPERTIES = {"prefLabel": SKOS.prefLabel, "altLabel": SKOS.altLabel}


@dataclass
class SourceRow:
    """One row of a source table, with where it came from."""

    table: str
    path: str
    line: int
    values: dict[str, str] = field(default_factory=dict)
