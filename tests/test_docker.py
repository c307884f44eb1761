"""The Dockerfile builds an image whose `roadmapkg` runs the same as the checkout's. Docker's
engine is not on every machine (this project's own CI has only the client): the test runs where
`docker info` answers and skips otherwise, as the issue that asked for the image allows."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers.npm import npm_files
from roadmapkg import paths
from roadmapkg.cli.app import main


def docker() -> str:
    found = shutil.which("docker")
    if found is None or subprocess.run([found, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker engine answers here (docker info)")
    return found


@pytest.mark.slow
def test_the_image_answers_a_saved_query_as_the_checkout_does(capsys):
    binary = docker()
    tag = "roadmapkg-test"
    subprocess.run([binary, "build", "-q", "-t", tag, paths.ROOT], check=True, capture_output=True)
    try:
        done = subprocess.run(
            [binary, "run", "--rm", tag, "query", "key-figures", "--format", "csv"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert main(["query", "key-figures", "--format", "csv"]) == 0
        assert done.stdout.splitlines() == capsys.readouterr().out.splitlines()
    finally:
        subprocess.run([binary, "rmi", "-f", tag], capture_output=True)


def copied_by_dockerfile() -> set[str]:
    """The paths the Dockerfile's COPY instructions put under /src/node_modules/."""
    copied = set()
    for line in (paths.ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY "):
            *sources, target = line.split()[1:]
            for source in sources:
                name = source.rsplit("/", 1)[-1] if target.endswith("/") else ""
                copied.add((target + name).removeprefix("/src/"))
    return copied


def test_the_image_gets_every_npm_file_the_package_ships():
    """Regression: the Dockerfile copied cytoscape.js only, so the image's `site` failed on the
    missing npm files of the SPARQL page, the timeline and the map (runs without Docker)."""
    wanted = {f"node_modules/{package}/{name}" for package, name in npm_files()}
    assert wanted - copied_by_dockerfile() == set()
