"""The form of a SPARQL text (SELECT, CONSTRUCT, ASK, DESCRIBE or UPDATE), read by rdflib's
parser."""

from __future__ import annotations

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate


def form_of(text: str) -> str:
    """SELECT, CONSTRUCT, ASK, DESCRIBE or UPDATE, read by rdflib's SPARQL parser (never by
    matching words, which a comment or an IRI can hold); ParseException if it is neither."""
    try:
        parsed = parseQuery(text)
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            raise query_error from None
        return "UPDATE"
    return parsed[1].name.removesuffix("Query").upper()
