"""The site's search box in headless Chromium, from file://: every entity found by each of
its names in every language the graph holds, accents and case aside, from any page."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from rdflib.namespace import RDFS, SKOS

from helpers.browser import open_page
from roadmapkg.site.entities import entity_iris, page_path

EUROPOL = "id/actor/europol.html"


@pytest.fixture
def opened(browser, site: Path):
    outside: list[str] = []
    errors: list[str] = []
    tabs = []

    def open_at(page: str):
        tabs.append(open_page(browser, site, page, outside, errors))
        return tabs[-1]

    yield open_at
    for tab in tabs:
        tab.context.close()
    assert outside == [] and errors == []


def search(tab, text: str) -> list[tuple[str, str]]:
    """Type `text` in the search box; the results shown: (link text, target path)."""
    tab.fill("#site-search", text)
    tab.wait_for_selector("#site-search-results[data-hits]")
    found = tab.eval_on_selector_all(
        "#site-search-results a", "as => as.map(a => [a.textContent, a.getAttribute('href')])"
    )
    return [tuple(hit) for hit in found]


def test_a_name_in_german_without_its_umlaut_finds_europol(opened, site: Path):
    tab = opened("index.html")
    assert search(tab, "europaisches polizeiamt") == [("Europol", EUROPOL)]
    assert tab.inner_text("#site-search-results") == "Europol (Europäisches Polizeiamt @de)"
    with tab.expect_navigation():
        tab.click("#site-search-results a")
    assert tab.url == (site / EUROPOL).resolve().as_uri()


def test_a_greek_name_from_a_nested_page_links_back_up(opened, site: Path):
    tab = opened("id/place/netherlands.html")
    [(title, href)] = search(tab, "Αστυνομική")
    assert title == "Europol" and href == "../../" + EUROPOL
    assert (site / "id" / "place" / href).resolve() == (site / EUROPOL).resolve()


def test_no_match_says_so(opened):
    tab = opened("entities.html")
    assert search(tab, "zzzz no such name") == []
    assert tab.inner_text("#site-search-results") == "No entity has that name."


def test_every_name_of_every_entity_finds_it(opened, graph):
    tab = opened("index.html")
    search(tab, "x")  # loads the index
    names = [
        (str(name), page_path(iri))
        for iri in entity_iris(graph)
        for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
        for name in graph.objects(iri, predicate)
    ]
    assert len(names) > 400
    found = tab.evaluate(
        "names => names.map(([name, page]) => window.roadmapkgSearch(name).includes(page))", names
    )
    assert [name for name, hit in zip(names, found, strict=True) if not hit] == []
    languages = {name.language for p in (SKOS.prefLabel,) for name in graph.objects(None, p)}
    assert len(languages) >= 20  # the EU languages the graph holds


def test_every_page_has_the_search_box(site: Path):
    """The templated pages, and those the site does not template (pyLODE's ontology page, the
    network views), which get it with the links home."""
    pages = list(site.rglob("*.html"))
    without = [
        str(p.relative_to(site))
        for p in pages
        if 'id="site-search"' not in p.read_text(encoding="utf-8")
    ]
    assert without == []
    assert len(pages) > 500


@pytest.mark.parametrize("page", ["ontology/roadmap.html", "ontology/0.1.0/roadmap.html",
                                  "views/actors.html", "views/policy.html"])  # fmt: skip
def test_the_pages_the_site_does_not_template_search_too(opened, site: Path, page: str):
    tab = opened(page)
    hits = search(tab, "Europäisches Polizeiamt")
    assert hits == [("Europol", posixpath.relpath(EUROPOL, posixpath.dirname(page)))]
    box = tab.locator("#site-search-results").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    # on top of the page: the network's canvas does not cover the results
    assert tab.evaluate(
        """() => {
          const r = document.querySelector("#site-search-results a").getBoundingClientRect();
          return document.elementFromPoint(r.x + 5, r.y + r.height / 2)
            .closest("#site-search-results") !== null;
        }"""
    )
    with tab.expect_navigation():
        tab.click("#site-search-results a")
    assert tab.url == (site / EUROPOL).resolve().as_uri()


@pytest.mark.parametrize("width", [1280, 900, 600])
def test_the_results_stay_inside_the_window_however_the_menu_wraps(opened, width):
    """The results hung off the left edge once the menu wrapped the box onto a line of its own
    (a click on them then failed: outside the viewport)."""
    tab = opened("timeline.html")
    tab.set_viewport_size({"width": width, "height": 800})
    search(tab, "commission")
    box = tab.locator("#site-search-results").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
