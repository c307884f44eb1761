"""The command line: help everywhere, a summary of the graph, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from roadmapkg import paths
from roadmapkg.cli import main, parser

COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


def test_every_command_is_in_the_readme():
    assert COMMANDS == ["build", "queries", "query", "run-queries", "summary", "validate"]
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"roadmapkg {command} " in readme or f"roadmapkg {command}\n" in readme, command


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: roadmapkg {' '.join(command)}".rstrip())


def test_console_script_runs_as_a_module():
    done = subprocess.run(
        [sys.executable, "-m", "roadmapkg.cli", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "build" in done.stdout


def test_summary_counts_classes_and_evidence_bases(capsys):
    assert main(["summary"]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    counts = {w[0]: int(w[1]) for w in lines if len(w) == 2 and w[1].isdigit()}
    assert counts["rk:Pillar"] == 4
    assert counts["rk:Action"] == 9
    assert counts["rk:KeyFigure"] == 6
    assert counts["rk:Seizure"] >= 2
    assert counts["rk:Operation"] == 1
    assert {"rk:Stated", "rk:Clarification", "rk:CuratedInference"} <= counts.keys()
    assert counts["rk:CuratedInference"] == 22


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err
