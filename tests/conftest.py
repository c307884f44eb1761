"""Shared fixtures: the emitted graph, a scratch copy of the curated sources, shared/ files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest
from rdflib import Graph, Literal

from roadmapkg import paths
from roadmapkg.validate import load_graph

# ROADMAPKG_SHARED names it elsewhere (make mutation runs the tests in a copy, mutants/)
SHARED = Path(os.environ.get("ROADMAPKG_SHARED") or paths.ROOT.parent / "shared")
PREFIXES = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX id: <https://w3id.org/roadmapkg/id/>
PREFIX document: <https://w3id.org/roadmapkg/id/document/>
PREFIX event: <https://w3id.org/roadmapkg/id/event/>
PREFIX instrument: <https://w3id.org/roadmapkg/id/instrument/>
PREFIX source: <https://w3id.org/roadmapkg/id/source/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX unit: <http://qudt.org/vocab/unit/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX void: <http://rdfs.org/ns/void#>
"""


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The committed, emitted graph data/roadmap.ttl."""
    return load_graph([paths.GRAPH])


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A scratch copy of data/sources that a test may break."""
    target = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, target)
    return target


def shared_file(*parts: str) -> Path:
    """A file under ../shared/ (absent from a user's clone): skip without it, but fail when
    CI=true, where .ci/run needs ../shared/reference beside the clone."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(f"{path} is absent: the shared reference folder is not beside this clone")
    return path


def require_binary(name: str) -> str:
    """The path of a system program; skip without it, but fail when CI=true."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not installed (Debian package; .ci/run installs it)")
    return found


def missing(message: str) -> NoReturn:
    """Skip the test for want of something outside the repository, or fail when CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def chromium(url: str, profile: Path, *options: str) -> subprocess.CompletedProcess:
    """Headless Chromium on `url` (options such as --dump-dom or --screenshot=F)."""
    program = require_binary("chromium")
    return subprocess.run(
        [
            program, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *options, url,
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


# A label that once ended the JSON block of the network views (`<!--<script>` puts an HTML5
# parser in a state where `</script>` no longer closes the element), so nothing on them ran.
HOSTILE_LABEL = "Europol <!--<script>alert(1)</script> & co"


def view_data(page: str) -> tuple[object, int]:
    """The JSON of a network view page's <script id="data"> as an HTML5 parser (html5lib,
    which parses as browsers do) reads it, and how many script elements the page has."""
    import html5lib

    document = html5lib.parse(page, namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    (data,) = [script for script in scripts if script.get("id") == "data"]
    return json.loads(data.text), len(scripts)


def select(graph: Graph, query: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query (with the test prefixes), each value as its lexical form.

    Decimals are normalised (``8.0`` -> ``8``); datatypes are asserted by selecting
    ``datatype(?x)`` in the query itself."""
    return [tuple(lexical(v) for v in row) for row in graph.query(PREFIXES + query)]


def lexical(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal) and str(value.datatype).endswith("XMLSchema#decimal"):
        return format(value.toPython().normalize(), "f")
    return str(value)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The static site of the committed graph, built once for the tests that open it in a
    browser."""
    from roadmapkg.site import build_site

    folder = tmp_path_factory.mktemp("built") / "site"
    build_site(folder)
    return folder


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the whole session (see tests/browser.py)."""
    from browser import chromium_browser

    with chromium_browser() as found:
        yield found
