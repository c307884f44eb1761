"""Headless Chromium (Debian's, driven by Playwright) on pages of the built site, opened from
``file://``: every request the page makes is recorded, so a test can assert that none leaves
the site's folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import missing, require_binary


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
