"""Shared fixtures: the emitted graph and a scratch copy of the curated sources (the helpers
the tests share are the `helpers` package)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from rdflib import Graph

from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.rdf.load import load_graph


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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The static site of the committed graph, built once for the session's tests."""
    folder = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", "--output", str(folder)]) == 0
    return folder


@pytest.fixture(scope="session")
def site_server(site):
    """The site served by Python's http.server on a free port of 127.0.0.1."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def data(graph) -> Graph:
    """The committed graph the site is built from (the session's `graph`)."""
    return graph


@pytest.fixture(scope="session")
def description(site) -> Graph:
    """The site's dataset description (dataset.ttl: DCAT-AP and VoID)."""
    return load_graph([site / "dataset.ttl"])


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the whole session (see tests/helpers/browser.py)."""
    from helpers.browser import chromium_browser

    with chromium_browser() as found:
        yield found
