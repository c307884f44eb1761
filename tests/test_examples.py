"""The journalist's starting script in examples/ runs, and what it prints is what the curated
sources say (recomputed here from the CSV files in plain Python)."""

from __future__ import annotations

import csv
import subprocess
import sys
from xml.etree import ElementTree

from roadmapkg import paths


def sources(name: str) -> list[dict[str, str]]:
    with (paths.SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_first_look_runs_and_agrees_with_the_sources(tmp_path):
    script = paths.ROOT / "examples" / "first-look.py"
    done = subprocess.run(
        [sys.executable, script, tmp_path], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seizures = sources("seizures.csv")
    labels = {row["id"]: row["label"] for row in sources("places.csv")}
    stated_place = {
        row["subject"]: row["object"]
        for row in sources("statements.csv")
        if row["property"] == "rk:place"
    }
    per_tonne = {"TONNE": 1, "KiloGM": 1000}
    tonnes = sum(float(row["value"]) / per_tonne[row["unit"]] for row in seizures)
    lines = done.stdout.splitlines()
    assert f"Tonnes seized in the places the sources name: {tonnes:g}" in lines
    assert f"Seizures counted by a local SPARQL server: {len(seizures)}" in lines
    with (tmp_path / "seizures-by-place.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    totals: dict[tuple[str, str, str], float] = {}
    for row in seizures:
        place = row["place"] or stated_place[row["id"]]  # a curated reading (Rotterdam's port)
        key = (labels[place], row["country"], row["unit"])
        totals[key] = totals.get(key, 0) + float(row["value"])
    assert sorted(
        (row["place"], row["unit"].rpartition("/")[2], round(float(row["total"]), 6))
        for row in table
    ) == sorted((place, unit, round(total, 6)) for (place, _, unit), total in totals.items())
    drawing = ElementTree.parse(tmp_path / "actors.svg").getroot()
    assert drawing.tag == "{http://www.w3.org/2000/svg}svg"
    assert f"Drawing of the actors network: {tmp_path / 'actors.svg'}" in lines
