"""Copy the EU-language labels of linked authority-table entries into the curated sources
(labels.csv), so the build never needs the tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, SKOS

from .. import paths
from ..build.mappings import read_targets
from ..build.schema import LABEL_COLUMNS
from ..errors import RoadmapError
from ..files.atomic import write_atomically
from ..rdf.load import load_graph

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip


def enrich(graph: Graph, tables: list[Path], labels: Path = paths.SOURCES / "labels.csv") -> int:
    """Copy the EU-language preferred and alternative labels of the linked entries of each
    authority table into labels.csv (replacing what came from that table before), so the build
    never needs the table. Returns the number of label rows now taken from these tables."""
    targets = {t.concept_scheme: t for t in read_targets(paths.MAPPINGS / "targets.csv")}
    if not labels.is_file():
        raise RoadmapError(f"{labels}: file not found")
    with labels.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != LABEL_COLUMNS:
            raise RoadmapError(f"{labels}: not a labels table (header {','.join(LABEL_COLUMNS)})")
        rows = list(reader)
    added: list[dict[str, str]] = []
    used: set[str] = set()
    for path in tables:
        if str(path).startswith(("http:", "https:")):
            raise RoadmapError(f"{path}: enrich reads authority tables from files, not endpoints")
        table = load_graph([path])
        schemes = [str(s) for s in table.subjects(RDF.type, SKOS.ConceptScheme)]
        target = next((targets[s] for s in schemes if s in targets and targets[s].source), None)
        if target is None:
            raise RoadmapError(f"{path}: not an authority table named in mappings/targets.csv")
        rows = [r for r in rows if r["source"] != target.source]
        used.add(target.source)
        for subject, concept in graph.subject_objects(OWL.sameAs):
            if not str(concept).startswith(target.uri_space):
                continue
            for name, predicate in (("prefLabel", SKOS.prefLabel), ("altLabel", SKOS.altLabel)):
                for value in table.objects(concept, predicate):
                    if getattr(value, "language", None) in EU_LANGUAGES:
                        added.append(
                            {
                                "subject": str(subject).rsplit("/", 1)[-1],
                                "property": name,
                                "language": value.language,
                                "label": str(value),
                                "source": target.source,
                            }
                        )
    unique = {tuple(r[c] for c in LABEL_COLUMNS): r for r in rows + added}  # a table given twice
    rows = sorted(unique.values(), key=lambda r: tuple(r[c] for c in LABEL_COLUMNS))
    added = [r for r in rows if r["source"] in used]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(LABEL_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomically({labels: out.getvalue().encode("utf-8")})
    return len(added)
