"""Synthetic data for scale work: deterministic, valid, and with exactly the violations asked."""

from __future__ import annotations

import csv

import pytest

from roadmapkg import paths
from roadmapkg.build.emit import emit
from roadmapkg.build.pipeline import build_and_write
from roadmapkg.build.synth import VIOLATIONS, synthesise
from roadmapkg.cli.app import main
from roadmapkg.errors import NotConforming
from roadmapkg.validate.shacl import validate_files

# What each kind of injected violation must be reported as (some also break the QC country rule)
MESSAGES = {
    "negative-quantity": "qudt:numericValue: A quantity is not negative.",
    "country-mismatch": "rk:country: The seizure's country is not the country of its place",
    "two-substances": "rk:substance: A seizure is of one rk:Substance.",
    "country-not-a-country": "rk:country: A seizure happens in one rk:Country.",
    "undated-operation": "rk:date: An operation has a date.",
}


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_sources(tmp_path):
    synthesise(tmp_path / "a", 300, seed=7)
    synthesise(tmp_path / "b", 300, seed=7)
    synthesise(tmp_path / "c", 300, seed=8)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a")["seizures.csv"] != files(tmp_path / "c")["seizures.csv"]


def test_synthetic_sources_build_and_conform(tmp_path, capsys):
    assert main(["synth", "--events", "200", "--seed", "1", "-o", str(tmp_path / "src")]) == 0
    # 200 seizures and 200 // 100 operations
    assert capsys.readouterr().out.endswith("202 synthetic rows to " + str(tmp_path / "src") + "\n")
    result = build_and_write(tmp_path / "src", tmp_path / "out" / "g.ttl")
    seizures = "SELECT ?s WHERE { ?s a <https://w3id.org/roadmapkg/ontology#Seizure> }"
    with (paths.SOURCES / "seizures.csv").open(encoding="utf-8", newline="") as handle:
        curated = len(list(csv.DictReader(handle)))
    assert len(list(result.store.query(seizures))) == curated + 200  # the curated and synthetic
    assert not [f for f in result.findings if f.severity == "Violation"]


def test_injected_violations_are_found_one_for_one(tmp_path):
    synthesise(tmp_path / "src", 100, seed=2, violations=3)
    with pytest.raises(NotConforming) as failure:
        build_and_write(tmp_path / "src", tmp_path / "out" / "g.ttl")
    lines = [line for line in str(failure.value).splitlines() if ": Violation: " in line]
    assert set(MESSAGES) == set(VIOLATIONS)
    for kind, message in MESSAGES.items():
        expected = 6 if kind == "country-mismatch" else 3  # a non-country mismatches too
        assert sum(message in line for line in lines) == expected, kind
    assert len(lines) == 3 * len(VIOLATIONS) + 3
    rows = (f"{tmp_path}/src/seizures.csv:", f"{tmp_path}/src/events.csv:")
    assert all(line.startswith(rows) for line in lines)
    assert not (tmp_path / "out").exists()


def test_both_engines_find_the_same_violations_of_every_kind(tmp_path):
    synthesise(tmp_path / "src", 400, seed=3, violations=5)
    graph = tmp_path / "g.nt"
    with graph.open("w", encoding="utf-8") as out:
        emit(out, tmp_path / "src")
    fast = validate_files([graph], engine="oxigraph")
    reference = validate_files([graph], engine="pyshacl")
    assert [str(f) for f in fast] == [str(f) for f in reference]
    for kind, message in MESSAGES.items():
        assert sum(message in str(f) for f in fast) == (10 if kind == "country-mismatch" else 5)


def test_synth_refuses_a_folder_in_use(tmp_path, capsys):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    assert main(["synth", "--events", "5", "-o", str(tmp_path / "used")]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg synth: {tmp_path / 'used'}: not empty; give a new or empty folder\n"
    )


def test_synthetic_quantities_are_whole_kilograms_in_tonnes(tmp_path):
    """Mutant killed: synth's kg to tonne conversion off by ten. Each seizure is 1 kg to 20 t
    (rng.randint(1, 20000) kilograms), written in tonnes with three decimals."""
    import csv

    synthesise(tmp_path / "src", 2000, seed=5)
    with (tmp_path / "src" / "seizures.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["source"] == "synthetic"]
    tonnes = [float(r["value"]) for r in rows]
    assert len(tonnes) == 2000 and {r["unit"] for r in rows} == {"TONNE"}
    assert all(0.001 <= t <= 20.0 for t in tonnes)
    assert max(tonnes) > 19.0 and min(tonnes) < 0.1  # the whole range is used
    assert all(len(r["value"].partition(".")[2]) == 3 for r in rows)
    assert all(f"{r['value']} t of " in r["label"] for r in rows)
    with (tmp_path / "src" / "places.csv").open(encoding="utf-8") as handle:
        ports = [r["id"] for r in csv.DictReader(handle) if r["source"] == "synthetic"]
    assert ports == [f"synthetic-port-{i:03d}" for i in range(1, 41)]  # 40 by default


def read_rows(folder, name):
    import csv

    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_synthetic_rows_are_what_synth_documents(tmp_path):
    import re

    from roadmapkg import paths
    from roadmapkg.build.synth import ACTORS, COUNTRIES, PLACES, SUBSTANCES

    assert synthesise(tmp_path / "src", 300, seed=4, violations=2, ports=3) == 300 + 3 + 2
    src = tmp_path / "src"
    assert read_rows(src, "sources.csv")[-1] == {
        "id": "synthetic", "label": "Synthetic data from roadmapkg synth: not real events",
        "basis": "Synthetic", "part_of": "", "issued": "", "publisher": "",
        "citation": "roadmapkg synth --events 300 --seed 4", "url": "",
    }  # fmt: skip
    curated = len(read_rows(paths.SOURCES, "places.csv"))
    ports = read_rows(src, "places.csv")[curated:]
    assert [list(p.values()) for p in ports] == [
        ["synthetic-port-001", "Port", "Synthetic port 1", "spain", "synthetic", ""],
        ["synthetic-port-002", "Port", "Synthetic port 2", "france", "synthetic", ""],
        ["synthetic-port-003", "Port", "Synthetic port 3", "belgium", "synthetic", ""],
    ]
    for name in ("sources.csv", "places.csv", "seizures.csv", "events.csv"):
        assert b"\r" not in (src / name).read_bytes(), name  # LF line ends, as curated
    country_of = dict(PLACES) | {p["id"]: p["country"] for p in ports}
    seizures = read_rows(src, "seizures.csv")[len(read_rows(paths.SOURCES, "seizures.csv")) :]
    assert len(seizures) == 300
    kinds = ["negative-quantity", "country-mismatch", "two-substances", "country-not-a-country"]
    for i, row in enumerate(seizures):
        kind = kinds[i % 4] if i < 8 else None
        assert row["id"] == f"synthetic-seizure-{i + 1:07d}"
        what = row["substance"].replace("-", " ")
        assert row["label"] == f"Synthetic seizure {i + 1}: {row['value']} t of {what}"
        assert re.fullmatch(r"\d{4}-\d\d", row["date"])
        assert (row["unit"], row["source"], row["source_text"]) == ("TONNE", "synthetic", "")
        assert row["value"].startswith("-") == (kind == "negative-quantity")
        assert row["substance"] in SUBSTANCES
        if kind == "country-mismatch":
            assert row["country"] in COUNTRIES and row["country"] != country_of[row["place"]]
        elif kind == "country-not-a-country":
            assert row["country"] == row["place"]
        else:
            assert row["country"] == country_of[row["place"]]
    # 300 draws use every year from 2011 to 2024, every month, substance and port
    assert {s["date"][:4] for s in seizures} == {str(y) for y in range(2011, 2025)}
    assert {s["date"][5:] for s in seizures} == {f"{m:02d}" for m in range(1, 13)}
    assert {s["substance"] for s in seizures[8:]} == set(SUBSTANCES)
    assert {s["place"] for s in seizures} == set(country_of)
    # the two seizures of kind two-substances (the 3rd and 7th) get another one in statements.csv
    statements = read_rows(src, "statements.csv")[len(read_rows(paths.SOURCES, "statements.csv")) :]
    assert [(r["subject"], r["property"], r["datatype"], r["source"]) for r in statements] == [
        (f"synthetic-seizure-{n:07d}", "rk:substance", "", "synthetic") for n in (3, 7)
    ]
    for row, n in zip(statements, (3, 7), strict=True):
        assert row["object"] in SUBSTANCES and row["object"] != seizures[n - 1]["substance"]
    operations = read_rows(src, "events.csv")[len(read_rows(paths.SOURCES, "events.csv")) :]
    assert [o["id"] for o in operations] == [f"synthetic-operation-{i:05d}" for i in range(1, 6)]
    for i, operation in enumerate(operations, start=1):
        assert (operation["class"], operation["label"]) == ("Operation", f"Synthetic operation {i}")
        assert operation["conducted_by"] in ACTORS[2:] and operation["supported_by"] in ACTORS[:2]
        assert (operation["place"], operation["target"], operation["concerns"]) == ("", "", "")
        assert (operation["source"], operation["source_text"]) == ("synthetic", "")
        lead_country = {"dutch-authorities": "netherlands", "french-authorities": "france"}
        assert operation["country"] == lead_country[operation["conducted_by"]]
        assert (operation["date"] == "") == (i > 3)  # the last two: undated operations


@pytest.mark.parametrize(
    ("events", "violations", "message"),
    [
        (-1, 0, "--events and --violations must not be negative"),
        (5, -1, "--events and --violations must not be negative"),
        (11, 3, "--violations 3 needs at least 12 events"),
    ],
)
def test_synth_refuses_impossible_counts(tmp_path, events, violations, message):
    from roadmapkg.errors import RoadmapError

    with pytest.raises(RoadmapError) as refused:
        synthesise(tmp_path / "src", events, seed=1, violations=violations)
    assert str(refused.value) == message
    assert not (tmp_path / "src").exists()


def test_synth_writes_into_an_empty_folder_and_needs_four_events_a_violation(tmp_path):
    (tmp_path / "src").mkdir()
    assert synthesise(tmp_path / "src", 12, seed=1, violations=3) == 12 + 0 + 3
    assert synthesise(tmp_path / "none", 0, seed=1) == 0  # the curated sources alone
    curated = len(read_rows(paths.SOURCES, "seizures.csv"))
    assert len(read_rows(tmp_path / "none", "seizures.csv")) == curated


def test_operations_draw_every_year_month_and_actor(tmp_path):
    """100 operations (one per 100 events) are enough to see every year from 2011 to 2024,
    every month, both national authorities leading and both agencies supporting."""
    from roadmapkg import paths
    from roadmapkg.build.synth import ACTORS

    synthesise(tmp_path / "src", 10_000, seed=6)
    curated = len(read_rows(paths.SOURCES, "events.csv"))
    operations = read_rows(tmp_path / "src", "events.csv")[curated:]
    assert len(operations) == 100
    assert {o["date"][:4] for o in operations} == {str(y) for y in range(2011, 2025)}
    assert {o["date"][5:] for o in operations} == {f"{m:02d}" for m in range(1, 13)}
    assert {o["conducted_by"] for o in operations} == set(ACTORS[2:])
    assert {o["supported_by"] for o in operations} == set(ACTORS[:2])
