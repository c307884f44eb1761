"""What lies outside the repository: the shared reference folder beside the clone and the
system programs some tests run. Without them a test skips, saying why, or fails when CI=true."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from roadmapkg import paths

# ROADMAPKG_SHARED names it elsewhere (make mutation runs the tests in a copy, mutants/)
SHARED = Path(os.environ.get("ROADMAPKG_SHARED") or paths.ROOT.parent / "shared")


def shared_file(*parts: str) -> Path:
    """A file under ../shared/ (absent from a user's clone): skip without it, but fail when
    CI=true, where .ci/run needs ../shared/reference beside the clone."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(f"{path} is absent: the shared reference folder is not beside this clone")
    return path


def require_binary(name: str) -> str:
    """The path of a system program; skip without it, but fail when CI=true."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not installed (Debian package; .ci/run installs it)")
    return found


def missing(message: str) -> NoReturn:
    """Skip the test for want of something outside the repository, or fail when CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
