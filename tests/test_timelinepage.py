"""The site's timeline page in headless Chromium, from file://: every dated thing of the graph
drawn and tabled, coloured by kind, zoomable, each item opening its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF

from helpers.browser import open_page
from roadmapkg.rdf.namespaces import DCT, RK
from roadmapkg.site.entities import is_entity, page_path
from roadmapkg.site.timeline import span


@pytest.fixture
def tab(browser, site: Path):
    outside: list[str] = []
    errors: list[str] = []
    opened = open_page(browser, site, "timeline.html", outside, errors)
    opened.wait_for_selector("#timeline[data-items]")
    yield opened
    opened.context.close()
    assert outside == [] and errors == []


def dated_things(graph) -> set[tuple[str, str]]:
    """(date, page) of each entity with a date, an issue or an adoption date, sources aside:
    read from the graph here, not by the site's code."""
    sources = set(graph.subjects(RDF.type, RK.Source))
    return {
        (str(date), page_path(node))
        for predicate in (RK.date, DCT.issued, DCT.dateAccepted)
        for node, date in graph.subject_objects(predicate)
        if is_entity(node) and node not in sources
    }


def test_every_dated_thing_is_drawn_and_in_the_table(tab, graph):
    want = dated_things(graph)
    assert len(want) > 10
    drawn = tab.evaluate(
        "() => roadmapkgTimeline.itemsData.get().map((i) => [i.title.split(' · ')[0], i.page])"
    )
    assert {tuple(item) for item in drawn} == want and len(drawn) == len(want)
    rows = tab.eval_on_selector_all(
        "#dated tr",
        "rows => rows.slice(1).map(r => [r.cells[0].textContent,"
        " r.cells[2].querySelector('a').getAttribute('href')])",
    )
    assert {tuple(row) for row in rows} == want and len(rows) == len(want)


def test_kinds_have_clearly_different_colours(tab):
    legend = tab.eval_on_selector_all(
        ".kinds li", "items => items.map(i => getComputedStyle(i.firstChild).backgroundColor)"
    )
    assert len(legend) >= 5 and len(set(legend)) == len(legend)
    drawn = tab.evaluate(
        "() => [...document.querySelectorAll('.vis-item')].map((e) =>"
        " [e.className.match(/kind-(\\d+)/)[1], getComputedStyle(e).backgroundColor])"
    )
    assert drawn and all(colour == legend[int(kind)] for kind, colour in drawn)


def test_scrolling_zooms_in(tab):
    width = "() => { const w = roadmapkgTimeline.getWindow(); return w.end - w.start; }"
    before = tab.evaluate(width)
    box = tab.locator("#timeline").bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.wheel(0, -400)
    tab.wait_for_function(f"() => ({width})() < {before}")
    assert tab.evaluate(width) < before


def test_a_click_on_an_item_opens_its_page(tab, site: Path):
    item = tab.locator(".vis-item.vis-range").first
    item_id = item.get_attribute("data-id") or ""
    with tab.expect_navigation():
        item.click()
    assert tab.url.startswith((site / "id").resolve().as_uri() + "/")
    assert Path(tab.url.removeprefix("file://")).is_file(), item_id


@pytest.mark.parametrize(
    ("date", "drawn"),
    [
        ("2023-10-18", ("2023-10-18", None)),
        ("2023-10", ("2023-10-01", "2023-10-31T23:59:59")),
        ("2024-02", ("2024-02-01", "2024-02-29T23:59:59")),
        ("2021", ("2021-01-01", "2021-12-31T23:59:59")),
    ],
)
def test_a_date_less_precise_than_a_day_is_drawn_as_its_span(date, drawn):
    assert span(date) == drawn
