"""The exceptions users see, each mapped to an exit code by the CLI, and the exit codes."""

from __future__ import annotations

import signal
from pathlib import Path

from . import paths

# The exit codes of `roadmapkg` (README "Command line", `roadmapkg --help`)
OK = 0
NOT_CONFORMING = 1  # the graph violates the shapes (or a link check found problems)
INPUT = 2  # a source, input, output or query error: one line naming the file and cause
ENDPOINT = 3  # a SPARQL endpoint cannot answer
BUG = 70  # an unexpected error: a bug in roadmapkg (EX_SOFTWARE of sysexits.h)
INTERRUPTED = 128 + signal.SIGINT  # 130: Ctrl-C
TERMINATED = 128 + signal.SIGTERM  # 143: SIGTERM (a plain `kill`)
EXIT_CODES = {
    OK: "success",
    NOT_CONFORMING: "the graph does not conform to the shapes (or links check found problems)",
    INPUT: "a source, input, output (disk full, read-only) or query error",
    ENDPOINT: "an endpoint that cannot answer",
    BUG: "an unexpected error, a bug: --debug (or ROADMAPKG_DEBUG=1) shows its traceback",
    INTERRUPTED: "interrupted by Ctrl-C (SIGINT)",
    TERMINATED: "stopped by SIGTERM",
}


class RoadmapError(Exception):
    """A user-facing error: printed without a traceback (one line, except a SHACL report)."""

    exit_code = INPUT


class SourceError(RoadmapError):
    """A problem in a curated source file, located by file, line and field."""

    def __init__(self, path: str, line: int, field: str, message: str) -> None:
        self.path, self.line, self.field = path, line, field
        location = f"{path}:{line}" if line else path
        super().__init__(f"{location}: {field}: {message}" if field else f"{location}: {message}")


class NotConforming(RoadmapError):
    """The graph violates the SHACL shapes."""

    exit_code = NOT_CONFORMING


class Interrupted(KeyboardInterrupt):
    """A signal that stops the command (SIGINT or SIGTERM), raised where the program is, so
    that temporary files are removed on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def one_line(exc: BaseException) -> str:
    """An exception's message with its line breaks and runs of spaces folded."""
    return " ".join(str(exc).split())


def yaml_problem(exc: Exception) -> tuple[int, str]:
    """The line (1-based; 0 when not known) and the one-line problem of a PyYAML error (whose
    text spans several lines)."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark else 0), getattr(exc, "problem", None) or one_line(exc)


def cannot_write(path: Path, exc: OSError) -> RoadmapError:
    """The one-line error for an output that could not be written (disk full, read-only)."""
    return RoadmapError(f"{paths.display(path)}: cannot write: {exc.strerror or one_line(exc)}")
