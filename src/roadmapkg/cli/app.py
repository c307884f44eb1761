"""The `roadmapkg` command: its parser, made of each verb family's commands, and the mapping of
every error to one line and an exit code."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback

from ..errors import BUG, EXIT_CODES, INPUT, INTERRUPTED, OK, Interrupted, RoadmapError, one_line
from ..files.interrupts import interruptible
from . import graph, imports, links, query, store, write


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("roadmapkg")
    except PackageNotFoundError:
        return "unknown"


def exit_codes() -> str:
    """The exit codes, for the end of `roadmapkg --help`."""
    lines = [f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()]
    return "exit codes:\n" + "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The parser of every command, each calling its `cmd_` function."""
    main = argparse.ArgumentParser(
        prog="roadmapkg",
        description="Build, validate and describe the knowledge graph of the EU Roadmap to\n"
        "fight drug trafficking and organised crime (October 2023).",
        epilog=exit_codes(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"roadmapkg {installed_version()}")
    main.add_argument(
        "--debug",
        action="store_true",
        help="print the traceback of an unexpected error (a bug; also ROADMAPKG_DEBUG=1)",
    )
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for family in (graph, query, store, write, imports, links):
        family.add_commands(sub)
    return main


def main(argv: list[str] | None = None) -> int:
    with interruptible():
        try:
            args = parser().parse_args(argv)
            return run(args)
        except Interrupted as exc:
            stopped = "interrupted" if exc.signum == signal.SIGINT else "stopped by SIGTERM"
            print(f"roadmapkg: {stopped}", file=sys.stderr)
            return 128 + exc.signum
        except KeyboardInterrupt:  # Ctrl-C with Python's own handler (before ours was set)
            print("roadmapkg: interrupted", file=sys.stderr)
            return INTERRUPTED


def run(args: argparse.Namespace) -> int:
    """Run the command, mapping every error to one line on stderr and an exit code."""
    command = f"roadmapkg {args.command}"
    try:
        code = args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like
        quiet_stdout()
        return OK
    except RoadmapError as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the system refused: a file named by the error, or the output
        quiet_stdout()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{command}: {where}{exc.strerror or one_line(exc)}", file=sys.stderr)
        return INPUT
    except Exception as exc:
        if getattr(args, "debug", False) or os.environ.get("ROADMAPKG_DEBUG"):
            traceback.print_exc()
        print(
            f"{command}: unexpected error (a bug in roadmapkg, please report it): "
            f"{type(exc).__name__}: {one_line(exc)} (rerun with --debug for the traceback)",
            file=sys.stderr,
        )
        return BUG
    try:
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except BrokenPipeError:
        quiet_stdout()
    except OSError as exc:
        quiet_stdout()
        print(f"{command}: standard output: cannot write: {exc.strerror}", file=sys.stderr)
        return INPUT
    return code


def quiet_stdout() -> None:
    """Point stdout at /dev/null if it cannot take what is left in its buffer, so exiting does
    not print a second error."""
    try:
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
