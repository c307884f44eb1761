"""The query UI of `roadmapkg serve`: the site's SPARQL page (the same picker of saved queries
with their parameters, the prefixes preset) served on 127.0.0.1, its queries passed on to the
Oxigraph server's query endpoint. It forwards queries only, never updates, and only from its
own pages: a request from another origin, or naming another host (a DNS name rebound to
127.0.0.1), is refused."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ..export.writers import script_json
from . import querypage
from .pages import Renderer

ENDPOINT = "sparql"  # the UI's own path for queries, passed on to the server's /query
MAX_QUERY = 1 << 20  # bytes of a query form
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css"}


def ui_files(oxigraph_base: str) -> dict[str, bytes]:
    """``index.html`` (the page, sending queries to ``sparql``) and its assets."""
    files = querypage.assets()
    data = querypage.page_data({}, endpoint=ENDPOINT)
    files["index.html"] = Renderer()(
        "serve.html", "index.html", "Query the served graph",
        data=script_json(data), count=len(data["queries"]), endpoint=ENDPOINT,
        endpoint_shown=f"{oxigraph_base}/query", oxigraph_ui=f"{oxigraph_base}/",
    )  # fmt: skip
    return files


def handler(files: dict[str, bytes], upstream: str) -> type[BaseHTTPRequestHandler]:
    """A request handler serving `files` and passing ``POST /sparql`` on to `upstream`."""

    class Handler(BaseHTTPRequestHandler):
        def reply(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            name = urlsplit(self.path).path.lstrip("/") or "index.html"
            if name not in files:
                self.reply(404, "text/plain", b"not found")
                return
            suffix = name[name.rfind(".") :]
            self.reply(200, TYPES.get(suffix, "application/octet-stream"), files[name])

        def do_POST(self) -> None:
            port = self.server.server_address[1]
            host = self.headers.get("Host", "")
            own = f"http://{host}"
            if urlsplit(self.path).path != f"/{ENDPOINT}":
                self.reply(404, "text/plain", b"not found")
            elif host not in (f"127.0.0.1:{port}", f"localhost:{port}"):  # DNS rebinding
                self.reply(403, "text/plain", b"queries only to 127.0.0.1 or localhost")
            elif self.headers.get("Origin", own) != own:
                self.reply(403, "text/plain", b"queries only from this UI's own pages")
            elif int(self.headers.get("Content-Length") or 0) > MAX_QUERY:
                self.reply(413, "text/plain", b"query too long")
            else:
                self.forward(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        def forward(self, body: bytes) -> None:
            request = urllib.request.Request(upstream, data=body, method="POST")
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Accept", self.headers.get("Accept", "*/*"))
            try:
                with urllib.request.urlopen(request, timeout=300) as answer:
                    self.reply(answer.status, answer.headers["Content-Type"], answer.read())
            except urllib.error.HTTPError as error:
                self.reply(error.code, "text/plain; charset=utf-8", error.read())

        def log_message(self, format: str, *args) -> None:  # quiet: the banner says it all
            pass

    return Handler


def start_ui(oxigraph_base: str) -> ThreadingHTTPServer:
    """The UI on a free port of 127.0.0.1, answering in a thread of its own until shut down;
    `oxigraph_base` is the server's ``http://127.0.0.1:PORT``."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), handler(ui_files(oxigraph_base), f"{oxigraph_base}/query")
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
