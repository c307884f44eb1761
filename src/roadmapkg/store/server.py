"""`roadmapkg serve`: an Oxigraph SPARQL server on 127.0.0.1 with the graph loaded."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from ..errors import RoadmapError
from .confine import child_limits


def oxigraph_binary() -> str:
    """The `oxigraph` program of the PyPI package, beside this Python or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise RoadmapError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, log, seconds: float = 20.0) -> None:
    """Poll the query endpoint with ASK {} until it answers; `log` holds the server's stderr."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            error = log.read().decode(errors="replace").strip().splitlines()
            reason = f": {error[0]}" if error else ""
            raise RoadmapError(
                f"the server stopped at start (exit code {process.returncode}){reason}"
            )
        try:
            with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RoadmapError(f"the server at {url} did not answer within {seconds:g} s")


def start_oxigraph(
    location: Path,
    port: int,
    union_default_graph: bool = True,
    allow_update: bool = False,
    allow_network: bool = False,
) -> subprocess.Popen:
    """An Oxigraph server on 127.0.0.1:`port` over the store at `location`, once ready. It is
    read-only (`oxigraph serve-read-only`: no SPARQL update, no Graph Store writes) unless
    `allow_update`, cannot fetch URLs (SERVICE, LOAD) unless `allow_network`, and is killed
    when the thread that started it ends (Linux; see `confine`)."""
    mode = "serve" if allow_update else "serve-read-only"
    command = [oxigraph_binary(), mode, "--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    limits = child_limits(allow_network)
    # a file, not a pipe: a long-running server never blocks on it; it lives as long as the server
    log = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=limits
        )
    except subprocess.SubprocessError:  # what `limits` raised in the child
        raise RoadmapError("cannot start the server with its limits (prctl failed)") from None
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query", process, log)
    except BaseException:
        process.terminate()
        process.wait()
        raise
    return process


def bulk_load(location: Path, file: Path, graph: str | None) -> None:
    """Load `file` into `graph` (None: the default graph) of the store at `location`; fast,
    and only while no server holds the store."""
    from ..rdf.load import checked_format

    checked_format(file)  # refuses what oxigraph cannot read, with a clear message
    command = [oxigraph_binary(), "load", "--location", str(location), "--file", str(file)]
    done = subprocess.run(
        command + (["--graph", graph] if graph else []), capture_output=True, text=True
    )
    if done.returncode:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        reason = next((line for line in lines if "rror" in line), lines[0] if lines else "")
        raise RoadmapError(f"{file}: oxigraph load failed: {reason}")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stop_on_sigterm() -> None:
    """Treat SIGTERM (a plain `kill`) like Ctrl-C, so the server is stopped and cleaned up."""

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def store_folder() -> Path:
    """A new temporary folder for the server's store, named after this process. Folders left
    by a `roadmapkg serve` killed outright (whose process is gone) are removed first."""
    for old in Path(tempfile.gettempdir()).glob("roadmapkg-serve-*-*"):
        pid = old.name.split("-")[2]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"roadmapkg-serve-{os.getpid()}-"))


def serve(
    files: list[Path],
    port: int,
    graph: str,
    allow_update: bool = False,
    allow_network: bool = False,
    start_ui: Callable[[str], ThreadingHTTPServer] | None = None,
) -> int:
    """Run the server until Ctrl-C; the data lives in a temporary folder removed at the end.
    Read-only and off the network unless asked (see `start_oxigraph`). `start_ui`, given the
    server's ``http://127.0.0.1:PORT``, starts a query UI beside it (`site.queryui`)."""
    if not 0 <= port <= 65535:
        raise RoadmapError(f"--port: not a port number: {port}")
    if port and not port_is_free(port):
        raise RoadmapError(f"port {port} on 127.0.0.1 is in use: choose another with --port")
    stop_on_sigterm()
    location = store_folder()
    try:
        for file in files:
            bulk_load(location, file, graph)
        process = start_oxigraph(
            location, port or free_port(), allow_update=allow_update, allow_network=allow_network
        )
        base = process.args[process.args.index("--bind") + 1]
        ui = start_ui(f"http://{base}") if start_ui else None
        print(f"SPARQL endpoint:  http://{base}/query")
        print(f"Graph Store:      http://{base}/store?graph={graph}")
        if ui is None:
            print(f"Query UI:         http://{base}/")
        else:
            print(
                f"Query UI:         http://127.0.0.1:{ui.server_port}/ (the saved queries and "
                f"prefixes preloaded; Oxigraph's own: http://{base}/)"
            )
        access = "read-write" if allow_update else "read-only"
        fetches = "may fetch URLs" if allow_network else "fetches no URL"
        print(
            f"Serving the roadmap graph (also the default graph), {access}, {fetches}. "
            "Stop with Ctrl-C.",
            flush=True,
        )
        try:
            process.wait()
        except KeyboardInterrupt:
            if ui is not None:
                ui.shutdown()
            process.terminate()
            process.wait(timeout=10)
            print("Stopped.")
            return 0
        raise RoadmapError(f"the server stopped (exit code {process.returncode})")
    finally:
        shutil.rmtree(location, ignore_errors=True)
