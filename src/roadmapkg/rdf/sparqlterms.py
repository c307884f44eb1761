"""Values written into SPARQL text: the one strict escaper every bound value goes through.

A parameter's value reaches a query sent to pyoxigraph or to a remote endpoint as a term in a
VALUES block, and a graph name as an IRI in an update; neither may ever become query syntax.
Strings are escaped as N-Triples and SPARQL escape them (``\\\\ \\" \\n \\r \\t \\b \\f``, other
control characters as ``\\UXXXXXXXX``: eight digits, which no engine reads further); IRIs must
match SPARQL's IRIREF and be absolute; language tags must be BCP 47 tags."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import RoadmapError

# SPARQL's IRIREF refuses <>"{}|^`\ and the characters up to the space; Unicode spaces and
# the C1 controls are refused too. An absolute IRI starts with a scheme.
IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\\x7f-\x9f\s]+')
IRI_RULE = 'no spaces, control characters or <>"{}|\\^` allowed'
LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# A backslash also escapes a following u or U: engines that read \uXXXX before parsing (rdflib,
# Jena) would otherwise turn the value's own "\u0022" into a quote.
SPECIAL = re.compile(r'\\[uU]?|["\x00-\x1f\x7f]')


def is_iri(value: str) -> bool:
    """Whether `value` is an absolute IRI that can be written between < and > as it is."""
    return IRI.fullmatch(value) is not None


def iri(value: str) -> str:
    """``<value>``; an error if the IRI could end the brackets or is not absolute."""
    if not is_iri(value):
        raise RoadmapError(f"not an absolute IRI ({IRI_RULE}): {value!r}")
    return f"<{value}>"


def _escape(match: re.Match) -> str:
    text = match.group()
    if text[0] == "\\":
        return "\\\\" + "".join(f"\\U{ord(c):08X}" for c in text[1:])
    return ECHAR.get(text) or f"\\U{ord(text):08X}"


def string(value: str) -> str:
    """A quoted SPARQL (and N-Triples) string literal holding exactly `value`."""
    return '"' + SPECIAL.sub(_escape, value) + '"'


def literal(value: Literal) -> str:
    """A literal with its language tag or datatype, every part checked or escaped."""
    text = string(str(value))
    if value.language:
        if not LANGUAGE.fullmatch(value.language):
            raise RoadmapError(f"not a language tag: {value.language!r}")
        return f"{text}@{value.language}"
    if value.datatype and value.datatype != XSD.string:
        return f"{text}^^{iri(str(value.datatype))}"
    return text


def term(node: Node) -> str:
    """The SPARQL text of an IRI or a literal bound to a variable."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        return literal(node)
    raise RoadmapError(f"only IRIs and literals can be bound, not {node!r}")


WHERE_CLAUSE = re.compile(
    r"""#[^\n]*|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'"""
    r"|(?P<where>\bWHERE\s*\{)",
    re.IGNORECASE,
)


def substitute(text: str, bindings: dict[str, Node]) -> str:
    """The query with a VALUES block binding each parameter, at the start of its WHERE clause.

    Values never become query syntax: each is written by the one strict escaper,
    `term`. The variables stay variables, so ``BOUND(?__x)`` works."""
    if not bindings:
        return text
    names = " ".join(f"?{v}" for v in bindings)
    values = " ".join(term(value) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    for match in WHERE_CLAUSE.finditer(text):
        if match["where"]:
            return text[: match.end()] + block + text[match.end() :]
    return f"{text}\nVALUES ({names}) {{ ({values}) }}\n"
