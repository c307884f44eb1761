"""The export writers byte for byte on two small views written out by hand: a directed policy
view (two nodes, one edge) and an undirected, weighted actors view."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from roadmapkg.export import writers as export

A = "https://w3id.org/roadmapkg/id/action/a"
B = "https://w3id.org/roadmapkg/id/pillar/b"
SERVES = "https://w3id.org/roadmapkg/ontology#servesPillar"
X = "https://w3id.org/roadmapkg/id/actor/x"
Y = "https://w3id.org/roadmapkg/id/actor/y"


def policy() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="policy")
    graph.add_node(A, iri=A, label="Action A", date="2023-10", **{"class": "Action"})
    graph.add_node(B, iri=B, label="Säule B", quantity="8", **{"class": "Pillar"})
    graph.add_edge(A, B, label="serves pillar", predicate=SERVES)
    return graph


def actors() -> nx.Graph:
    graph = nx.Graph(name="actors")
    graph.add_node(X, iri=X, label="Europol", **{"class": "EUAgency"})
    graph.add_node(Y, iri=Y, label="Eurojust", **{"class": "EUAgency"})
    graph.add_edge(X, Y, label="takes part with", weight=2)
    return graph


# Action is the first class in name order (#f3c300 = 243,195,0), Pillar the second (#875692 =
# 135,86,146); two nodes on a circle of radius 500 sit at angles 0 and pi; each has degree 1,
# so size 5 + 2 * 1.
POLICY_GEXF = f"""<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta>
    <creator>roadmapkg</creator>
    <description>roadmapkg view policy</description>
  </meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node">
      <attribute id="iri" title="iri" type="string" />
      <attribute id="class" title="class" type="string" />
      <attribute id="date" title="date" type="string" />
      <attribute id="quantity" title="quantity" type="string" />
    </attributes>
    <attributes class="edge">
      <attribute id="predicate" title="predicate" type="string" />
    </attributes>
    <nodes count="2">
      <node id="n0" label="Action A">
        <attvalues>
          <attvalue for="iri" value="{A}" />
          <attvalue for="class" value="Action" />
          <attvalue for="date" value="2023-10" />
        </attvalues>
        <color r="243" g="195" b="0" />
        <size value="7.0" />
        <position x="500.00" y="0.00" z="0.0" />
      </node>
      <node id="n1" label="Säule B">
        <attvalues>
          <attvalue for="iri" value="{B}" />
          <attvalue for="class" value="Pillar" />
          <attvalue for="quantity" value="8" />
        </attvalues>
        <color r="135" g="86" b="146" />
        <size value="7.0" />
        <position x="-500.00" y="0.00" z="0.0" />
      </node>
    </nodes>
    <edges count="1">
      <edge id="e0" source="n0" target="n1" label="serves pillar" weight="1.0">
        <attvalues>
          <attvalue for="predicate" value="{SERVES}" />
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"""


def test_gexf_of_a_small_view_byte_for_byte():
    assert export.gexf(policy()).decode("utf-8") == POLICY_GEXF


def test_gexf_edges_run_from_source_to_target():
    """Mutant killed: GEXF edges written target to source."""
    root = ET.fromstring(export.gexf(policy()))
    ns = {"g": export.GEXF}
    iri = {
        node.get("id"): node.find("g:attvalues/g:attvalue[@for='iri']", ns).get("value")
        for node in root.iterfind(".//g:node", ns)
    }
    edges = [(iri[e.get("source")], iri[e.get("target")]) for e in root.iterfind(".//g:edge", ns)]
    assert edges == [(A, B)]


def test_gexf_of_an_undirected_weighted_view():
    root = ET.fromstring(export.gexf(actors()))
    ns = {"g": export.GEXF}
    assert root.find("g:graph", ns).get("defaultedgetype") == "undirected"
    (edge,) = root.iterfind(".//g:edge", ns)
    assert edge.attrib == {
        "id": "e0", "source": "n0", "target": "n1", "label": "takes part with", "weight": "2.0",
    }  # fmt: skip
    assert edge.find("g:attvalues", ns) is None


def test_dot_of_a_small_view_byte_for_byte():
    assert export.dot(policy()).decode("utf-8") == (
        'digraph "policy" {\n'
        "  graph [rankdir=LR, fontname=Helvetica];\n"
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10];\n'
        "  edge [fontname=Helvetica, fontsize=8];\n"
        f'  "{A}" [label="Action A\\n(Action)", fillcolor="#f3c300", tooltip="{A}"];\n'
        f'  "{B}" [label="Säule B\\n(Pillar)", fillcolor="#875692", tooltip="{B}"];\n'
        f'  "{A}" -> "{B}" [label="serves pillar"];\n'
        "}\n"
    )


def test_dot_of_an_undirected_weighted_view():
    lines = export.dot(actors()).decode("utf-8").splitlines()
    assert lines[0] == 'graph "actors" {'
    assert lines[-2] == f'  "{X}" -- "{Y}" [label="takes part with", penwidth=2];'


def test_dot_escapes_backslashes_quotes_and_line_breaks():
    assert export.dot_escape('a\\b "c"\nd') == 'a\\\\b \\"c\\" d'
    assert export.dot_string('say "hi"') == '"say \\"hi\\""'


def test_cypher_of_a_small_view_byte_for_byte():
    assert export.cypher(policy()).decode("utf-8") == (
        "// roadmapkg view policy: load with cypher-shell < this file\n"
        "CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE;\n"
        f"MERGE (n:Entity {{iri: '{A}'}}) SET n:`Action`, n.label = 'Action A', "
        "n.date = '2023-10', n.class = 'Action';\n"
        f"MERGE (n:Entity {{iri: '{B}'}}) SET n:`Pillar`, n.label = 'Säule B', "
        "n.quantity = '8', n.class = 'Pillar';\n"
        f"MATCH (a:Entity {{iri: '{A}'}}), (b:Entity {{iri: '{B}'}}) "
        f"MERGE (a)-[:`SERVES_PILLAR` {{label: 'serves pillar', predicate: '{SERVES}'}}]->(b);\n"
    )


def test_cypher_writes_a_weight_as_a_number():
    last = export.cypher(actors()).decode("utf-8").splitlines()[-1]
    assert last == (
        f"MATCH (a:Entity {{iri: '{X}'}}), (b:Entity {{iri: '{Y}'}}) "
        "MERGE (a)-[:`TAKES_PART_WITH` {label: 'takes part with', weight: 2}]->(b);"
    )


def test_cypher_strings_escape_backslashes_and_quotes():
    assert export.cypher_string("it's a\\b") == "'it\\'s a\\\\b'"


def cytoscape_elements(label_a: str = "Action A") -> dict:
    return {
        "nodes": [
            {"data": {"id": A, "iri": A, "label": label_a, "date": "2023-10",
                      "class": "Action", "colour": "#f3c300"}},
            {"data": {"id": B, "iri": B, "label": "Säule B", "quantity": "8",
                      "class": "Pillar", "colour": "#875692"}},
        ],
        "edges": [
            {"data": {"id": "e0", "source": A, "target": B, "label": "serves pillar",
                      "predicate": SERVES}},
        ],
    }  # fmt: skip


def test_cytoscape_of_a_small_view():
    text = export.cytoscape(policy()).decode("utf-8")
    assert json.loads(text) == {"data": {"name": "policy"}, "elements": cytoscape_elements()}
    assert text.endswith("}\n") and '\n  "elements": {\n' in text and "Säule B" in text


def test_html_page_holds_the_view_and_the_library():
    graph = policy()
    graph.graph["name"] = "p&q"
    graph.nodes[A]["label"] = "Action </script> A"
    page = export.html(graph).decode("utf-8")
    assert "<title>roadmapkg: p&amp;q view</title>" in page and "<h1>p&amp;q</h1>" in page
    assert "<p>2 nodes, 1 edges. Click a node to see its attributes.</p>" in page
    opening = '<script type="application/json" id="data">'
    data = page[page.index(opening) + len(opening) :].split("</script>")[0]
    assert "Action \\u003c/script\\u003e A" in data and "Säule B" in data
    assert json.loads(data) == {
        "elements": cytoscape_elements("Action </script> A"),
        "positions": {A: {"x": 500.0, "y": 0.0}, B: {"x": -500.0, "y": 0.0}},
        "pages": {},  # a page of its own: no entity pages to open
    }
    library = export.CYTOSCAPE_JS.read_text(encoding="utf-8").replace("</script", "<\\/script")
    assert "<script>" + library + "</script>" in page


def test_html_page_needs_cytoscape_from_npm(tmp_path, monkeypatch):
    from roadmapkg.errors import RoadmapError

    monkeypatch.setattr(export, "CYTOSCAPE_JS", tmp_path / "cytoscape.min.js")
    with pytest.raises(RoadmapError) as missing:
        export.html(policy())
    assert str(missing.value) == (
        f"{tmp_path}/cytoscape.min.js is missing: run `npm ci` (make does) to fetch cytoscape.js"
    )


def test_link_table_runs_from_source_to_target():
    """Mutant killed: the link CSV's from/to columns swapped."""
    entities, links = export.tables(policy())
    assert links.decode("utf-8") == f"from,to,type,date\n{A},{B},serves pillar,2023-10\n"
    assert entities.decode("utf-8") == (
        f"id,type,label,date,quantity\n{A},Action,Action A,2023-10,\n{B},Pillar,Säule B,,8\n"
    )
    undated = export.tables(actors())[1].decode("utf-8")
    assert undated == f"from,to,type,date\n{X},{Y},takes part with,\n"


def test_plain_svg_of_a_small_view_byte_for_byte():
    # radius 300, shifted by 420: the nodes at (720, 420) and (120, 420)
    assert export.plain_svg(policy()).decode("utf-8") == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="840" height="840" font-size="9">\n'
        '<line x1="720.0" y1="420.0" x2="120.0" y2="420.0" stroke="#999"/>\n'
        '<circle cx="720.0" cy="420.0" r="6" fill="#f3c300"/>\n'
        '<text x="728.0" y="423.0">Action A</text>\n'
        '<circle cx="120.0" cy="420.0" r="6" fill="#875692"/>\n'
        '<text x="128.0" y="423.0">Säule B</text>\n'
        "</svg>\n"
    )


def test_svg_without_graphviz_is_the_plain_drawing_and_png_is_refused(monkeypatch):
    import shutil

    from roadmapkg.errors import RoadmapError

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert export.rendered(policy(), "svg") == export.plain_svg(policy())
    with pytest.raises(RoadmapError) as refused:
        export.rendered(policy(), "png")
    assert str(refused.value) == "PNG needs Graphviz's dot (Debian: apt-get install graphviz)"


def test_export_writes_each_format_to_its_files(tmp_path):
    written = export.export(policy(), "csv", tmp_path / "view")
    assert written == [tmp_path / "view-entities.csv", tmp_path / "view-links.csv"]
    assert [p.read_bytes() for p in written] == list(export.tables(policy()))
    for fmt in ("graphml", "gexf", "dot", "cytoscape", "cypher"):
        path = tmp_path / f"view.{fmt}"
        assert export.export(policy(), fmt, path) == [path]
        assert path.read_bytes() == getattr(export, fmt)(policy())


def test_graphml_is_indented_utf8_with_the_node_and_edge_attributes():
    text = export.graphml(policy()).decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml ")
    assert "</node>\n<node id=" in text and "\n  <data key=" in text  # prettyprint
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", ns)}
    nodes = {
        n.get("id"): {keys[d.get("key")]: d.text for d in n.iterfind("g:data", ns)}
        for n in root.iterfind(".//g:node", ns)
    }
    assert nodes == {
        A: {"iri": A, "label": "Action A", "date": "2023-10", "class": "Action"},
        B: {"iri": B, "label": "Säule B", "quantity": "8", "class": "Pillar"},
    }
    (edge,) = root.iterfind(".//g:edge", ns)
    assert (edge.get("source"), edge.get("target")) == (A, B)
    data = {keys[d.get("key")]: d.text for d in edge.iterfind("g:data", ns)}
    assert data == {"label": "serves pillar", "predicate": SERVES}


def chain() -> nx.MultiDiGraph:
    """Three nodes whose IRI order is not their (class, label) order: P -> Q -> R."""
    graph = nx.MultiDiGraph(name="chain")
    for key, cls, label in (
        ("p", "Pillar", "Alpha"),
        ("q", "Action", "Zulu"),
        ("r", "Action", "Bravo"),
    ):
        graph.add_node(key, iri=key, label=label, **{"class": cls})
    graph.add_edge("p", "q", label="l1")
    graph.add_edge("q", "r", label="l2")
    return graph


def test_layout_puts_nodes_on_a_circle_by_class_then_label():
    # order: r (Action, Bravo), q (Action, Zulu), p (Pillar, Alpha), at 0, 120 and 240 degrees;
    # 500 * cos(120°) = -250, 500 * sin(120°) = 433.0127...
    assert export.layout(chain()) == {
        "r": (500.0, 0.0), "q": (-250.0, 433.01), "p": (-250.0, -433.01),
    }  # fmt: skip
    assert export.layout(chain(), radius=10) == {
        "r": (10.0, 0.0), "q": (-5.0, 8.66), "p": (-5.0, -8.66),
    }  # fmt: skip
    four = nx.Graph(name="four")
    for key in "abcd":
        four.add_node(key, label=key, **{"class": "C"})
    assert export.layout(four) == {
        "a": (500.0, 0.0), "b": (0.0, 500.0), "c": (-500.0, 0.0), "d": (-0.0, -500.0),
    }  # fmt: skip
    four.add_node("e", label="e", **{"class": "C"})  # 72°: 500 cos = 154.5085, 500 sin = 475.5283
    assert export.layout(four)["b"] == (154.51, 475.53)


def test_gexf_sizes_nodes_by_degree():
    root = ET.fromstring(export.gexf(chain()))
    ns = {"g": export.GEXF}
    sizes = {
        n.get("label"): n.find("g:size", ns).get("value") for n in root.iterfind(".//g:node", ns)
    }
    assert sizes == {"Alpha": "7.0", "Zulu": "9.0", "Bravo": "7.0"}
    positions = {
        n.get("label"): dict(n.find("g:position", ns).attrib)
        for n in root.iterfind(".//g:node", ns)
    }
    assert positions["Zulu"] == {"x": "-250.00", "y": "433.01", "z": "0.0"}


def test_a_failing_dot_is_reported_with_its_message(tmp_path, monkeypatch):
    import shutil

    from roadmapkg.errors import RoadmapError

    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\nprintf ' syntax error \\377 here \\n' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    with pytest.raises(RoadmapError) as failed:
        export.rendered(policy(), "svg")
    assert str(failed.value) == "dot failed: syntax error \ufffd here"
