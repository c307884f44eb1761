"""The wheel carries the ontology, shapes, saved queries and committed graph: installed outside
the checkout, the command works from any folder without pointing anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from helpers.npm import npm_files
from roadmapkg import paths
from roadmapkg.cli.app import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment outside the checkout with the wheel built from it installed.
    Its dependencies are the test environment's own (a .pth line), so nothing is downloaded;
    roadmapkg itself comes from the wheel only."""
    root = tmp_path_factory.mktemp("installed")
    wheels = root / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, paths.ROOT],
        check=True,
        capture_output=True,
    )
    env = root / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    [wheel] = wheels.glob("roadmapkg-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel],
        check=True,
        capture_output=True,
    )
    return env


def run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`roadmapkg ARGS` of the environment `env`, with no variable pointing at the checkout."""
    return in_venv(env, "roadmapkg", *args, cwd=cwd)


def in_venv(env: Path, program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("ROADMAPKG_HOME", "PYTHONPATH")}
    return subprocess.run(
        [env / "bin" / program, *args], cwd=cwd, env=clean, capture_output=True, text=True
    )


def test_the_wheel_ships_the_files_the_package_reads(installed):
    """Regression: installed outside the checkout, it found no saved query, ontology or shapes."""
    [wheel] = (installed.parent / "wheels").glob("roadmapkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"roadmapkg/shipped/{path.relative_to(paths.ROOT)}"
        for pattern in ("ontology/**/*.ttl", "ontology/qc/*.rq", "queries/**/*.rq", "data/*.ttl")
        for path in paths.ROOT.glob(pattern)
    }
    assert len(shipped) > 40
    assert shipped <= names


def test_the_wheel_ships_the_npm_files_the_site_copies(installed):
    """The SPARQL page's engine and editor, the timeline, the map and its outlines, and the
    network view's cytoscape.js come from npm packages: the wheel carries them."""
    [wheel] = (installed.parent / "wheels").glob("roadmapkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"roadmapkg/shipped/npm/{package}/{name}" for package, name in npm_files()}
    wanted.remove("roadmapkg/shipped/npm/cytoscape/dist/cytoscape.min.js")
    assert wanted | {"roadmapkg/shipped/cytoscape.min.js"} <= names


def test_the_wheel_ships_every_template(installed):
    """Regression: a template of another suffix than the package data named (a .css the pages
    include) was left out of the wheel."""
    [wheel] = (installed.parent / "wheels").glob("roadmapkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = paths.ROOT / "src"
    templates = {
        path.relative_to(package).as_posix()
        for folder in ("site", "export")
        for path in (package / "roadmapkg" / folder / "templates").rglob("*")
        if path.is_file()
    }
    assert len(templates) > 15
    assert templates <= names


def test_installed_package_runs_a_saved_query_from_any_folder(installed, tmp_path, capsys):
    done = run(installed, "query", "key-figures", "--format", "csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert main(["query", "key-figures", "--format", "csv"]) == 0
    assert done.stdout.splitlines() == capsys.readouterr().out.splitlines()


def test_installed_package_uses_its_own_copy_not_the_checkout(installed, tmp_path):
    code = "from roadmapkg import paths; print(paths.ROOT, paths.QUERIES)"
    where = in_venv(installed, "python", "-c", code, cwd=tmp_path)
    root, queries = where.stdout.split()
    assert root.startswith(str(installed)) and root.endswith("roadmapkg/shipped")
    assert Path(queries, "key-figures.rq").is_file()


def test_installed_package_validates_its_shipped_graph(installed, tmp_path):
    done = run(installed, "validate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # the warnings: four policy documents without a CELEX number
    assert done.stdout.splitlines()[-1] == "Conforms: 0 violation(s), 4 warning(s)."


def test_installed_package_exports_a_view(installed, tmp_path):
    done = run(installed, "export", "--view", "policy", "--format", "graphml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exported = tmp_path / "out" / "diagrams" / "policy.graphml"
    reference = tmp_path / "reference.graphml"
    assert main(["export", "--view", "policy", "--format", "graphml", "-o", str(reference)]) == 0
    assert exported.read_bytes() == reference.read_bytes()


def test_installed_package_builds_into_the_working_folder(installed, tmp_path):
    done = run(installed, "build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "roadmap.ttl").read_bytes() == paths.GRAPH.read_bytes()
