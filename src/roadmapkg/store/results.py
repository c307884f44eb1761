"""Query results and their formats: W3C SPARQL 1.1 CSV, TSV and JSON, a terminal table, and
Turtle or N-Triples for graphs. Every store returns results in this one shape."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..rdf import curies
from ..rdf.namespaces import KINDS, PREFIXES, bind_prefixes
from .choices import GRAPH_FORMATS, SOLUTION_FORMATS


@dataclass
class Rows:
    """The solutions of a SELECT query (None for an unbound variable), or an ASK answer."""

    variables: list[str]
    rows: list[list[Node | None]]
    boolean: bool | None = None


Result = Rows | Graph

MIN_WORD = 16  # a table column narrower than a word breaks the word, not below this width


def plain(value: Node | None) -> str:
    """A value as the W3C CSV format writes it: IRIs and lexical forms, no types."""
    if value is None:
        return ""
    if isinstance(value, BNode):
        return f"_:{value}"
    if isinstance(value, Literal) and value.datatype == XSD.decimal:
        return decimal_text(str(value))
    return str(value)


def decimal_text(text: str) -> str:
    """An xsd:decimal as pyoxigraph writes it, so both engines print one number one way: no
    trailing zeros, no point without a fraction (``8.0`` -> ``8``, ``17.50`` -> ``17.5``)."""
    if "." not in text:
        return text
    return text.rstrip("0").rstrip(".") or "0"


def to_csv(result: Rows) -> str:
    if result.boolean is not None:
        return csv_text(["boolean"], [[str(result.boolean).lower()]])
    return csv_text(result.variables, ([plain(v) for v in row] for row in result.rows))


def csv_text(header: list[str], rows: Iterable[list[str]]) -> str:
    """W3C SPARQL 1.1 CSV of a header and rows of cell texts (see `plain`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def to_tsv(result: Rows) -> str:
    if result.boolean is not None:
        return f"?boolean\n{str(result.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if v is None else v.n3() for v in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def json_term(value: Node) -> dict:
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    term = {"type": "literal", "value": str(value)}
    if value.language:
        term["xml:lang"] = value.language
    elif value.datatype and value.datatype != XSD.string:
        term["datatype"] = str(value.datatype)
    return term


def to_json(result: Rows) -> str:
    if result.boolean is not None:
        data: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {
                var: json_term(v)
                for var, v in zip(result.variables, row, strict=True)
                if v is not None
            }
            for row in result.rows
        ]
        data = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def short_form(value: Node | None, prefixes: dict[str, str]) -> str:
    """A short, readable form: prefixed names for known namespaces, plain literals."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return curies.compact(str(value), prefixes) or f"<{value}>"
    return plain(value)


def to_table(result: Rows, width: int | None = None) -> str:
    """A terminal table no wider than the terminal (``COLUMNS``, else 80 when not a terminal)
    where it can be, IRIs compacted to CURIEs; a value too long for its column wraps onto more
    lines (at its words where it can), never cut."""
    if result.boolean is not None:
        return "yes\n" if result.boolean else "no\n"
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}
    prefixes = {**{k: f"{PREFIXES['id']}{k}/" for k in KINDS}, **prefixes}
    cells = [[short_form(v, prefixes) for v in row] for row in result.rows]
    widths = column_widths(result.variables, cells, width or shutil.get_terminal_size().columns)
    line = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()  # noqa: E731
    body = [line(result.variables), line(["-" * w for w in widths])]
    for row in cells:
        pairs = zip(row, widths, strict=True)
        wrapped = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] for c, w in pairs]
        for i in range(max(map(len, wrapped))):
            body.append(line([lines[i] if i < len(lines) else "" for lines in wrapped]))
    body.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(body) + "\n"


def column_widths(header: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Each column as wide as its longest value; while the row is wider than `width`, the widest
    column gives up a character, down to its header's width and its longest word's (at most
    MIN_WORD): past that the table is wider than the terminal rather than unreadable."""
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    words = [max([0, *(len(w) for r in cells for w in r[i].split())]) for i in range(len(header))]
    floors = [max(len(h), min(words[i], MIN_WORD)) for i, h in enumerate(header)]
    room = width - 2 * (len(header) - 1)
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def graph_text(graph: Graph, fmt: str) -> str:
    """A graph result in the same deterministic forms the build writes."""
    from ..rdf.serialise import ntriples, turtle

    bind_prefixes(graph)
    return (ntriples(graph) if fmt == "nt" else turtle(graph)).decode("utf-8")


def render(result: Result, fmt: str) -> str:
    """The result in `fmt`; a graph accepts turtle or nt, solutions the others."""
    from ..errors import RoadmapError

    if isinstance(result, Graph):
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise RoadmapError(f"a graph result is written as {' or '.join(GRAPH_FORMATS)}")
        return graph_text(result, fmt)
    writers = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}
    if fmt not in writers:
        raise RoadmapError(f"solutions are written as {', '.join(SOLUTION_FORMATS)}, not {fmt}")
    return writers[fmt](result)


def literal_term(value: str, datatype: str | None = None, language: str | None = None) -> Literal:
    """A literal from its parts, with xsd:string written as a plain literal."""
    if language:
        return Literal(value, lang=language)
    if datatype and datatype != str(XSD.string):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)
