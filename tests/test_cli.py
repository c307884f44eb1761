"""The command line: help everywhere, a summary of the graph, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from roadmapkg import paths
from roadmapkg.cli import main, parser

COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


def test_every_command_is_in_the_readme():
    assert COMMANDS == [
        "build", "expected", "export", "links", "load", "queries", "query", "run-queries",
        "serve", "site", "summary", "synth", "validate",
    ]  # fmt: skip
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


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == "roadmapkg 0.1.0\n"


def test_build_refuses_an_output_that_is_not_turtle(tmp_path, capsys):
    target = tmp_path / "graph.rdf"
    assert main(["build", "--output", str(target)]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg build: --output must name a .ttl file (.jsonld and .nt go beside it): "
        f"{target}\n"
    )
    assert not list(tmp_path.iterdir())


def test_build_names_a_missing_sources_folder(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["build", "--sources", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg build: {missing}: no such folder of curated sources\n"
    )
