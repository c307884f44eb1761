"""Link discovery: propose links from our entities to an authority table by comparing
normalised labels (preferred, alternative and hidden labels in every language, and codes),
write them for review, and add the accepted ones to the curated SSSOM mappings."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DC, OWL, RDF, RDFS, SKOS

from .. import paths
from ..build.mappings import AT, read_sssom, read_targets
from ..errors import RoadmapError
from ..files.atomic import write_atomically
from ..rdf import curies
from ..rdf.namespaces import RK

# Which of our classes each scheme describes.
SCHEME_CLASSES = {
    "corporate-body": (RK.Actor,),
    "country": (RK.Country, RK.Region),
}
THRESHOLD = 0.85
REVIEW_COLUMNS = (
    "subject_id", "subject_label", "object_id", "object_label", "score", "evidence", "decision",
)  # fmt: skip


def normalise(label: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no leading article."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^(the|la|le|les|el|los|de|het|die|der) ", "", text)


def acronym(label: str) -> str:
    words = [w for w in normalise(label).split() if w not in {"of", "for", "and", "the", "on"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@dataclass(frozen=True)
class Candidate:
    subject: URIRef
    subject_label: str
    object: URIRef
    object_label: str
    score: float
    evidence: str


def concept_labels(table: Graph) -> dict[URIRef, list[tuple[str, float, str]]]:
    """For each usable (not deprecated) concept: (normalised label, weight, evidence)."""
    weights = {SKOS.prefLabel: 1.0, SKOS.altLabel: 0.9, SKOS.hiddenLabel: 0.85}
    labels: dict[URIRef, list[tuple[str, float, str]]] = {}
    for concept in table.subjects(RDF.type, SKOS.Concept):
        if str(table.value(concept, URIRef(f"{AT}deprecated"))).lower() == "true":
            continue
        entries = []
        for predicate, weight in weights.items():
            for value in table.objects(concept, predicate):
                lang = getattr(value, "language", None) or ""
                factor = weight if lang in ("en", "") else weight * 0.95
                name = f"{table.namespace_manager.normalizeUri(predicate)}@{lang}"
                entries.append((normalise(value), factor, f'{name} "{value}"'))
        for code in table.objects(concept, DC.identifier):
            entries.append((normalise(code), 0.7, f'code "{code}"'))
        labels[concept] = entries
    return labels


def our_entities(graph: Graph, scheme: str) -> dict[URIRef, list[str]]:
    """Our entities of the scheme's classes (sub-classes included), with their own labels:
    names copied from authority tables (separately sourced statements) are left out, so the
    matcher cannot find a link through the link itself."""
    from ..rdf import ontology

    copied = {
        (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        for st in graph.subjects(RDF.type, RDF.Statement)
    }
    classes = set().union(*(ontology.subclasses(c) for c in SCHEME_CLASSES[scheme]))
    entities = {s for c in classes for s in graph.subjects(RDF.type, c)}
    return {
        e: [
            str(v)
            for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel)
            for v in graph.objects(e, p)
            if (e, p, v) not in copied
        ]
        for e in sorted(entities)
    }


def score(ours: list[str], theirs: list[tuple[str, float, str]]) -> tuple[float, str]:
    """The best evidence that one of our labels names the concept, and what matched."""
    best, why = 0.0, ""
    for label in ours:
        mine, initials = normalise(label), acronym(label)
        for value, weight, evidence in theirs:
            if mine == value:
                found = weight
            elif initials and initials == value:
                found = 0.7 * weight
            else:
                a, b = set(mine.split()), set(value.split())
                jaccard = len(a & b) / len(a | b) if a | b else 0.0
                found = 0.6 * jaccard * weight if jaccard >= 0.75 else 0.0
            if found > best:
                best, why = found, f'"{label}" ~ {evidence}'
    return round(best, 3), why


def suggest(
    graph: Graph, table: Graph, scheme: str, include_linked: bool = False, top: int = 3
) -> list[Candidate]:
    """Candidates for each of our entities without a link into the table (all of them when
    `include_linked`), best first, at most `top` per entity."""
    if scheme not in SCHEME_CLASSES:
        raise RoadmapError(f"unknown scheme {scheme!r} (one of: {', '.join(SCHEME_CLASSES)})")
    target = next(t for t in read_targets(paths.MAPPINGS / "targets.csv") if t.key == scheme)
    if (URIRef(target.concept_scheme), RDF.type, SKOS.ConceptScheme) not in table:
        raise RoadmapError(
            f"the target is not the {scheme} authority table ({target.concept_scheme})"
        )
    concepts = concept_labels(table)
    spaces = tuple(f"{s}/" for s in table.subjects(RDF.type, SKOS.ConceptScheme))
    candidates = []
    for entity, labels in our_entities(graph, scheme).items():
        linked = any(str(o).startswith(spaces) for o in graph.objects(entity, OWL.sameAs))
        if linked and not include_linked:
            continue
        scored = []
        for concept, theirs in concepts.items():
            value, why = score(labels, theirs)
            if value >= 0.5:
                english = [v for v in table.objects(concept, SKOS.prefLabel) if v.language == "en"]
                shown = str(min(english)) if english else str(concept)
                scored.append(Candidate(entity, labels[0], concept, shown, value, why))
        scored.sort(key=lambda c: (-c.score, str(c.object)))
        candidates += scored[:top]
    return candidates


def fetch_table(url: str, scheme: str) -> Graph:
    """The concepts of an authority table's scheme, with their labels, from a SPARQL endpoint."""
    from ..store.endpoint import Endpoint
    from ..store.remote import RemoteStore

    target = next(
        (t for t in read_targets(paths.MAPPINGS / "targets.csv") if t.key == scheme), None
    )
    if target is None or not target.concept_scheme:
        raise RoadmapError(f"no concept scheme known for {scheme!r} in mappings/targets.csv")
    query = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT {{ <{target.concept_scheme}> a skos:ConceptScheme . ?c ?p ?o }} WHERE {{
  ?c skos:inScheme <{target.concept_scheme}> ; ?p ?o .
  FILTER(?p IN (rdf:type, skos:prefLabel, skos:altLabel, skos:hiddenLabel,
                <{AT}deprecated>, <http://purl.org/dc/elements/1.1/identifier>))
}}"""
    query = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + query
    return RemoteStore(Endpoint(url), graph=None).query(query, {})


def review_csv(candidates: list[Candidate], mappings: Path = paths.MAPPINGS) -> str:
    """The review file: one candidate a row, CURIEs as in the SSSOM mappings, no decision yet."""
    curie_map = {}
    for path in sorted(mappings.glob("*.sssom.tsv")):
        curie_map |= read_sssom(path)[0].get("curie_map") or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for c in candidates:
        subject = curies.compact(str(c.subject), curie_map) or str(c.subject)
        obj = curies.compact(str(c.object), curie_map) or str(c.object)
        row = [subject, c.subject_label, obj, c.object_label, f"{c.score:.3f}", c.evidence, ""]
        writer.writerow(row)
    return out.getvalue()


def precision_recall(
    graph: Graph, table: Graph, candidates: list[Candidate], threshold: float = THRESHOLD
) -> tuple[float, float, int]:
    """Measure the matcher against the graph's existing links into the table: of the best
    candidate per linked entity at or above `threshold`, the share that is right (precision),
    the share of existing links found (recall), and how many links there are. Entities without
    a link have no known answer (a country no reference has checked yet), so they are left out."""
    spaces = tuple(f"{s}/" for s in table.subjects(RDF.type, SKOS.ConceptScheme))
    truth = {(s, o) for s, o in graph.subject_objects(OWL.sameAs) if str(o).startswith(spaces)}
    linked = {s for s, _ in truth}
    best: dict[URIRef, Candidate] = {}
    for c in candidates:
        if c.subject not in linked:
            continue
        if c.score >= threshold and (c.subject not in best or c.score > best[c.subject].score):
            best[c.subject] = c
    proposed = {(c.subject, c.object) for c in best.values()}
    right = len(proposed & truth)
    precision = right / len(proposed) if proposed else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall, len(truth)


def apply_review(review: Path, mappings: Path = paths.MAPPINGS / "roadmapkg.sssom.tsv") -> int:
    """Append the review rows marked `accept` to the SSSOM mappings; returns how many."""
    if not review.is_file():
        raise RoadmapError(f"{review}: file not found")
    meta, rows = read_sssom(mappings)
    curie_map = meta.get("curie_map") or {}
    existing = {(r["subject_id"], r["object_id"]) for _, r in rows}
    targets = {t.key for t in read_targets(mappings.parent / "targets.csv")}
    with review.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REVIEW_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RoadmapError(f"{review}: missing column {', '.join(missing)}")
        accepted = []
        for line, row in enumerate(reader, start=2):
            if None in row.values() or None in row:
                raise RoadmapError(f"{review}:{line}: row does not have the header's columns")
            decision = row["decision"].strip().lower()
            if decision not in ("", "accept", "reject"):
                raise RoadmapError(
                    f"{review}:{line}: decision: {decision!r} is not accept or reject"
                )
            if decision == "accept" and (row["subject_id"], row["object_id"]) not in existing:
                check_review_row(review, line, row, curie_map, targets)
                accepted.append(row)
    lines = [
        "\t".join(
            [
                row["subject_id"], row["subject_label"], predicate_for(row["object_id"]),
                row["object_id"], row["object_label"], "semapv:LexicalMatching", row["score"],
                "roadmapkg links suggest, accepted in review", f"matched {row['evidence']}",
            ]
        )
        for row in accepted
    ]  # fmt: skip
    if lines:
        text = mappings.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n"
        write_atomically({mappings: text.encode("utf-8")})
    return len(lines)


def predicate_for(object_id: str) -> str:
    """Authority-table entries are the same thing as ours; thesaurus concepts match."""
    return "skos:exactMatch" if object_id.startswith("eurovoc:") else "owl:sameAs"


def check_review_row(review: Path, line: int, row: dict, curie_map: dict, targets: set) -> None:
    where = f"{review}:{line}"
    for name, value in row.items():
        if "\t" in value or "\n" in value:
            raise RoadmapError(f"{where}: {name}: tabs and line breaks are not allowed")
    for name in ("subject_id", "object_id"):
        if row[name].partition(":")[0] not in curie_map:
            raise RoadmapError(f"{where}: {name}: {row[name]!r} has no known prefix")
    if row["object_id"].partition(":")[0] not in targets:
        raise RoadmapError(
            f"{where}: object_id: {row['object_id']!r} is in no known target dataset"
        )
    try:
        float(row["score"])
    except ValueError:
        raise RoadmapError(f"{where}: score: not a number: {row['score']!r}") from None
