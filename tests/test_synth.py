"""Synthetic data for scale work: deterministic, valid, and with exactly the violations asked."""

from __future__ import annotations

import csv

import pytest

from roadmapkg import paths
from roadmapkg.build import emit
from roadmapkg.cli import main
from roadmapkg.errors import NotConforming
from roadmapkg.pipeline import build_and_write
from roadmapkg.synth import VIOLATIONS, synthesise
from roadmapkg.validate import validate_files

# What each kind of injected violation must be reported as (some also break the QC country rule)
MESSAGES = {
    "negative-quantity": "qudt:numericValue: A quantity is not negative.",
    "country-mismatch": "rk:country: The seizure's country is not the country of its place",
    "no-substance": "rk:substance: A seizure is of one rk:Substance.",
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
