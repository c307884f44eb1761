"""`roadmapkg serve`: an Oxigraph SPARQL server on 127.0.0.1 with the graph loaded."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import RoadmapError


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


def wait_until_ready(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    """Poll the query endpoint with ASK {} until it answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RoadmapError(f"the server stopped at start (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RoadmapError(f"the server at {url} did not answer within {seconds:g} s")


def start_oxigraph(location: Path, port: int, union_default_graph: bool = True) -> subprocess.Popen:
    """An Oxigraph server on 127.0.0.1:`port` over the store at `location`, once ready."""
    command = [oxigraph_binary(), "serve", "--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query", process)
    except BaseException:
        process.terminate()
        process.wait()
        raise
    return process


def bulk_load(location: Path, file: Path, graph: str | None) -> None:
    """Load `file` into `graph` (None: the default graph) of the store at `location`; fast,
    and only while no server holds the store."""
    command = [oxigraph_binary(), "load", "--location", str(location), "--file", str(file)]
    done = subprocess.run(
        command + (["--graph", graph] if graph else []), capture_output=True, text=True
    )
    if done.returncode:
        raise RoadmapError(f"{file}: oxigraph load failed: {done.stderr.strip().splitlines()[-1]}")


def serve(files: list[Path], port: int, graph: str) -> int:
    """Run the server until Ctrl-C; the data lives in a temporary folder removed at the end."""
    location = Path(tempfile.mkdtemp(prefix="roadmapkg-serve-"))
    try:
        for file in files:
            bulk_load(location, file, graph)
        process = start_oxigraph(location, port if port else free_port())
        base = process.args[process.args.index("--bind") + 1]
        print(f"SPARQL endpoint:  http://{base}/query")
        print(f"Graph Store:      http://{base}/store?graph={graph}")
        print(f"Query UI:         http://{base}/")
        print("Serving the roadmap graph (also the default graph). Stop with Ctrl-C.", flush=True)
        try:
            process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait(timeout=10)
            print("Stopped.")
            return 0
        raise RoadmapError(f"the server stopped (exit code {process.returncode})")
    finally:
        shutil.rmtree(location, ignore_errors=True)
