"""Network views and their files, read back by independent readers with the same counts as
the SPARQL view queries."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest

from helpers import from_sources
from helpers.outside import require_binary, shared_file
from helpers.pages import HOSTILE_LABEL, chromium, view_data
from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.export.choices import VIEWS
from roadmapkg.export.views import VIEWS_FOLDER, build_view
from roadmapkg.store.embedded import open_embedded


@pytest.fixture(scope="module")
def store():
    return open_embedded()


def sparql_edges(store, view: str) -> int:
    """Edges the view query returns, counted by SPARQL itself."""
    text = (VIEWS_FOLDER / f"{view}.rq").read_text(encoding="utf-8")
    prologue = "\n".join(line for line in text.splitlines() if line.startswith("PREFIX"))
    body = text[text.index("SELECT") :]
    counted = f"{prologue}\nSELECT (COUNT(*) AS ?n) WHERE {{ {body} }}"
    return int(store.query(counted, {}).rows[0][0])


@pytest.mark.parametrize("view", VIEWS)
def test_view_has_the_edges_its_query_returns(store, view):
    graph = build_view(store, view)
    assert graph.number_of_edges() == sparql_edges(store, view)
    assert all({"iri", "label", "class"} <= set(d) for _, d in graph.nodes(data=True))


def network() -> tuple[dict[str, str], set[str]]:
    """The actors (IRI -> label) and the pairs of them that share an event, from the curated
    CSVs (tests/from_sources.py, the independent answer of actor-network)."""
    lines = from_sources.actor_network()
    labels = {
        line.split()[0][1:-1]: line.split('"')[1] for line in lines if "rdf-schema#label" in line
    }
    return labels, {line for line in lines if "org#linkedTo" in line}


def test_actors_view_weights_shared_operations(store):
    graph = build_view(store, "actors")
    europol = "https://w3id.org/roadmapkg/id/actor/europol"
    eurojust = "https://w3id.org/roadmapkg/id/actor/eurojust"
    # the 2020 takedown and the 2023 operation (the factsheet), and the actions against
    # Albanian networks of 2022 and 2023 (../shared/reference/operations.tsv)
    assert graph[europol][eurojust]["weight"] == 4
    assert graph.number_of_nodes() == len(network()[0])


def test_labels_in_another_language(store):
    graph = build_view(store, "actors", lang="fr")
    assert graph.nodes["https://w3id.org/roadmapkg/id/actor/europol"]["label"] == "Europol"
    policy = build_view(store, "policy", lang="fr")
    roadmap = policy.nodes["https://w3id.org/roadmapkg/id/document/roadmap"]
    assert roadmap["label"] == "EU Roadmap to fight drug trafficking and organised crime"


def export(tmp_path, view: str, fmt: str, capsys) -> list:
    target = tmp_path / f"{view}.{fmt}"
    assert main(["export", "--view", view, "--format", fmt, "-o", str(target)]) == 0
    capsys.readouterr()
    return sorted(tmp_path.iterdir())


@pytest.mark.parametrize("view", VIEWS)
def test_graphml_read_back_by_igraph(store, view, tmp_path, capsys):
    (path,) = export(tmp_path, view, "graphml", capsys)
    graph = build_view(store, view)
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert "Europol" in read.vs["label"] or view == "policy"


def gexf_schema():
    """The official GEXF 1.3 XSD (its core and its extensions, which share the namespace)."""
    from lxml import etree

    folder = shared_file("reference", "gexf-xsd", "1.3")
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="http://gexf.net/1.3" elementFormDefault="qualified">'
        f'<xs:include schemaLocation="{folder}/gexf.xsd"/>'
        f'<xs:include schemaLocation="{folder}/dynamics.xsd"/></xs:schema>'
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@pytest.mark.parametrize("view", VIEWS)
def test_gexf_valid_against_the_official_schema_and_read_by_networkx(store, view, tmp_path, capsys):
    from lxml import etree

    (path,) = export(tmp_path, view, "gexf", capsys)
    schema = gexf_schema()
    assert schema.validate(etree.parse(str(path))), schema.error_log
    read = nx.read_gexf(path)
    graph = build_view(store, view)
    assert (read.number_of_nodes(), read.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges(),
    )  # fmt: skip


def test_gexf_schema_rejects_a_broken_file(tmp_path):
    from lxml import etree

    broken = tmp_path / "broken.gexf"
    broken.write_text('<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph/></gexf>')
    assert not gexf_schema().validate(etree.parse(str(broken)))


@pytest.mark.binary
@pytest.mark.parametrize("view", VIEWS)
def test_dot_rendered_by_graphviz_without_warnings(store, view, tmp_path, capsys):
    dot = require_binary("dot")
    (path,) = export(tmp_path, view, "dot", capsys)
    done = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
    graph = build_view(store, view)
    assert done.stdout.count('class="node"') == graph.number_of_nodes()
    assert done.stdout.count('class="edge"') == graph.number_of_edges()


def test_cytoscape_json_is_consistent(store, tmp_path, capsys):
    (path,) = export(tmp_path, "policy", "cytoscape", capsys)
    elements = json.loads(path.read_text(encoding="utf-8"))["elements"]
    ids = {n["data"]["id"] for n in elements["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in elements["edges"])
    graph = build_view(store, "policy")
    assert (len(ids), len(elements["edges"])) == (graph.number_of_nodes(), graph.number_of_edges())


def test_link_tables_for_analyst_tools(store, tmp_path, capsys):
    entities, links = export(tmp_path, "actors", "csv", capsys)
    assert entities.name == "actors.csv-entities.csv" and links.name == "actors.csv-links.csv"
    rows = list(csv.DictReader(entities.open(encoding="utf-8")))
    labels, edges = network()
    assert [r["label"] for r in rows] == [labels[iri] for iri in sorted(labels)]
    types = {"NationalAuthority", "EUAgency", "EUInstitution", "InternationalPartner"}
    assert {r["type"] for r in rows} == types
    assert len(list(csv.DictReader(links.open(encoding="utf-8")))) == len(edges)


def cypher_errors(statement: str) -> list[str]:
    """Syntax errors an openCypher parser (ANTLR grammar, PyPI antlr4-cypher) finds."""
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from antlr4_cypher import CypherLexer, CypherParser

    class Collect(ErrorListener):
        def __init__(self) -> None:
            self.errors: list[str] = []

        def syntaxError(self, recognizer, symbol, line, column, message, error) -> None:
            self.errors.append(f"{line}:{column} {message}")

    parser = CypherParser(CommonTokenStream(CypherLexer(InputStream(statement))))
    collect = Collect()
    parser.removeErrorListeners()
    parser.addErrorListener(collect)
    parser.script()
    return collect.errors


@pytest.mark.parametrize("view", VIEWS)
def test_cypher_script_parsed_by_an_opencypher_parser(store, view, tmp_path, capsys):
    (path,) = export(tmp_path, view, "cypher", capsys)
    lines = path.read_text(encoding="utf-8").splitlines()
    # the uniqueness constraint is Neo4j schema syntax, outside openCypher's grammar
    statements = [line for line in lines if line.startswith(("MERGE", "MATCH"))]
    assert [(s, cypher_errors(s)) for s in statements if cypher_errors(s)] == []
    graph = build_view(store, view)
    merges = sum(s.startswith("MERGE") for s in statements)
    assert (merges, len(statements) - merges) == (graph.number_of_nodes(), graph.number_of_edges())


def test_the_cypher_parser_can_fail():
    assert cypher_errors("MATCH (a), (b MERGE;")


def test_cypher_script_creates_every_node_and_relationship(store, tmp_path, capsys):
    (path,) = export(tmp_path, "events", "cypher", capsys)
    text = path.read_text(encoding="utf-8")
    assert "SET n:`Operation`, n.class = 'Operation', n.label = 'Dismantling of EncroChat'" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot", "cytoscape", "cypher", "html", "csv"])
def test_exports_are_deterministic(fmt, tmp_path, capsys):
    first = (
        export(tmp_path / "a", "policy", fmt, capsys) if (tmp_path / "a").mkdir() is None else []
    )
    second = (
        export(tmp_path / "b", "policy", fmt, capsys) if (tmp_path / "b").mkdir() is None else []
    )
    assert first[0].read_bytes() == second[0].read_bytes()


@pytest.mark.binary
@pytest.mark.parametrize("view", VIEWS)
def test_cytoscape_json_loaded_by_cytoscape_js_in_node(store, view, tmp_path, capsys):
    node = require_binary("node")
    library = paths.ROOT / "node_modules" / "cytoscape"
    if not library.is_dir():
        pytest.fail("node_modules/cytoscape is missing: `make test` runs npm ci")
    (path,) = export(tmp_path, view, "cytoscape", capsys)
    script = (
        f"const cytoscape = require({json.dumps(str(library))});"
        f"const data = JSON.parse(require('fs').readFileSync({json.dumps(str(path))}, 'utf8'));"
        "const cy = cytoscape({headless: true, styleEnabled: false, elements: data.elements});"
        "console.log(cy.nodes().length + ' ' + cy.edges().length);"
    )
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    graph = build_view(store, view)
    assert done.stdout.split() == [str(graph.number_of_nodes()), str(graph.number_of_edges())]


def search_in_chromium(page: Path, graph: nx.Graph, tmp_path: Path):
    """Open the HTML view `page` of `graph` in headless Chromium searching for Europol; check
    that it ran (the counts it puts on <body>); return Chromium's run and the labels found."""
    done = chromium(
        f"{page.as_uri()}#search=Europol",
        tmp_path / "profile",
        "--virtual-time-budget=5000",
        "--dump-dom",
    )
    body = re.search(r"<body[^>]*>", done.stdout)
    assert body, done.stderr[-500:]
    assert f'data-nodes="{graph.number_of_nodes()}"' in body.group()
    assert f'data-edges="{graph.number_of_edges()}"' in body.group()
    europol = [d["label"] for _, d in graph.nodes(data=True) if "europol" in d["label"].lower()]
    assert f'data-hits="{len(europol)}"' in body.group()
    return done, europol


@pytest.mark.binary
@pytest.mark.parametrize("view", VIEWS)
def test_html_page_renders_and_searches_in_chromium(store, view, tmp_path, capsys):
    require_binary("chromium")
    (page,) = export(tmp_path, view, "html", capsys)
    text = page.read_text(encoding="utf-8")
    assert "<script src" not in text and "cdn" not in text.lower()  # works offline
    graph = build_view(store, view)
    done, europol = search_in_chromium(page, graph, tmp_path)
    if europol:  # the hits are listed, and the first one's attributes shown, IRI among them
        hits = re.search(r'<p id="hits">([^<]*)</p>', done.stdout).group(1)
        assert sorted(hits.split("; ")) == sorted(europol)
        # the first hit's attributes are shown, its IRI among them (in the full view, Europol
        # shares its name with EFIPPP and an implementation event)
        hit_iris = [n for n, d in graph.nodes(data=True) if "europol" in d["label"].lower()]
        assert any(f"<dd>{iri}</dd>" in done.stdout for iri in hit_iris)


@pytest.mark.binary
@pytest.mark.parametrize("view", VIEWS)
def test_svg_and_png_are_drawn_by_graphviz(store, view, tmp_path, capsys):
    from lxml import etree

    require_binary("dot")
    (svg,) = export(tmp_path, view, "svg", capsys)
    drawing = etree.parse(str(svg))  # an XML parser reads the SVG back
    groups = drawing.findall(".//{http://www.w3.org/2000/svg}g")
    kinds = [g.get("class") for g in groups]
    graph = build_view(store, view)
    assert (kinds.count("node"), kinds.count("edge")) == (
        graph.number_of_nodes(), graph.number_of_edges(),
    )  # fmt: skip
    (tmp_path / "png").mkdir()
    (png,) = export(tmp_path / "png", view, "png", capsys)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


def test_plain_svg_without_graphviz(store):
    from lxml import etree

    from roadmapkg.export.writers import plain_svg

    drawing = etree.fromstring(plain_svg(build_view(store, "actors")))
    svg = "{http://www.w3.org/2000/svg}"
    labels, edges = network()
    assert len(drawing.findall(f"{svg}circle")) == len(labels)
    assert len(drawing.findall(f"{svg}line")) == len(edges)
    assert "Europol" in [t.text for t in drawing.findall(f"{svg}text")]


def hostile_view(store) -> nx.Graph:
    """The actors view with Europol's label replaced by `HOSTILE_LABEL`."""
    graph = build_view(store, "actors")
    graph.nodes["https://w3id.org/roadmapkg/id/actor/europol"]["label"] = HOSTILE_LABEL
    return graph


def test_a_label_with_a_script_tag_cannot_end_the_json_block(store):
    """`<!--<script>` in a label once made the HTML5 parser read the JSON block on past its end,
    swallowing cytoscape.js, so nothing on the page ran."""
    from roadmapkg.export.writers import cytoscape, html

    graph = hostile_view(store)
    page = html(graph).decode("utf-8")
    data, scripts = view_data(page)
    assert data["elements"] == json.loads(cytoscape(graph))["elements"]
    assert HOSTILE_LABEL in [node["data"]["label"] for node in data["elements"]["nodes"]]
    assert scripts == 3  # the data, cytoscape.js and the page's own script, each whole
    block = page.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    assert "\\u003c!--\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 co" in block


@pytest.mark.binary
def test_html_page_with_a_hostile_label_runs_in_chromium(store, tmp_path):
    from roadmapkg.export.writers import html

    require_binary("chromium")
    graph = hostile_view(store)
    page = tmp_path / "actors.html"
    page.write_bytes(html(graph))
    done, found = search_in_chromium(page, graph, tmp_path)
    assert found == [HOSTILE_LABEL]
    hits = re.search(r'<p id="hits">([^<]*)</p>', done.stdout).group(1)
    assert hits == "Europol &lt;!--&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"


def test_all_views_in_all_formats_go_to_one_folder(tmp_path, capsys):
    from roadmapkg.export.choices import FORMATS

    require_binary("dot")
    assert main(["export", "--view", "all", "--format", "all", "-o", str(tmp_path)]) == 0
    expected = {
        name
        for view in VIEWS
        for fmt, suffix in FORMATS.items()
        for name in (
            [f"{view}-entities.csv", f"{view}-links.csv"] if fmt == "csv" else [view + suffix]
        )
    }
    assert {p.name for p in tmp_path.iterdir()} == expected
    said = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in said] == [f"View {view}" for view in VIEWS]
    # each file is the one the single-view command writes
    assert main(["export", "--view", "actors", "--format", "gexf", "-o", str(tmp_path / "a")]) == 0
    assert (tmp_path / "a").read_bytes() == (tmp_path / "actors.gexf").read_bytes()


def test_all_formats_leave_png_out_without_dot_and_say_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert main(["export", "--view", "policy", "--format", "all", "-o", str(tmp_path)]) == 0
    assert not (tmp_path / "policy.png").exists() and (tmp_path / "policy.svg").is_file()
    assert capsys.readouterr().err == "PNG views left out: Graphviz's dot is not installed\n"


def test_all_refuses_standard_output(capsys):
    assert main(["export", "--view", "all", "--format", "dot", "-o", "-"]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg export: --view all or --format all writes several files: give a folder\n"
    )
