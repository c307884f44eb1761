"""Saved SPARQL queries: the ``queries/NAME.rq`` files (read by `rdf.sparql`, each with a
``#+ summary:``), found by name, their parameters bound to RDF terms, run, and their answers
written."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .. import paths
from ..errors import RoadmapError
from ..rdf.literals import DECIMAL, INTEGER, decimal_literal, parse_date
from ..rdf.namespaces import expand_curie
from ..rdf.sparql import LANGUAGE, Parameter, QueryError, SavedQuery, read
from ..rdf.sparqlterms import IRI_RULE, is_iri

QUERIES = paths.QUERIES


def load(path: Path) -> SavedQuery:
    """Read and check one query file: a saved one must carry a summary."""
    return read(path, require_summary=is_saved(path))


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


def check_update_kept(query: SavedQuery, allow_update: bool, persistent: bool) -> None:
    """Refuse an update allowed on the embedded in-memory store, where it would be lost."""
    if query.is_update and allow_update and not persistent:
        lost = "an update on the embedded store would be lost: use --store or --endpoint"
        raise RoadmapError(f"{query.name}: {lost}")


def with_language(query: SavedQuery, given: dict[str, str], lang: str | None) -> dict[str, str]:
    """`given` with the ``lang`` parameter set to `lang` (``--lang``), checked: the query has
    the parameter, the code is two or three letters, and ``--param lang=`` does not disagree."""
    if not lang:
        return given
    if "lang" not in {p.name for p in query.parameters}:
        raise RoadmapError(f"{query.name} has no lang parameter: --lang does not apply")
    if not lang.isalpha() or not 2 <= len(lang) <= 3:
        raise RoadmapError(f"--lang: not a language code: {lang!r}")
    if "lang" in given and given["lang"] != lang.lower():
        raise RoadmapError("--lang and --param lang= disagree: give one")
    return {**given, "lang": lang.lower()}


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
