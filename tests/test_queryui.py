"""`roadmapkg serve`'s query UI in headless Chromium, against the real server: the saved
queries and prefixes preloaded, each local saved query giving its independent answer through
the server, and the UI passing on queries only, only from its own pages."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helpers.browser import LOCAL, assert_answer_in_page, open_ui
from helpers.servers import serving


@pytest.fixture(scope="module")
def served():
    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def ui(browser, served):
    outside: list[str] = []
    errors: list[str] = []
    tab = open_ui(browser, served.ui, outside, errors)
    tab.wait_for_selector('#status[data-state="ready"]', timeout=60_000)
    tab.outside, tab.errors = outside, errors
    yield tab
    tab.context.close()


def post(url: str, fields: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, body, headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_banner_names_the_ui_beside_the_endpoint(served):
    assert served.ui.startswith("http://127.0.0.1:") and served.ui.endswith("/")
    assert served.ui != served.base + "/"


def test_the_ui_preloads_every_saved_query_and_the_prefixes(ui):
    options = ui.eval_on_selector_all("#picker option", "os => os.map(o => o.value)")
    assert set(options) >= {q.name for q in LOCAL}
    text = ui.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX rk: <https://w3id.org/roadmapkg/ontology#>" in text
    ui.select_option("#picker", "actions-of-pillar")
    field = '#parameters [name="pillar"]'
    assert ui.input_value(field) == "https://w3id.org/roadmapkg/id/pillar/port-resilience"


@pytest.mark.parametrize("query", LOCAL, ids=lambda q: q.name)
def test_saved_query_gives_its_independent_answer_through_the_server(ui, query):
    assert_answer_in_page(ui, query)
    assert ui.outside == [] and ui.errors == []


def test_the_ui_refuses_queries_from_another_origin(served):
    status, body = post(
        served.ui + "sparql", {"query": "ASK {}"}, {"Origin": "http://evil.example"}
    )
    assert (status, body) == (403, "queries only from this UI's own pages")


def test_the_ui_refuses_a_page_whose_dns_name_was_rebound_to_it(served):
    port = served.ui.split(":")[2].rstrip("/")
    rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
    status, body = post(served.ui + "sparql", {"query": "ASK {}"}, rebound)
    assert (status, body) == (403, "queries only to 127.0.0.1 or localhost")


def test_the_ui_passes_on_queries_only(served):
    status, _ = post(served.ui + "sparql", {"update": "DROP ALL"}, {})
    assert status == 400
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, body = post(
        served.ui + "sparql", {"query": count}, {"Accept": "application/sparql-results+json"}
    )
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000
