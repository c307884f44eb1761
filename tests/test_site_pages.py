"""The static site's pages: built once per session (conftest), served on 127.0.0.1 and read in
headless Chromium and by a crawler; every entity's page and data; rebuilding it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from helpers.outside import require_binary
from helpers.pages import chromium
from helpers.site import ARTEFACTS, EUROPOL, OTHER_PAGES, Page, parse, text_of
from roadmapkg.cli.app import main
from roadmapkg.rdf.namespaces import ID
from roadmapkg.site.entities import fragment_id, is_entity, page_path

pytestmark = pytest.mark.slow


@pytest.mark.binary
def test_home_page_in_chromium(site_server, tmp_path):
    done = chromium(site_server + "index.html", tmp_path / "profile", "--dump-dom")
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


@pytest.mark.binary
def test_home_page_screenshot(site_server, tmp_path):
    require_binary("chromium")  # before touching the last screenshot
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "home.png"
    shot.unlink(missing_ok=True)
    done = chromium(
        site_server + "index.html",
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


@pytest.mark.binary
def test_europol_page_lists_encrochat_and_its_external_links(site_server, tmp_path):
    done = chromium(site_server + page_path(EUROPOL), tmp_path / "profile", "--dump-dom")
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


def test_crawler_finds_no_broken_link_and_every_page(site, site_server, data):
    pages, broken = crawl(site_server)
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
