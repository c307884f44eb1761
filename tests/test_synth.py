"""Synthetic data for scale work: deterministic, valid, and with exactly the violations asked."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from roadmapkg.cli import main
from roadmapkg.errors import NotConforming
from roadmapkg.namespaces import RK
from roadmapkg.pipeline import build_and_write
from roadmapkg.synth import synthesise


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
    assert capsys.readouterr().out.endswith("202 synthetic rows to " + str(tmp_path / "src") + "\n")
    result = build_and_write(tmp_path / "src", tmp_path / "out" / "g.ttl")
    seizures = set(result.graph.subjects(RDF.type, RK.Seizure))
    assert len(seizures) == 202  # the factsheet's 2 and 200 synthetic
    assert not [f for f in result.findings if f.severity == "Violation"]


def test_injected_violations_are_found_one_for_one(tmp_path):
    synthesise(tmp_path / "src", 100, seed=2, violations=3)
    with pytest.raises(NotConforming) as failure:
        build_and_write(tmp_path / "src", tmp_path / "out" / "g.ttl")
    lines = [line for line in str(failure.value).splitlines() if ": Violation: " in line]
    assert sum("A quantity is not negative." in line for line in lines) == 3
    assert sum("is not the country of its place" in line for line in lines) == 3
    assert len(lines) == 6
    assert not (tmp_path / "out").exists()


def test_synth_refuses_a_folder_in_use(tmp_path, capsys):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    assert main(["synth", "--events", "5", "-o", str(tmp_path / "used")]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg synth: {tmp_path / 'used'}: not empty; give a new or empty folder\n"
    )
