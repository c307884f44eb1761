"""Links to other open-data graphs: curated SSSOM mappings turned into RDF links with a VoID
description of each linkset, and the check of links against authority tables."""

from __future__ import annotations

import csv
import io
import urllib.parse
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, VOID

from . import paths, sparqlterms, terms
from .errors import RoadmapError, SourceError, yaml_problem
from .namespaces import ID
from .schema import LABEL_COLUMNS
from .sources import Statement, read_csv

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


def expand(curie: str, curie_map: dict[str, str]) -> str | None:
    prefix, sep, local = curie.partition(":")
    return f"{curie_map[prefix]}{local}" if sep and prefix in curie_map and local else None


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


# ------------------------------------------------------------------ checking links


@dataclass(frozen=True)
class Problem:
    subject: str
    predicate: str
    object: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} <{self.object}>: {self.message}"


def authority_entries(table: Graph) -> dict[str, bool]:
    """Concept IRI -> deprecated, for every concept of an authority table."""
    entries = {}
    for concept in table.subjects(RDF.type, SKOS.Concept):
        flag = table.value(concept, URIRef(f"{AT}deprecated"))
        entries[str(concept)] = str(flag).lower() == "true"
    return entries


def remote_table(url: str, iris: list[str]) -> tuple[list[str], dict[str, bool]]:
    """The concept schemes a SPARQL endpoint holds (as IRI spaces), and concept IRI ->
    deprecated for those of the given IRIs it knows."""
    from .endpoint import Endpoint
    from .store import RemoteStore

    store = RemoteStore(Endpoint(url), graph=None)
    skos = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    schemes = store.query(f"{skos}SELECT ?s WHERE {{ ?s a skos:ConceptScheme }}", {})
    values = " ".join(sparqlterms.iri(iri) for iri in iris)
    concepts = store.query(
        f"{skos}SELECT ?c ?deprecated WHERE {{ VALUES ?c {{ {values} }} ?c a skos:Concept .\n"
        f"  OPTIONAL {{ ?c <{AT}deprecated> ?deprecated }} }}",
        {},
    )
    spaces = [f"{scheme}/" for (scheme,) in schemes.rows]
    return spaces, {str(c): str(d).lower() == "true" for c, d in concepts.rows}


def check_links(
    graph: Graph, tables: list[Path], endpoints: list[str]
) -> tuple[int, list[Problem]]:
    """Check every link into the given authority tables (files or SPARQL endpoints): the target
    must exist there and not be deprecated. Returns how many links were checked, and problems."""
    links = [
        (s, p, o)
        for p in LINK_PREDICATES.values()
        for s, o in graph.subject_objects(p)
        if isinstance(o, URIRef)
    ]
    entries: dict[str, bool] = {}
    spaces: list[str] = []
    for table in tables:
        from .validate import load_graph

        loaded = load_graph([table])
        schemes = [f"{s}/" for s in loaded.subjects(RDF.type, SKOS.ConceptScheme)]
        if not schemes:
            raise RoadmapError(f"{table}: not an authority table (it has no skos:ConceptScheme)")
        spaces += schemes
        entries |= authority_entries(loaded)
    for url in endpoints:
        remote_spaces, remote = remote_table(url, sorted({str(o) for _, _, o in links}))
        if not remote_spaces:
            raise RoadmapError(f"{url}: holds no authority table (no skos:ConceptScheme)")
        spaces += remote_spaces
        entries |= remote
    checked, problems = 0, []
    for s, p, o in sorted(links):
        if not any(str(o).startswith(space) for space in spaces):
            continue
        checked += 1
        curie = graph.namespace_manager.normalizeUri
        if str(o) not in entries:
            problems.append(Problem(curie(s), curie(p), str(o), "not in the authority table"))
        elif entries[str(o)]:
            problems.append(
                Problem(curie(s), curie(p), str(o), "deprecated in the authority table")
            )
    return checked, problems


# ------------------------------------------------------------------ multilingual labels

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip


def enrich(graph: Graph, tables: list[Path], labels: Path = paths.SOURCES / "labels.csv") -> int:
    """Copy the EU-language preferred and alternative labels of the linked entries of each
    authority table into labels.csv (replacing what came from that table before), so the build
    never needs the table. Returns the number of label rows now taken from these tables."""
    from .validate import load_graph

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
    from .output import write_atomically

    write_atomically({labels: out.getvalue().encode("utf-8")})
    return len(added)


TABLE_MEDIA_TYPES = {
    ".rdf": "application/rdf+xml",
    ".xml": "application/rdf+xml",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}


def table_targets(targets: list[str], folder: Path) -> tuple[list[Path], list[str]]:
    """The authority tables named by `--target`: files, and SPARQL endpoints. A URL whose path
    ends in an RDF file suffix (``.rdf``, ``.ttl``, ...) is a table file: it is downloaded into
    `folder` and read like a local one."""
    from .endpoint import Endpoint, download

    files, endpoints = [], []
    for target in targets:
        if not target.startswith(("http://", "https://")):
            files.append(Path(target))
            continue
        name = Path(urllib.parse.urlsplit(target).path).name
        suffix = Path(name).suffix.lower()
        if suffix not in TABLE_MEDIA_TYPES:
            endpoints.append(target)
            continue
        local = folder / str(len(files)) / name  # the file's own name, for messages
        local.parent.mkdir()
        local.write_bytes(download(Endpoint(target), TABLE_MEDIA_TYPES[suffix]))
        files.append(local)
    return files, endpoints
