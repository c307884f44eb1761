"""Where the project's files live: the ontology, the shapes, the saved queries, the sources and
the emitted graph.

In a checkout (``pip install -e .``, as `make run` does) they are the checkout's own folders. A
package installed from its wheel carries copies of them inside itself (``roadmapkg/shipped``,
whose entries in the checkout are links to the top-level folders), so it works from any folder.
ROADMAPKG_HOME, when set, names another checkout to use instead."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
SHIPPED = Path(str(files("roadmapkg") / "shipped"))


def _root() -> Path:
    if os.environ.get("ROADMAPKG_HOME"):
        return Path(os.environ["ROADMAPKG_HOME"]).resolve()
    return CHECKOUT if (CHECKOUT / "ontology" / "roadmap.ttl").is_file() else SHIPPED


ROOT = _root()
ONTOLOGY = ROOT / "ontology" / "roadmap.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
DCAT_AP_SHAPES = ROOT / "ontology" / "dcat-ap-shapes.ttl"
QC = ROOT / "ontology" / "qc"
CONTEXT = ROOT / "ontology" / "context.jsonld"
SOURCES = ROOT / "data" / "sources"
TABLES = ROOT / "data" / "tables.yaml"  # what each source table and column means
GRAPH = ROOT / "data" / "roadmap.ttl"
LINKS = ROOT / "data" / "links.ttl"
MAPPINGS = ROOT / "mappings"
# where `build` writes by default: the checkout's graph, or below the working folder when the
# files are the installed package's own copies
BUILT = Path("data", "roadmap.ttl") if ROOT == SHIPPED else GRAPH
QUERIES = ROOT / "queries"
REGRESSION = QUERIES / "regression"  # the saved queries' stored answers
PYPROJECT = ROOT / "pyproject.toml"
CYTOSCAPE_JS = (
    SHIPPED / "cytoscape.min.js"
    if ROOT == SHIPPED
    else ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
)


def display(path: Path) -> str:
    """`path` relative to the working folder when it lies below it, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
