"""The hand-checked answers of the saved queries about the Roadmap in action
(tests/hand-answers/NAME.csv for the eight queries of QUERIES below) recomputed from the three
reference files of ../shared/reference/ (and the factsheet in ../shared/seeds/), with plain
Python: the csv module, no rdflib, no SPARQL, no roadmapkg code.

The facts (dates, amounts and units, countries, who took part, which measure an event relates
to, which rows are single-source, which source gives which value) come from the reference rows;
the labels and IRIs are the curators' names (the `label` column of data/sources/, the entities
at https://w3id.org/roadmapkg/id/KIND/ID with the reference's ids and keys). Where a reference
cell is free text (the agencies, the place, the timing), its reading is spelled out below as a
table written by reading the cell. tests/test_queries.py and tests/test_stores.py compare the
files with the queries' answers on pyoxigraph, rdflib and the Oxigraph and Virtuoso servers."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from helpers.answers import HAND, table
from helpers.outside import shared_file

SOURCES = Path(__file__).parents[1] / "data" / "sources"
ID = "https://w3id.org/roadmapkg/id/"
ADOPTION = "2023-10-18"  # implementation.tsv, row roadmap-adopted
# ISO 3166 alpha-2 codes of operations.tsv, as the graph names the countries
COUNTRIES = {
    "DE": "Germany", "ES": "Spain", "FR": "France", "IE": "Ireland", "NL": "Netherlands",
}  # fmt: skip
# the reference's kind of implementation event -> the graph's event kind
KINDS = {
    "launch": "Launch", "meeting": "Meeting", "report": "ReportPublished",
    "body-created": "BodyCreated", "strategy-adopted": "StrategyAdopted", "funding": "Funding",
    "membership": "Membership", "other": "OtherEvent",
}  # fmt: skip
# The rows of operations.tsv that are operations (investigations, action days, a series of
# seizures over months: "seized over the course of the investigations", "about 8 tonnes" of a
# cartel, the French armed forces' 9 tonnes "in January 2025"); the other 15 are seizures.
OPERATIONS = {
    "op-2022-02-15-albanian-speaking-network", "op-2022-11-desert-light",
    "op-2023-06-albanian-network-it-nl-de", "op-2024-06-13-balkan-cartel",
    "op-2024-06-germany-port-network", "op-2024-09-brescia-albanian-ring", "op-2025-01-antilles",
}  # fmt: skip
# The place of each seizure of operations.tsv, read from its `place` cell (the finest place it
# states: a port, a sea area, a city), as the curators name it in places.csv.
SEIZURE_PLACES = {
    "op-2022-08-31-hamburg": "hamburg",  # "Hamburg"
    "op-2022-12-atlantic-fishing-vessel": "atlantic-ocean",  # "Atlantic Ocean; ... Las Palmas"
    "op-2023-04-hamburg-coffee-container": "port-of-hamburg",  # "Port of Hamburg"
    "op-2023-07-13-rotterdam-bananas": "port-of-rotterdam",  # "Port of Rotterdam (...)"
    "op-2023-08-23-algeciras-bananas": "port-of-algeciras",  # "Port of Algeciras (...)"
    "op-2023-09-26-mv-matthew": "sea-off-south-east-ireland",  # "Off the south-east coast..."
    "op-2024-05-02-martinique-sailboat": "sea-off-martinique",  # "Off Martinique (...)"
    "op-2024-05-09-martinique-unflagged-vessel": "sea-off-martinique",  # "South-east of M."
    "op-2024-05-15-aleppo": "atlantic-ocean",  # "Atlantic Ocean, 820 nautical miles ..."
    "op-2024-08-14-martinique-record": "sea-off-martinique",  # "... 1,220 km off Martinique"
    "op-2024-10-14-algeciras-record": "port-of-algeciras",  # "Port of Algeciras (...)"
    "op-2025-03-dunkirk-record": "port-of-dunkirk",  # "Port of Dunkirk (container)"
    "op-2025-03-22-martinique-fishing-vessel": "sea-off-martinique",  # "High seas ... off M."
    "op-2025-12-01-antilles-fishing-vessel": "antilles-maritime-zone",  # "Atlantic, Antilles..."
    "op-2026-02-dunkirk-series": "port-of-dunkirk",  # "Port of Dunkirk (three ...)"
}
# Who took part in each operation and seizure, read from its `agencies` cell (and the
# factsheet's line 76 for EncroChat: "Europol and Eurojust supported Dutch and French
# authorities"): the authorities of the country where it happened conducted it (the police
# forces named for each country of an action day, "Guardia Civil (lead)"), the others supported
# it (EU agencies, partners abroad, "intelligence from Spain's Guardia Civil", a tip-off), and
# Eurojust's "coordination centre" coordinated it. A court a case was later referred to
# (JUNALCO) took no part in the seizure.
TOOK_PART = {
    "encrochat-dismantling": {
        "conducted": "dutch-authorities french-authorities", "supported": "europol eurojust"},
    "op-2022-02-15-albanian-speaking-network": {
        "conducted": "spanish-authorities belgian-authorities", "supported": "eurojust europol"},
    "op-2022-08-31-hamburg": {"conducted": "bka hamburg-customs hamburg-public-prosecutor"},
    "op-2022-11-desert-light": {
        "conducted": "spanish-authorities french-authorities belgian-authorities "
        "dutch-authorities uae-authorities",
        "supported": "europol us-dea"},
    "op-2022-12-atlantic-fishing-vessel": {
        "conducted": "guardia-civil", "supported": "maoc-n us-dea uk-nca senegalese-authorities"},
    "op-2023-04-hamburg-coffee-container": {
        "conducted": "hamburg-customs-investigation-office hamburg-lka"},
    "op-2023-06-albanian-network-it-nl-de": {
        "conducted": "italian-authorities dutch-authorities german-authorities",
        "supported": "europol eurojust"},
    "op-2023-07-13-rotterdam-bananas": {
        "conducted": "dutch-customs dutch-public-prosecution-service"},
    "op-2023-08-23-algeciras-bananas": {
        "conducted": "policia-nacional servicio-vigilancia-aduanera"},
    "op-2023-09-26-mv-matthew": {
        "conducted": "irish-joint-task-force army-ranger-wing",
        "supported": "maoc-n uk-nca us-dea"},
    "op-2024-05-02-martinique-sailboat": {
        "conducted": "french-navy ofast-caraibe jirs-fort-de-france",
        "supported": "maoc-n us-dea uk-nca"},
    "op-2024-05-09-martinique-unflagged-vessel": {
        "conducted": "french-navy", "supported": "maoc-n us-dea uk-nca"},
    "op-2024-05-15-aleppo": {
        "conducted": "french-navy dnred ofast",
        "supported": "spanish-authorities us-authorities maoc-n"},
    "op-2024-06-13-balkan-cartel": {
        "conducted": "guardia-civil",
        "supported": "europol brazilian-authorities belgian-authorities croatian-authorities "
        "german-authorities italian-authorities serbian-authorities turkish-authorities "
        "uae-authorities"},
    "op-2024-06-germany-port-network": {
        "conducted": "lka-baden-wuerttemberg zollfahndungsamt-stuttgart zoll-karlsruhe "
        "duesseldorf-public-prosecutor",
        "supported": "europol belgian-authorities dutch-authorities ecuadorian-authorities "
        "colombian-authorities"},
    "op-2024-08-14-martinique-record": {
        "conducted": "french-navy forces-armees-antilles ofast-caraibe",
        "supported": "uk-nca us-dea"},
    "op-2024-09-brescia-albanian-ring": {
        "conducted": "guardia-di-finanza-brescia brescia-public-prosecutor",
        "supported": "europol", "coordinated": "eurojust"},
    "op-2024-10-14-algeciras-record": {
        "conducted": "policia-nacional spanish-customs", "supported": "ecuadorian-national-police"},
    "op-2025-01-antilles": {"conducted": "forces-armees-antilles"},
    "op-2025-03-dunkirk-record": {"conducted": "french-customs"},
    "op-2025-03-22-martinique-fishing-vessel": {
        "conducted": "french-navy", "supported": "maoc-n guardia-civil"},
    "op-2025-12-01-antilles-fishing-vessel": {
        "conducted": "french-navy ofast-caraibe dnred french-customs-coastguard "
        "martinique-prefecture"},
    "op-2026-02-dunkirk-series": {"conducted": "french-customs"},
}  # fmt: skip
FACTSHEET_DATES = {"encrochat-dismantling": "2023-06"}  # factsheet line 76: "In June 2023"
# communication-actions.tsv's `due` -> (the kind of date, the date). "mid-2024" is the
# curators' reading of "by mid-2024" as by the end of June 2024 (statements.csv says so).
DUE = {
    "as from 2024": ("planned from", "2024"), "2024": ("planned in", "2024"),
    "end of 2023": ("deadline", "2023"), "mid-2024": ("deadline", "2024-06"),
}  # fmt: skip
# The factsheet's two dated actions (lines 61 and 66) and the instruments they deliver, as the
# curators name them (actions.csv, instruments.csv): the call "by the end of 2023", the
# conference "in 2024".
FACTSHEET_PLANNED = [  # line 61: "by the end of 2023", a deadline; line 66: "in 2024"
    ("2023", "deadline", "Action", "action/organised-crime-funding", "actions"),
    ("2023", "deadline", "FundingCall", "instrument/organised-crime-call", "instruments"),
    ("2024", "planned in", "Action", "action/crime-prevention-conference-and-practices", "actions"),
    ("2024", "planned in", "Conference", "instrument/crime-prevention-conference", "instruments"),
]
# The status changes of the measures: each measure planned at the adoption; then the events of
# implementation.tsv that launch a measure (the launch of the Ports Alliance's three strands,
# the launch of the judicial network at Eurojust) or deliver what it announced (the Council's
# recommendation after the Schengen evaluation, Europol's mapping of the networks). The other
# events related to a measure (meetings, consultations, proposals) change no status.
STATUS_EVENTS = {
    ("ports-alliance-launch", "pa1-customs"): "Launched",
    ("ports-alliance-launch", "pa1-law-enforcement-ports"): "Launched",
    ("ports-alliance-launch", "pa1-public-private-partnership"): "Launched",
    ("jha-home-affairs-2024-03-04", "schengen-evaluation-drug-trafficking"): "Delivered",
    ("europol-most-threatening-networks-report", "pa2-mapping-networks"): "Delivered",
    ("ejocn-launch", "pa2-judicial-network"): "Launched",
}
STATUS_DATE = "2024-06-30"  # measure-status's default date
# Where sources disagree (the `evidence` cells say so): the reference row, the graph's subject,
# the property, and for each value its unit, whether it is the main value, and the numbers
# [n] of the row's sources that give it. The main value of the two seizures is sourced, as a
# node, to every source of the row but the one that gives the other value (MV Matthew's [3]
# and the Europol report's [4] are quoted for other facts of their rows); the launch's port
# counts are figures with one source each.
DISAGREEMENTS = [
    ("operations.tsv", "op-2023-09-26-mv-matthew", "seizure", "numericValue",
     [("2253", "KiloGM", "main", (1, 3)), ("2353", "KiloGM", "alternative", (2,))]),
    ("operations.tsv", "op-2024-05-02-martinique-sailboat", "seizure", "numericValue",
     [("1237", "KiloGM", "main", (1,)), ("1200", "KiloGM", "alternative", (2,))]),
    ("implementation.tsv", "europol-most-threatening-networks-report", "event", "place",
     [("Brussels", "", "main", (1, 2, 4)), ("The Hague", "", "alternative", (3,))]),
    ("implementation.tsv", "ports-alliance-launch", "event", "numericValue",
     [("16", "NUM", "main", (3,)), ("20", "NUM", "alternative", (4,))]),
]  # fmt: skip
# A disagreement the graph holds no values for: when the roadmap's actions are to be carried out
# ([3] 2024-2025, [4] during 2023 and 2024) is only in the quotes of the adoption's sources.
NOT_CARRIED = {"roadmap-adopted"}
PROPERTIES = {
    "numericValue": "http://qudt.org/schema/qudt/numericValue",
    "place": "https://w3id.org/roadmapkg/ontology#place",
}


@cache
def reference(name: str) -> tuple[dict[str, str], ...]:
    with shared_file("reference", name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


@cache
def curated(name: str) -> dict[str, dict[str, str]]:
    """The curators' rows of a data/sources table by id (for their labels and classes)."""
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle, restval="")}


def label(table_name: str, key: str) -> str:
    return curated(table_name)[key]["label"]


def operation_rows() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in reference("operations.tsv")}


def operation_iri(key: str) -> str:
    kind = "seizure" if key in SEIZURE_PLACES else "event"
    return f"{ID}{kind}/{key}"


def operation_label(key: str) -> str:
    return label("seizures" if key in SEIZURE_PLACES else "events", key)


def operation_date(key: str) -> str:
    return FACTSHEET_DATES.get(key) or operation_rows()[key]["date"]


def precision(date: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(date)]


def ends_after_adoption(date: str) -> bool:
    """A day, month or year that ends on or after the adoption (2023 ends on 2023-12-31)."""
    return date + "-12-31"[len(date) - 4 :] >= ADOPTION


def roadmap_timeline():
    rows = [("date", "precision", "kind", "type", "label", "thing")]
    for row in reference("implementation.tsv"):
        rows.append(
            (
                row["date"],
                "happened",
                "ImplementationEvent",
                label("implementation_events", row["id"]),
                f"{ID}event/{row['id']}",
            )
        )
    for key, row in operation_rows().items():
        kind = "Seizure" if key in SEIZURE_PLACES else "Operation"
        rows.append((row["date"], "happened", kind, operation_label(key), operation_iri(key)))
    for row in reference("communication-actions.tsv"):
        if row["due"]:
            kind, date = DUE[row["due"]]
            rows.append(
                (date, kind, "Measure", label("measures", row["key"]), f"{ID}measure/{row['key']}")
            )
    for date, timing, kind, key, table_name in FACTSHEET_PLANNED:
        rows.append((date, timing, kind, label(table_name, key.partition("/")[2]), ID + key))
    return [rows[0]] + [
        (date, precision(date), *rest) for date, *rest in rows[1:] if ends_after_adoption(date)
    ]


def measure_keys() -> list[str]:
    return [row["key"] for row in reference("communication-actions.tsv")]


def related_events(key: str) -> list[dict[str, str]]:
    """The implementation events whose `relates_to` names the measure's key (the cell holds
    keys, "all" for the roadmap as a whole, and a note in brackets)."""
    return [r for r in reference("implementation.tsv") if key in r["relates_to"].split()]


def measure_events():
    rows = [("measureLabel", "date", "kind", "eventLabel", "measure", "event")]
    for key in measure_keys():
        name, measure = label("measures", key), f"{ID}measure/{key}"
        events = related_events(key)
        rows += [
            (
                name,
                e["date"],
                KINDS[e["kind"]],
                label("implementation_events", e["id"]),
                measure,
                f"{ID}event/{e['id']}",
            )
            for e in events
        ] or [(name, "", "", "", measure, "")]
    return rows


def measure_status():
    dates = {row["id"]: row["date"] for row in reference("implementation.tsv")}
    rows = [("measureLabel", "status", "since", "measure")]
    for key in measure_keys():
        related = {event["id"] for event in related_events(key)}
        changes = [(dates["roadmap-adopted"], "Planned")] + [
            (dates[event], status)
            for (event, measure), status in STATUS_EVENTS.items()
            if measure == key and event in related
        ]
        since, status = max(c for c in changes if c[0] <= STATUS_DATE)
        rows.append((label("measures", key), status, since, f"{ID}measure/{key}"))
    return rows


def tonnes(row: dict[str, str]) -> Decimal:
    """The amount in tonnes: the `unit` cell starts with "tonnes" or "kg" (then a remark)."""
    unit = row["unit"].split()[0]
    return Decimal(row["quantity"]) * {"tonnes": Decimal(1), "kg": Decimal("0.001")}[unit]


def tonnes_seized():
    places, substances = curated("places"), curated("substances")
    totals: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for key, place in SEIZURE_PLACES.items():
        row = operation_rows()[key]
        (substance,) = [s for s in substances.values() if s["label"] == row["substance"]]
        group = (
            COUNTRIES[row["country"]],
            places[place]["label"],
            places[place]["class"],
            substance["label"],
            row["date"][:4],
        )
        totals[group][0] += tonnes(row)
        totals[group][1] += 1
    header = ("country", "place", "placeType", "substance", "year", "total", "seizures")
    return [header] + [(*group, str(t), str(n)) for group, (t, n) in totals.items()]


def took_part() -> list[tuple[str, str, str]]:
    """(operation, role, actor) for every operation and seizure."""
    return [
        (key, role, actor)
        for key, roles in TOOK_PART.items()
        for role, actors in roles.items()
        for actor in actors.split()
    ]


def agency_operations():
    actors = curated("actors")
    rows = [("agencyLabel", "agencyType", "role", "date", "operationLabel", "agency", "operation")]
    for key, role, actor in took_part():
        if actors[actor]["class"] in ("EUAgency", "InternationalPartner"):
            rows.append(
                (
                    actors[actor]["label"],
                    actors[actor]["class"],
                    role,
                    operation_date(key),
                    operation_label(key),
                    f"{ID}actor/{actor}",
                    operation_iri(key),
                )
            )
    return rows


def operations_network():
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in TOOK_PART:
        iris = sorted({f"{ID}actor/{a}" for k, _, a in took_part() if k == key})
        for pair in itertools.combinations(iris, 2):
            shared[pair].add(key)
    name = lambda iri: label("actors", iri.rpartition("/")[2])  # noqa: E731
    rows = [("actorLabel", "partnerLabel", "operations", "actor", "partner")]
    return rows + [(name(a), name(b), str(len(ops)), a, b) for (a, b), ops in shared.items()]


def pages(row: dict[str, str]) -> list[str]:
    """The web pages a reference row cites (`seed:...` is the factsheet, which has none)."""
    return [url for url in row["sources"].split() if not url.startswith("seed:")]


def single_source():
    rows = [("type", "date", "label", "page", "thing")]
    for row in reference("communication-actions.tsv"):
        if row["status"] == "single-source":
            rows += [
                ("Measure", "", label("measures", row["key"]), page, f"{ID}measure/{row['key']}")
                for page in pages(row)
            ]
    for row in reference("implementation.tsv"):
        if row["status"] == "single-source":
            rows += [
                (
                    "ImplementationEvent",
                    row["date"],
                    label("implementation_events", row["id"]),
                    page,
                    f"{ID}event/{row['id']}",
                )
                for page in pages(row)
            ]
    for key, row in operation_rows().items():
        if row["status"] == "single-source":
            kind = "Seizure" if key in SEIZURE_PLACES else "Operation"
            rows += [
                (kind, row["date"], operation_label(key), page, operation_iri(key))
                for page in pages(row)
            ]
    return rows


def disagreements():
    rows = [("subjectLabel", "property", "value", "unit", "role", "page", "subject")]
    for file, key, kind, prop, values in DISAGREEMENTS:
        (row,) = [r for r in reference(file) if r.get("id") == key]
        assert "disagree" in row["evidence"], f"{key}: the evidence names no disagreement"
        urls = row["sources"].split()
        name = label({"seizure": "seizures", "event": "implementation_events"}[kind], key)
        for value, unit, role, numbers in values:
            quotes = [f.replace(",", "") for f in row["evidence"].split(" | ")]
            assert any(value in f for f in quotes if f.startswith(f"[{numbers[0]}]")), (
                f"{key}: [{numbers[0]}] does not quote {value}"
            )
            unit_iri = f"http://qudt.org/vocab/unit/{unit}" if unit else ""
            rows += [
                (name, PROPERTIES[prop], value, unit_iri, role, urls[n - 1], f"{ID}{kind}/{key}")
                for n in numbers
            ]
    return rows


QUERIES = {
    "roadmap-timeline": roadmap_timeline,
    "measure-events": measure_events,
    "measure-status": measure_status,
    "tonnes-seized": tonnes_seized,
    "agency-operations": agency_operations,
    "operations-network": operations_network,
    "single-source": single_source,
    "disagreements": disagreements,
}


def test_every_operation_row_has_its_reading():
    assert set(operation_rows()) == set(SEIZURE_PLACES) | OPERATIONS
    assert set(SEIZURE_PLACES).isdisjoint(OPERATIONS) and len(SEIZURE_PLACES) == 15
    assert set(TOOK_PART) == set(operation_rows()) | set(FACTSHEET_DATES)


def test_every_disagreement_the_reference_files_name_is_read():
    named = {
        row.get("id") or row["key"]
        for name in ("communication-actions.tsv", "implementation.tsv", "operations.tsv")
        for row in reference(name)
        if "disagreement" in row["evidence"]
    }
    assert named == {key for _, key, *_ in DISAGREEMENTS} | NOT_CARRIED


def test_every_status_change_is_an_event_related_to_its_measure():
    for event, measure in STATUS_EVENTS:
        assert event in {e["id"] for e in related_events(measure)}


def test_the_factsheet_says_what_is_read_from_it():
    """The dates and actors taken from the factsheet (FACTSHEET_DATES, FACTSHEET_PLANNED and
    EncroChat in TOOK_PART) are in its lines 61, 66 and 76."""
    path = shared_file("seeds", "eu-roadmap-drug-trafficking-2023.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "EUR 20 million** by the end of 2023" in lines[60]
    assert "preventing recruitment in organised crime**, in 2024" in lines[65]
    assert lines[75].startswith(
        "In June 2023, Europol and Eurojust supported Dutch and French authorities"
    )


def test_every_actor_read_from_an_agencies_cell_is_a_curated_actor():
    assert {actor for _, _, actor in took_part()} <= set(curated("actors"))


@pytest.mark.parametrize("name", QUERIES)
def test_hand_answer_is_what_the_reference_files_say(name):
    """The file in tests/hand-answers/ holds the rows recomputed from the reference files
    (as sets: the order is the query's; numbers by value)."""
    want = table("\n".join(",".join(_quote(c) for c in row) for row in QUERIES[name]()))
    got = table((HAND / f"{name}.csv").read_text(encoding="utf-8"))
    assert got[0] == want[0], "columns differ"
    missing, extra = sorted(set(want[1:]) - set(got[1:])), sorted(set(got[1:]) - set(want[1:]))
    assert (missing, extra) == ([], []), f"\nmissing {missing}\n  extra {extra}"
    assert len(got) == len(want)


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n') else cell
