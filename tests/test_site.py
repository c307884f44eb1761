"""The static site: built into a temporary folder, served on 127.0.0.1 and read in headless
Chromium and by a crawler; its data files read back by rdflib; its dataset description
checked by the DCAT-AP shapes; w3id/.htaccess checked against it."""

from __future__ import annotations

import csv
import functools
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SH, SKOS, VOID

from conftest import HOSTILE_LABEL, chromium, require_binary, shared_file, view_data
from roadmapkg import paths, release
from roadmapkg.cli import main
from roadmapkg.describe import CATALOG, DATASET, PUBLISHER
from roadmapkg.describe import SPARQL_SERVICE as SERVICE
from roadmapkg.entities import fragment_id, is_entity, page_path
from roadmapkg.namespaces import BASE, DCT, ID, ONTOLOGY_IRI, RK
from roadmapkg.queries import load_all
from roadmapkg.validate import (
    ENGINES,
    curie,
    load_graph,
    qc_findings,
    report,
    validate_files,
    validate_graph,
)

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


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", "--output", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def server(site):
    """The site served by Python's http.server on a free port of 127.0.0.1."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def data() -> Graph:
    return load_graph([paths.GRAPH])


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


def test_home_page_in_chromium(server, tmp_path):
    done = chromium(server + "index.html", tmp_path / "profile", "--dump-dom")
    text = text_of(done.stdout)
    assert "The 4 pillars" in text and "The 9 actions" in text, done.stderr[-500:]
    for pillar in (
        "Resilience of ports",
        "Dismantling high-risk criminal networks",
        "Preventing organised crime",
        "Working with international partners",
    ):
        assert pillar in text
    for figure in (
        "EUR 139 billion a year (estimate)",
        "1% of GDP (estimate)",
        "40% of criminal networks active in the EU",
        "50% of homicides in Europe",
        "+416% (change in size of the European cocaine market)",
        "70% of drug seizures",
        "6 200 deaths",
    ):
        assert figure in text
    assert "European Union Serious and Organised Crime Threat Assessment 2021" in text
    assert "2024-01-24 date · European Ports Alliance: launched Status change" in text
    assert "2023-10-18 adopted · EU Roadmap to fight drug trafficking and organised crime" in text


def test_home_page_screenshot(server, tmp_path):
    require_binary("chromium")  # before touching the last screenshot
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "home.png"
    shot.unlink(missing_ok=True)
    done = chromium(
        server + "index.html",
        tmp_path / "profile",
        "--window-size=1280,2000",
        f"--screenshot={shot}",
    )
    assert shot.is_file(), done.stderr[-500:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2000)


def test_screenshot_without_chromium_keeps_the_last_one(monkeypatch, tmp_path):
    """It used to delete home.png and only then find that Chromium is missing."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.modules[__name__], "ARTEFACTS", tmp_path)
    (tmp_path / "home.png").write_bytes(b"an earlier screenshot")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        test_home_page_screenshot("http://127.0.0.1:9/", tmp_path)
    assert (tmp_path / "home.png").read_bytes() == b"an earlier screenshot"


def test_europol_page_lists_encrochat_and_its_external_links(server, tmp_path):
    done = chromium(server + page_path(EUROPOL), tmp_path / "profile", "--dump-dom")
    page = parse(done.stdout)
    text = text_of(done.stdout)
    assert "<h1>Europol</h1>" in done.stdout, done.stderr[-500:]
    assert "Dismantling of EncroChat" in text and "EncroChat infiltrated and taken down" in text
    external = {url for tag, url, rel in page.links if rel == "external"}
    assert {
        "http://publications.europa.eu/resource/authority/corporate-body/EUROPOL",
        "http://www.wikidata.org/entity/Q207203",
        "http://eurovoc.europa.eu/5630",
    } <= external
    assert "Europäisches Polizeiamt de" in text  # names in every language
    internal = {url for tag, url, rel in page.links if not rel}
    assert "../event/encrochat-dismantling.html" in internal
    assert {"europol.ttl", "europol.jsonld", "europol.nt"} <= internal


def test_names_in_other_languages_say_their_language(site):
    """The page is lang="en"; a name in another language once carried no lang= of its own."""
    html = (site / page_path(EUROPOL)).read_text(encoding="utf-8")
    assert '<span lang="de">Europäisches Polizeiamt</span> <small>de</small>' in html
    assert '<span lang="en">' not in html  # the page's own language
    names = html.split('<h2 id="names">')[1].split("</table>")[0]
    rows = names.split("<tr>")[2:]  # after the heading row
    assert len(rows) > 40
    for row in rows:
        lang = re.search(r"<small>([a-z-]+)</small></td>", row).group(1)
        assert (f'<span lang="{lang}">' in row) == (lang != "en"), row


def test_alternates_are_in_the_head(site):
    head = (site / page_path(EUROPOL)).read_text(encoding="utf-8").split("</head>")[0]
    assert '<link rel="alternate" type="text/turtle" href="europol.ttl">' in head
    assert '<link rel="alternate" type="application/ld+json" href="europol.jsonld">' in head
    assert '<link rel="alternate" type="application/n-triples" href="europol.nt">' in head


def crawl(base: str) -> tuple[dict[str, Page], list[str]]:
    """Every page reachable from index.html through relative href and src, and what is broken:
    links that lead nowhere (a missing file, an empty ``#`` or a missing #fragment on one of
    the site's own pages) and ids that are empty or repeated on a page."""
    pages: dict[str, Page] = {}
    other: set[str] = set()
    queue, broken, fragments = ["index.html"], [], []
    while queue:
        path = queue.pop()
        if path in pages:
            continue
        with urllib.request.urlopen(base + path) as response:
            pages[path] = parse(response.read().decode("utf-8"))
        broken += [f"{path}: id {name!r} empty or repeated" for name in pages[path].bad_ids]
        for _, url, _ in pages[path].links:
            if urllib.parse.urlsplit(url).scheme or url.startswith("//"):
                continue
            if url.endswith("#"):
                broken.append(f"{path} -> {url!r} (an empty fragment)")
            target = urllib.parse.urljoin(base + path, url)
            target_path, _, fragment = target[len(base) :].partition("#")
            target_path = urllib.parse.unquote(target_path) or path
            if fragment:
                fragments.append((path, target_path, fragment))
            if target_path.endswith(".html"):
                queue.append(target_path)
            elif target_path not in other:
                other.add(target_path)
                try:
                    urllib.request.urlopen(base + target_path).close()
                except urllib.error.HTTPError:
                    broken.append(f"{path} -> {target_path}")
    for path, target, fragment in fragments:
        if target not in pages:
            broken.append(f"{path} -> {target} (not a page)")
        elif fragment not in pages[target].ids:
            broken.append(f"{path} -> {target}#{fragment}")
    return pages, broken


def test_crawler_finds_no_broken_link_and_every_page(site, server, data):
    pages, broken = crawl(server)
    missing = [p for p in pages if not (site / p).is_file()]
    assert broken == [] and missing == []
    description = Graph().parse(site / "dataset.ttl")
    entities = {t for g in (data, description) for triple in g for t in triple if is_entity(t)}
    assert len(pages) == len(entities) + len(OTHER_PAGES)
    assert sorted(p for p in pages if not p.startswith("id/")) == OTHER_PAGES
    on_disk = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert sorted(pages) == on_disk


def test_entity_index_anchors_the_groups_of_reused_classes(site):
    """Reused classes (rdf:Statement, qudt:QuantityValue, ...) have no label in the ontology:
    their group was once anchored on an empty id, and listed as a link to ``#``."""
    page = parse((site / "entities.html").read_text(encoding="utf-8"))
    groups = {"rk-Action", "rdf-Statement", "qudt-QuantityValue", "dct-PeriodOfTime", "foaf-Agent"}
    assert groups <= page.ids and page.bad_ids == []
    assert {f"#{name}" for name in groups} <= {url for _, url, _ in page.links}
    assert fragment_id("rdf:Statement") == "rdf-Statement" and fragment_id(":") == "_"


def test_every_entity_has_a_page_and_its_data(site, data):
    entities = sorted({t for triple in data for t in triple if is_entity(t)})
    assert len(entities) > 500
    for iri in entities:
        page = site / page_path(iri)
        assert page.is_file(), iri
        for suffix in (".ttl", ".jsonld", ".nt"):
            assert page.with_suffix(suffix).is_file(), (iri, suffix)


def one_per_kind(data: Graph) -> list[URIRef]:
    kinds: dict[str, URIRef] = {}
    for iri in sorted({s for s in data.subjects() if is_entity(s)}):
        kinds.setdefault(str(iri)[len(str(ID)) :].split("/")[0], iri)
    return list(kinds.values())


def test_alternates_hold_the_entity_triples_in_every_format(site, data):
    for iri in [*one_per_kind(data), ID["key-figure/organised-crime-profit/quantity"]]:
        base = site / page_path(iri, "")
        turtle = Graph().parse(f"{base}.ttl", format="turtle")
        assert set(data.triples((iri, None, None))) <= set(turtle), iri
        for statement in data.subjects(RDF.subject, iri):  # reifications of its statements
            assert set(data.triples((statement, None, None))) <= set(turtle), statement
        assert isomorphic(turtle, Graph().parse(f"{base}.jsonld", format="json-ld")), iri
        assert isomorphic(turtle, Graph().parse(f"{base}.nt", format="nt")), iri
    europol = Graph().parse(site / page_path(EUROPOL, ".ttl"))
    assert (EUROPOL, RDFS.label, Literal("Europol", lang="en")) in europol


def test_labels_are_escaped(sources, tmp_path, capsys):
    actors = sources / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace(
            "europol,EUAgency,Europol,",
            'europol,EUAgency,"Europol <script>alert(1)</script> & co",',
        ),
        encoding="utf-8",
    )
    graph = tmp_path / "graph" / "roadmap.ttl"
    assert main(["build", "--sources", str(sources), "--output", str(graph)]) == 0
    out = tmp_path / "site"
    assert main(["site", "--data", str(graph), "--output", str(out)]) == 0
    capsys.readouterr()
    page = (out / page_path(EUROPOL)).read_text(encoding="utf-8")
    assert "<h1>Europol &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>" in page
    parsed = parse(page)  # the one script is the site's own search box
    assert parsed.scripts == 1
    assert [url for tag, url, _ in parsed.links if tag == "script"] == ["../../assets/search.js"]
    for html in out.rglob("*.html"):
        if not html.is_relative_to(out / "views"):  # there, labels are JSON inside a script
            assert "<script>alert" not in html.read_text(encoding="utf-8"), html


def test_same_sources_same_bytes(tmp_path):
    trees = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "roadmapkg.cli", "site", "--output", str(folder)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        trees.append(
            {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        )
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def test_site_refuses_a_file_and_a_folder_that_is_not_a_site(tmp_path, capsys):
    target = tmp_path / "file.html"
    target.write_text("mine")
    assert main(["site", "--output", str(target)]) == 2
    assert (
        capsys.readouterr().err
        == f"roadmapkg site: {target}: is a file, not a folder for the site\n"
    )
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert main(["site", "--output", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg site: {folder}: not empty and not a roadmapkg site (no .roadmapkg-site): "
        "give a new or empty folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.html", "mine"]  # no staging
    assert (folder / "notes.txt").read_text() == "mine"


def test_rebuilding_replaces_the_previous_site(site, tmp_path, capsys):
    target = tmp_path / "site"
    shutil.copytree(site, target)
    (target / "stale.html").write_text("left from an earlier build")
    assert main(["site", "--output", str(target)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert not (target / "stale.html").exists() and (target / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left


# ---------------------------------------------------------------- a hostile graph

# Entity IRIs (after id/) that once had the site write outside its folder (the first one
# overwrote data/roadmap.ttl, .nt and .jsonld), or crash (ENAMETOOLONG, a folder where a file
# is), with what is said.
# `{data}` is the data folder of the copy of the repository the test runs in.
ATTACKS = {
    "dot-dot segments": ("../../../data/roadmap", "has a '..' path segment"),
    "dot-dot, percent-encoded": (
        "%2e%2e/%2E%2E/%2e%2e/data/roadmap",
        "has a '..' path segment once percent-decoded",
    ),
    "encoded slashes": (
        "..%2F..%2F..%2Fdata%2Froadmap",
        "has a '..' path segment once percent-decoded",
    ),
    "backslashes": ("..\\..\\..\\data\\roadmap", "has a backslash"),
    "absolute path": ("/{data}/roadmap", "has an empty path segment"),
    "dot segment": ("./actor/europol", "has a '.' path segment"),
    "empty last segment": ("actor/", "has an empty path segment"),
    "the base itself": ("", "has an empty path segment"),
    "segment of 300 characters": (
        "actor/" + "a" * 300,
        "has a path segment of 300 bytes (percent-encoded), over the limit of 248 "
        "(a file name holds 255 bytes, .jsonld included)",
    ),
    "segment of 300 bytes, percent-encoded": (
        "actor/" + "é" * 50,
        "has a path segment of 300 bytes (percent-encoded), over the limit of 248 "
        "(a file name holds 255 bytes, .jsonld included)",
    ),
    "a folder where a page is": (
        "actor/europol.html/pwned",
        f"needs a folder id/actor/europol.html, which is a file of <{EUROPOL}>",
    ),
    "path of 4 019 bytes": (
        "/".join(["a" * 200] * 20),
        "has a path of 4019 bytes (percent-encoded), over the limit of 1024",
    ),
}


def tree_digest(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under `folder`."""
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_an_entity_iri_cannot_lead_the_site_writer_out_of_its_folder(attack, tmp_path, capsys):
    """Run on a copy of the repository's data/ (out/site beside it, as `make run` has it): the
    site is refused with one line naming the IRI, exit 2, and neither that copy nor the
    committed data/ changes."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    for name in ("roadmap.ttl", "roadmap.nt", "roadmap.jsonld", "links.ttl"):
        shutil.copy(paths.ROOT / "data" / name, repo / "data" / name)
    local, problem = ATTACKS[attack]
    iri = str(ID) + local.format(data=(repo / "data").as_posix().lstrip("/"))
    written = iri.replace("\\", "\\u005C")  # N-Triples reads \r and the like as escapes
    graph = tmp_path / "attack.nt"
    graph.write_text(
        f'<{written}> <{RDFS.label}> "pwned"@en .\n<{EUROPOL}> <{OWL.sameAs}> <{written}> .\n',
        encoding="utf-8",
    )
    committed, copied = tree_digest(paths.ROOT / "data"), tree_digest(repo / "data")
    output = repo / "out" / "site"
    assert main(["site", "--data", str(graph), "--output", str(output)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg site: {graph}: entity IRI <{iri}> {problem}: the site names an entity's "
        "files after its IRI, so it refuses this one\n"
    )
    assert tree_digest(repo / "data") == copied and tree_digest(paths.ROOT / "data") == committed
    assert sorted(p.name for p in repo.iterdir()) == ["data"]  # no site, no staging folder


@pytest.mark.parametrize("name", ["../escape.html", "id/../../escape.html", "/{tmp}/escape.html"])
def test_every_file_of_the_site_is_written_inside_it(name, tmp_path):
    """The writer itself refuses a path that leads out of the site, whatever made it."""
    from roadmapkg.errors import RoadmapError
    from roadmapkg.site import write_tree

    name = name.format(tmp=tmp_path.as_posix().lstrip("/"))
    target = tmp_path / "out" / "site"
    with pytest.raises(RoadmapError, match=r"escape\.html: would be written outside .*: refused"):
        write_tree({"index.html": b"home", name: b"escaped"}, target)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # nothing, not even staging


def test_the_longest_ids_still_name_a_file_of_the_site(data):
    """Ids over 100 characters are refused in the sources: with two of the longest ids and the
    longest property name, a statement's files (id/statement/S--P--O.jsonld) still fit."""
    from roadmapkg import ontology
    from roadmapkg.entities import path_problem
    from roadmapkg.sources import ID_MAX

    curies = [data.namespace_manager.normalizeUri(p) for p in ontology.properties()]
    local = max(curies, key=len).replace(":", "-")
    key = f"{'a' * ID_MAX}--{local}--{'b' * ID_MAX}"
    assert path_problem(ID[f"statement/{key}"]) == ""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    """The committed graph with Europol's English labels replaced by `HOSTILE_LABEL` and
    `javascript:` IRIs as its owl:sameAs and rdfs:seeAlso, and the site made from it."""
    folder = tmp_path_factory.mktemp("hostile")
    graph = folder / "roadmap.nt"
    text = paths.GRAPH.with_suffix(".nt").read_text(encoding="utf-8")
    for predicate in (RDFS.label, SKOS.prefLabel):  # the page's title, the views' label
        line = f'<{EUROPOL}> <{predicate}> "Europol"@en .\n'
        assert line in text
        hostile_line = f"<{EUROPOL}> <{predicate}> {Literal(HOSTILE_LABEL, lang='en').n3()} .\n"
        text = text.replace(line, hostile_line)
    text += f"<{EUROPOL}> <{OWL.sameAs}> <javascript:alert(document.domain)> .\n"
    text += f"<{EUROPOL}> <{RDFS.seeAlso}> <javascript:alert(2)> .\n"
    graph.write_text(text, encoding="utf-8")
    site = folder / "site"
    assert main(["site", "--data", str(graph), "--output", str(site)]) == 0
    return graph, site


def test_javascript_iris_are_shown_as_text_not_links(hostile):
    """An owl:sameAs <javascript:alert(document.domain)> once became a live link."""
    page = (hostile[1] / page_path(EUROPOL)).read_text(encoding="utf-8")
    links = [url for _, url, _ in parse(page).links]
    assert [url for url in links if "javascript" in url] == []
    assert "http://www.wikidata.org/entity/Q207203" in links  # http(s) links stay links
    text = text_of(page)
    assert "javascript:alert(document.domain)" in text and "javascript:alert(2)" in text


@pytest.mark.parametrize("view", ["actors", "full"])
def test_a_hostile_label_cannot_end_the_json_block_of_the_site_views(hostile, view):
    from roadmapkg.export import cytoscape
    from roadmapkg.store import open_embedded
    from roadmapkg.views import build_view

    page = (hostile[1] / "views" / f"{view}.html").read_text(encoding="utf-8")
    data, scripts = view_data(page)
    graph = build_view(open_embedded([hostile[0]]), view)
    assert data["elements"] == json.loads(cytoscape(graph))["elements"]
    assert HOSTILE_LABEL in [node["data"]["label"] for node in data["elements"]["nodes"]]
    assert scripts == 3


def test_a_site_view_with_a_hostile_label_runs_in_chromium(hostile, tmp_path):
    """The page draws every node of the view and finds the one hostile label."""
    from roadmapkg.store import open_embedded
    from roadmapkg.views import build_view

    nodes = build_view(open_embedded([hostile[0]]), "actors").number_of_nodes()
    assert nodes > 4  # the actors of the operations and implementation events, not only 4
    page = hostile[1] / "views" / "actors.html"
    done = chromium(f"{page.as_uri()}#search=script", tmp_path / "profile", "--dump-dom")
    body = re.search(r"<body[^>]*>", done.stdout)
    assert body, done.stderr[-500:]
    assert f'data-nodes="{nodes}"' in body.group() and 'data-hits="1"' in body.group()


# ---------------------------------------------------------------- dataset description


@pytest.fixture(scope="module")
def description(site) -> Graph:
    return load_graph([site / "dataset.ttl"])


def dcat_ap_findings(graph: Graph, engine: str, folder: Path) -> list:
    """The findings of the DCAT-AP shapes on `graph`, by either validation engine."""
    if engine == "pyshacl":
        return validate_graph(graph, paths.DCAT_AP_SHAPES)
    data = folder / "description.nt"
    data.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return validate_files([data], paths.DCAT_AP_SHAPES, engine="oxigraph")


@pytest.mark.parametrize("engine", ENGINES)
def test_dataset_description_conforms_to_the_dcat_ap_shapes(description, engine, tmp_path):
    assert report(dcat_ap_findings(description, engine, tmp_path)) == (
        "Conforms: 0 violation(s), 0 warning(s)."
    )


TTL = ID["distribution/roadmap-ttl"]
SPARQL = ID["distribution/roadmap-sparql"]
# One counter-example per property shape of ontology/dcat-ap-shapes.ttl: (shape, node, property,
# the value it gets instead of its own: None removes it), with the finding expected.
COUNTER_EXAMPLES = {
    "Catalog-title": (CATALOG, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has a title (dct:title)."),
    "Catalog-description": (CATALOG, DCT.description, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has a description (dct:description)."),
    "Catalog-publisher": (CATALOG, DCT.publisher, None, "Violation",
        "Mandatory in DCAT-AP 3: a catalogue has one publisher (dct:publisher), a foaf:Agent."),
    "Catalog-dataset": (CATALOG, DCAT.dataset, None, "Warning",
        "Recommended: a catalogue lists its datasets (dcat:dataset), each a dcat:Dataset."),
    "Dataset-title": (DATASET, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a dataset has a title (dct:title)."),
    "Dataset-description": (DATASET, DCT.description, None, "Violation",
        "Mandatory in DCAT-AP 3: a dataset has a description (dct:description)."),
    "Dataset-distribution": (DATASET, DCAT.distribution, None, "Warning",
        "Recommended in DCAT-AP 3: a dataset lists its distributions (dcat:distribution)."),
    "Dataset-publisher": (DATASET, DCT.publisher, CATALOG, "Warning",
        "Recommended in DCAT-AP 3: one publisher (dct:publisher), a foaf:Agent."),
    "Dataset-theme": (DATASET, DCAT.theme, Literal("justice"), "Warning",
        "Recommended in DCAT-AP 3: a theme (dcat:theme) from a controlled vocabulary."),
    "Dataset-keyword": (DATASET, DCAT.keyword, None, "Warning",
        "Recommended in DCAT-AP 3: keywords (dcat:keyword)."),
    "Dataset-spatial": (DATASET, DCT.spatial, None, "Warning",
        "Recommended in DCAT-AP 3: the area covered (dct:spatial)."),
    "Dataset-temporal": (DATASET, DCT.temporal, None, "Warning",
        "Recommended in DCAT-AP 3: the period covered (dct:temporal), a dct:PeriodOfTime."),
    "Dataset-modified": (DATASET, DCT.modified, Literal("2026-11"), "Violation",
        "The modification date (dct:modified) is one xsd:date."),
    "Distribution-accessURL": (TTL, DCAT.accessURL, None, "Violation",
        "Mandatory in DCAT-AP 3: a distribution has an access URL (dcat:accessURL), an IRI."),
    "Distribution-downloadURL": (TTL, DCAT.downloadURL, Literal("data/roadmap.ttl"), "Violation",
        "A download URL (dcat:downloadURL) is an IRI."),
    "Distribution-accessService": (SPARQL, DCAT.accessService, DATASET, "Violation",
        "The service giving access to a distribution (dcat:accessService) is a dcat:DataService."),
    "Distribution-mediaType": (TTL, DCAT.mediaType, None, "Warning",
        "Recommended in DCAT-AP 3: one media type (dcat:mediaType), an IANA IRI."),
    "Distribution-format": (TTL, DCT.format, None, "Warning",
        "Recommended in DCAT-AP 3: one format (dct:format) from the EU file-type table."),
    "DataService-title": (SERVICE, DCT.title, None, "Violation",
        "Mandatory in DCAT-AP 3: a data service has a title (dct:title)."),
    "DataService-endpointURL": (SERVICE, DCAT.endpointURL, None, "Violation",
        "Mandatory in DCAT-AP 3: a data service has an endpoint URL (dcat:endpointURL), an IRI."),
    "DataService-servesDataset": (SERVICE, DCAT.servesDataset, PUBLISHER, "Warning",
        "Recommended in DCAT-AP 3: the datasets a service serves (dcat:servesDataset)."),
    "Agent-name": (PUBLISHER, FOAF.name, None, "Violation",
        "Mandatory in DCAT-AP 3: an agent has a name (foaf:name)."),
}  # fmt: skip


def test_every_dcat_ap_property_shape_has_a_counter_example():
    shapes = Graph().parse(paths.DCAT_AP_SHAPES)
    named = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    assert named == set(COUNTER_EXAMPLES)
    assert set(shapes.objects(None, SH.property)) <= set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):  # named, and in plain words
        assert shapes.value(shape, SH.name) and shapes.value(shape, SH.message), shape


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("shape", sorted(COUNTER_EXAMPLES))
def test_dcat_ap_shape_catches_its_counter_example(description, shape, engine, tmp_path):
    node, predicate, value, severity, message = COUNTER_EXAMPLES[shape]
    broken = Graph() + description
    assert (node, predicate, None) in broken
    broken.remove((node, predicate, None))
    for statement in set(broken.subjects(RDF.subject, node)):  # and what describes it
        if (statement, RDF.predicate, predicate) in broken:
            broken.remove((statement, None, None))
    if value is not None:
        broken.add((node, predicate, value))
    findings = dcat_ap_findings(broken, engine, tmp_path)
    assert [(f.severity, f.focus, f.path, f.message) for f in findings] == [
        (severity, str(node), curie(predicate), message)
    ]


def test_the_sparql_endpoint_is_a_distribution_through_its_data_service(description):
    endpoint = URIRef(BASE + "sparql")
    assert SPARQL in set(description.objects(DATASET, DCAT.distribution))
    assert (SPARQL, RDF.type, DCAT.Distribution) in description
    assert description.value(SPARQL, DCAT.accessURL) == endpoint
    assert description.value(SPARQL, DCAT.accessService) == SERVICE
    assert description.value(SPARQL, DCAT.downloadURL) is None  # not a file
    assert (SERVICE, RDF.type, DCAT.DataService) in description
    assert description.value(SERVICE, DCAT.endpointURL) == endpoint
    assert description.value(DATASET, VOID.sparqlEndpoint) == endpoint
    assert set(description.objects(CATALOG, DCAT.dataset)) == {DATASET}
    assert set(description.objects(CATALOG, DCAT.service)) == {SERVICE}
    # where it really is: what `roadmapkg serve` serves (/query), or a store it was loaded into
    words = str(description.value(SERVICE, DCT.description))
    assert "'roadmapkg serve' (its endpoint is /query)" in words and "'roadmapkg load'" in words
    assert "A static copy of the site alone has no endpoint." in words


def test_eu_table_codes_are_verified_or_marked_curated(description, data):
    """Only identifiers the reference data verifies are published as they are; the data-theme
    and file-type codes, which it cannot verify, are marked: an rdf:Statement sourced to the
    curators (a curated inference) with a note saying they are not verified."""
    verified = {
        row[2]
        for row in csv.reader(shared_file("reference", "links.tsv").open(), delimiter="\t")
        if row[3:4] == ["verified"]
    }
    marked = {
        (description.value(st, RDF.subject), description.value(st, RDF.object))
        for st in description.subjects(DCT.source, ID["source/curation"])
        if str(description.value(st, SKOS.note)).startswith("Curated, not verified:")
    }
    external = sorted(
        (s, o)
        for s, p, o in description
        if str(o).startswith(("http://publications.europa.eu/", "http://eurovoc.europa.eu/"))
        and p != RDF.object
    )
    assert len(external) == 7
    assert [(s, o) for s, o in external if str(o) not in verified and (s, o) not in marked] == []
    assert {str(o).rsplit("/", 2)[-2] for _, o in marked} == {"data-theme", "file-type"}
    assert data.value(ID["source/curation"], RK.evidenceBasis) == RK.CuratedInference
    assert qc_findings(data + description) == qc_findings(data) == []  # notes, asserted triples


def test_void_and_dcat_describe_the_data_in_the_site(site, description, data):
    d = DATASET
    assert description.value(d, VOID.triples).toPython() == len(data)
    links = load_graph([paths.LINKS])
    assert set(description.objects(d, VOID.subset)) == set(links.subjects(RDF.type, VOID.Linkset))
    dumps = sorted(description.objects(d, VOID.dataDump))
    assert [str(u) for u in dumps] == [BASE + f"data/roadmap.{s}" for s in ("jsonld", "nt", "ttl")]
    for url in dumps:
        file = site / str(url)[len(BASE) :]
        assert isomorphic(load_graph([file]), data), file
        distribution = description.value(None, DCAT.downloadURL, url)
        assert description.value(distribution, DCAT.byteSize).toPython() == file.stat().st_size
    media = {str(m) for m in description.objects(None, DCAT.mediaType)}
    assert media == {
        f"http://www.iana.org/assignments/media-types/{t}"
        for t in ("text/turtle", "application/ld+json", "application/n-triples")
    }
    assert description.value(d, DCAT.theme / RDFS.label) is None  # themes are IRIs only
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/JUST") in set(
        description.objects(d, DCAT.theme)
    )
    assert description.value(d, DCT.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/EUR"
    )
    period = description.value(d, DCT.temporal)
    assert (
        str(description.value(period, DCAT.startDate)),
        str(description.value(period, DCAT.endDate)),
    ) == ("2011", "2030")  # to the end of the Drugs Strategy 2026-2030 (documents.csv)
    assert str(description.value(d, DCAT["version"])) == release.version()
    assert description.value(d, DCT.modified).toPython() == release.released()
    assert {str(v) for v in description.objects(d, VOID.vocabulary)} >= {
        "https://w3id.org/roadmapkg/ontology#", "http://www.w3.org/2004/02/skos/core#",
        "http://qudt.org/schema/qudt/", "http://purl.org/dc/terms/",
    }  # fmt: skip
    assert set(description.objects(d, VOID.exampleResource)) == {
        ID["document/roadmap"], ID["event/encrochat-dismantling"],
    }  # fmt: skip


# ---------------------------------------------------------------- ontology and queries


def test_ontology_page_documents_every_term_with_its_constraints(site):
    from roadmapkg import ontology
    from roadmapkg.ontodocs import ontology_docs

    onto = ontology.load()
    html = (site / "ontology/roadmap.html").read_text(encoding="utf-8")
    text = text_of(html)
    terms = sorted(ontology.classes(onto)) + sorted(ontology.properties(onto) - {RDF.type})
    assert len(terms) > 80
    ids, anchors = parse(html).ids, ontology_docs(onto).anchors
    for term in terms:
        assert anchors[str(term)] in ids, term
        label = onto.value(term, RDFS.label)
        assert label is None or str(label) in text, term
        definition = onto.value(term, URIRef("http://www.w3.org/2004/02/skos/core#definition"))
        assert definition is None or str(definition) in text, term
    servers = html.split('id="servesPillar"')[1].split("</table>")[0]
    assert all(f'href="#{name}"' in servers for name in ("Action", "Pillar"))  # domain, range
    assert "<title>roadmapkg ontology</title>" in html
    # regression: pyLODE took the concept schemes for the ontology (title and IRI merged)
    metadata = html.split('id="metadata">')[1].split("</dl>")[0]
    assert "<h1>roadmapkg ontology</h1>" in metadata
    assert "<code>https://w3id.org/roadmapkg/ontology</code>" in metadata
    assert "Scheme" not in metadata and "Evidence bases" not in metadata
    assert (
        "<li><strong>pillar number</strong> (<code>rk:pillarNumber</code>): exactly 1; of type "
        "<code>xsd:integer</code>; value ≥ 1; mandatory (violation). A pillar has one number, "
        "an integer from 1.</li>"
    ) in html
    assert (
        "SHACL shape <code>rks:PolicyDocumentShape</code> (ontology/shapes.ttl) requires:" in html
    )
    assert "Recommended: the CELEX number of the policy document" in text


def test_the_ontology_and_its_version_are_published_in_every_format(site):
    """owl:versionIRI ontology/0.1.0 leads to ontology/0.1.0/ (w3id/.htaccess): the site holds
    the version there, as it holds the current one in ontology/, in Turtle, JSON-LD, N-Triples
    and HTML."""
    from roadmapkg import ontology

    onto = ontology.load()
    version_iri = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    folder = str(version_iri)[len(BASE) :]
    assert folder == f"ontology/{release.version()}"
    for base in ("ontology", folder):
        assert (site / base / "roadmap.ttl").read_bytes() == paths.ONTOLOGY.read_bytes()
        for suffix, syntax in ((".jsonld", "json-ld"), (".nt", "nt")):
            assert isomorphic(Graph().parse(site / base / f"roadmap{suffix}", format=syntax), onto)
        html = (site / base / "roadmap.html").read_text(encoding="utf-8")
        assert "<title>roadmapkg ontology</title>" in html
    # regression: pyLODE took the concept schemes for the ontology (title and IRI merged)
    metadata = html.split('id="metadata">')[1].split("</dl>")[0]
    assert "<h1>roadmapkg ontology</h1>" in metadata
    assert "<code>https://w3id.org/roadmapkg/ontology</code>" in metadata
    assert "Scheme" not in metadata and "Evidence bases" not in metadata
    index = parse((site / "ontology/index.html").read_text(encoding="utf-8"))
    assert {"0.1.0/roadmap.html", "0.1.0/roadmap.ttl", "roadmap.jsonld", "roadmap.nt"} <= {
        url for _, url, _ in index.links
    }


@pytest.mark.parametrize(
    "page",
    [
        "ontology/roadmap.html",
        "ontology/0.1.0/roadmap.html",
        "views/policy.html",
        "views/full.html",
    ],
)
def test_pages_the_site_does_not_template_link_back_home(site, page):
    """pyLODE's page and the network views had no way back to the rest of the site."""
    links = {url for _, url, _ in parse((site / page).read_text(encoding="utf-8")).links}
    home = os.path.relpath("index.html", os.path.dirname(page))
    assert home in links and os.path.relpath("ontology/index.html", os.path.dirname(page)) in links


def test_model_diagram_and_reused_vocabularies(site):
    from lxml import etree

    from roadmapkg import ontology

    drawing = etree.parse(str(site / "ontology/model.svg"))
    svg = "{http://www.w3.org/2000/svg}"
    labels = {"".join(t.itertext()) for t in drawing.iter(f"{svg}text")}
    own = ontology.classes()
    assert {str(ontology.load().value(c, RDFS.label)) for c in own} <= labels
    text = text_of((site / "ontology/index.html").read_text(encoding="utf-8"))
    for prefix in ("skos", "dct", "prov", "qudt", "time", "org", "foaf", "dcat"):
        assert f" {prefix} http" in text, prefix


def test_query_gallery_shows_every_saved_query(site):
    html = (site / "queries.html").read_text(encoding="utf-8")
    page = parse(html)
    queries = load_all()
    assert {q.name for q in queries} <= page.ids
    pillars = html.split('<section id="pillars">')[1].split("</section>")[0]
    assert pillars.count("<tr>") == 1 + 4 and "Working with international partners" in pillars
    federated = [q.name for q in queries if "SERVICE" in q.text]
    assert len(federated) == 3
    for name in federated:
        section = html.split(f'<section id="{name}">')[1].split("</section>")[0]
        assert "not run here" in section and "<table>" not in section


# ---------------------------------------------------------------- w3id/.htaccess

HTACCESS = paths.ROOT / "w3id" / ".htaccess"
RULE = re.compile(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]$")
COND = re.compile(r"^RewriteCond\s+%\{HTTP_ACCEPT\}\s+(\S+)(\s+\[NC\])?$")
SET_HOST = re.compile(r"^RewriteRule \^ - \[E=ROADMAPKG_SITE:(\S+)\]$", re.M)


def redirect(path: str, accept: str) -> tuple[int, str]:
    """Where w3id/.htaccess sends a request for https://w3id.org/roadmapkg/PATH with this
    Accept header: mod_rewrite's rules in order, each with the conditions just before it, the
    E= flag setting a variable that %{ENV:NAME} reads."""
    conditions: list[re.Pattern] = []
    env: dict[str, str] = {}
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if COND.match(line):
            pattern, nocase = COND.match(line).groups()
            conditions.append(re.compile(pattern, re.IGNORECASE if nocase else 0))
        elif RULE.match(line):
            pattern, target, flags = RULE.match(line).groups()
            found = re.search(pattern, path)
            if found and all(c.search(accept) for c in conditions):
                if target == "-":
                    name, value = re.fullmatch(r"E=(\w+):(\S+)", flags).groups()
                    env[name] = value
                else:
                    status = int(re.search(r"R=(\d+)", flags).group(1))
                    target = re.sub(r"%\{ENV:(\w+)\}", lambda m: env[m.group(1)], target)
                    groups = lambda m, f=found: f.group(int(m.group(1))) or ""  # noqa: E731
                    return status, re.sub(r"\$(\d)", groups, target)
            conditions = []
    raise AssertionError(f"no rule for {path}")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOST = SET_HOST.search(HTACCESS.read_text(encoding="utf-8")).group(1) + "/"
VERSION = f"ontology/{release.version()}"
# (path under https://w3id.org/roadmapkg/, Accept header, status, path on the site's host)
CASES = [
    *[("id/actor/europol", accept, 303, f"id/actor/europol{suffix}") for accept, suffix in (
        (BROWSER, ".html"), ("text/html", ".html"), ("*/*", ".html"), ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"), ("application/n-triples", ".nt"),
        ("text/turtle;q=1.0, */*;q=0.1", ".ttl"), ("Text/Turtle", ".ttl"),
        ("text/turtle;q=0.5, text/html", ".ttl"),
        # q=0 means "not acceptable": the type does not count (Turtle was sent regardless)
        ("text/turtle;q=0, text/html", ".html"), ("text/turtle; Q = 0.000 ,text/html", ".html"),
        ("text/turtle;charset=utf-8;q=0, application/ld+json", ".jsonld"),
        ("application/ld+json;q=0,application/n-triples", ".nt"),
        ("application/n-triples;q=0.0", ".html"), ("text/turtlish", ".html"),
    )],
    # a file named with its suffix passes through (it once became europol.ttl.html)
    ("id/actor/europol.ttl", BROWSER, 302, "id/actor/europol.ttl"),
    ("id/actor/europol.html", "text/turtle", 302, "id/actor/europol.html"),
    ("id/key-figure/organised-crime-profit/quantity.nt", BROWSER, 302,
        "id/key-figure/organised-crime-profit/quantity.nt"),
    *[(iri, accept, 303, f"{folder}/roadmap{suffix}")
      for iri, folder in (("ontology", "ontology"), (VERSION, VERSION))
      for accept, suffix in ((BROWSER, ".html"), ("text/turtle", ".ttl"),
                             ("application/ld+json", ".jsonld"), ("application/n-triples", ".nt"),
                             ("text/turtle;q=0, text/html", ".html"))],
    ("shapes", BROWSER, 303, "ontology/shapes.ttl"),
    ("dcat-ap-shapes", "text/turtle", 303, "ontology/dcat-ap-shapes.ttl"),
    ("sparql", "application/sparql-results+json", 307, "sparql"),  # a query POSTed stays POST
    *[(path, BROWSER, 302, path) for path in (
        "", "dataset.ttl", "data/roadmap.ttl", "data/roadmap.jsonld", "data/roadmap.nt",
        "ontology/context.jsonld", "ontology/roadmap.html", "entities.html",
    )],
]  # fmt: skip


@pytest.mark.parametrize(("path", "accept", "status", "target"), CASES)
def test_w3id_sends_each_request_to_a_file_of_the_site(site, path, accept, status, target):
    assert redirect(path, accept) == (status, HOST + target)
    if target != "sparql":  # served by a SPARQL server behind the host, not by the site
        assert (site / (target or "index.html")).is_file(), target


def test_w3id_resolves_every_entity(site, data, description):
    entities = {t for g in (data, description) for s in g.subjects() if is_entity(t := s)}
    for iri in sorted(entities):
        for accept, suffix in (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"),
                               ("application/n-triples", ".nt"), (BROWSER, ".html")):  # fmt: skip
            status, target = redirect(str(iri)[len(BASE) :], accept)
            assert (status, target) == (303, HOST + page_path(iri, suffix)), (iri, accept)
            assert (site / target[len(HOST) :]).is_file(), (iri, accept)


def test_w3id_names_the_host_once_and_the_readme_says_it_is_a_placeholder():
    text = HTACCESS.read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert sum(HOST.rstrip("/") in line for line in rules) == 1  # the E=ROADMAPKG_SITE line
    assert all("%{ENV:ROADMAPKG_SITE}/" in line for line in rules if " [R=" in line)
    assert HOST == "https://roadmapkg.example.org/"  # until the site has a home
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "a placeholder, `https://roadmapkg.example.org`" in readme
    assert "Header always append Vary Accept" in rules
    assert "tests/test_site.py checks every rule" in text  # not a test file that does not exist


# ---------------------------------------------------------------- the rules in a real Apache

APACHE_MODULES = Path("/usr/lib/apache2/modules")  # Debian's apache2 package


@pytest.fixture(scope="module")
def apache():
    """Apache httpd on a free port of 127.0.0.1 with w3id/.htaccess as /roadmapkg/.htaccess, as
    on w3id.org (mod_rewrite, mod_headers, AllowOverride All); stopped at the end."""
    from roadmapkg.server import free_port

    program = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
    if program is None:
        require_binary("apache2")  # skips, or fails under CI=true
    if not APACHE_MODULES.is_dir():
        message = f"{APACHE_MODULES} is missing: not Debian's apache2-bin package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # not under pytest's private temporary folder: Apache's workers may run as another user
    root = Path(tempfile.mkdtemp(prefix="roadmapkg-apache-"))
    try:
        root.chmod(0o755)
        (root / "docs" / "roadmapkg").mkdir(parents=True)
        shutil.copy(HTACCESS, root / "docs" / "roadmapkg" / ".htaccess")
        port = free_port()
        modules = ("mpm_event", "authz_core", "rewrite", "headers")
        (root / "httpd.conf").write_text(
            "\n".join(
                [f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules]
                + [
                    f"ServerRoot {root}", f"Listen 127.0.0.1:{port}", "ServerName 127.0.0.1",
                    f"PidFile {root}/httpd.pid", f"DefaultRuntimeDir {root}",
                    f"Mutex file:{root}", f"ErrorLog {root}/error.log",
                    f"DocumentRoot {root}/docs", f"<Directory {root}/docs>",
                    "AllowOverride All", "Require all granted", "</Directory>", "",
                ]
            )
        )  # fmt: skip
        process = subprocess.Popen(
            [program, "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            wait_for_port(port, process, root / "error.log")
            yield f"127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = log.read_text() if log.is_file() else process.stderr.read()
            raise AssertionError(f"apache2 stopped at start: {error[-1000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"apache2 did not listen on port {port} within {seconds} s")


@pytest.mark.parametrize(("path", "accept", "status", "target"), CASES)
def test_w3id_rules_in_a_real_apache(apache, path, accept, status, target):
    connection = http.client.HTTPConnection(apache, timeout=10)
    try:
        connection.request("GET", f"/roadmapkg/{path}", headers={"Accept": accept})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert (response.status, response.getheader("Location")) == (status, HOST + target)
    assert response.getheader("Vary") == "Accept"
