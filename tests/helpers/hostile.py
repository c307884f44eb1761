"""Hostile parameter values and the queries that echo them back, for the injection tests on
every path a value is bound: pyoxigraph, rdflib and a remote endpoint."""

from __future__ import annotations

import json
from pathlib import Path

XSD = "http://www.w3.org/2001/XMLSchema#"

# each would end a literal, an IRI, a VALUES block or the line if it were pasted into the query
HOSTILE = [
    'x\n\\"',
    '"} ; DROP ALL ; #',
    "a > b } c # d",
    "x' } UNION { ?s ?p ?o } #",
    '""" \\u0022 \\',
    "tab\tcr\rsoh\x01del\x7f",
]

# every parameter type once: texts (plain, English, a custom datatype), IRI, numbers, a date
ECHO = """#+ summary: Every kind of parameter, echoed back
#+ tags:
#+   - test
SELECT ?_first ?_second ?_label_en ?_code_xsd_anyURI ?_thing_iri ?_count_integer
       ?_amount_xsd_decimal ?_day_xsd_date WHERE {
}
"""
ECHO_DEFAULTS = {
    "first": "one",
    "second": "two",
    "label": "three",
    "code": "four",
    "thing": "http://example.org/thing#a?b='c'&d=e",
    "count": "-42",
    "amount": "3.5",
    "day": "2023-02-14",
}
ECHO_TYPES = {
    "first": None,
    "second": None,
    "label": "en",
    "code": f"{XSD}anyURI",
    "thing": "uri",
    "count": f"{XSD}integer",
    "amount": f"{XSD}decimal",
    "day": f"{XSD}date",
}

# two text parameters side by side: what the first value's closing quote once let the second
# one become query syntax
TWO_TEXTS = """#+ summary: Two texts, echoed back
#+ tags:
#+   - test
SELECT ?_first ?_second WHERE {
}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def injection(listener_url: str) -> dict[str, str]:
    """The two values that made pyoxigraph and a remote server call `listener_url`."""
    return {"first": 'x\n\\"', "second": f") }} SERVICE <{listener_url}/sparql> {{ ?s ?p ?o }} #"}


def params(values: dict[str, str]) -> list[str]:
    return [arg for name, value in values.items() for arg in ("--param", f"{name}={value}")]


def echoed(json_text: str) -> dict[str, tuple[str, str | None]]:
    """name -> (value, language or datatype or 'uri') of the single row of a JSON answer."""
    (row,) = json.loads(json_text)["results"]["bindings"]
    answer = {}
    for var, term in row.items():
        kind = "uri" if term["type"] == "uri" else term.get("xml:lang") or term.get("datatype")
        answer[var.lstrip("_").split("_")[0]] = (term["value"], kind)
    return answer


def expected(values: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    return {name: (value, ECHO_TYPES.get(name)) for name, value in values.items()}
