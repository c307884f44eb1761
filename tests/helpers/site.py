"""The site's pages read as a crawler reads them, and what several site tests name."""

from __future__ import annotations

from html.parser import HTMLParser

from rdflib import Namespace

from roadmapkg import paths
from roadmapkg.rdf.namespaces import ID

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # open: rdflib's DCAT lacks dcat:version
EUROPOL = ID["actor/europol"]
OTHER_PAGES = [
    "entities.html",
    "index.html",
    "map.html",
    "ontology/0.1.0/roadmap.html",
    "ontology/index.html",
    "ontology/roadmap.html",
    "queries.html",
    "query.html",
    "timeline.html",
    "views/actors.html",
    "views/events.html",
    "views/full.html",
    "views/policy.html",
]
ARTEFACTS = paths.ROOT / "out" / "test-artefacts"


class Page(HTMLParser):
    """Links, ids and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, url, rel)
        self.ids: set[str] = set()
        self.bad_ids: list[str] = []  # empty, or already used on the page
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if "id" in attributes:
            name = attributes["id"] or ""
            if not name or name in self.ids:
                self.bad_ids.append(name)
            self.ids.add(name)
        if tag == "script":
            self.scripts += 1
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name], attributes.get("rel") or ""))

    def handle_data(self, data) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def text_of(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())
