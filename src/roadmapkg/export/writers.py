"""Write a network view for the tools people use: GraphML (Gephi, yEd, igraph), Graphviz DOT,
Cytoscape.js JSON, a Cypher script for Neo4j, and entity and link tables (CSV) in the shape
i2 Analyst's Notebook and Maltego import. Same view, same bytes."""

from __future__ import annotations

import csv
import io
import json
import math
import string
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path

import networkx as nx
from rdflib import URIRef

from .. import paths
from ..errors import RoadmapError
from ..files.atomic import STDOUT, write_output
from ..rdf.namespaces import ID

GEXF = "http://gexf.net/1.3"
NODE_FIELDS = ("iri", "class", "date", "quantity")
# Kelly's 22 colours of maximum contrast (white and black left out), in his order: the first
# ones differ most, so a view with few classes gets the most different colours
PALETTE = (
    "#f3c300", "#875692", "#f38400", "#a1caf1", "#be0032", "#c2b280", "#848482", "#008856",
    "#e68fac", "#0067a5", "#f99379", "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17",
    "#8db600", "#654522", "#e25822", "#2b3d26",
)  # fmt: skip


def colours(graph: nx.Graph) -> dict[str, str]:
    """A colour per class, assigned in class-name order (so the same class keeps its colour)."""
    classes = sorted({data["class"] for _, data in graph.nodes(data=True)})
    return {cls: PALETTE[i % len(PALETTE)] for i, cls in enumerate(classes)}


def graphml(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def layout(graph: nx.Graph, radius: float = 500.0) -> dict[str, tuple[float, float]]:
    """Nodes on a circle, grouped by class and sorted by label: a layout that needs no
    numerical library and gives the same positions every time."""
    order = sorted(graph.nodes, key=lambda n: (graph.nodes[n]["class"], graph.nodes[n]["label"], n))
    step = 2 * math.pi / max(len(order), 1)
    return {
        node: (round(radius * math.cos(i * step), 2), round(radius * math.sin(i * step), 2))
        for i, node in enumerate(order)
    }


def gexf(graph: nx.Graph) -> bytes:
    """GEXF 1.3 as the official XSD defines it: node attributes, and colour by class, size by
    degree and position from a layout, so Gephi opens the view laid out."""
    from xml.etree import ElementTree as ET

    ET.register_namespace("", GEXF)
    q = lambda name: f"{{{GEXF}}}{name}"  # noqa: E731
    root = ET.Element(q("gexf"), version="1.3")
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = "roadmapkg"
    ET.SubElement(meta, q("description")).text = f"roadmapkg view {graph.graph['name']}"
    kind = "directed" if graph.is_directed() else "undirected"
    body = ET.SubElement(root, q("graph"), defaultedgetype=kind, mode="static")
    node_attributes = ET.SubElement(body, q("attributes"), {"class": "node"})
    for field in NODE_FIELDS:
        ET.SubElement(node_attributes, q("attribute"), id=field, title=field, type="string")
    edge_attributes = ET.SubElement(body, q("attributes"), {"class": "edge"})
    ET.SubElement(edge_attributes, q("attribute"), id="predicate", title="predicate", type="string")
    palette, positions = colours(graph), layout(graph)
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    nodes = ET.SubElement(body, q("nodes"), count=str(graph.number_of_nodes()))
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, q("node"), id=ids[node], label=data["label"])
        values = ET.SubElement(element, q("attvalues"))
        for field in NODE_FIELDS:
            if field in data:
                ET.SubElement(values, q("attvalue"), {"for": field, "value": data[field]})
        hex_colour = palette[data["class"]]
        rgb = {
            c: str(int(hex_colour[i : i + 2], 16)) for c, i in zip("rgb", (1, 3, 5), strict=True)
        }
        ET.SubElement(element, q("color"), rgb)
        ET.SubElement(element, q("size"), value=f"{5 + 2 * graph.degree(node):.1f}")
        x, y = positions[node]
        ET.SubElement(element, q("position"), x=f"{x:.2f}", y=f"{y:.2f}", z="0.0")
    edges = ET.SubElement(body, q("edges"), count=str(graph.number_of_edges()))
    for i, (source, target, data) in enumerate(graph.edges(data=True)):
        weight = f"{float(data.get('weight', 1)):.1f}"
        element = ET.SubElement(
            edges, q("edge"), id=f"e{i}", source=ids[source], target=ids[target],
            label=data["label"], weight=weight,
        )  # fmt: skip
        if "predicate" in data:
            values = ET.SubElement(element, q("attvalues"))
            ET.SubElement(values, q("attvalue"), {"for": "predicate", "value": data["predicate"]})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def dot_escape(text: str) -> str:
    """Text for inside a DOT string: backslashes and quotes escaped, no line breaks."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def dot_string(text: str) -> str:
    return f'"{dot_escape(text)}"'


def dot(graph: nx.Graph) -> bytes:
    arrow = "->" if graph.is_directed() else "--"
    kind = "digraph" if graph.is_directed() else "graph"
    palette = colours(graph)
    lines = [
        f"{kind} {dot_string(graph.graph['name'])} {{",
        "  graph [rankdir=LR, fontname=Helvetica];",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10];',
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    for node, data in graph.nodes(data=True):
        # \n inside a DOT label is a line break: the class goes on a second line
        label = f'"{dot_escape(data["label"])}\\n({dot_escape(data["class"])})"'
        lines.append(
            f"  {dot_string(node)} [label={label}, "
            f"fillcolor={dot_string(palette[data['class']])}, tooltip={dot_string(node)}];"
        )
    for source, target, data in graph.edges(data=True):
        extra = f", penwidth={data['weight']}" if "weight" in data else ""
        ends = f"{dot_string(source)} {arrow} {dot_string(target)}"
        lines.append(f"  {ends} [label={dot_string(data['label'])}{extra}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def cytoscape(graph: nx.Graph) -> bytes:
    palette = colours(graph)
    nodes = [
        {"data": {"id": node, **data, "colour": palette[data["class"]]}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{i}", "source": s, "target": t, **data}}
        for i, (s, t, data) in enumerate(graph.edges(data=True))
    ]
    document = {"data": {"name": graph.graph["name"]}, "elements": {"nodes": nodes, "edges": edges}}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


CYTOSCAPE_JS = paths.CYTOSCAPE_JS
TEMPLATE = Path(__file__).parent / "templates" / "view.html"


SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(value) -> str:
    """JSON to put inside a <script> element: `<`, `>` and `&` written as \\u escapes, so no
    text of the data (``</script>``, ``<!--<script>``) can end or change the element."""
    return json.dumps(value, ensure_ascii=False).translate(SCRIPT_ESCAPES)


def html(graph: nx.Graph, page: Callable[[URIRef], str] | None = None) -> bytes:
    """A self-contained page: cytoscape.js inlined (from the npm package), the view as JSON,
    a force-directed layout (cose, from `layout`'s circle), a legend of the classes, search by
    label, a class filter, edge labels on hover, a node's attributes on hover. No CDN. With
    `page` (an entity's page, relative to this one), a click on an entity opens its page;
    without, it shows the node's attributes and IRI."""
    if not CYTOSCAPE_JS.is_file():
        missing = paths.display(CYTOSCAPE_JS)
        raise RoadmapError(f"{missing} is missing: run `npm ci` (make does) to fetch cytoscape.js")
    elements = json.loads(cytoscape(graph))["elements"]
    positions = {node: {"x": x, "y": y} for node, (x, y) in layout(graph).items()}
    links = {}
    if page is not None:
        links = {node: page(URIRef(node)) for node in graph if node.startswith(ID)}
    data = script_json({"elements": elements, "positions": positions, "pages": links})
    size = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    how = "Click a node to open its page." if links else "Click a node to see its attributes."
    page = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html_escape(graph.graph["name"]),
        size=size,
        how=how,
        palette_size=len(PALETTE),
        data=data,
        library=CYTOSCAPE_JS.read_text(encoding="utf-8").replace("</script", "<\\/script"),
    )
    return page.encode("utf-8")


def cypher_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def cypher(graph: nx.Graph) -> bytes:
    """MERGE statements: one per node (labels :Entity and its class), one per relationship."""
    lines = ["// roadmapkg view " + graph.graph["name"] + ": load with cypher-shell < this file"]
    lines.append(
        "CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE;"
    )
    for node, data in graph.nodes(data=True):
        props = ", ".join(f"n.{k} = {cypher_string(str(v))}" for k, v in data.items() if k != "iri")
        lines.append(
            f"MERGE (n:Entity {{iri: {cypher_string(node)}}}) SET n:`{data['class']}`, {props};"
        )
    for source, target, data in graph.edges(data=True):
        kind = data["label"].upper().replace(" ", "_")
        props = ", ".join(
            f"{k}: {v if isinstance(v, int) else cypher_string(str(v))}" for k, v in data.items()
        )
        a, b = cypher_string(source), cypher_string(target)
        ends = f"(a:Entity {{iri: {a}}}), (b:Entity {{iri: {b}}})"
        lines.append(f"MATCH {ends} MERGE (a)-[:`{kind}` {{{props}}}]->(b);")
    return ("\n".join(lines) + "\n").encode("utf-8")


def tables(graph: nx.Graph) -> tuple[bytes, bytes]:
    """entities.csv (id, type, label, date, quantity) and links.csv (from, to, type, date)."""
    entities, links = io.StringIO(), io.StringIO()
    writer = csv.writer(entities, lineterminator="\n")
    writer.writerow(["id", "type", "label", "date", "quantity"])
    for node, data in graph.nodes(data=True):
        writer.writerow(
            [node, data["class"], data["label"], data.get("date", ""), data.get("quantity", "")]
        )
    writer = csv.writer(links, lineterminator="\n")
    writer.writerow(["from", "to", "type", "date"])
    for source, target, data in graph.edges(data=True):
        date = graph.nodes[source].get("date", "")
        writer.writerow([source, target, data["label"], date])
    return entities.getvalue().encode("utf-8"), links.getvalue().encode("utf-8")


def rendered(graph: nx.Graph, fmt: str) -> bytes:
    """SVG or PNG drawn by Graphviz's dot from the DOT export. Without dot, SVG falls back to a
    plain drawing of the circular layout; PNG needs dot."""
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program:
        done = subprocess.run([program, f"-T{fmt}"], input=dot(graph), capture_output=True)
        if done.returncode:
            raise RoadmapError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout
    if fmt == "png":
        raise RoadmapError("PNG needs Graphviz's dot (Debian: apt-get install graphviz)")
    return plain_svg(graph)


def plain_svg(graph: nx.Graph) -> bytes:
    """A simple SVG of the circular layout: straight edges, coloured dots, labels."""
    positions, palette = layout(graph, radius=300), colours(graph)
    shift = lambda v: v + 420  # noqa: E731 (room for labels around the circle)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="840" height="840" font-size="9">']
    for source, target in graph.edges():
        (x1, y1), (x2, y2) = positions[source], positions[target]
        ends = f'x1="{shift(x1)}" y1="{shift(y1)}" x2="{shift(x2)}" y2="{shift(y2)}"'
        parts.append(f'<line {ends} stroke="#999"/>')
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        label = html_escape(data["label"])
        parts.append(
            f'<circle cx="{shift(x)}" cy="{shift(y)}" r="6" fill="{palette[data["class"]]}"/>'
        )
        parts.append(f'<text x="{shift(x) + 8}" y="{shift(y) + 3}">{label}</text>')
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def export(graph: nx.Graph, fmt: str, path: Path) -> list[Path]:
    """Write the view in `fmt` at `path` (for csv, `path` is a prefix: PATH-entities.csv and
    PATH-links.csv; `-` is standard output); returns the files written."""
    if fmt in ("svg", "png"):
        files = {path: rendered(graph, fmt)}
    elif fmt == "csv" and path == STDOUT:
        raise RoadmapError("csv writes two files (entities and links): give a prefix, not '-'")
    elif fmt == "csv":
        entities, links = tables(graph)
        files = {
            path.with_name(f"{path.name}-entities.csv"): entities,
            path.with_name(f"{path.name}-links.csv"): links,
        }
    else:
        writers = {
            "graphml": graphml,
            "gexf": gexf,
            "dot": dot,
            "cytoscape": cytoscape,
            "cypher": cypher,
            "html": html,
        }
        files = {path: writers[fmt](graph)}
    write_output(files)
    return list(files)
