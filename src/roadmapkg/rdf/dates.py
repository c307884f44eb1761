"""The sort date: one xsd:date on every dated thing, whatever the precision of its stated date
(an xsd:gYear, xsd:gYearMonth or xsd:date), so that ORDER BY sorts alike in every store."""

from __future__ import annotations

from .namespaces import DCT, RK

# The properties that date a thing, in the order the sort date is taken from: the first the
# thing has (an event's date before a document's issue, a deadline before a planned period).
DATING = (RK.date, DCT.issued, RK.deadline, RK.plannedIn, RK.plannedFrom, RK.referenceDate)


def first_day(lexical: str) -> str:
    """``YYYY-MM-DD`` of the first day of the year ``YYYY``, of the month ``YYYY-MM``, or of the
    day itself."""
    parts = lexical.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))
