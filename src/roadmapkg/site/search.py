"""The site's search box: every entity by any of its names (``rdfs:label``, ``skos:prefLabel``,
``skos:altLabel``) in every language the graph holds them in. The index is a classic script
(``assets/search-index.js``), not a file fetched at run time, so the search works on pages
opened from ``file://`` (where browsers refuse fetch, and so Pagefind's index); the page loads
it on the first keystroke."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDFS, SKOS

from ..export.writers import script_json
from .entities import Reader, page_path

NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
SCRIPT = Path(__file__).parent / "templates" / "assets" / "search.js"


def index(reader: Reader) -> list[list]:
    """One entry a named entity: its page, its title and its names (text, language or '')."""
    entries = []
    for iri in reader.entities():
        names = sorted(
            {
                (str(name), name.language or "")
                for p in NAMES
                for name in reader.graph.objects(iri, p)
            }
        )
        if names:
            entries.append([page_path(iri), reader.title(iri), [list(n) for n in names]])
    return entries


def files(reader: Reader) -> dict[str, bytes]:
    """The index as a script, and the search box's own script."""
    script = f"window.ROADMAPKG_SEARCH = {script_json(index(reader))};\n"
    return {
        "assets/search-index.js": script.encode("utf-8"),
        "assets/search.js": SCRIPT.read_bytes(),
    }
