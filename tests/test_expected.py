"""`roadmapkg expected`: the curator's loop after editing the sources. The README's worked
example (a seizure in Algeciras) is followed on a copy of the sources; --check lists what
changed in the stored regression answers and in the counts the sanity bounds guard, exit 1;
--update rewrites them, and --check then exits 0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import from_sources
from helpers.answers import HAND, assert_independent_answer
from roadmapkg.cli.app import main
from roadmapkg.queries import saved as queries
from roadmapkg.queries.expected import REGRESSION
from roadmapkg.store.embedded import open_embedded

# the two rows of the README's worked example, as written there
SOURCE_ROW = (
    'press-2024-03-algeciras,"Press release, March 2024",Clarification,reference-notes,2024-03,,'
    '"Full citation of the press release"\n'
)
SEIZURE_ROW = (
    "algeciras-2024-03,1.2 tonnes of cocaine seized in the port of Algeciras,2024-03,"
    'port-of-algeciras,spain,cocaine,1.2,TONNE,press-2024-03-algeciras,"1.2 tonnes of cocaine '
    'seized in the port of Algeciras"\n'
)
TONNE = "http://qudt.org/vocab/unit/TONNE"


@pytest.fixture
def curated(sources: Path, tmp_path: Path) -> dict[str, Path]:
    """The worked example applied to a copy of the sources and built, with a copy of the
    stored answers."""
    with (sources / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(SOURCE_ROW)
    with (sources / "seizures.csv").open("a", encoding="utf-8") as handle:
        handle.write(SEIZURE_ROW)
    graph = tmp_path / "roadmap.ttl"
    assert main(["build", "--sources", str(sources), "--output", str(graph)]) == 0
    folder = tmp_path / "regression"
    shutil.copytree(REGRESSION, folder)
    return {"graph": graph, "folder": folder, "sources": sources}


def expected(mode: str, curated: dict[str, Path]) -> int:
    return main(
        [
            "expected",
            mode,
            "--data",
            str(curated["graph"]),
            "--folder",
            str(curated["folder"]),
            "--sources",
            str(curated["sources"]),
        ]
    )


def test_the_committed_answers_are_current(capsys):
    assert main(["expected", "--check"]) == 0
    assert capsys.readouterr().out == (
        "37 stored answers in queries/regression: all equal (federated queries skipped)\n"
    )


def test_check_shows_the_rows_a_new_seizure_changes(curated, capsys):
    capsys.readouterr()
    assert expected("--check", curated) == 1
    out = capsys.readouterr().out
    changed = [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert changed == [
        "clarifications.csv",
        "counts-per-class.csv",
        "evidence-bases.csv",
        "roadmap-timeline.csv",
        "seizures-by-country.csv",
        "seizures-by-month.csv",
        "seizures-by-place.csv",
        "seizures-by-substance.csv",
        "seizures-of-substance.csv",
        "timeline.csv",
        "tonnes-seized.csv",
        f"sanity bounds ({curated['sources']}/assertions.csv), instances",
        f"11 of 37 stored answers in {curated['folder']} differ",
    ]
    assert (
        "seizures-by-country.csv: 1 row added, 1 removed\n"
        f"  - Spain,{TONNE},22.5,2\n"
        f"  + Spain,{TONNE},23.7,3\n"
    ) in out
    assert (
        "seizures-of-substance.csv: 1 row added, 0 removed\n"
        f"  + 1.2 tonnes of cocaine seized in the port of Algeciras,1.2,{TONNE},"
        "https://w3id.org/roadmapkg/id/seizure/algeciras-2024-03\n"
    ) in out
    assert out.endswith(
        "  rk:Seizure: 17 -> 18 (at least 17: holds)\n"
        f"11 of 37 stored answers in {curated['folder']} differ: review the rows above, then run "
        "roadmapkg expected --update\n"
    )


def test_update_rewrites_what_differs_and_check_then_passes(curated, capsys):
    unchanged = (curated["folder"] / "pillars.csv").stat().st_mtime_ns
    assert expected("--update", curated) == 0
    assert capsys.readouterr().out == (f"Rewrote 11 of 37 stored answers in {curated['folder']}\n")
    assert (curated["folder"] / "pillars.csv").stat().st_mtime_ns == unchanged
    stored = (REGRESSION / "seizures-by-country.csv").read_bytes()
    assert (curated["folder"] / "seizures-by-country.csv").read_bytes() == stored.replace(
        f"Spain,{TONNE},22.5,2\r\n".encode(), f"Spain,{TONNE},23.7,3\r\n".encode()
    )
    assert f"Spain,{TONNE},22.5,2\r\n".encode() in stored
    assert not [p for p in curated["folder"].iterdir() if p.name.startswith(".")]
    assert expected("--check", curated) == 0
    assert capsys.readouterr().out == (
        f"37 stored answers in {curated['folder']}: all equal (federated queries skipped)\n"
    )


def test_a_failing_bound_is_named_with_its_line(curated, capsys):
    """A bound the graph breaks (here: at most 17 seizures, the build having been made before
    the bound was tightened) is flagged with the line to review."""
    bounds = curated["sources"] / "assertions.csv"
    bounds.write_text(bounds.read_text().replace("Seizure,17,\n", "Seizure,17,17\n"))
    assert expected("--check", curated) == 1
    assert "  rk:Seizure: 17 -> 18 (exactly 17: FAILS: review assertions.csv:8)\n" in (
        capsys.readouterr().out
    )


def test_check_or_update_is_required(capsys):
    with pytest.raises(SystemExit) as done:
        main(["expected"])
    assert done.value.code == 2
    assert "one of the arguments --check --update is required" in capsys.readouterr().err


def test_the_computed_answers_still_hold_after_the_worked_example(curated, monkeypatch):
    """The answers computed from the CSVs follow the sources: on the new graph each query
    still gives what the (edited) CSVs say."""
    monkeypatch.setattr(from_sources, "SOURCES", curated["sources"])
    from_sources.table.cache_clear()
    from_sources.entities.cache_clear()
    try:
        store = open_embedded([curated["graph"]])
        for name in from_sources.ANSWERS:
            query = queries.load(queries.find(name))
            assert_independent_answer(query, queries.execute(query, store, {}))
        assert any(row[5].endswith("/algeciras-2024-03") for row in from_sources.timeline())
    finally:
        from_sources.table.cache_clear()
        from_sources.entities.cache_clear()


def test_a_folder_without_assertions_is_a_one_line_error(tmp_path, capsys):
    assert main(["expected", "--check", "--sources", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg expected: {tmp_path}/assertions.csv: no such file "
        "(--sources names the folder)\n"
    )


def test_rows_in_another_order_are_a_change(curated, capsys):
    stored = curated["folder"] / "pillars.csv"
    header, *rows = stored.read_bytes().splitlines(keepends=True)
    stored.write_bytes(header + b"".join(reversed(rows)))
    capsys.readouterr()
    assert expected("--check", curated) == 1
    assert "pillars.csv: the same rows, in another order or written differently\n" in (
        capsys.readouterr().out
    )


def test_the_worked_example_changes_seven_hand_written_answers(curated):
    """As the README says: a seizure beyond the factsheet no longer matches these, which the
    curator then extends by hand."""
    store = open_embedded([curated["graph"]])
    changed = []
    for path in sorted(HAND.glob("*.csv")):
        query = queries.load(queries.find(path.stem))
        try:
            assert_independent_answer(query, queries.execute(query, store, {}))
        except AssertionError:
            changed.append(path.stem)
    assert changed == [
        "roadmap-timeline",
        "seizures-by-country",
        "seizures-by-month",
        "seizures-by-place",
        "seizures-by-substance",
        "seizures-of-substance",
        "tonnes-seized",
    ]


def test_a_stored_answer_of_no_saved_query_is_flagged_then_removed(curated, capsys):
    stale = curated["folder"] / "renamed-query.csv"
    stale.write_bytes(b"a,b\r\n1,2\r\n")
    capsys.readouterr()
    assert expected("--check", curated) == 1
    assert "renamed-query.csv: no saved query of that name (--update removes it)\n" in (
        capsys.readouterr().out
    )
    assert expected("--update", curated) == 0
    assert capsys.readouterr().out == (
        f"Rewrote 11 of 37 stored answers in {curated['folder']}; removed renamed-query.csv\n"
    )
    assert not stale.exists()
    assert expected("--check", curated) == 0
