"""Every row of the three reference files of ../shared/reference/ (the Roadmap's measures, its
implementation 2023-2026, real operations 2022-2026) is in data/roadmap.ttl: each test walks a
file's rows and asks the built graph, through SPARQL, for the row's dates, quantities with their
units, places, agencies, related measures, sources and single-source marking.

The reference files are read as they are (tab-separated, one header row); only their free-text
columns need reading rules, which are spelled out below (numbers, units, country codes)."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from helpers.outside import shared_file
from helpers.rdf import PREFIXES
from roadmapkg.rdf import ontology

ID = "https://w3id.org/roadmapkg/id/"
RK = "https://w3id.org/roadmapkg/ontology#"
UNIT = "http://qudt.org/vocab/unit/"
RK_MEASURE, RK_PORT = URIRef(RK + "Measure"), URIRef(RK + "Port")  # own classes (not entailed)
FACTSHEET_SEED = "seed:eu-roadmap-drug-trafficking-2023.txt"
STRENGTH = {"verified": RK + "Verified", "single-source": RK + "SingleSource"}
# ISO 3166 alpha-2 codes of the operations file, as the graph names the countries
COUNTRIES = {
    "AE": "United Arab Emirates", "AL": "Albania", "BE": "Belgium", "CH": "Switzerland",
    "DE": "Germany", "ES": "Spain", "FR": "France", "HR": "Croatia", "IE": "Ireland",
    "IT": "Italy", "NL": "Netherlands", "PL": "Poland", "TR": "Turkey",
}  # fmt: skip
# words a label holds that do not name an actor on their own
GENERIC = {
    "European", "Authorities", "Council", "Office", "National", "Public", "State", "Police",
    "Federal", "Criminal", "French", "Spanish", "German", "Dutch", "Italian", "Customs",
}  # fmt: skip
# how the reference files write a few actors whose graph label they do not contain
ALIASES = {
    "council-of-the-eu": ("Council of the EU",),
    "emcdda": ("EMCDDA",),
    "belgian-council-presidency": ("Belgian presidency", "Belgian Council presidency"),
    "danish-council-presidency": ("Danish Council presidency",),
    "french-navy": ("French Navy", "French armed forces"),
    "servicio-vigilancia-aduanera": ("Servicio de Vigilancia Aduanera",),
    "irish-joint-task-force": ("Joint Task Force",),
    "ofast-caraibe": ("OFAST Caraïbe",),
    "uae-authorities": ("UAE",),
    "spanish-authorities": ("Spanish",),
    "belgian-authorities": ("Belgian",),
    "us-authorities": ("US authorities",),
}


@cache
def reference(name: str) -> tuple[dict[str, str], ...]:
    with shared_file("reference", name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


QUERY_PREFIXES = (
    PREFIXES
    + """
PREFIX seizure: <https://w3id.org/roadmapkg/id/seizure/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
)


def ask(graph: Graph, query: str, **bindings) -> list[tuple]:
    return [tuple(row) for row in graph.query(QUERY_PREFIXES + query, initBindings=bindings)]


def values(graph: Graph, node: URIRef, path: str) -> set:
    """The values of a SPARQL property path from `node`."""
    return {row[0] for row in ask(graph, f"SELECT ?v WHERE {{ ?node {path} ?v }}", node=node)}


def date_literal(text: str) -> Literal:
    kind = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(text)]
    return Literal(text, datatype=kind)


def pages(graph: Graph, nodes: set) -> set[str]:
    """The web pages of the sources of `nodes`, of their figures, results and quantities, and
    of the separately sourced statements about them."""
    found = set()
    for node in nodes:
        found |= {
            str(p)
            for p in values(
                graph,
                node,
                "(dct:source|^rk:figureOf/dct:source|^rk:resultOf/dct:source"
                "|^rdf:subject/dct:source)/foaf:page",
            )
        }
    return found


def factsheet_cited(graph: Graph, node: URIRef) -> bool:
    return bool(values(graph, node, "dct:source/dct:isPartOf*") & {URIRef(ID + "source/factsheet")})


def assert_sources(graph: Graph, node: URIRef, row: dict[str, str]) -> None:
    urls = row["sources"].split()
    assert {u for u in urls if u != FACTSHEET_SEED} <= pages(graph, {node}), node
    if FACTSHEET_SEED in urls:
        assert factsheet_cited(graph, node), node


def assert_strength(graph: Graph, node: URIRef, row: dict[str, str]) -> None:
    assert values(graph, node, "rk:evidenceStrength") == {URIRef(STRENGTH[row["status"]])}, node


def named_in(graph: Graph, actor: URIRef, text: str) -> bool:
    """Whether the reference `text` names `actor`: by its label (or the part before a
    parenthesis), an acronym in parentheses, a distinctive capitalised word, its country, or an
    alias the reference uses."""
    label = str(graph.value(actor, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    names = {label, label.split(" (")[0], *re.findall(r"\(([A-Z][A-Za-z-]+)\)", label)}
    names |= {w for w in re.findall(r"[A-Z][\w-]{3,}", label) if w not in GENERIC}
    names |= {str(c) for c in values(graph, actor, "rk:country/rdfs:label")}
    names |= set(ALIASES.get(str(actor).rsplit("/", 1)[-1], ()))
    return any(name in text for name in names)


def numbers(text: str) -> list[Decimal]:
    """The amounts a free-text cell states: '25,000' is 25000, 'EUR 58.8 million' 58800000;
    years, day ranges and document numbers are not amounts."""
    found = []
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = re.sub(rf"COM\(\d{{4}}\) \d+|No \d+/\d{{4}}|[\d-]+ ({months})", "", text)  # not amounts
    for match in re.finditer(r"(?<![\w(/.-])(\d[\d,]*(?:\.\d+)?)(%| million)?(?![\d-])", text):
        number = Decimal(match.group(1).replace(",", ""))
        if match.group(2) == " million":
            number *= 1_000_000
        if 1900 <= number <= 2100 and "," not in match.group(1) and not match.group(2):
            continue  # a year
        found.append(number)
    return found


# ---------------------------------------------------------------- communication-actions.tsv


def test_every_measure_is_in_the_graph_with_its_area_action_timing_and_sources(graph):
    rows = reference("communication-actions.tsv")
    assert len(rows) == 20
    actions = set()
    for row in rows:
        node = URIRef(f"{ID}measure/{row['key']}")
        assert ontology.own_classes(values(graph, node, "rdf:type")) == [RK_MEASURE], node
        assert values(graph, node, "dct:isPartOf") == {URIRef(ID + "document/roadmap")}
        assert values(graph, node, "rdfs:label") == {Literal(row["title"], lang="en")}
        areas = values(graph, node, "rk:priorityArea/rk:pillarNumber")
        assert areas == ({Literal(int(row["priority_area"]))} if row["priority_area"] else set())
        action = values(graph, node, "rk:correspondsTo/rk:sourceText")
        assert action == ({Literal(row["factsheet_action"])} if row["factsheet_action"] else set())
        actions |= values(graph, node, "rk:correspondsTo")
        assert not values(graph, node, "rk:listPosition"), "measures are not numbered"
        assert_timing(graph, node, row["due"])
        assert_strength(graph, node, row)
        assert_sources(graph, node, row)
        planned = ask(
            graph,
            "SELECT ?date WHERE { ?c rk:statusOf ?node ; rk:status rk:Planned ; rk:date ?date }",
            node=node,
        )
        assert planned == [(Literal("2023-10-18", datatype=XSD.date),)], node
    assert len(actions) == 9, "each factsheet action corresponds to one measure"


def assert_timing(graph: Graph, node: URIRef, due: str) -> None:
    """The timing as stated, and one date that says whether it is a deadline ('end of 2023',
    'mid-2024'), a period ('2024') or a start ('as from 2024')."""
    dates = {
        name: values(graph, node, f"rk:{name}") for name in ("deadline", "plannedIn", "plannedFrom")
    }
    if not due:
        assert not values(graph, node, "rk:timingAsStated") and not any(dates.values()), node
        return
    (stated,) = values(graph, node, "rk:timingAsStated")
    assert due in str(stated), node
    kind = "plannedFrom" if due.startswith("as from") else "plannedIn"
    if due.startswith(("end of", "mid-")):
        kind = "deadline"
    assert [name for name, found in dates.items() if found] == [kind], node
    (date,) = dates[kind]
    assert str(date)[:4] == re.search(r"\d{4}", due).group(), node


def test_the_seventeen_actions_are_a_sourced_figure_not_a_numbering(graph):
    rows = ask(
        graph,
        """SELECT ?value ?page WHERE {
             ?figure rk:figureOf event:roadmap-adopted ; rk:quantity/qudt:numericValue ?value ;
               rk:quantity/rk:countOf "actions" ; dct:source/foaf:page ?page }""",
    )
    assert rows == [
        (Literal("17.0", datatype=XSD.decimal), URIRef(reference_url("roadmap-adopted", 2)))
    ]
    assert not ask(graph, "SELECT ?m WHERE { ?m a rk:Measure ; rk:listPosition ?n }")


def reference_url(event: str, n: int) -> str:
    (row,) = [r for r in reference("implementation.tsv") if r["id"] == event]
    return row["sources"].split()[n - 1]


# ---------------------------------------------------------------- implementation.tsv

KINDS = {  # the reference's kind -> the graph's event kind
    "launch": "Launch", "meeting": "Meeting", "report": "ReportPublished",
    "body-created": "BodyCreated", "strategy-adopted": "StrategyAdopted", "funding": "Funding",
    "membership": "Membership", "other": "OtherEvent",
}  # fmt: skip


def test_every_implementation_event_is_in_the_graph(graph):
    rows = reference("implementation.tsv")
    assert len(rows) == 22
    measures = {r["key"] for r in reference("communication-actions.tsv")}
    for row in rows:
        node = URIRef(f"{ID}event/{row['id']}")
        assert URIRef(RK + "ImplementationEvent") in values(graph, node, "rdf:type"), node
        assert values(graph, node, "rk:date") == {date_literal(row["date"])}, node
        assert values(graph, node, "rk:eventKind") == {URIRef(RK + KINDS[row["kind"]])}, node
        related = {w for w in re.findall(r"[a-z0-9-]+", row["relates_to"]) if w in measures}
        expected = {URIRef(f"{ID}measure/{m}") for m in related}
        if row["relates_to"].startswith("all"):
            expected.add(URIRef(ID + "document/roadmap"))
        assert values(graph, node, "rk:relatesTo") == expected, node
        if not expected or "not stated" in row["relates_to"] or "(" in row["relates_to"]:
            assert values(graph, node, "rk:relationNote"), f"{node} says how it relates"
        assert_place(graph, node, row["place"])
        assert_event_actors(graph, node, row["actors"])
        assert_figures(graph, node, row["figures"])
        assert_strength(graph, node, row)
        assert_sources(graph, node, row)


def assert_place(graph: Graph, node: URIRef, place: str) -> None:
    """'City, Country' is the event's place in that country; other wording names no place."""
    found = ask(
        graph,
        "SELECT ?city ?country WHERE { ?node rk:place ?p . ?p rdfs:label ?city ; "
        "rk:country/rdfs:label ?country }",
        node=node,
    )
    match = re.match(r"([^,(]+), ([A-Z][a-z]+)", place)
    if not match:
        assert not found, node
        return
    ((city, country),) = found
    assert str(city).startswith(match.group(1)) and str(country) == match.group(2), node


def assert_event_actors(graph: Graph, node: URIRef, text: str) -> None:
    """Those who conducted, took part in or supported the event are named in the row's actors;
    a row naming actors has at least one of them, or the instrument the event is about."""
    actors = values(graph, node, "rk:conductedBy|rk:participant|rk:supportedBy")
    about = {a for a in values(graph, node, "rk:concerns") if "/instrument/" in str(a)}
    assert actors | about or not text, f"{node}: no actor of {text!r}"
    for actor in actors:
        assert named_in(graph, actor, text), f"{node}: {actor} not in {text!r}"


def assert_figures(graph: Graph, node: URIRef, text: str) -> None:
    stated = {
        Decimal(str(v)) for v in values(graph, node, "^rk:figureOf/rk:quantity/qudt:numericValue")
    }
    for number in numbers(text):
        assert number in stated, f"{node}: {number} of {text!r} is not a figure"


def test_disagreeing_place_of_the_europol_report_keeps_both_values_each_sourced(graph):
    rows = ask(
        graph,
        """SELECT ?main ?other ?page WHERE {
             event:europol-most-threatening-networks-report rk:place/rdfs:label ?main ;
               rk:alternativePlace ?alt .
             ?alt rdfs:label ?other .
             ?s rdf:subject event:europol-most-threatening-networks-report ;
               rdf:predicate rk:alternativePlace ; rdf:object ?alt ;
               dct:source/foaf:page ?page }""",
    )
    page = reference_url("europol-most-threatening-networks-report", 3)
    assert rows == [(Literal("Brussels", lang="en"), Literal("The Hague", lang="en"), URIRef(page))]
    main_pages = pages(graph, {URIRef(ID + "event/europol-most-threatening-networks-report")})
    assert reference_url("europol-most-threatening-networks-report", 1) in main_pages


def test_disagreeing_port_counts_of_the_launch_keep_both_values_each_sourced(graph):
    rows = ask(
        graph,
        """SELECT ?value ?page ?main WHERE {
             ?figure rk:figureOf event:ports-alliance-launch ; rk:quantity/rk:countOf "ports" ;
               rk:quantity/qudt:numericValue ?value ; dct:source/foaf:page ?page .
             BIND(NOT EXISTS { ?figure rk:alternativeTo ?x } AS ?main) }""",
    )
    assert sorted(rows) == [
        (Literal("16.0", datatype=XSD.decimal), URIRef(reference_url("ports-alliance-launch", 3)),
         Literal(True)),
        (Literal("20.0", datatype=XSD.decimal), URIRef(reference_url("ports-alliance-launch", 4)),
         Literal(False)),
    ]  # fmt: skip


# ---------------------------------------------------------------- operations.tsv


def operation_node(graph: Graph, key: str) -> URIRef:
    for kind in ("seizure", "event"):
        node = URIRef(f"{ID}{kind}/{key}")
        if values(graph, node, "rdf:type"):
            return node
    raise AssertionError(f"{key} is not in the graph")


def test_every_operation_and_seizure_is_in_the_graph(graph):
    rows = reference("operations.tsv")
    assert len(rows) == 22
    for row in rows:
        node = operation_node(graph, row["id"])
        types = values(graph, node, "rdf:type")
        assert types & {URIRef(RK + "Seizure"), URIRef(RK + "Operation")}, node
        assert values(graph, node, "rk:date") == {date_literal(row["date"])}, node
        codes = [c.strip() for c in row["country"].split(";") if c.strip() != "others"]
        countries = {str(c) for c in values(graph, node, "rk:country/rdfs:label")}
        assert countries == {COUNTRIES[c] for c in codes}, node
        assert_amount(graph, node, row)
        assert_arrests(graph, node, row["arrests"])
        assert_operation_place(graph, node, row["place"])
        assert_agencies(graph, node, row["agencies"])
        names = values(graph, node, "rk:operationName")
        assert names == ({Literal(row["operation_name"])} if row["operation_name"] else set())
        assert_strength(graph, node, row)
        assert_sources(graph, node, row)


def assert_amount(graph: Graph, node: URIRef, row: dict[str, str]) -> None:
    """The amount seized in the unit the row states: the seizure's own quantity, or the drugs
    seized that the operation reports."""
    found = ask(
        graph,
        """SELECT ?value ?unit ?substance WHERE {
             { ?node rk:quantity ?q . OPTIONAL { ?node rk:substance/rdfs:label ?substance } }
             UNION
             { ?r rk:resultOf ?node ; rk:resultKind rk:DrugsSeized ; rk:quantity ?q .
               OPTIONAL { ?r rk:substance/rdfs:label ?substance } }
             ?q qudt:numericValue ?value ; qudt:unit ?unit }""",
        node=node,
    )
    if not row["quantity"]:
        assert not found, node
        return
    unit = {"tonnes": UNIT + "TONNE", "kg": UNIT + "KiloGM"}[row["unit"].split()[0]]
    ((value, found_unit, substance),) = found
    assert (Decimal(str(value)), str(found_unit)) == (Decimal(row["quantity"]), unit), node
    if row["substance"] in ("cocaine", "cannabis"):
        assert str(substance) == row["substance"], node


def assert_arrests(graph: Graph, node: URIRef, text: str) -> None:
    found = ask(
        graph,
        """SELECT ?value ?unit WHERE { ?r rk:resultOf ?node ; rk:resultKind rk:Arrests ;
             rk:quantity ?q . ?q qudt:numericValue ?value ; qudt:unit ?unit }""",
        node=node,
    )
    if not text:
        assert not found, node
        return
    expected = Decimal(re.search(r"\d+", text).group())
    assert [(Decimal(str(v)), str(u)) for v, u in found] == [(expected, UNIT + "NUM")], node


def assert_operation_place(graph: Graph, node: URIRef, text: str) -> None:
    """Each place is named in the row's place (a sea area by the coast it is off); a row that
    begins with 'Port of' is a seizure at an rk:Port."""
    found = values(graph, node, "rk:place")
    for place in found:
        label = str(graph.value(place, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        short = label.removeprefix("Sea off ").removeprefix("the ")
        assert label in text or short in text, f"{node}: {label} not in {text!r}"
    if text.startswith("Port of"):
        places = values(graph, node, "rk:place")
        assert all(ontology.own_classes(values(graph, p, "rdf:type")) == [RK_PORT] for p in places)
    if "," not in text and " and " not in text and "(" not in text:
        assert found, f"{node}: no place for {text!r}"


def assert_agencies(graph: Graph, node: URIRef, text: str) -> None:
    actors = values(graph, node, "rk:conductedBy|rk:supportedBy|rk:coordinatedBy")
    assert actors, f"{node}: no agency of {text!r}"
    for actor in actors:
        assert named_in(graph, actor, text), f"{node}: {actor} not in {text!r}"


def test_disagreeing_weights_keep_both_values_each_sourced(graph):
    rows = ask(
        graph,
        """SELECT ?main ?other ?mainPage ?otherPage WHERE {
             ?figure rk:alternativeTo ?seizure ; rk:quantity/qudt:numericValue ?other ;
               dct:source/foaf:page ?otherPage .
             ?seizure a rk:Seizure ; rk:quantity/qudt:numericValue ?main ;
               dct:source/foaf:page ?mainPage .
             FILTER(?seizure = seizure:op-2023-09-26-mv-matthew) }""",
    )
    (row,) = [r for r in reference("operations.tsv") if r["id"] == "op-2023-09-26-mv-matthew"]
    first, second, third = row["sources"].split()
    assert sorted(rows) == [
        (Literal("2253.0", datatype=XSD.decimal), Literal("2353.0", datatype=XSD.decimal),
         URIRef(page), URIRef(second))
        for page in sorted((first, third))
    ]  # fmt: skip


def test_single_source_rows_are_queryable_as_such(graph):
    expected = {
        (row.get("key") or row["id"])
        for name in ("communication-actions.tsv", "implementation.tsv", "operations.tsv")
        for row in reference(name)
        if row["status"] == "single-source"
    }
    found = ask(graph, "SELECT ?x WHERE { ?x rk:evidenceStrength rk:SingleSource }")
    assert {str(x).rsplit("/", 1)[-1] for (x,) in found} == expected
    assert len(expected) == 5 + 5 + 8  # measures, implementation events, operations


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("EUR 58.8 million; about 49 months", [Decimal("58800000"), Decimal("49")]),
        ("821 networks; more than 25,000 members; 86% use", [821, 25000, 86]),
        ("over 1,800 tons of drugs seized at EU seaports 2019 to mid-2024", [1800]),
        ("COM(2025) 747; would repeal Regulations (EC) No 273/2004", []),
        ("inaugural meeting 25-26 September; prosecutors from all 27 Member States", [27]),
        ("consultation open until 10 July", []),
    ],
)
def test_numbers_reads_the_amounts_of_a_cell(text, amounts):
    assert numbers(text) == [Decimal(a) for a in amounts]
