"""Checks on an RDF file before any parser reads it: nothing in an input file may make a parser
fetch a URL (a JSON-LD `@context` or `@import` given by reference: rdflib would fetch it) or
expand XML entities (an RDF/XML file declaring nested entities, "billion laughs", keeps rdflib
and Oxigraph busy for minutes on a few hundred bytes). Turtle and N-Triples need no check."""

from __future__ import annotations

import json
from pathlib import Path
from xml.parsers import expat

from ..errors import RoadmapError

JSON_LD = (".jsonld", ".json")
RDF_XML = (".rdf", ".xml")


def check_input(file: Path) -> None:
    """Refuse `file` if reading it would fetch a URL or expand XML entities; a file that is not
    there or not well-formed is left to the parser, which says what is wrong with it."""
    if file.suffix in JSON_LD:
        refuse_context_references(file)
    elif file.suffix in RDF_XML:
        refuse_xml_declarations(file)


def refuse_context_references(file: Path) -> None:
    """Refuse a JSON-LD file naming a context by IRI (`"@context": "http://..."`, in a list, in
    a node or a scoped context, or `"@import"`): only inline contexts are read."""
    try:
        text = file.read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, ValueError, RecursionError):
        return
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                named = item if key == "@import" else None
                if key == "@context":
                    contexts = item if isinstance(item, list) else [item]
                    named = next((c for c in contexts if isinstance(c, str)), None)
                if isinstance(named, str):
                    found = text.find(json.dumps(named))
                    line = text.count("\n", 0, found) + 1 if found >= 0 else 0
                    where = f"{file}:{line}" if line else str(file)
                    raise RoadmapError(
                        f"{where}: {key} {json.dumps(named)}: a context named by IRI is not "
                        "fetched (input files trigger no network access): put it inline"
                    )
                pending.append(item)


class Prolog(Exception):
    """The root element is reached: the document type declaration, if any, is behind."""


def refuse_xml_declarations(file: Path) -> None:
    """Refuse an XML file whose document type declaration declares entities or names an
    external DTD; only what precedes the root element is read."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(what: str) -> None:
        line = parser.CurrentLineNumber
        raise RoadmapError(
            f"{file}:{line}: {what}: refused (declared entities can expand a small file to "
            "gigabytes; a DTD named by IRI would be fetched): write the values out"
        )

    def doctype(name, system_id, public_id, internal_subset) -> None:
        if system_id:
            refuse(f"an external DTD ({system_id})")

    def entity(name, is_parameter, *rest) -> None:
        refuse(f"<!ENTITY {'% ' if is_parameter else ''}{name}>")

    def root(*args) -> None:
        raise Prolog

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        with file.open("rb") as stream:
            parser.ParseFile(stream)
    except (Prolog, OSError, expat.ExpatError):
        return
