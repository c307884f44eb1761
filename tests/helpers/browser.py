"""Headless Chromium (Debian's, driven by Playwright) on pages of the built site, opened from
``file://``: every request the page makes is recorded, so a test can assert that none leaves
the site's folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from helpers.answers import canonical, independent_answer
from helpers.outside import missing, require_binary
from roadmapkg.queries import saved as queries

# the saved queries a page can run: neither federated (SERVICE) nor updates
LOCAL = [q for q in queries.load_all() if not queries.is_federated(q) and not q.is_update]


@contextmanager
def chromium_browser() -> Iterator[object]:
    """A Playwright Browser on /usr/bin/chromium (never a browser Playwright downloads)."""
    program = require_binary("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=program, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, site: Path, page: str, outside: list[str], errors: list[str]):
    """A new page on `site`/`page` from ``file://``. Every request for anything outside
    `site` is added to `outside` (and refused when it is a network one: the network is cut);
    script errors go to `errors`."""
    root = site.resolve().as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("http*://**/*", lambda request_route: request_route.abort())
    tab = context.new_page()

    def record(request) -> None:
        if not request.url.startswith((root, "blob:", "data:")):
            outside.append(request.url)

    tab.on("request", record)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(root + page)
    return tab


def open_ui(browser, url: str, outside: list[str], errors: list[str]):
    """A new page on the query UI at `url`; requests to any other origin go to `outside`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("request", lambda r: None if r.url.startswith((url, "blob:")) else outside.append(r.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    return tab


def run(tab, name: str, **parameters: str) -> None:
    """Pick the saved query `name`, fill in `parameters`, press Run, wait for its answer."""
    tab.select_option("#picker", name)
    for field, value in parameters.items():
        tab.fill(f'#parameters [name="{field}"]', value)
    before = tab.get_attribute("#status", "data-run") or "0"
    tab.click("#run")
    done = '[data-state="done"], [data-state="error"]'
    tab.wait_for_selector(f'#status[data-run="{int(before) + 1}"]:is({done})')


def shown_rows(tab) -> list[tuple[str, ...]]:
    """The header and rows of the answer table, as the reader sees them, numbers canonical."""
    rows = tab.eval_on_selector_all(
        "#answer tr", "rows => rows.map(r => [...r.children].map(c => c.textContent))"
    )
    return [tuple(canonical(c) for c in row) for row in rows]


def download(tab, suffix: str) -> str:
    """The text of the answer's download link ending in `suffix`."""
    return tab.eval_on_selector(
        f'#downloads a[download$="{suffix}"]', "a => fetch(a.href).then(r => r.text())"
    )


def assert_answer_in_page(tab, query) -> None:
    """Run the saved `query` in the page; its table (its N-Triples download for a graph) holds
    the rows of the query's independent answer."""
    run(tab, query.name)
    assert tab.get_attribute("#status", "data-state") == "done", tab.inner_text("#status")
    want = independent_answer(query.name)
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        got = Graph().parse(data=download(tab, ".nt"), format="nt")
        assert isomorphic(got, Graph().parse(data="\n".join(want), format="nt"))
        assert len(shown_rows(tab)) - 1 == len(want)
        return
    got = shown_rows(tab)
    assert got[0] == want[0], "columns differ"
    missing, extra = sorted(set(want[1:]) - set(got[1:])), sorted(set(got[1:]) - set(want[1:]))
    assert (missing, extra) == ([], [])
    assert len(got) == len(want)
