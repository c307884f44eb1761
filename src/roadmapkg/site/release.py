"""The release: its version, date and data licence, kept in one place, `pyproject.toml`.

The version is ``[project] version``; the date of the release (``dct:modified`` of the dataset
description) is ``[tool.roadmapkg] released``, an explicit date rather than the clock, so the
same sources give the same site, byte for byte."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from .. import paths
from ..errors import RoadmapError

PYPROJECT = paths.PYPROJECT


@cache
def _project(path: Path = PYPROJECT) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RoadmapError(f"{path}: cannot read the version ({exc.__class__.__name__})") from None


def version(path: Path = PYPROJECT) -> str:
    """``[project] version``, such as ``0.1.0``."""
    return str(_project(path)["project"]["version"])


def released(path: Path = PYPROJECT) -> date:
    """``[tool.roadmapkg] released``: the date of the release (a TOML date)."""
    value = _project(path).get("tool", {}).get("roadmapkg", {}).get("released")
    if not isinstance(value, date):
        raise RoadmapError(f"{path}: [tool.roadmapkg] released must be a date (YYYY-MM-DD)")
    return value


def data_licence(path: Path = PYPROJECT) -> str:
    """``[tool.roadmapkg] data-licence``: the IRI of the data's licence (LICENSE-DATA.md)."""
    value = _project(path).get("tool", {}).get("roadmapkg", {}).get("data-licence")
    if not isinstance(value, str) or not value.startswith("https://"):
        raise RoadmapError(f"{path}: [tool.roadmapkg] data-licence must be the licence's IRI")
    return value
