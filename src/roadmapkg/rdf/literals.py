"""Typed literals from text: numbers and dates as the curated sources and query parameters
write them (``2023``, ``2023-08``, ``2023-08-01``; ``8`` or ``8.5``)."""

from __future__ import annotations

import re
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
YEAR, YEAR_MONTH = re.compile(r"[0-9]{4}"), re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
