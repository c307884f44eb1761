"""Atomic writes: every file goes to a temporary sibling first and is renamed into place only
when all of them are written, so nothing already written is lost."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import RoadmapError, cannot_write
from .folders import failed_write, leftovers, locked, make_folder
from .interrupts import deferred

STDOUT = Path("-")  # an output named `-` is standard output


@contextlib.contextmanager
def staged(targets: Iterable[Path]) -> Iterator[dict[Path, Path]]:
    """Temporary siblings to write `targets` into; on leaving without an error they are renamed
    into place, all of them (no signal comes between the renames), else deleted, leaving the
    previous files untouched. The targets' folders are locked meanwhile (another run writing
    there waits), and temporaries that interrupted runs left beside the targets are removed.
    An OSError while writing (disk full, read-only) is raised as a one-line `RoadmapError`."""
    temporary: dict[Path, Path] = {}
    targets = list(targets)
    folders = sorted({p.parent for p in targets})
    created = sorted({p for p in folders if not p.exists()}, reverse=True)
    umask = os.umask(0)
    os.umask(umask)
    done = False
    with contextlib.ExitStack() as locks:
        try:
            for folder in folders:
                make_folder(folder)
                locks.enter_context(locked(folder))
            for path in targets:
                for stale in leftovers(path.parent, path.name):
                    stale.unlink()
                temporary[path] = temporary_file(path)
                os.chmod(temporary[path], 0o666 & ~umask)  # mkstemp makes it private
            yield temporary
            with deferred():
                for path, tmp in temporary.items():
                    os.replace(tmp, path)
            done = True
        except OSError as exc:
            written = {tmp: path for path, tmp in temporary.items()}
            raise failed_write(exc, written, folders[0]) from None
        finally:
            for tmp in temporary.values():
                tmp.unlink(missing_ok=True)
            for folder in created if not done else ():
                with contextlib.suppress(OSError):  # not empty: something else wrote there
                    folder.rmdir()


def temporary_file(path: Path) -> Path:
    """A new empty file ``.NAME.XXXXXXXX.SUFFIX`` beside `path` (the suffix kept, so a reader
    that goes by it, as pySHACL's loader does, reads its format)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    os.close(fd)
    return Path(tmp)


def write_output(files: dict[Path, bytes]) -> None:
    """Write `files` atomically, or the one file named `-` to standard output."""
    if STDOUT not in files:
        write_atomically(files)
    elif len(files) == 1:
        sys.stdout.buffer.write(files[STDOUT])
        sys.stdout.flush()
    else:
        raise RoadmapError("this output is several files: '-' (standard output) takes one")


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    with staged(files) as temporary:
        for path, content in files.items():
            temporary[path].write_bytes(content)
