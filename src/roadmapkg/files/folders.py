"""Output folders: one roadmapkg run writes into a folder at a time (an exclusive lock), what
interrupted runs left there is cleared, and a whole folder (the site, synth's sources) is written
beside its target and swapped in, so that the next run can finish a swap a crash interrupted."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .. import paths
from ..errors import RoadmapError, cannot_write
from .interrupts import deferred

RANDOM = "[a-z0-9_]{8}"  # the random part of the names `tempfile` makes


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` (`flock` on the folder itself, so no lock file is left
    behind): another roadmapkg run writing there waits, saying so on stderr, until it is free."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"roadmapkg: {paths.display(folder)} is being written by another roadmapkg run: "
                "waiting for it to finish",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def leftovers(folder: Path, name: str, kind: str = "") -> list[Path]:
    """What interrupted runs left beside `name` in `folder`: temporary files
    ``.NAME.XXXXXXXX.SUFFIX``, or with `kind` (new, old) folders ``.NAME.KIND.XXXXXXXX``. Only
    safe to remove under the folder's lock: a live run holds it while its temporaries exist."""
    middle = f"{re.escape(kind)}\\." if kind else ""
    suffix = f"(?:{re.escape(Path(name).suffix)})?" if Path(name).suffix else ""
    pattern = re.compile(f"\\.{re.escape(name)}\\.{middle}{RANDOM}{suffix}")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None


@contextlib.contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """A new folder beside `target` to write into. Leaving the block without an error swaps it
    in for `target` (whose earlier content is removed); with one, it is removed. The parent
    folder is locked meanwhile, and an interrupted earlier swap is finished first. An OSError
    while writing is raised as a one-line error naming the file of `target` it was for."""
    parent = target.parent
    make_folder(parent)
    with locked(parent):
        staging = None
        try:
            recover(target)
            staging = temporary_folder(target, "new")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; the output is not
            yield staging
            swap(staging, target)
        except OSError as exc:
            raise failed_write(exc, {staging: target} if staging else {}, target) from None
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)


def failed_write(exc: OSError, temporary: dict[Path, Path], where: Path) -> Exception:
    """`exc` raised while writing `temporary` files or folders in place of their targets, as
    a one-line error naming the target (or `where`, when the error names no file). An error
    naming another file (an input) is returned as it is."""
    if not exc.filename:
        return cannot_write(where, exc)
    for name in (exc.filename, exc.filename2):  # a copy names its destination second
        failed = Path(os.fsdecode(name)) if name else None
        for tmp, target in temporary.items():
            if failed and failed.is_relative_to(tmp):
                return cannot_write(target / failed.relative_to(tmp), exc)
    return exc


def temporary_folder(target: Path, kind: str) -> Path:
    """A new folder ``.NAME.KIND.XXXXXXXX`` beside `target`."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}.", dir=target.parent))
    except OSError as exc:
        raise cannot_write(target, exc) from None


def swap(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is: two renames no signal comes between. A crash between
    them leaves the old folder in ``.NAME.old.XXXXXXXX``, which `recover` puts back."""
    old = None
    with deferred():
        if target.exists():
            old = temporary_folder(target, "old")
            os.replace(target, old / target.name)
        os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old)


def recover(target: Path) -> None:
    """Finish what interrupted runs left beside `target` (call under the parent's lock): a
    folder moved aside whose replacement never came is put back; the rest is removed."""
    for old in leftovers(target.parent, target.name, "old"):
        moved = old / target.name
        if moved.is_dir() and not target.exists():
            os.replace(moved, target)
            print(
                f"roadmapkg: put back {paths.display(target)}, which an interrupted run had "
                "moved aside",
                file=sys.stderr,
            )
        shutil.rmtree(old)
    for new in leftovers(target.parent, target.name, "new"):
        shutil.rmtree(new)


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused (`RoadmapError`) when it would resolve outside `folder` (an
    absolute name, ``..``, a symbolic link leading out). The site writes each of its files,
    named after the entities of a user's graph, through this."""
    path = folder / name
    root = folder.resolve()
    resolved = path.resolve()
    if Path(name).is_absolute() or resolved == root or not resolved.is_relative_to(root):
        raise RoadmapError(f"{name}: would be written outside {paths.display(folder)}: refused")
    return path
