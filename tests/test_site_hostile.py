"""The static site of a hostile graph: entity IRIs that would lead the writer out of its folder,
JavaScript IRIs, labels that would end a script block."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import OWL, RDFS, SKOS

from helpers.pages import HOSTILE_LABEL, chromium, view_data
from helpers.site import EUROPOL, parse, text_of
from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.rdf.namespaces import ID
from roadmapkg.site.entities import page_path

pytestmark = pytest.mark.slow

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
    from roadmapkg.site.folder import write_tree

    name = name.format(tmp=tmp_path.as_posix().lstrip("/"))
    target = tmp_path / "out" / "site"
    with pytest.raises(RoadmapError, match=r"escape\.html: would be written outside .*: refused"):
        write_tree({"index.html": b"home", name: b"escaped"}, target)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # nothing, not even staging


def test_the_longest_ids_still_name_a_file_of_the_site(data):
    """Ids over 100 characters are refused in the sources: with two of the longest ids and the
    longest property name, a statement's files (id/statement/S--P--O.jsonld) still fit."""
    from roadmapkg.build.values import ID_MAX
    from roadmapkg.rdf import ontology
    from roadmapkg.site.entities import path_problem

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
    from roadmapkg.export.views import build_view
    from roadmapkg.export.writers import cytoscape
    from roadmapkg.store.embedded import open_embedded

    page = (hostile[1] / "views" / f"{view}.html").read_text(encoding="utf-8")
    data, scripts = view_data(page)
    graph = build_view(open_embedded([hostile[0]]), view)
    assert data["elements"] == json.loads(cytoscape(graph))["elements"]
    assert HOSTILE_LABEL in [node["data"]["label"] for node in data["elements"]["nodes"]]
    assert scripts == 4  # the data, cytoscape.js, the view's own, the site's search box


@pytest.mark.binary
def test_a_site_view_with_a_hostile_label_runs_in_chromium(hostile, tmp_path):
    """The page draws every node of the view and finds the one hostile label."""
    from roadmapkg.export.views import build_view
    from roadmapkg.store.embedded import open_embedded

    nodes = build_view(open_embedded([hostile[0]]), "actors").number_of_nodes()
    assert nodes > 4  # the actors of the operations and implementation events, not only 4
    page = hostile[1] / "views" / "actors.html"
    done = chromium(f"{page.as_uri()}#search=script", tmp_path / "profile", "--dump-dom")
    body = re.search(r"<body[^>]*>", done.stdout)
    assert body, done.stderr[-500:]
    assert f'data-nodes="{nodes}"' in body.group() and 'data-hits="1"' in body.group()
