"""CI needs what the tests read from outside the repository: under CI=true a missing ../shared/
file fails the test instead of skipping it, and .ci/run stops early without ../shared/reference."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers.outside import shared_file
from roadmapkg import paths

MISSING = ("reference", "no-such-file.tsv")


def test_a_missing_shared_file_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(BaseException) as outcome:  # a skip must not pass as a skipped test
        shared_file(*MISSING)
    assert outcome.type is pytest.fail.Exception
    assert str(outcome.value) == (
        f"{paths.ROOT.parent / 'shared' / 'reference' / 'no-such-file.tsv'} is absent: "
        "the shared reference folder is not beside this clone"
    )


def test_a_missing_shared_file_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(BaseException) as outcome:
        shared_file(*MISSING)
    assert outcome.type is pytest.skip.Exception


def test_ci_run_stops_without_the_shared_reference_folder(tmp_path):
    """A clone with no ../shared beside it: .ci/run names the folder and exits 2 before it
    installs or tests anything."""
    clone = tmp_path / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy(paths.ROOT / ".ci" / "run", clone / ".ci" / "run")
    done = subprocess.run(
        ["bash", str(clone / ".ci" / "run")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f".ci/run: {tmp_path}/shared/reference is missing: CI needs the shared reference "
        "folder beside this clone (the link, matching, GEXF schema and federated-query tests "
        "read it)\n"
    )
