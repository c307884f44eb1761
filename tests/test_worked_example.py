"""The README's worked example ("add a seizure"), followed step by step as written there on a
copy of the repository: the build, `roadmapkg expected --check` and `--update`, the hand-written
answers changed as the README shows, and then the query tests, which pass there."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.outside import SHARED
from roadmapkg import paths

pytestmark = pytest.mark.slow

ROADMAPKG = Path(sys.executable).parent / "roadmapkg"


def worked_example() -> tuple[str, str, str]:
    """The source row, the seizure row and the changes to the hand-written answers, as the
    README's worked example gives them."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Worked example: add a seizure")[1].split("\n## ")[0]
    source, seizure = re.findall(r"```csv\n(.*?)```", section, re.S)
    [changes] = re.findall(r"```diff\n(.*?)```", section, re.S)
    return source, seizure, changes


def copy_repository(target: Path) -> None:
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=paths.ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        origin, copy = paths.ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            copy.symlink_to(os.readlink(origin))
        elif origin.is_file():
            shutil.copy2(origin, copy)


def change_hand_answers(folder: Path, changes: str) -> None:
    """Apply the README's changes: `# file` names a file, `-row` goes, `+row` comes (a `+#`
    line is a comment, kept with the others at the top); the rows stay sorted."""
    edits: dict[str, list[str]] = {}
    current = ""
    for line in changes.splitlines():
        if line.startswith("# "):
            current = line[2:].strip()
        else:
            edits.setdefault(current, []).append(line)
    for name, lines in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8").splitlines()
        comments = [line for line in text if line.startswith("#")]
        header, *rows = [line for line in text if not line.startswith("#")]
        for edit in lines:
            if edit.startswith("+#"):
                comments.append(edit[1:])
            elif edit.startswith("+"):
                rows.append(edit[1:])
            else:
                assert edit.startswith("-") and edit[1:] in rows, (name, edit)
                rows.remove(edit[1:])
        path.write_text("\n".join([*comments, header, *sorted(rows)]) + "\n", encoding="utf-8")


def run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ROADMAPKG_HOME=str(copy), ROADMAPKG_SHARED=str(SHARED))
    return subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=600)


def test_the_worked_example_leaves_the_query_tests_green(tmp_path):
    copy = tmp_path / "roadmapkg"
    copy_repository(copy)
    source, seizure, changes = worked_example()
    for name, row in (("sources.csv", source), ("seizures.csv", seizure)):
        with (copy / "data" / "sources" / name).open("a", encoding="utf-8") as handle:
            handle.write(row)
    built = run(copy, str(ROADMAPKG), "build")
    assert built.returncode == 0, built.stderr
    assert "seizure/algeciras-2024-03" in (copy / "data" / "roadmap.ttl").read_text("utf-8")
    checked = run(copy, str(ROADMAPKG), "expected", "--check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "rk:Seizure: 17 -> 18 (at least 17: holds)" in checked.stdout
    assert run(copy, str(ROADMAPKG), "expected", "--update").returncode == 0
    assert run(copy, str(ROADMAPKG), "expected", "--check").returncode == 0
    change_hand_answers(copy, changes)
    tests = run(copy, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                "tests/test_queries.py")  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-3000:]
