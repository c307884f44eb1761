"""A first look at the roadmap graph, for a data journalist: a saved query into a pandas table,
the network of agencies drawn, and the graph in a local SPARQL server.

Run it from the checkout, after `make run`:

    .venv/bin/pip install pandas          # once
    .venv/bin/python examples/first-look.py out/first-look

It writes seizures-by-place.csv and actors.svg to the folder given (default out/first-look) and
prints what it found. The tests run it (tests/test_examples.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from SPARQLWrapper import JSON, SPARQLWrapper

import roadmapkg

COUNT_SEIZURES = """PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
SELECT (COUNT(?seizure) AS ?seizures) WHERE { ?seizure a rk:Seizure }"""


def seizures_table(folder: Path) -> pd.DataFrame:
    """1. A saved query (`roadmapkg queries` lists them) as a pandas table."""
    table = pd.DataFrame(roadmapkg.query("seizures-by-place"))
    table["total"] = pd.to_numeric(table["total"])
    table.to_csv(folder / "seizures-by-place.csv", index=False)
    return table


def tonnes(table: pd.DataFrame) -> float:
    """The totals in tonnes: each source's unit is kept in the graph (tonnes or kg)."""
    per_tonne = {"http://qudt.org/vocab/unit/TONNE": 1, "http://qudt.org/vocab/unit/KiloGM": 1000}
    return float((table["total"] / table["unit"].map(per_tonne)).sum())


def draw_actors(folder: Path) -> Path:
    """2. The network of who works with whom, as a drawing (also: graphml, gexf, html, ...)."""
    [drawing] = roadmapkg.export_view("actors", "svg", folder / "actors.svg")
    return drawing


def count_in_a_server() -> int:
    """3. The graph in a local SPARQL server (`roadmapkg serve`), asked with SPARQLWrapper as
    any SPARQL client would; the server stops at the end."""
    command = [sys.executable, "-m", "roadmapkg.cli", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()  # "SPARQL endpoint:  http://127.0.0.1:PORT/query"
        if not first.startswith("SPARQL endpoint:"):
            raise RuntimeError(f"roadmapkg serve did not start: {first!r}")
        client = SPARQLWrapper(first.split()[-1])
        client.setQuery(COUNT_SEIZURES)
        client.setReturnFormat(JSON)
        answer = client.queryAndConvert()
        return int(answer["results"]["bindings"][0]["seizures"]["value"])
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    table = seizures_table(folder)
    print(table.to_string(index=False))
    print(f"Tonnes seized in the places the sources name: {tonnes(table):g}")
    print(f"Drawing of the actors network: {draw_actors(folder)}")
    print(f"Seizures counted by a local SPARQL server: {count_in_a_server()}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/first-look"))
