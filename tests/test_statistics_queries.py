"""The saved statistics queries (queries/statistics/) on the graph beside the imported
reference table, on both embedded engines, against answers written from the TSV without the
program (tests/hand-answers/statistics/, each saying how it was derived)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.answers import table
from roadmapkg import paths
from roadmapkg.queries import saved as queries
from roadmapkg.statistics.importer import import_eurostat
from roadmapkg.store.choices import ENGINES
from roadmapkg.store.embedded import open_embedded
from roadmapkg.store.results import render
from test_queries import test_decorators_are_yaml_grlc_reads as grlc_decorators_check
from test_statistics import reference

FOLDER = paths.QUERIES / "statistics"
SAVED = sorted(FOLDER.glob("*.rq"))
HAND = Path(__file__).parent / "hand-answers" / "statistics"


@pytest.fixture(scope="module")
def statistics(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("statistics") / "statistics.ttl"
    import_eurostat(reference(), output)
    return output


@pytest.fixture(scope="module", params=ENGINES)
def store(request, statistics):
    return open_embedded([paths.GRAPH, statistics], engine=request.param)


def test_every_statistics_query_has_a_hand_answer():
    assert len(SAVED) == 5
    assert {p.stem for p in SAVED} == {p.stem for p in HAND.glob("*.csv")}


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_decorators_are_yaml_grlc_reads(path: Path):
    grlc_decorators_check(path)
    assert "statistics" in queries.load(path).tags


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_answer_matches_the_hand_written_one(path: Path, store):
    got = table(render(queries.execute(queries.load(path), store, {}), "csv"))
    want = table((HAND / f"{path.stem}.csv").read_text(encoding="utf-8"))
    assert got[0] == want[0], "columns differ"
    missing, extra = sorted(set(want[1:]) - set(got[1:])), sorted(set(got[1:]) - set(want[1:]))
    assert (missing, extra) == ([], []), f"\nmissing {missing}\n  extra {extra}"
    assert len(got) == len(want)


def test_change_ranks_the_largest_rise_first_and_fall_last(store):
    path = FOLDER / "drug-offences-change-2018-2022.rq"
    rows = table(render(queries.execute(queries.load(path), store, {}), "csv"))[1:]
    assert (rows[0][1], rows[-1][1]) == ("AL", "NO")  # +51.9 % and -52.7 % in the hand answer


def test_query_command_runs_them_on_the_two_files(statistics, capsys):
    """The README's way: `roadmapkg query queries/statistics/NAME.rq --data ... --data ...`."""
    from roadmapkg.cli import main

    path = FOLDER / "operation-country-drug-offences.rq"
    files = ["--data", str(paths.GRAPH), "--data", str(statistics)]
    assert main(["query", str(path), *files, "--format", "csv"]) == 0
    got = table(capsys.readouterr().out)
    assert got == table((HAND / f"{path.stem}.csv").read_text(encoding="utf-8"))
