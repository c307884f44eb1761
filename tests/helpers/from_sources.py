"""Saved queries' answers computed from the curated CSVs (data/sources/, mappings/) with plain
Python: the csv module, no rdflib, no SPARQL, none of roadmapkg's build code. Each function
reads what the query asks for the way an analyst would read the tables, and returns the
header and rows as the query's CSV answer writes them (numbers canonical, rows unordered);
the graph of actor-network as a set of N-Triples lines.

Where an IRI or a property is needed, it is spelled out here from the README's description of
the model (entities at https://w3id.org/roadmapkg/id/KIND/ID, rk: for the ontology)."""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from functools import cache

from roadmapkg import paths

SOURCES = paths.SOURCES  # a test may point this at a copy (then clear the caches below)
ID = "https://w3id.org/roadmapkg/id/"
RK = "https://w3id.org/roadmapkg/ontology#"
GEO = "http://www.opengis.net/ont/geosparql#"
UNIT = "http://qudt.org/vocab/unit/"
PREFIXES = {
    "rk": RK,
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
# file -> the kind of entity in its IRIs, and its class where the file has no class column
TABLES = {
    "documents": ("document", None),
    "pillars": ("pillar", "Pillar"),
    "actions": ("action", "Action"),
    "actors": ("actor", None),
    "places": ("place", None),
    "substances": ("substance", "Substance"),
    "instruments": ("instrument", None),
    "infrastructures": ("infrastructure", "CriminalInfrastructure"),
    "events": ("event", None),
    "implementation_events": ("event", "ImplementationEvent"),
    "measures": ("measure", "Measure"),
    "figures": ("figure", "Figure"),
    "seizures": ("seizure", "Seizure"),
    "results": ("result", "OperationResult"),
    "result_parts": ("result", "ResultPart"),
    "key_figures": ("key-figure", "KeyFigure"),
    "status_changes": ("status-change", "StatusChange"),
    "sources": ("source", "Source"),
}


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, restval=""))  # short rows: see read_csv


@cache
def entities() -> dict[str, tuple[str, dict[str, str]]]:
    """Every entity row by id, with the file it is in."""
    return {row["id"]: (name, row) for name in TABLES for row in table(name)}


def iri(key: str) -> str:
    return f"{ID}{TABLES[entities()[key][0]][0]}/{key}"


def label(key: str) -> str:
    return entities()[key][1]["label"]


def basis(source: str) -> str:
    return entities()[source][1]["basis"]


def bases(row: dict[str, str]) -> set[str]:
    """The evidence bases of a row's sources (a row may cite several, space-separated)."""
    return {basis(source) for source in row["source"].split()}


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


def statements(prop: str | None = None) -> list[dict[str, str]]:
    return [row for row in table("statements") if prop is None or row["property"] == prop]


def served_pillars() -> list[tuple[dict[str, str], dict[str, str], str]]:
    """(action row, pillar row, basis) for each rk:servesPillar statement."""
    return [
        (entities()[s["subject"]][1], entities()[s["object"]][1], basis(s["source"]))
        for s in statements("rk:servesPillar")
    ]


def actions_by_pillar():
    header = ("pillarNumber", "pillarLabel", "position", "action", "actionLabel", "basis")
    return [header] + [
        (p["number"], p["label"], a["position"], iri(a["id"]), a["label"], b)
        for a, p, b in served_pillars()
    ]


def actions_of_pillar():
    """With the query's default pillar, pillar 1 (port resilience)."""
    return [("position", "action", "label")] + [
        (a["position"], iri(a["id"]), a["label"])
        for a, p, _ in served_pillars()
        if p["id"] == "port-resilience"
    ]


EVENT_TABLES = ("events", "seizures", "implementation_events")  # the tables naming actors


def event_actors(row: dict[str, str]) -> list[tuple[str, str]]:
    """(actor id, role) of an event row: those who conducted it and those who supported it."""
    return [(a, "conducted") for a in row.get("conducted_by", "").split()] + [
        (a, "supported") for a in row.get("supported_by", "").split()
    ]


def actor_network() -> set[str]:
    """Actors linked when they took part in one event, each pair once (lesser IRI first)."""
    lines = set()
    for event in (row for name in EVENT_TABLES for row in table(name)):
        actors = sorted({iri(a) for a, _ in event_actors(event)})
        for a, b in itertools.combinations(actors, 2):
            lines.add(f"<{a}> <http://www.w3.org/ns/org#linkedTo> <{b}> .")
            for end in (a, b):
                name = label(end.rpartition("/")[2])
                lines.add(f'<{end}> <{PREFIXES["rdfs"]}label> "{name}"@en .')
    return lines


def actor_participation():
    header = ("actorLabel", "role", "eventLabel", "date", "actor", "event")
    return [header] + [
        (label(a), role, e["label"], e["date"], iri(a), iri(e["id"]))
        for name in EVENT_TABLES
        for e in table(name)
        for a, role in event_actors(e)
    ]


def builds_on():
    celex = {s["subject"]: s["object"] for s in statements("rk:celex")}
    roadmap = entities()["roadmap"][1]
    out = [("document", "label", "type", "start", "end", "celex")]
    for key in roadmap["builds_on"].split():
        row = entities()[key][1]
        start, _, end = row["period"].partition("/")
        out.append((iri(key), row["label"], row["class"], start, end, celex.get(key, "")))
    return out


def curated_inferences():
    out = [("subjectLabel", "property", "objectLabel", "note")]
    for s in statements():
        if basis(s["source"]) == "CuratedInference" and not s["datatype"]:  # objects with labels
            out.append((label(s["subject"]), expand(s["property"]), label(s["object"]), s["note"]))
    return out


def entity_labels():
    """With the query's default language, French."""
    return [("english", "name", "entity")] + [
        (label(row["subject"]), row["label"], iri(row["subject"]))
        for row in table("labels")
        if row["property"] == "prefLabel" and row["language"] == "fr"
    ]


@cache
def mappings() -> tuple[tuple[str, str, str], ...]:
    """(subject id, predicate IRI, object IRI) of each curated link in the SSSOM file."""
    path = paths.MAPPINGS / "roadmapkg.sssom.tsv"
    text = path.read_text(encoding="utf-8").splitlines()
    curies = {}
    for line in text:
        if line.startswith("#   ") and ": " in line:
            prefix, _, space = line[4:].partition(": ")
            curies[prefix] = space.strip()
    rows = csv.DictReader((line for line in text if not line.startswith("#")), delimiter="\t")
    out = []
    for row in rows:
        prefix, _, local = row["object_id"].partition(":")
        target = curies[prefix] + local if prefix in curies else row["object_id"]
        out.append((row["subject_id"].partition(":")[2], expand(row["predicate_id"]), target))
    return tuple(out)


def external_links():
    out = [("label", "link", "target", "entity")]
    out += [(label(s), p, o, iri(s)) for s, p, o in mappings()]
    for s in statements():
        if s["property"] in ("rk:celex", "rk:unLocode"):
            out.append((label(s["subject"]), expand(s["property"]), s["object"], iri(s["subject"])))
    return out


def instruments():
    out = [("label", "type", "involvedBy", "instrument")]
    for name in ("pillars", "actions"):
        for row in table(name):
            for key in row["involves"].split():
                instrument = entities()[key][1]
                out.append((instrument["label"], instrument["class"], row["label"], iri(key)))
    return out


def key_figure_sources():
    out = [("label", "wording", "section", "cites")]
    for row in table("key_figures"):
        cites = label(row["statistical_source"]) if row["statistical_source"] else ""
        out.append((row["label"], row["source_text"], label(row["source"]), cites))
    return out


def status_history():
    out = [("subjectLabel", "status", "date", "place", "source")]
    for row in table("status_changes"):
        place = label(row["place"]) if row["place"] else ""
        for source in row["source"].split():
            out.append((label(row["subject"]), row["status"], row["date"], place, label(source)))
    return out


def entity_class(name: str, row: dict[str, str]) -> str:
    return row.get("class") or TABLES[name][1]


def timeline():
    """Every entity with a date: events, seizures and status changes (actions have a planned
    date, not a date), at their place or the one statements.csv gives them."""
    out = [("date", "label", "type", "place", "basis", "event")]
    for name in ("events", "seizures", "status_changes", "implementation_events"):
        for row in table(name):
            stated = [s["object"] for s in statements("rk:place") if s["subject"] == row["id"]]
            places = [label(p) for p in row["place"].split() + stated] or [""]
            kind = entity_class(name, row)
            out += [  # a row for each place and each source (the query does not group)
                (row["date"], row["label"], kind, place, basis(source), iri(row["id"]))
                for place in places
                for source in row["source"].split()
            ]
    return out


def geometries() -> dict[str, dict[str, str]]:
    """The rows of geometries.csv (a place's point, copied from a package) by place; none when
    the sources have no such table."""
    if not (SOURCES / "geometries.csv").is_file():
        return {}
    return {row["place"]: row for row in table("geometries")}


def quantities() -> list[tuple[str, str]]:
    """(entity id, source) of each quantity node: a value (and an alternative value) given."""
    found = []
    for name in ("instruments", "seizures", "results", "result_parts", "key_figures", "figures"):
        for row in table(name):
            found += [(row["id"], row["source"])] * sum(
                1 for column in ("value", "alt_value") if row.get(column)
            )
    return found


def periods() -> set[str]:
    return {r["period"] for r in table("documents") if r["period"]} | {
        r["reference_period"] for r in table("key_figures") if r["reference_period"]
    }


@cache
def classes_above() -> dict[str, set[str]]:
    """rk: class -> the rk: classes above it, read from the `rdfs:subClassOf` line under each
    `rk:Class a owl:Class` of ontology/roadmap.ttl (a regular expression, no RDF parser)."""
    text = (paths.ONTOLOGY).read_text(encoding="utf-8")
    direct = {
        name: set(re.findall(r"rk:(\w+)", above))
        for name, above in re.findall(
            r"^rk:(\w+) a owl:Class ;\n    rdfs:subClassOf ([^;]+) ;", text, re.MULTILINE
        )
    }

    def closure(name: str) -> set[str]:
        return set().union(*({d} | closure(d) for d in direct.get(name, ())))

    return {name: closure(name) for name in direct}


def counts_per_class():
    """Entity rows by class and by every rk: class above it in the ontology (the data states
    those too); a statement node per statement, label and link row; a quantity node per value;
    a period per distinct period; a VoID dataset for the graph and each link target, a linkset
    per target and link predicate."""
    counts: Counter[str] = Counter()
    for name in TABLES:
        for row in table(name):
            own = entity_class(name, row)
            for cls in {own} | classes_above().get(own, set()):
                counts[RK + cls] += 1
    counts["http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"] = (
        len(statements()) + len(table("labels")) + len(mappings()) + len(geometries())
    )
    counts["http://qudt.org/schema/qudt/QuantityValue"] = len(quantities())
    counts["http://purl.org/dc/terms/PeriodOfTime"] = len(periods())
    if geometries():
        counts[GEO + "Geometry"] = len(geometries())
    targets = {t["uri_space"] for t in link_targets()}
    used = {(next(t for t in targets if o.startswith(t)), p) for _, p, o in mappings()}
    counts["http://rdfs.org/ns/void#Dataset"] = 1 + len(targets)
    counts["http://rdfs.org/ns/void#Linkset"] = len(used)
    return [("class", "instances")] + [(c, str(n)) for c, n in counts.items()]


def link_targets() -> tuple[dict[str, str], ...]:
    with (paths.MAPPINGS / "targets.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, restval=""))  # short rows: see read_csv


def evidence_bases():
    """Things with a source, by the source's evidence basis: entity rows and their quantity
    nodes ("node"), statement, label and link rows ("statement")."""
    counts: Counter[tuple[str, str]] = Counter()
    for name in TABLES:
        for row in table(name):
            if row.get("source"):
                counts.update((b, "node") for b in bases(row))
    for _, source in quantities():
        counts.update((b, "node") for b in bases({"source": source}))
    for row in geometries().values():  # the point's node, and the place's geo:hasGeometry
        counts.update((b, "node") for b in bases(row))
        counts.update((b, "statement") for b in bases(row))
    for row in statements() + list(table("labels")):
        counts[basis(row["source"]), "statement"] += 1
    counts["Clarification", "statement"] += len(mappings())  # sourced to ref-identifiers
    return [("basis", "kind", "count")] + [(b, k, str(n)) for (b, k), n in counts.items()]


AUTHORITY = "http://publications.europa.eu/resource/authority/"
FEDERATED_TABLES = {
    "federated-agency-labels": "corporate-body/",
    "federated-agency-start-dates": "corporate-body/",
    "federated-country-codes": "country/",
}


def federated_links(name: str) -> set[tuple[str, str]]:
    """(label, table entry) that a federated query joins with the EU authority table its
    SERVICE reads: every owl:sameAs link into that table (`links check` verifies that each
    entry is in the table). The names and dates it adds come from the table itself."""
    prefix = AUTHORITY + FEDERATED_TABLES[name]
    same_as = PREFIXES["owl"] + "sameAs"
    return {(label(s), o) for s, p, o in mappings() if p == same_as and o.startswith(prefix)}


# The columns of the tables that hold whole nodes from a clarification, and the property each
# becomes: (property, "entity" for an id, "concept" for an rk: concept, "text" for a literal).
COLUMNS = {
    "label": ("rdfs:label", "text"),
    "date": ("rk:date", "text"),
    "place": ("rk:place", "entity"),
    "country": ("rk:country", "entity"),
    "target": ("rk:target", "entity"),
    "concerns": ("rk:concerns", "entity"),
    "conducted_by": ("rk:conductedBy", "entity"),
    "supported_by": ("rk:supportedBy", "entity"),
    "operation": ("rk:resultOf", "entity"),
    "part_of": ("dct:isPartOf", "entity"),
    "kind": ("rk:resultKind", "concept"),
    "subject": ("rk:statusOf", "entity"),
    "status": ("rk:status", "concept"),
    "substance": ("rk:substance", "entity"),
    "source_text": ("rk:sourceText", "text"),
}
NOT_TRIPLES = {"id", "class", "source", "note", "value", "unit", "estimate", "count_of"}
# the ontology's label of each unit (rdfs:label)
UNIT_LABELS = {"CCY_EUR": "euro", "TONNE": "tonne", "NUM": "number", "PERCENT": "percent"}


def node_triples(row: dict[str, str], source: str) -> list[tuple[str, str, str, str]]:
    """(subject label, property, value, source) of the triples of an entity row, and of its
    quantity node, but its type and sources: the clarifications query lists them all."""
    found = []
    for column, cell in row.items():
        if not cell or column in NOT_TRIPLES:
            continue
        prop, kind = COLUMNS[column]  # a KeyError: a column this reading does not know yet
        for value in cell.split() if kind == "entity" else [cell]:
            value = iri(value) if kind == "entity" else RK + value if kind == "concept" else value
            found.append((row["label"], expand(prop), value, source))
    if row.get("value"):
        quantity = f"{iri(row['id'])}/quantity"
        found.append((row["label"], RK + "quantity", quantity, source))
        name = f"{row['value']} {UNIT_LABELS[row['unit']]}"
        found += [
            (name, "http://qudt.org/schema/qudt/numericValue", row["value"], source),
            (name, "http://qudt.org/schema/qudt/unit", UNIT + row["unit"], source),
            (name, PREFIXES["rdfs"] + "label", name, source),
        ]
        if row.get("estimate") == "true":
            found.append((name, RK + "isEstimate", "true", source))
        if row.get("count_of"):
            found.append((name, RK + "countOf", row["count_of"], source))
    return found


def geometry_triples(row: dict[str, str], source: str) -> list[tuple[str, str, str, str]]:
    """(subject label, property, value, source) of a point's node but its type and sources:
    "location of" the place, its WKT point (longitude first) and the record it copies."""
    name = f"location of {label(row['place'])}"
    return [
        (name, PREFIXES["rdfs"] + "label", name, source),
        (name, GEO + "asWKT", f"POINT({row['longitude']} {row['latitude']})", source),
        (name, RK + "sourceRecord", row["record"], source),
    ]


def clarifications():
    """Statements (and links) sourced to a clarification, but labels in other languages; and
    every triple of a node sourced to one, unless the triple has a statement of its own."""
    citation = {row["id"]: row["citation"] for row in table("sources")}
    own = set()
    found = []
    for s in statements():
        value = iri(s["object"]) if not s["datatype"] else s["object"]
        own.add((label(s["subject"]), expand(s["property"]), value))
        if basis(s["source"]) == "Clarification" and citation[s["source"]]:  # the query's join
            found.append((label(s["subject"]), expand(s["property"]), value, s["source"]))
    for row in geometries().values():  # the place's geo:hasGeometry, sourced to the package
        place = (label(row["place"]), GEO + "hasGeometry", iri(row["place"]) + "/geometry")
        own.add(place)
        if basis(row["source"]) == "Clarification" and citation[row["source"]]:
            found.append((*place, row["source"]))
    for subject, prop, target in mappings():
        own.add((label(subject), prop, target))
        found.append((label(subject), prop, target, "ref-identifiers"))
    for name in TABLES:
        for row in table(name):
            for source in row.get("source", "").split():
                if basis(source) == "Clarification" and citation[source]:  # the query's join
                    found += [t for t in node_triples(row, source) if t[:3] not in own]
    for row in geometries().values():
        for source in row["source"].split():
            if basis(source) == "Clarification" and citation[source]:  # the query's join
                found += geometry_triples(row, source)
    return [("subjectLabel", "property", "value", "citation")] + [
        (*t[:3], citation[t[3]]) for t in found
    ]


ANSWERS = {
    "actions-by-pillar": actions_by_pillar,
    "actions-of-pillar": actions_of_pillar,
    "actor-network": actor_network,
    "actor-participation": actor_participation,
    "builds-on": builds_on,
    "clarifications": clarifications,
    "counts-per-class": counts_per_class,
    "curated-inferences": curated_inferences,
    "entity-labels": entity_labels,
    "evidence-bases": evidence_bases,
    "external-links": external_links,
    "instruments": instruments,
    "key-figure-sources": key_figure_sources,
    "status-history": status_history,
    "timeline": timeline,
}
