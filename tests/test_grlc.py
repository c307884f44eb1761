"""grlc (PyPI `grlc`, in `.venv-grlc`, which `make test` makes) serves queries/ unchanged as a
Web API against a real Oxigraph server: every saved query without SERVICE answers through it
with the rows `roadmapkg query` gives, with and without its optional parameters."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from roadmapkg import paths
from roadmapkg.queries import saved as queries
from roadmapkg.store.server import free_port, oxigraph_binary

pytestmark = pytest.mark.slow

GRLC = paths.ROOT / ".venv-grlc" / "bin" / "grlc-server"
# values for the optional parameters that have no default, so that they are tried too
TRIED = {"minimum": "9"}
LOCAL = [q for q in queries.load_all() if not queries.is_federated(q) and not q.is_update]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@pytest.fixture(scope="module")
def grlc(tmp_path_factory) -> str:
    """The base URL of grlc's local API, over an Oxigraph server holding the emitted graph in
    its default graph."""
    if not GRLC.exists():
        message = "grlc is not installed in .venv-grlc (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("grlc")
    store = folder / "store"
    binary = oxigraph_binary()
    subprocess.run(
        [binary, "load", "--location", store, "--file", paths.GRAPH],
        check=True,
        capture_output=True,
    )
    port = free_port()
    oxigraph = subprocess.Popen(
        [binary, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (folder / "config.ini").write_text(
        f"[defaults]\nsparql_endpoint = http://127.0.0.1:{port}/query\ndebug = False\n"
        f"[local]\nlocal_sparql_dir = {paths.QUERIES}\n",
        encoding="utf-8",
    )
    api = free_port()
    server = subprocess.Popen(
        [GRLC, f"--port={api}"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", oxigraph)
        wait_for(f"http://127.0.0.1:{api}/", server)
        yield f"http://127.0.0.1:{api}/api-local"
    finally:
        for process in (server, oxigraph):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(store, ignore_errors=True)


def ask_grlc(base: str, name: str, params: dict[str, str], accept: str) -> str:
    url = f"{base}/{name}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode("utf-8")


def ask_roadmapkg(name: str, params: dict[str, str], fmt: str) -> str:
    done = subprocess.run(
        [paths.ROOT / ".venv" / "bin" / "roadmapkg", "query", name, "--format", fmt]
        + [arg for k, v in params.items() for arg in ("--param", f"{k}={v}")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def calls(query: queries.SavedQuery) -> list[dict[str, str]]:
    """The parameter sets to try: every parameter (at its default, or the value TRIED gives
    it), then the required ones alone."""
    full = {
        p.name: query.defaults.get(p.name, TRIED.get(p.name))
        for p in query.parameters
        if p.name in query.defaults or p.name in TRIED
    }
    required = {p.name for p in query.parameters if p.required}
    return [full] if set(full) <= required else [full, {k: full[k] for k in required}]


@pytest.mark.parametrize("query", LOCAL, ids=lambda q: q.name)
def test_grlc_answers_as_roadmapkg_does(query, grlc):
    for params in calls(query):
        if query.form in ("SELECT", "ASK"):
            theirs = list(csv.reader(io.StringIO(ask_grlc(grlc, query.name, params, "text/csv"))))
            ours = list(csv.reader(io.StringIO(ask_roadmapkg(query.name, params, "csv"))))
            assert theirs[0] == ours[0], params
            assert sorted(theirs[1:]) == sorted(ours[1:]), params
            assert len(ours) > 1, f"{query.name} answers nothing with {params}: a vacuous check"
        else:
            theirs = Graph().parse(data=ask_grlc(grlc, query.name, params, "text/turtle"))
            ours = Graph().parse(data=ask_roadmapkg(query.name, params, "turtle"))
            assert len(ours) and isomorphic(repaired(theirs), ours), params


def repaired(graph: Graph) -> Graph:
    """grlc's Turtle (CONSTRUCT) answers hold non-ASCII letters of literals as their UTF-8 bytes
    read as Latin-1 ('Caraïbe' comes back 'CaraÃ¯be'; its CSV answers are right): undo that,
    so the comparison is of the triples, not of grlc's encoding."""
    fixed = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and not str(o).isascii():
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):  # else as it is
                o = Literal(str(o).encode("latin-1").decode("utf-8"), o.language, o.datatype)
        fixed.add((s, p, o))
    return fixed
