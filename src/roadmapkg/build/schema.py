"""The curated source format: one CSV table a kind of entity, and what each column means in RDF.

Column kinds:
  text      an English label or description, written as ``"..."@en``
  string    a plain string (identifiers, citations, verbatim source text)
  integer, decimal, boolean
  date      ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, written as xsd:gYear, xsd:gYearMonth, xsd:date
  period    ``START/END`` (each a date as above), written as a dct:PeriodOfTime node
  url       an http(s) URL, written as an IRI
  ref       the id of a row in one of the `targets` tables (several, space-separated, if `multi`);
            the ``source`` column of every sourced table is one: a row may cite several sources
  class     the local name of an ontology class below the table's base class
  concept   the local name of a concept in the ontology scheme `scheme`
Quantity columns (``value``, ``unit``, ``estimate``, ``per``, ``share_of``, ``count_of`` and the
``alt_`` ones) are read by the table's `quantities` prefixes and become qudt:QuantityValue nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rdflib import URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from ..rdf.namespaces import DCT, RK


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


LABEL = Column("label", "text", RDFS.label, required=True)
STRENGTH = Column("strength", "concept", RK.evidenceStrength, scheme=RK.EvidenceStrengthScheme)


def ref(name: str, predicate: URIRef, *targets: str, required=False, multi=False) -> Column:
    return Column(name, "ref", predicate, required=required, multi=multi, targets=targets)


def optional(column: Column) -> Column:
    """`column`, which a table's CSV header may leave out (added after the table's first rows)."""
    return replace(column, optional=True)


# What an operation adds to the columns of an event (the reference operations of 2022-2026).
OPERATION_COLUMNS = (
    optional(ref("country", RK.country, "places", multi=True)),
    optional(ref("substance", RK.substance, "substances", multi=True)),
    optional(Column("operation_name", "string", RK.operationName)),
    optional(ref("coordinated_by", RK.coordinatedBy, "actors", multi=True)),
    optional(STRENGTH),
)

TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "source",
        RK.Source,
        (
            LABEL,
            Column(
                "basis", "concept", RK.evidenceBasis, required=True, scheme=RK.EvidenceBasisScheme
            ),
            ref("part_of", DCT.isPartOf, "sources"),
            Column("issued", "date", DCT.issued),
            ref("publisher", DCT.publisher, "actors"),
            Column("citation", "string", DCT.bibliographicCitation),
            Column("url", "url", FOAF.page, optional=True),
        ),
        sourced=False,
    ),
    Table(
        "documents",
        "document",
        RK.Publication,
        (
            LABEL,
            Column("short_label", "text", SKOS.altLabel),
            Column("issued", "date", DCT.issued),
            Column("period", "period", DCT.temporal),
            ref("publisher", DCT.publisher, "actors"),
            ref("builds_on", RK.buildsOn, "documents", multi=True),
        ),
        class_column=True,
    ),
    Table(
        "actors",
        "actor",
        RK.Actor,
        (LABEL, ref("country", RK.country, "places")),
        class_column=True,
    ),
    Table(
        "places",
        "place",
        RK.Place,
        (LABEL, ref("country", RK.country, "places")),
        class_column=True,
    ),
    Table("substances", "substance", RK.Substance, (LABEL,)),
    Table(
        "pillars",
        "pillar",
        RK.Pillar,
        (
            Column("number", "integer", RK.pillarNumber, required=True),
            LABEL,
            ref("document", DCT.isPartOf, "documents", required=True),
            ref("involves", RK.involves, "instruments", multi=True),
            ref("partner_regions", RK.partnerRegion, "places", multi=True),
        ),
    ),
    Table(
        "actions",
        "action",
        RK.Action,
        (
            Column("position", "integer", RK.listPosition, required=True),
            LABEL,
            ref("document", DCT.isPartOf, "documents", required=True),
            ref("involves", RK.involves, "instruments", multi=True),
            Column("planned_date", "date", RK.plannedDate),
        ),
    ),
    Table(
        "measures",
        "measure",
        RK.Measure,
        (
            LABEL,
            ref("document", DCT.isPartOf, "documents", required=True),
            ref("priority_area", RK.priorityArea, "pillars"),
            ref("factsheet_action", RK.correspondsTo, "actions"),
            Column("timing", "text", RK.timingAsStated),
            Column("deadline", "date", RK.deadline),
            Column("planned_in", "date", RK.plannedIn),
            Column("planned_from", "date", RK.plannedFrom),
            replace(STRENGTH, required=True),
        ),
    ),
    Table(
        "instruments",
        "instrument",
        RK.Instrument,
        (LABEL, Column("planned_date", "date", RK.plannedDate)),
        class_column=True,
        quantities=("",),
    ),
    Table("infrastructures", "infrastructure", RK.CriminalInfrastructure, (LABEL,)),
    Table(
        "key_figures",
        "key-figure",
        RK.KeyFigure,
        (
            LABEL,
            Column("reference_date", "date", RK.referenceDate),
            Column("reference_period", "period", RK.referencePeriod),
            ref("area", RK.area, "places"),
            ref("statistical_source", RK.statisticalSource, "documents"),
        ),
        quantities=("", "alt_"),
    ),
    Table(
        "seizures",
        "seizure",
        RK.Seizure,
        (
            LABEL,
            Column("date", "date", RK.date, required=True),
            ref("place", RK.place, "places", required=True),
            ref("country", RK.country, "places", required=True),
            ref("substance", RK.substance, "substances"),
            optional(ref("conducted_by", RK.conductedBy, "actors", multi=True)),
            optional(ref("supported_by", RK.supportedBy, "actors", multi=True)),
            optional(ref("coordinated_by", RK.coordinatedBy, "actors", multi=True)),
            optional(STRENGTH),
        ),
        quantities=("",),
    ),
    Table(
        "events",
        "event",
        RK.Event,
        (
            LABEL,
            Column("date", "date", RK.date),
            ref("place", RK.place, "places", multi=True),  # an operation's action days
            ref("target", RK.target, "infrastructures"),
            ref("concerns", RK.concerns, "events"),
            ref("conducted_by", RK.conductedBy, "actors", multi=True),
            ref("supported_by", RK.supportedBy, "actors", multi=True),
            *OPERATION_COLUMNS,
        ),
        class_column=True,
    ),
    Table(
        "implementation_events",
        "event",
        RK.ImplementationEvent,
        (
            LABEL,
            Column("kind", "concept", RK.eventKind, required=True, scheme=RK.EventKindScheme),
            Column("date", "date", RK.date, required=True),
            ref("place", RK.place, "places"),
            ref("relates_to", RK.relatesTo, "measures", "documents", multi=True),
            Column("relation_note", "text", RK.relationNote),
            ref("concerns", RK.concerns, "instruments", "documents", "actors", multi=True),
            ref("conducted_by", RK.conductedBy, "actors", multi=True),
            ref("participants", RK.participant, "actors", multi=True),
            ref("supported_by", RK.supportedBy, "actors", multi=True),
            replace(STRENGTH, required=True),
        ),
    ),
    Table(
        "results",
        "result",
        RK.OperationResult,
        (
            ref("operation", RK.resultOf, "events", "seizures", required=True),
            ref("part_of", DCT.isPartOf, "results"),
            Column("kind", "concept", RK.resultKind, required=True, scheme=RK.ResultKindScheme),
            LABEL,
            ref("substance", RK.substance, "substances"),
        ),
        quantities=("",),
    ),
    Table(
        "figures",
        "figure",
        RK.Figure,
        (
            ref("of", RK.figureOf, "implementation_events", "events", "seizures", required=True),
            LABEL,
            ref("alternative_to", RK.alternativeTo, "figures", "seizures", "results"),
        ),
        quantities=("",),
    ),
    Table(
        "status_changes",
        "status-change",
        RK.StatusChange,
        (
            ref("subject", RK.statusOf, "actions", "measures", "instruments", required=True),
            Column(
                "status", "concept", RK.status, required=True, scheme=RK.ImplementationStatusScheme
            ),
            LABEL,
            Column("date", "date", RK.date, required=True),
            ref("place", RK.place, "places"),
            Column("note", "text", SKOS.note),
        ),
    ),
)


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
