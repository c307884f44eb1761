"""Links to other open-data graphs: curated SSSOM mappings turned into RDF links with a VoID
description of each linkset."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, VOID

from .. import paths
from ..errors import SourceError, yaml_problem
from ..rdf import terms
from ..rdf.curies import expand
from ..rdf.namespaces import ID
from .sources import read_csv
from .values import Statement

SSSOM_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_label",
    "comment",
)
LINK_PREDICATES = {
    "owl:sameAs": OWL.sameAs,
    "skos:exactMatch": SKOS.exactMatch,
    "skos:closeMatch": SKOS.closeMatch,
}
AT = "http://publications.europa.eu/ontology/authority/"
DATASET = ID["dataset/roadmapkg"]
LINKS_SOURCE = ID["source/ref-identifiers"]


@dataclass(frozen=True)
class Target:
    """An open-data graph we link to, known by the space its IRIs live in."""

    key: str
    label: str
    uri_space: str
    concept_scheme: str
    source: str  # id in sources.csv of the table, for labels copied from it

    @property
    def iri(self) -> URIRef:
        return ID[f"dataset/{self.key}"]


@dataclass(frozen=True)
class Mapping:
    subject: URIRef
    predicate: URIRef
    object: URIRef
    target: Target
    origin: str  # file:line
    key: str  # subject, predicate and object as CURIEs, for the statement IRI
    comment: str  # the evidence

    def statement(self) -> Statement:
        """The link as a separately sourced statement, its evidence as the note."""
        return Statement(
            terms.of(self.subject),
            terms.of(self.predicate),
            terms.of(self.object),
            terms.of(LINKS_SOURCE),
            self.comment,
            self.key,
            self.origin,
        )


TARGET_COLUMNS = ("id", "label", "uri_space", "concept_scheme", "source")


def read_targets(path: Path) -> list[Target]:
    """The datasets links may point into (`mappings/targets.csv`), header and text checked."""
    return [
        Target(*(row.values[c] for c in TARGET_COLUMNS)) for row in read_csv(path, TARGET_COLUMNS)
    ]


def read_sssom(path: Path) -> tuple[dict, list[tuple[int, dict[str, str]]]]:
    """The YAML metadata block and the (line, row) pairs of an SSSOM TSV file."""
    name = paths.display(path)
    if not path.is_file():
        raise SourceError(name, 0, "", "file not found")
    data = path.read_bytes()
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, "", "not UTF-8 text") from None
    header = [line[1:] for line in lines if line.startswith("#")]
    meta = sssom_metadata(name, "\n".join(header))
    first = len(header) + 1
    body = lines[len(header) :]
    reader = csv.reader(body, delimiter="\t")
    columns = next(reader, [])
    missing = [c for c in SSSOM_COLUMNS if c not in columns]
    if missing:
        raise SourceError(name, first, "", f"missing column {', '.join(missing)}")
    rows = []
    for offset, fields in enumerate(reader, start=1):
        if not any(fields):
            continue
        if len(fields) != len(columns):
            raise SourceError(
                name,
                first + offset,
                "",
                f"row has {len(fields)} fields, the header has {len(columns)}",
            )
        rows.append((first + offset, dict(zip(columns, fields, strict=True))))
    return meta, rows


def sssom_metadata(name: str, text: str) -> dict:
    """The SSSOM metadata block (the '#' lines, YAML): a mapping whose curie_map, if given, maps
    prefixes to IRIs."""
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise SourceError(
            name, line or 1, "", f"the '#' metadata block is not YAML: {problem}"
        ) from None
    if not isinstance(meta, dict):
        raise SourceError(name, 1, "", "the '#' metadata block is not a YAML mapping (key: value)")
    curie_map = meta.get("curie_map") or {}
    if not isinstance(curie_map, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in curie_map.items()
    ):
        raise SourceError(name, 1, "curie_map", "not a mapping of prefixes to IRIs")
    return meta


def not_iri(text: str) -> str:
    """Why `text` cannot be an IRI (empty when it can)."""
    try:
        terms.iri(text)
    except ValueError:
        return f'{text!r}, not an IRI (a space or one of <>"{{}}|^`\\ in it)'
    return ""


def read_mappings(folder: Path, known: Container[str]) -> list[Mapping]:
    """The checked mappings of ``folder/*.sssom.tsv``; subjects must be entities of the graph."""
    targets = read_targets(folder / "targets.csv")
    mappings = []
    for path in sorted(folder.glob("*.sssom.tsv")):
        meta, rows = read_sssom(path)
        curie_map = meta.get("curie_map") or {}
        name = paths.display(path)
        for line, row in rows:
            subject = expand(row["subject_id"], curie_map)
            if subject is None or subject not in known:
                raise SourceError(name, line, "subject_id", f"unknown entity {row['subject_id']!r}")
            predicate = LINK_PREDICATES.get(row["predicate_id"])
            if predicate is None:
                allowed = ", ".join(LINK_PREDICATES)
                raise SourceError(
                    name, line, "predicate_id", f"{row['predicate_id']!r} is not one of: {allowed}"
                )
            obj = expand(row["object_id"], curie_map)
            if obj and not_iri(obj):
                raise SourceError(
                    name, line, "object_id", f"{row['object_id']!r} expands to {not_iri(obj)}"
                )
            target = next((t for t in targets if obj and obj.startswith(t.uri_space)), None)
            if target is None:
                raise SourceError(
                    name, line, "object_id", f"{row['object_id']!r} is in no known target dataset"
                )
            local = row["subject_id"].partition(":")[2]
            key = f"{local}--{row['predicate_id']}--{row['object_id']}".replace(":", "-")
            origin = f"{name}:{line}"
            mappings.append(
                Mapping(
                    URIRef(subject), predicate, URIRef(obj), target, origin, key, row["comment"]
                )
            )
    return mappings


def linksets(mappings: list[Mapping]) -> Graph:
    """A VoID description of the links: a linkset for each target dataset and link predicate."""
    graph = Graph()
    groups: dict[tuple[Target, URIRef], list[Mapping]] = defaultdict(list)
    for mapping in mappings:
        groups[(mapping.target, mapping.predicate)].append(mapping)
    for (target, predicate), members in groups.items():
        local = graph.namespace_manager.normalizeUri(predicate).replace(":", "-").lower()
        linkset = ID[f"linkset/{target.key}-{local}"]
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add(
            (linkset, RDFS.label, Literal(f"roadmapkg to {target.label} ({local})", lang="en"))
        )
        graph.add((linkset, VOID.subjectsTarget, DATASET))
        graph.add((linkset, VOID.objectsTarget, target.iri))
        graph.add((linkset, VOID.linkPredicate, predicate))
        graph.add((linkset, VOID.triples, Literal(len({(m.subject, m.object) for m in members}))))
        graph.add((target.iri, RDF.type, VOID.Dataset))
        graph.add((target.iri, RDFS.label, Literal(target.label, lang="en")))
        graph.add((target.iri, VOID.uriSpace, Literal(target.uri_space)))
    if groups:
        graph.add((DATASET, RDF.type, VOID.Dataset))
        graph.add(
            (
                DATASET,
                RDFS.label,
                Literal(
                    "roadmapkg: the EU Roadmap to fight drug trafficking and organised crime",
                    lang="en",
                ),
            )
        )
        graph.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    return graph
