"""The checked values of the curated sources: periods, quantities, entity records, statements,
sanity bounds, and the index of entity rows, with RDF terms in N-Triples form (see `terms`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..rdf.namespaces import ID
from .schema import (
    Column,
    Table,
)

ID_BASE = str(ID)
ID_MAX = 100  # characters: a statement's file on the site holds two ids in its name (255 bytes)


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
