"""Saved SPARQL queries: read their grlc decorators and parameters, check them, bind values.

A saved query is a ``queries/NAME.rq`` file. Lines starting with ``#+`` are grlc decorators,
read as YAML (``summary``, ``tags``, ``defaults``, ``enumerate``). Variables named after grlc's
convention are parameters, read as grlc reads them: ``?_name`` required, ``?__name`` optional,
with an optional type suffix (``?_pillar_iri``, ``?__minimum_xsd_decimal``, ``?_label_en``);
a plain ``?_name`` is a string.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml
from pyparsing import ParseException
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .. import paths
from ..errors import RoadmapError, yaml_problem
from ..rdf.literals import DECIMAL, INTEGER, decimal_literal, parse_date
from ..rdf.namespaces import expand_curie
from ..rdf.sparql import form_of
from ..rdf.sparqlterms import IRI_RULE, is_iri

QUERIES = paths.QUERIES
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


def load(path: Path) -> SavedQuery:
    """Read and check one saved query file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    meta = decorators(path, text)
    summary = meta.get("summary", None if is_saved(path) else path.stem)
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


def is_saved(path: Path) -> bool:
    """Whether a file is one of the saved queries (which must carry a summary; a file of one's
    own runs without decorators, its name standing for its summary)."""
    return path.resolve().parent == QUERIES.resolve()


def find(name_or_path: str) -> Path:
    """The file of a saved query given by name (``pillars``) or by path (``my.rq``)."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.is_file():
        return path
    candidate = QUERIES / f"{name_or_path}.rq"
    if not candidate.exists():
        known = ", ".join(q.stem for q in saved_paths())
        raise QueryError(f"no saved query named {name_or_path!r} (known: {known})")
    return candidate


def saved_paths() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def load_all() -> list[SavedQuery]:
    return [load(p) for p in saved_paths()]


def valid_utf8(raw: str) -> bool:
    """False for a command-line value holding bytes that are not UTF-8 (Python keeps them as
    lone surrogates, which no query text can carry)."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def term(parameter: Parameter, raw: str) -> Node:
    """The RDF term for a parameter value, by the parameter's type; never query text."""
    kind = parameter.type
    problem = None
    if not valid_utf8(raw):
        problem = "not valid UTF-8"
    elif kind == "iri":
        if is_iri(raw):
            return URIRef(raw)
        problem = f"not an absolute IRI ({IRI_RULE})"
    elif kind in ("integer", "xsd:integer"):
        if INTEGER.fullmatch(raw):
            return Literal(int(raw))
        problem = "not an integer"
    elif kind == "number" and INTEGER.fullmatch(raw):
        return Literal(int(raw))
    elif kind in ("xsd:decimal", "number"):
        if DECIMAL.fullmatch(raw):
            return decimal_literal(raw)
        problem = "not a decimal number" if kind != "number" else "not a number"
    elif kind == "xsd:date":
        value = parse_date(raw)
        if value is not None and value.datatype == XSD.date:
            return value
        problem = "not a date (YYYY-MM-DD)"
    elif kind == "string":
        return Literal(raw)
    elif LANGUAGE.fullmatch(kind):
        return Literal(raw, lang=kind)
    elif ":" in kind and expand_curie(kind) is not None:
        return Literal(raw, datatype=expand_curie(kind))
    else:
        problem = f"unsupported parameter type {kind!r}"
    raise QueryError(f"parameter {parameter.name}: {problem}: {raw!r}")


def bind(query: SavedQuery, given: dict[str, str]) -> dict[str, Node]:
    """Variable name -> RDF term for every parameter given or defaulted; checks required ones."""
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        names = ", ".join(p.describe() for p in query.parameters) or "none"
        raise QueryError(f"{query.name}: unknown parameter {unknown[0]!r} (parameters: {names})")
    bindings: dict[str, Node] = {}
    for parameter in query.parameters:
        raw = given.get(parameter.name, query.defaults.get(parameter.name))
        if raw is None:
            if parameter.required:
                raise QueryError(f"{query.name}: parameter {parameter.name!r} is required")
            continue
        bindings[parameter.variable] = term(parameter, raw)
    return bindings


def redirect_services(text: str, services: dict[str, str]) -> str:
    """The query with each ``SERVICE <from>`` sent to ``<to>`` instead (a mirror, a test server)."""
    for old, new in services.items():
        for iri in (old, new):
            if not is_iri(iri):
                raise QueryError(f"--service: not an absolute IRI: {iri!r}")
        pattern = re.compile(rf"(SERVICE\s+(?:SILENT\s+)?)<{re.escape(old)}>", re.IGNORECASE)
        text, count = pattern.subn(lambda m, new=new: f"{m.group(1)}<{new}>", text)
        if not count:
            raise QueryError(f"--service: the query has no SERVICE <{old}>")
    return text


def is_federated(query: SavedQuery) -> bool:
    return re.search(r"\bSERVICE\b", query.text, re.IGNORECASE) is not None


def execute(
    query: SavedQuery,
    store,
    given: dict[str, str],
    allow_update: bool = False,
    services: dict[str, str] | None = None,
):
    """Run a saved query on `store` with parameter values `given` (raw strings), sending its
    SERVICE calls where `services` redirects them."""
    if query.is_update:
        if not allow_update:
            raise QueryError(
                f"{query.path}: is a SPARQL update (INSERT/DELETE/LOAD/CLEAR/DROP); "
                "refused without --allow-update"
            )
        if query.parameters or given:
            raise QueryError(f"{query.path}: an update takes no parameters")
        store.update(query.text)
        return None
    return store.query(redirect_services(query.text, services or {}), bind(query, given))


def execute_csv(
    query: SavedQuery, store, given: dict[str, str], services: dict[str, str] | None = None
) -> str:
    """The answer of a SELECT or ASK query as W3C CSV. A store that hands out SELECT rows as
    text (pyoxigraph) has them written without building RDF terms in between."""
    from ..store.results import csv_text, render

    if query.form == "SELECT" and hasattr(store, "select_text"):
        text = redirect_services(query.text, services or {})
        return csv_text(*store.select_text(text, bind(query, given)))
    return render(execute(query, store, given, services=services), "csv")


def run_all(store, folder: Path, services: dict[str, str] | None = None) -> list[Path]:
    """Run every saved query with its defaults and write NAME.csv (NAME.nt for graphs).
    Federated queries run only when `services` redirects their SERVICE calls (the EU endpoints
    are not reachable from everywhere). On a store that works largely without holding the GIL
    (pyoxigraph) the queries run on every core."""
    from ..files.atomic import write_atomically

    runnable = [q for q in load_all() if not q.is_update and (services or not is_federated(q))]
    files = {folder / name: text for name, text in answer_files(runnable, store, services)}
    write_atomically(files)
    return list(files)


def answer_file(
    query: SavedQuery, store, services: dict[str, str] | None = None
) -> tuple[str, bytes]:
    """The file name and bytes of a query's answer with its defaults, as run-queries writes
    it: NAME.csv (W3C SPARQL CSV) for solutions, NAME.nt (sorted N-Triples) for a graph."""
    from ..store.results import render

    redirected = services if is_federated(query) else None
    if query.form in ("SELECT", "ASK"):
        return f"{query.name}.csv", execute_csv(query, store, {}, redirected).encode()
    result = execute(query, store, {}, services=redirected)
    return f"{query.name}.nt", render(result, "nt").encode("utf-8")


def answer_files(
    runnable: list[SavedQuery], store, services: dict[str, str] | None = None
) -> list[tuple[str, bytes]]:
    """`answer_file` of each query, on every core when the store works largely without
    holding the GIL (pyoxigraph)."""
    from ..files.progress import each

    workers = (os.cpu_count() or 1) if getattr(store, "concurrent", False) else 1
    with ThreadPoolExecutor(workers) as pool:
        run = partial(answer_file, store=store, services=services)
        return list(each(pool.map(run, runnable), "queries", len(runnable)))
