"""The `roadmapkg` command: one module per verb family, each parsing arguments and calling
the library."""

from .app import main

__all__ = ["main"]
