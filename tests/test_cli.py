"""The command line: help everywhere, a summary of the graph, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import from_sources
from roadmapkg import paths
from roadmapkg.cli.app import main, parser

COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


def test_every_command_is_in_the_readme():
    assert COMMANDS == [
        "build", "expected", "export", "import", "links", "load", "queries", "query",
        "run-queries", "serve", "site", "summary", "synth", "validate",
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


HEAVY = ("rdflib", "pyoxigraph")


@pytest.mark.parametrize(
    "code",
    [
        "import roadmapkg",
        "from roadmapkg.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
        "from roadmapkg.cli import main\ntry:\n    main(['query', '--help'])\nexcept SystemExit:\n"
        "    pass",
    ],
    ids=["import", "help", "query-help"],
)
def test_import_and_help_load_no_rdf_library(code):
    """`import roadmapkg` and `roadmapkg --help` start fast: neither rdflib nor pyoxigraph is
    imported until a command needs it (a fresh interpreter, so no other test's imports count)."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_lazy_api_names_load_on_first_use():
    probe = (
        "import sys, roadmapkg\nassert 'rdflib' not in sys.modules\n"
        "print(roadmapkg.build_graph.__module__, 'rdflib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["roadmapkg.build.emit", "True"], done.stderr


def test_summary_counts_classes_and_evidence_bases(capsys):
    assert main(["summary"]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    counts = {w[0]: int(w[1]) for w in lines if len(w) == 2 and w[1].isdigit()}
    assert counts["rk:Pillar"] == 4
    assert counts["rk:Action"] == 9
    assert counts["rk:KeyFigure"] == 6
    assert counts["rk:Seizure"] >= 2
    assert counts["rk:Operation"] == 8  # EncroChat and 7 of ../shared/reference/operations.tsv
    assert {"rk:Stated", "rk:Clarification", "rk:CuratedInference"} <= counts.keys()
    # nodes and statements whose source is a curated inference, counted from the CSVs
    curated = [int(n) for b, _, n in from_sources.evidence_bases()[1:] if b == "CuratedInference"]
    assert counts["rk:CuratedInference"] == sum(curated)


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


def test_dash_output_of_export_is_standard_output(tmp_path, monkeypatch, capfdbinary):
    """Regression: `-o -` wrote a file named `-` in the working folder."""
    monkeypatch.chdir(tmp_path)
    file = tmp_path / "policy.graphml"
    assert main(["export", "--view", "policy", "--format", "graphml", "-o", str(file)]) == 0
    capfdbinary.readouterr()
    assert main(["export", "--view", "policy", "--format", "graphml", "-o", "-"]) == 0
    written = capfdbinary.readouterr()
    assert written.out == file.read_bytes()
    # the factsheet's 28 nodes and 36 edges, and the Action Plan 2026-2030 that builds on it
    assert written.err == b"View policy: 29 nodes, 37 edges: wrote standard output\n"
    assert not (tmp_path / "-").exists()


def test_dash_output_of_two_files_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--view", "policy", "--format", "csv", "-o", "-"]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg export: csv writes two files (entities and links): give a prefix, not '-'\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["run-queries"], ["site"], ["synth", "--events", "4000"]])
def test_dash_output_of_a_folder_is_a_usage_error(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([*command, "-o", "-"])
    assert exit_.value.code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith("argument -o/--output: a folder is needed: '-' (standard output) takes a file")
    )
    assert list(tmp_path.iterdir()) == []
