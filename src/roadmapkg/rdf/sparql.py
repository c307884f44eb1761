"""SPARQL query files, read and checked alike for the saved queries, the network views and the
QC checks: their grlc decorators (YAML in ``#+`` lines: ``summary``, ``tags``, ``defaults``,
``enumerate``), their parameters and their form.

Variables named after grlc's convention are parameters, read as grlc reads them: ``?_name``
required, ``?__name`` optional, with an optional type suffix (``?_pillar_iri``,
``?__minimum_xsd_decimal``, ``?_label_en``); a plain ``?_name`` is a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from ..errors import RoadmapError, yaml_problem

# grlc's grammar (grlc.gquery.get_parameters): ?_name required, ?__name optional, then a type
# (iri, number, literal, integer), or a prefix and a datatype (_xsd_decimal), or a language
PARAMETER = re.compile(
    r"[?$](?P<var>(?P<underscores>__?)(?P<name>[A-Za-z0-9]+)"
    r"(?:_(?P<type>iri|number|literal|integer))?"
    r"(?:_(?P<prefix>[A-Za-z0-9]+)_(?P<userdefined>[A-Za-z0-9]+))?"
    r"(?:_(?P<lang>[A-Za-z0-9]+))?)(?![A-Za-z0-9_])"
)
LANGUAGE = re.compile(r"[a-z]{2,3}")


class QueryError(RoadmapError):
    """A saved query cannot be read, parsed or bound."""


@dataclass(frozen=True)
class Parameter:
    name: str
    variable: str
    required: bool
    type: str  # iri, string, integer, decimal, date, a language code, or a prefix:datatype

    def describe(self) -> str:
        return f"{self.name} ({self.type}{'' if self.required else ', optional'})"


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    form: str  # SELECT, CONSTRUCT, ASK, DESCRIBE or UPDATE
    tags: list[str] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"


def decorators(path: Path, text: str) -> dict:
    """The YAML of the ``#+`` lines, parsed as grlc parses it."""
    lines = [line.lstrip("#+") for line in text.splitlines() if line.startswith("#+")]
    try:
        data = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        where = f" (decorator line {line})" if line else ""
        raise QueryError(f"{path}: decorators are not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise QueryError(f"{path}: decorators must be a YAML mapping (summary:, tags:, ...)")
    return data


def parameters(text: str) -> list[Parameter]:
    """grlc parameters in the query body, in order of first appearance, typed as grlc types
    them: iri, number, string (no suffix, or literal), integer, a language code, or a
    prefix:datatype."""
    found: dict[str, Parameter] = {}
    for match in PARAMETER.finditer(body(text)):
        name = match["name"]
        kind = {None: "string", "literal": "string"}.get(match["type"], match["type"])
        if match["userdefined"]:
            kind = f"{match['prefix']}:{match['userdefined']}"
        elif match["lang"]:
            kind = match["lang"]
        found.setdefault(name, Parameter(name, match["var"], match["underscores"] == "_", kind))
    return list(found.values())


def body(text: str) -> str:
    """The query without its comment lines (decorators included), where parameters are read."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def check_for_grlc(path: Path, query: SavedQuery) -> None:
    """Refuse what grlc would read otherwise than meant: a one-word suffix that is not a
    language code (grlc makes ``?__x_decimal`` the literal "9"@decimal: write ``_xsd_decimal``),
    and a required parameter with a default (grlc does not fill it in: an API call without it
    fails; make it optional, ``?__name``, and give the default in the query with COALESCE)."""
    for match in PARAMETER.finditer(body(query.text)):
        if match["lang"] and not LANGUAGE.fullmatch(match["lang"]):
            raise QueryError(
                f"{path}: ?{match['var']}: grlc reads _{match['lang']} as a language tag "
                f"(for a datatype write _xsd_{match['lang']})"
            )
    for parameter in query.parameters:
        variable = f"?{parameter.variable}"
        if parameter.required and parameter.name in query.defaults:
            raise QueryError(
                f"{path}: {variable} is required and has a default, which grlc does not fill "
                f"in: make it optional (?__{parameter.variable.lstrip('_')}) with the default "
                "in a COALESCE"
            )


def query_form(path: Path, text: str) -> str:
    """`form_of` the text of a file; a syntax error names file, line and column."""
    try:
        return form_of(text)
    except ParseException as error:
        raise QueryError(
            f"{path}:{error.lineno}:{error.col}: SPARQL syntax error: {error.msg} "
            f"(near {error.line.strip()!r})"
        ) from None


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


def read(path: Path, require_summary: bool = True) -> SavedQuery:
    """Read and check a query file; without `require_summary` its name stands for a missing
    summary."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    meta = decorators(path, text)
    summary = meta.get("summary", None if require_summary else path.stem)
    if not isinstance(summary, str) or not summary.strip():
        raise QueryError(f"{path}: the '#+ summary:' decorator is missing or not a line of text")
    defaults: dict[str, str] = {}
    for item in meta.get("defaults") or []:
        if not isinstance(item, dict):
            raise QueryError(f"{path}: '#+ defaults:' must be a list of 'name: value' items")
        defaults.update({str(k): str(v) for k, v in item.items()})
    query = SavedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=summary.strip(),
        form=query_form(path, text),
        tags=[str(t) for t in meta.get("tags") or []],
        parameters=parameters(text),
        defaults=defaults,
    )
    unknown = set(defaults) - {p.name for p in query.parameters}
    if unknown:
        raise QueryError(f"{path}: default for unknown parameter {', '.join(sorted(unknown))}")
    check_for_grlc(path, query)
    return query


GEOF = "http://www.opengis.net/def/function/geosparql/"


def is_geospatial(query_text: str) -> bool:
    """Whether a query calls a GeoSPARQL function (``geof:``), which pyoxigraph and Oxigraph
    (its server and WebAssembly build) evaluate and rdflib and Virtuoso 7 do not."""
    return GEOF in query_text or bool(re.search(r"\bgeof:\w", query_text))
