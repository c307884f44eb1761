"""Real SPARQL servers for integration tests, started on 127.0.0.1 on free ports and stopped
afterwards: Oxigraph (PyPI `oxigraph`) and Virtuoso 7 (Debian `virtuoso-opensource-7-bin`),
each with a private database in a temporary folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.outside import require_binary, shared_file
from roadmapkg.store.server import bulk_load, free_port, oxigraph_binary, start_oxigraph

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/vsp
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass
class Server:
    name: str
    query: str  # SPARQL query endpoint
    store: str  # Graph Store Protocol endpoint that takes writes
    user: str | None = None
    password: str | None = None

    def credentials(self) -> list[str]:
        return ["--user", self.user, "--password", self.password] if self.user else []


@dataclass
class Served:
    """A running `roadmapkg serve`: its process, base URL and last banner line; once stopped,
    what it printed at the end."""

    process: subprocess.Popen
    base: str
    banner: str
    ui: str  # the query UI with the saved queries
    output: str = ""


@contextlib.contextmanager
def serving(*flags: str) -> Iterator[Served]:
    """`roadmapkg serve --port 0 FLAGS` in a process of its own, stopped with Ctrl-C (SIGINT)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "roadmapkg.cli", "serve", "--port", "0", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        first = process.stdout.readline()
        started = first.startswith("SPARQL endpoint:  http://127.0.0.1:")
        assert started, first + process.stderr.read()
        lines = [process.stdout.readline().strip() for _ in range(3)]
        base, ui = first.split()[-1].removesuffix("/query"), lines[1].split()[2]
        served = Served(process, base, lines[2], ui)
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    served.output = out


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    oxigraph_binary()  # a dependency of roadmapkg: installed by `make test`
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    # writable (the load tests), and fetching (the federated queries call the authority server)
    process = start_oxigraph(
        location, port, union_default_graph=False, allow_update=True, allow_network=True
    )
    base = f"http://127.0.0.1:{port}"
    yield Server("oxigraph", f"{base}/query", f"{base}/store")
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def authority_server(tmp_path_factory):
    """A second Oxigraph server standing in for the EU Publications Office endpoint: the
    corporate-body and country authority tables in its default graph."""
    location = tmp_path_factory.mktemp("authority")
    for name in ("corporate-body", "country-20221214"):
        bulk_load(location, shared_file("reference", "eu-authority-tables", f"{name}.rdf"), None)
    port = free_port()
    process = start_oxigraph(location, port, union_default_graph=False)
    base = f"http://127.0.0.1:{port}"
    yield Server("authority tables", f"{base}/query", f"{base}/store")
    process.terminate()
    process.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with code {process.returncode} at start")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"Virtuoso did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    binary = require_binary("virtuoso-t")
    folder: Path = tmp_path_factory.mktemp("virtuoso")
    (folder / "vsp").mkdir()
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", process)
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth", "dba", "dba")
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
