"""The exceptions users see, each mapped to an exit code by the CLI."""

from __future__ import annotations


class RoadmapError(Exception):
    """A user-facing error: printed without a traceback (one line, except a SHACL report)."""

    exit_code = 2


class SourceError(RoadmapError):
    """A problem in a curated source file, located by file, line and field."""

    def __init__(self, path: str, line: int, field: str, message: str) -> None:
        self.path, self.line, self.field = path, line, field
        location = f"{path}:{line}" if line else path
        super().__init__(f"{location}: {field}: {message}" if field else f"{location}: {message}")


class NotConforming(RoadmapError):
    """The graph violates the SHACL shapes."""

    exit_code = 1


def one_line(exc: BaseException) -> str:
    """An exception's message with its line breaks and runs of spaces folded."""
    return " ".join(str(exc).split())
