"""`roadmapkg serve` as an attacker sees it: a web page posting forms to it (foreign Origin and
Host), a local process writing through the Graph Store Protocol, queries that make it fetch
URLs, and `kill -9` of the command. Read-only and off the network unless asked."""

from __future__ import annotations

import contextlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from helpers.listener import listener  # noqa: F401 (fixture)
from helpers.servers import serving
from roadmapkg.errors import RoadmapError
from roadmapkg.store.choices import DEFAULT_GRAPH
from roadmapkg.store.server import free_port, start_oxigraph

# what a cross-origin page (or one whose DNS name was rebound to 127.0.0.1) sends
FOREIGN = {"Origin": "http://evil.example", "Host": "evil.example"}
FORM = "application/x-www-form-urlencoded"
TURTLE = "<http://evil.example/s> <http://evil.example/p> <http://evil.example/o> ."
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?o }} }}"


def send(url: str, method: str, body: str = "", content_type: str = FORM) -> tuple[int, str]:
    """The status and body of one request from a foreign page."""
    headers = dict(FOREIGN, **({"Content-Type": content_type} if body else {}))
    request = urllib.request.Request(url, body.encode(), headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def form(base: str, path: str, **fields: str) -> tuple[int, str]:
    return send(f"{base}/{path}", "POST", urllib.parse.urlencode(fields))


def triples(base: str) -> int:
    status, body = form(base, "query", query=COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_serve_refuses_updates_and_graph_store_writes_from_a_foreign_page():
    with serving() as served:
        base, banner = served.base, served.banner
        assert banner == (
            "Serving the roadmap graph (also the default graph), read-only, fetches no URL. "
            "Stop with Ctrl-C."
        )
        before = triples(base)
        assert before > 1000
        attacks = [
            form(base, "update", update=f"INSERT DATA {{ {TURTLE} }}"),
            form(base, "update", update="DROP ALL"),
            send(f"{base}/store?default", "PUT", TURTLE, "text/turtle"),
            send(f"{base}/store?graph={DEFAULT_GRAPH}", "PUT", TURTLE, "text/turtle"),
            send(f"{base}/store?graph={DEFAULT_GRAPH}", "POST", TURTLE, "text/turtle"),
            send(f"{base}/store?graph={DEFAULT_GRAPH}", "DELETE"),
        ]
        assert attacks == [(403, "The server is read-only")] * 6
        assert triples(base) == before


def test_serve_fetches_no_url_for_service_or_load(listener):  # noqa: F811
    with serving() as served:
        base = served.base
        status, body = form(
            base, "query", query=f"SELECT * WHERE {{ SERVICE <{listener.url}/s> {{ ?s ?p ?o }} }}"
        )
        # results stream out (200) before the SERVICE call fails; the failure ends the body
        assert body.endswith("Operation not permitted (os error 1)"), (status, body)
        assert form(base, "update", update=f"LOAD <{listener.url}/g.ttl>")[0] == 403
    assert listener.requests == []


def test_serve_allow_update_takes_updates_but_still_fetches_nothing(listener):  # noqa: F811
    with serving("--allow-update") as served:
        base, banner = served.base, served.banner
        assert "read-write, fetches no URL" in banner
        assert form(base, "update", update=f"INSERT DATA {{ {TURTLE} }}")[0] == 204
        status, body = form(base, "query", query=f"ASK {{ {TURTLE} }}")
        assert (status, body) == (200, '{"head":{},"boolean":true}')
        status, body = form(base, "update", update=f"LOAD <{listener.url}/g.ttl>")
        assert body.endswith("Operation not permitted (os error 1)"), (status, body)
    assert listener.requests == []


def test_serve_allow_network_runs_service_calls(listener):  # noqa: F811
    with serving("--allow-network") as served:
        base, banner = served.base, served.banner
        assert "read-only, may fetch URLs" in banner
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}/s> {{ ?s ?p ?o }} }}"
        assert form(base, "query", query=query)[0] == 200
    assert listener.requests == ["POST /s"]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def gone(pid: int) -> bool:
    """True once `pid` has ended (a zombie waiting for its new parent to reap it counts)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=5):
            return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_serve_killed_with_sigkill_leaves_no_orphan_server():
    with serving() as served:
        process, base = served.process, served.base
        (server,) = children(process.pid)
        arguments = Path(f"/proc/{server}/cmdline").read_text().split("\0")
        store = Path(arguments[arguments.index("--location") + 1])
        assert store.name.startswith(f"roadmapkg-serve-{process.pid}-")
        assert answers(base)
        process.kill()
        process.wait()
        deadline = time.monotonic() + 30  # the kernel kills the server at once; a loaded machine
        while not gone(server) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gone(server)
        assert not answers(base)
    assert store.is_dir()  # nothing could remove it; the next serve does
    with serving():
        assert not store.exists()


def test_serve_refuses_to_start_where_it_cannot_keep_the_server_off_the_network(
    monkeypatch, tmp_path
):
    monkeypatch.setattr("platform.machine", lambda: "riscv64")
    with pytest.raises(RoadmapError) as refused:
        start_oxigraph(tmp_path, free_port())
    assert str(refused.value) == (
        "this system cannot keep the server from fetching URLs (SPARQL SERVICE): "
        "give --allow-network to serve anyway"
    )
