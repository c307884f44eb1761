"""Write a network view for the tools people use: GraphML (Gephi, yEd, igraph), Graphviz DOT,
Cytoscape.js JSON, a Cypher script for Neo4j, and entity and link tables (CSV) in the shape
i2 Analyst's Notebook and Maltego import. Same view, same bytes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

from .output import write_atomically

FORMATS = {
    "graphml": ".graphml",
    "dot": ".dot",
    "cytoscape": ".cyjs",
    "cypher": ".cypher",
    "csv": "",
}
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d", "#f1ce63",
)  # fmt: skip


def colours(graph: nx.Graph) -> dict[str, str]:
    """A colour per class, assigned in class-name order (so the same class keeps its colour)."""
    classes = sorted({data["class"] for _, data in graph.nodes(data=True)})
    return {cls: PALETTE[i % len(PALETTE)] for i, cls in enumerate(classes)}


def graphml(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


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
            f"MERGE (n:Entity {{iri: {cypher_string(node)}}}) SET n:{data['class']}, {props};"
        )
    for source, target, data in graph.edges(data=True):
        kind = data["label"].upper().replace(" ", "_")
        props = ", ".join(
            f"{k}: {v if isinstance(v, int) else cypher_string(str(v))}" for k, v in data.items()
        )
        a, b = cypher_string(source), cypher_string(target)
        ends = f"(a:Entity {{iri: {a}}}), (b:Entity {{iri: {b}}})"
        lines.append(f"MATCH {ends} MERGE (a)-[:{kind} {{{props}}}]->(b);")
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


def export(graph: nx.Graph, fmt: str, path: Path) -> list[Path]:
    """Write the view in `fmt` at `path` (for csv, `path` is a prefix: PATH-entities.csv and
    PATH-links.csv); returns the files written."""
    if fmt == "csv":
        entities, links = tables(graph)
        files = {
            path.with_name(f"{path.name}-entities.csv"): entities,
            path.with_name(f"{path.name}-links.csv"): links,
        }
    else:
        writers = {"graphml": graphml, "dot": dot, "cytoscape": cytoscape, "cypher": cypher}
        files = {path: writers[fmt](graph)}
    write_atomically(files)
    return list(files)
