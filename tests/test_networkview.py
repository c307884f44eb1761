"""The site's network views in headless Chromium: a force-directed drawing whose labels do not
overlap (measured on the drawn page, with a screenshot kept for a person to look at), a legend
of clearly different colours, edge labels on hover, a click on a node opening its page."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from helpers.browser import open_page
from roadmapkg import paths
from roadmapkg.export.choices import VIEWS

ARTEFACTS = paths.ROOT / "out" / "test-artefacts"
# The boxes of the drawn nodes with their labels (cytoscape.js measures the rendered text),
# and the pairs that overlap: measured here, not by the page's own code
OVERLAPS = """() => {
  const drawn = cy.nodes(':visible').map((n) => [n.data('label'),
    n.boundingBox({includeLabels: true, includeNodes: true, includeEdges: false})]);
  const found = [];
  for (const [i, [a, p]] of drawn.entries()) for (const [b, q] of drawn.slice(i + 1)) {
    if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) found.push([a, b]);
  }
  return found;
}"""


@pytest.fixture
def view(browser, site: Path):
    outside: list[str] = []
    tabs = []

    def opened(name: str):
        tab = open_page(browser, site, f"views/{name}.html", outside, [])
        tabs.append(tab)
        tab.wait_for_function("document.body.dataset.nodes")
        return tab

    yield opened
    for tab in tabs:  # an open view keeps drawing: close it, not at the session's end
        tab.context.close()
    assert outside == []


@pytest.mark.parametrize("name", VIEWS)
def test_no_two_labels_overlap(view, name):
    tab = view(name)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = tab.screenshot(path=str(ARTEFACTS / f"view-{name}.png"))
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
    assert tab.evaluate(OVERLAPS) == []
    visible = tab.evaluate(
        "() => cy.nodes().every((n) => { const b = n.renderedBoundingBox();"
        " return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height(); })"
    )
    assert visible, "a node is drawn outside the window"


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a #rrggbb colour."""

    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    x, y, z = (v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz)
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


@pytest.mark.parametrize("name", VIEWS)
def test_the_legend_names_every_class_in_clearly_different_colours(view, name):
    tab = view(name)
    legend = tab.eval_on_selector_all(
        "#legend li",
        "items => items.map(i => [i.dataset.class, i.textContent,"
        " getComputedStyle(i.firstChild).backgroundColor])",
    )
    classes = tab.evaluate("() => [...new Set(cy.nodes().map((n) => n.data('class')))].sort()")
    assert [item[0] for item in legend] == classes
    for cls, text, _ in legend:
        count = tab.evaluate(f"() => cy.nodes().filter((n) => n.data('class') === '{cls}').length")
        assert text == f"{cls} ({count})"
    looks = tab.evaluate(
        "() => cy.nodes().map((n) => [n.data('class'), n.data('colour'), n.style('shape')])"
    )
    by_class = {cls: (colour, shape) for cls, colour, shape in looks}
    assert len(set(by_class.values())) == len(by_class)  # no two classes look alike
    for shape in {shape for _, shape in by_class.values()}:  # within a shape, colours differ
        colours = [colour for colour, s in by_class.values() if s == shape]
        for a, b in itertools.combinations(colours, 2):
            assert math.dist(lab(a), lab(b)) >= 15, (a, b)  # CIE76: clearly apart


def test_an_edge_shows_its_label_on_hover(view):
    tab = view("policy")
    edge = tab.evaluate(
        "() => { const e = cy.edges()[0]; const p = e.renderedMidpoint();"
        " const box = document.getElementById('cy').getBoundingClientRect();"
        " return [e.id(), e.data('label'), p.x + box.left, p.y + box.top]; }"
    )
    identifier, label, x, y = edge
    shown = f"() => cy.getElementById('{identifier}').style('label')"
    assert tab.evaluate(shown) == ""
    tab.mouse.move(x, y)
    tab.wait_for_function(f"() => cy.getElementById('{identifier}').hasClass('hover')")
    assert tab.evaluate(shown) == label


def test_a_click_on_a_node_opens_its_page(view, site: Path):
    tab = view("actors")
    x, y = tab.evaluate(
        "() => { const p = cy.getElementById('https://w3id.org/roadmapkg/id/actor/europol')"
        ".renderedPosition(); const box = document.getElementById('cy').getBoundingClientRect();"
        " return [p.x + box.left, p.y + box.top]; }"
    )
    with tab.expect_navigation():
        tab.mouse.click(x, y)
    assert tab.url == (site / "id" / "actor" / "europol.html").resolve().as_uri()
    assert tab.title().startswith("Europol")


@pytest.mark.parametrize("name", VIEWS)
def test_every_node_of_the_site_links_to_a_page_that_exists(view, name, site: Path):
    tab = view(name)
    pages = tab.evaluate("() => data.pages")
    nodes = tab.evaluate("() => cy.nodes().map((n) => n.id())")
    assert set(pages) == {n for n in nodes if n.startswith("https://w3id.org/roadmapkg/id/")}
    for target in pages.values():
        assert (site / "views" / target).resolve().is_file(), target
