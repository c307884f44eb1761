"""The Makefile's targets are the ones `make help` (and plain `make`) lists."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers.outside import require_binary
from roadmapkg import paths


def make(*args: str) -> str:
    command = [require_binary("make"), "-s", "--no-print-directory", *args]
    return subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True).stdout


@pytest.mark.binary
def test_plain_make_lists_every_target_instead_of_only_creating_the_venv():
    """Regression: plain `make` only created .venv, and nothing listed the targets."""
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY: (.*)$", makefile, re.M).group(1).split()
    listed = make()
    assert listed == make("help")
    assert [line.split(":")[0] for line in listed.splitlines() if not line.startswith(" ")] == phony
