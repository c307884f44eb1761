"""The site's SPARQL page in headless Chromium, opened from file:// with the network cut: the
graph in Oxigraph (WebAssembly), each saved query picked and run gives the rows of its
independent answer; parameters, prefixes, links and downloads work; no request leaves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from helpers.answers import independent_answer, table
from helpers.browser import LOCAL, assert_answer_in_page, download, open_page, run, shown_rows
from roadmapkg import paths
from roadmapkg.errors import RoadmapError
from roadmapkg.site import vendor


@pytest.fixture(scope="module")
def page(browser, site: Path):
    outside: list[str] = []
    errors: list[str] = []
    tab = open_page(browser, site, "query.html", outside, errors)
    tab.wait_for_selector('#status[data-state="ready"]', timeout=60_000)
    tab.outside, tab.errors = outside, errors
    yield tab
    tab.context.close()


def test_the_graph_loads_from_file_without_any_request_leaving(page):
    assert page.get_attribute("#status", "data-state") == "ready"
    triples = len(Graph().parse(paths.GRAPH))
    assert f"Ready: {triples} triples loaded." in page.inner_text("#status")
    assert page.outside == [] and page.errors == []


def test_every_local_saved_query_is_in_the_picker_with_its_summary(page):
    options = page.eval_on_selector_all("#picker option", "os => os.map(o => o.textContent)")
    for query in LOCAL:
        assert f"{query.name}: {query.summary}" in options


@pytest.mark.parametrize("query", LOCAL, ids=lambda q: q.name)
def test_saved_query_gives_its_independent_answer_in_the_page(page, query):
    assert_answer_in_page(page, query)
    assert page.outside == [] and page.errors == []


def test_parameter_fields_hold_the_defaults_and_bind_what_is_typed(page):
    page.select_option("#picker", "actions-of-pillar")
    field = '#parameters [name="pillar"]'
    assert page.input_value(field) == "https://w3id.org/roadmapkg/id/pillar/port-resilience"
    run(page, "actions-of-pillar", pillar="https://w3id.org/roadmapkg/id/pillar/crime-prevention")
    assert [row[2] for row in shown_rows(page)[1:]] == [
        "EU Internet Forum knowledge package on drugs content",
        "High-level conference on crime prevention and best practices on preventing recruitment",
    ]


def test_a_hostile_parameter_is_refused_not_run(page):
    run(page, "actions-of-pillar", pillar="<http://x> } UNION { ?s ?p ?o")
    assert page.get_attribute("#status", "data-state") == "error"
    assert page.inner_text("#status") == (
        "Error: pillar: not an absolute IRI: <http://x> } UNION { ?s ?p ?o"
    )
    assert page.query_selector("#answer") is None


def test_an_optional_decimal_parameter_filters(page):
    run(page, "seizures-of-substance", minimum="9")
    large = {row[1] for row in shown_rows(page)[1:]}
    run(page, "seizures-of-substance", minimum="")
    everything = {row[1] for row in shown_rows(page)[1:]}
    assert {"103.5", "9.5"} <= large < everything


def test_a_query_typed_by_hand_has_the_prefixes_preset(page):
    page.select_option("#picker", "")
    text = page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX rk: <https://w3id.org/roadmapkg/ontology#>" in text
    page.evaluate(
        "() => document.querySelector('.CodeMirror').CodeMirror.setValue("
        "'PREFIX rk: <https://w3id.org/roadmapkg/ontology#>\\n"
        "SELECT (COUNT(?p) AS ?pillars) WHERE { ?p a rk:Pillar }')"
    )
    page.click("#run")
    assert shown_rows(page) == [("pillars",), ("4",)]


def test_entity_iris_link_to_their_pages_and_others_do_not(page, site: Path):
    run(page, "pillars")
    links = page.eval_on_selector_all("#answer a", "as => as.map(a => a.href)")
    assert len(links) == 4
    for href in links:
        assert href.startswith(site.resolve().as_uri() + "/id/pillar/")
        assert Path(href.removeprefix("file://")).is_file()
    run(page, "describe-entity")
    predicates = page.eval_on_selector_all(
        "#answer tr td:nth-child(1) a", "as => as.map(a => a.textContent)"
    )
    assert not any(p.startswith("http://www.w3.org/") for p in predicates)


def test_answers_download_as_csv_and_json(page):
    run(page, "pillars")
    assert table(download(page, ".csv")) == independent_answer("pillars")
    answer = json.loads(download(page, ".json"))
    assert answer["head"]["vars"] == ["number", "pillar", "label", "wording"]
    assert len(answer["results"]["bindings"]) == 4


def test_a_federated_query_says_it_cannot_run_here(page):
    page.select_option("#picker", "federated-agency-labels")
    assert "cannot run in this page" in page.inner_text("#status")


def test_a_syntax_error_is_shown(page):
    page.select_option("#picker", "")
    page.evaluate(
        "() => document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT WHERE {')"
    )
    page.click("#run")
    assert page.get_attribute("#status", "data-state") == "error"
    assert page.inner_text("#status").startswith("Error: ")


def test_an_unknown_oxigraph_module_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "node_modules" / "oxigraph"
    fake.mkdir(parents=True)
    (fake / "web.js").write_text("import x from 'y';\nexport function f() {}\n")
    monkeypatch.setattr(vendor.paths, "ROOT", tmp_path)
    with pytest.raises(RoadmapError, match="not the wasm-bindgen module"):
        vendor.oxigraph_script()


def test_no_page_of_the_site_loads_a_script_or_style_from_elsewhere(site: Path):
    """Every script and stylesheet of every page is a file of the site (no CDN)."""
    import re

    pattern = re.compile(
        r'<script[^>]*\ssrc="([^"]*)"|<link[^>]*rel="stylesheet"[^>]*href="([^"]*)"'
    )
    loaded = set()
    for page in site.rglob("*.html"):
        for match in pattern.finditer(page.read_text(encoding="utf-8")):
            target = match[1] or match[2]
            loaded.add(target.rsplit("/", 1)[-1])
            assert (page.parent / target).resolve().is_file(), (page, target)
    assert {"query.js", "oxigraph.js", "yasqe.min.js", "search.js", "vis-timeline.min.js"} <= loaded
