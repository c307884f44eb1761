"""w3id/.htaccess: its redirects checked against the site's files, and tried in a real Apache."""

from __future__ import annotations

import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from helpers.outside import require_binary
from roadmapkg import paths
from roadmapkg.rdf.namespaces import BASE
from roadmapkg.site import release
from roadmapkg.site.entities import is_entity, page_path

pytestmark = pytest.mark.slow

HTACCESS = paths.ROOT / "w3id" / ".htaccess"
RULE = re.compile(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]$")
COND = re.compile(r"^RewriteCond\s+%\{HTTP_ACCEPT\}\s+(\S+)(\s+\[NC\])?$")
SET_HOST = re.compile(r"^RewriteRule \^ - \[E=ROADMAPKG_SITE:(\S+)\]$", re.M)


def redirect(path: str, accept: str) -> tuple[int, str]:
    """Where w3id/.htaccess sends a request for https://w3id.org/roadmapkg/PATH with this
    Accept header: mod_rewrite's rules in order, each with the conditions just before it, the
    E= flag setting a variable that %{ENV:NAME} reads."""
    conditions: list[re.Pattern] = []
    env: dict[str, str] = {}
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if COND.match(line):
            pattern, nocase = COND.match(line).groups()
            conditions.append(re.compile(pattern, re.IGNORECASE if nocase else 0))
        elif RULE.match(line):
            pattern, target, flags = RULE.match(line).groups()
            found = re.search(pattern, path)
            if found and all(c.search(accept) for c in conditions):
                if target == "-":
                    name, value = re.fullmatch(r"E=(\w+):(\S+)", flags).groups()
                    env[name] = value
                else:
                    status = int(re.search(r"R=(\d+)", flags).group(1))
                    target = re.sub(r"%\{ENV:(\w+)\}", lambda m: env[m.group(1)], target)
                    groups = lambda m, f=found: f.group(int(m.group(1))) or ""  # noqa: E731
                    return status, re.sub(r"\$(\d)", groups, target)
            conditions = []
    raise AssertionError(f"no rule for {path}")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOST = SET_HOST.search(HTACCESS.read_text(encoding="utf-8")).group(1) + "/"
VERSION = f"ontology/{release.version()}"
# (path under https://w3id.org/roadmapkg/, Accept header, status, path on the site's host)
CASES = [
    *[("id/actor/europol", accept, 303, f"id/actor/europol{suffix}") for accept, suffix in (
        (BROWSER, ".html"), ("text/html", ".html"), ("*/*", ".html"), ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"), ("application/n-triples", ".nt"),
        ("text/turtle;q=1.0, */*;q=0.1", ".ttl"), ("Text/Turtle", ".ttl"),
        ("text/turtle;q=0.5, text/html", ".ttl"),
        # q=0 means "not acceptable": the type does not count (Turtle was sent regardless)
        ("text/turtle;q=0, text/html", ".html"), ("text/turtle; Q = 0.000 ,text/html", ".html"),
        ("text/turtle;charset=utf-8;q=0, application/ld+json", ".jsonld"),
        ("application/ld+json;q=0,application/n-triples", ".nt"),
        ("application/n-triples;q=0.0", ".html"), ("text/turtlish", ".html"),
    )],
    # a file named with its suffix passes through (it once became europol.ttl.html)
    ("id/actor/europol.ttl", BROWSER, 302, "id/actor/europol.ttl"),
    ("id/actor/europol.html", "text/turtle", 302, "id/actor/europol.html"),
    ("id/key-figure/organised-crime-profit/quantity.nt", BROWSER, 302,
        "id/key-figure/organised-crime-profit/quantity.nt"),
    *[(iri, accept, 303, f"{folder}/roadmap{suffix}")
      for iri, folder in (("ontology", "ontology"), (VERSION, VERSION))
      for accept, suffix in ((BROWSER, ".html"), ("text/turtle", ".ttl"),
                             ("application/ld+json", ".jsonld"), ("application/n-triples", ".nt"),
                             ("text/turtle;q=0, text/html", ".html"))],
    ("shapes", BROWSER, 303, "ontology/shapes.ttl"),
    ("dcat-ap-shapes", "text/turtle", 303, "ontology/dcat-ap-shapes.ttl"),
    ("sparql", "application/sparql-results+json", 307, "sparql"),  # a query POSTed stays POST
    *[(path, BROWSER, 302, path) for path in (
        "", "dataset.ttl", "data/roadmap.ttl", "data/roadmap.jsonld", "data/roadmap.nt",
        "ontology/context.jsonld", "ontology/roadmap.html", "entities.html",
    )],
]  # fmt: skip


@pytest.mark.parametrize(("path", "accept", "status", "target"), CASES)
def test_w3id_sends_each_request_to_a_file_of_the_site(site, path, accept, status, target):
    assert redirect(path, accept) == (status, HOST + target)
    if target != "sparql":  # served by a SPARQL site_server behind the host, not by the site
        assert (site / (target or "index.html")).is_file(), target


def test_w3id_resolves_every_entity(site, data, description):
    entities = {t for g in (data, description) for s in g.subjects() if is_entity(t := s)}
    for iri in sorted(entities):
        for accept, suffix in (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"),
                               ("application/n-triples", ".nt"), (BROWSER, ".html")):  # fmt: skip
            status, target = redirect(str(iri)[len(BASE) :], accept)
            assert (status, target) == (303, HOST + page_path(iri, suffix)), (iri, accept)
            assert (site / target[len(HOST) :]).is_file(), (iri, accept)


def test_w3id_names_the_host_once_and_the_readme_says_it_is_a_placeholder():
    text = HTACCESS.read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert sum(HOST.rstrip("/") in line for line in rules) == 1  # the E=ROADMAPKG_SITE line
    assert all("%{ENV:ROADMAPKG_SITE}/" in line for line in rules if " [R=" in line)
    assert HOST == "https://roadmapkg.example.org/"  # until the site has a home
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "a placeholder, `https://roadmapkg.example.org`" in readme
    assert "Header always append Vary Accept" in rules
    assert (
        "tests/test_site_w3id.py checks every rule" in text
    )  # not a test file that does not exist


# ---------------------------------------------------------------- the rules in a real Apache

APACHE_MODULES = Path("/usr/lib/apache2/modules")  # Debian's apache2 package


@pytest.fixture(scope="module")
def apache():
    """Apache httpd on a free port of 127.0.0.1 with w3id/.htaccess as /roadmapkg/.htaccess, as
    on w3id.org (mod_rewrite, mod_headers, AllowOverride All); stopped at the end."""
    from roadmapkg.store.server import free_port

    program = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
    if program is None:
        require_binary("apache2")  # skips, or fails under CI=true
    if not APACHE_MODULES.is_dir():
        message = f"{APACHE_MODULES} is missing: not Debian's apache2-bin package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # not under pytest's private temporary folder: Apache's workers may run as another user
    root = Path(tempfile.mkdtemp(prefix="roadmapkg-apache-"))
    try:
        root.chmod(0o755)
        (root / "docs" / "roadmapkg").mkdir(parents=True)
        shutil.copy(HTACCESS, root / "docs" / "roadmapkg" / ".htaccess")
        port = free_port()
        modules = ("mpm_event", "authz_core", "rewrite", "headers")
        (root / "httpd.conf").write_text(
            "\n".join(
                [f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules]
                + [
                    f"ServerRoot {root}", f"Listen 127.0.0.1:{port}", "ServerName 127.0.0.1",
                    f"PidFile {root}/httpd.pid", f"DefaultRuntimeDir {root}",
                    f"Mutex file:{root}", f"ErrorLog {root}/error.log",
                    f"DocumentRoot {root}/docs", f"<Directory {root}/docs>",
                    "AllowOverride All", "Require all granted", "</Directory>", "",
                ]
            )
        )  # fmt: skip
        process = subprocess.Popen(
            [program, "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            wait_for_port(port, process, root / "error.log")
            yield f"127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = log.read_text() if log.is_file() else process.stderr.read()
            raise AssertionError(f"apache2 stopped at start: {error[-1000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"apache2 did not listen on port {port} within {seconds} s")


@pytest.mark.binary
@pytest.mark.parametrize(("path", "accept", "status", "target"), CASES)
def test_w3id_rules_in_a_real_apache(apache, path, accept, status, target):
    connection = http.client.HTTPConnection(apache, timeout=10)
    try:
        connection.request("GET", f"/roadmapkg/{path}", headers={"Accept": accept})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert (response.status, response.getheader("Location")) == (status, HOST + target)
    assert response.getheader("Vary") == "Accept"
