"""A fault-injecting HTTP proxy on 127.0.0.1 in front of a real server: it answers 429, 500 or
503 itself, stalls, trickles its answer, sends one that never ends, redirects (307, or to
itself in a loop), drops
a line of the answer, cuts an upload off halfway, or asks for HTTP Basic credentials, as a test
asks."""

from __future__ import annotations

import base64
import http.client
import http.server
import time
import urllib.parse
from dataclasses import dataclass, field

from helpers.listener import serve_in_thread


@dataclass
class Plan:
    """What the proxy does with the next requests: a list of faults, then forward."""

    faults: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    retry_after: str = "1"
    basic: tuple[str, str] | None = None  # user and password every request must carry


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.plan = Plan()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # http.server's method names
                proxy.handle(self)

            do_POST = do_PUT = do_GET

        self.server, self.url = serve_in_thread(Handler)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, request: http.server.BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        if self.plan.basic and not self.authorised(request):
            self.plan.seen.append(f"{request.command} challenge")
            request.rfile.read(length)
            challenge = {"WWW-Authenticate": 'Basic realm="roadmapkg test"'}
            self.reply(request, 401, b"who are you?\n", challenge)
            return
        fault = self.plan.faults.pop(0) if self.plan.faults else "forward"
        self.plan.seen.append(f"{request.command} {fault}")
        self.plan.agents.append(request.headers.get("User-Agent", ""))
        if fault == "cut-upload":
            self.cut_upload(request, length)
            return
        body = request.rfile.read(length) if length else b""
        if fault in ("429", "500", "503"):
            self.reply(
                request, int(fault), b"injected fault\n", {"Retry-After": self.plan.retry_after}
            )
        elif fault == "stall":
            time.sleep(5)
            self.reply(request, 503, b"too late\n", {})
        elif fault == "trickle":
            request.send_response(200)
            request.send_header("Content-Type", "application/sparql-results+json")
            request.send_header("Content-Length", "1000")
            request.end_headers()
            for _ in range(50):
                time.sleep(0.2)
                request.wfile.write(b" ")
                request.wfile.flush()
        elif fault == "endless":
            request.send_response(200)
            request.send_header("Content-Type", "application/sparql-results+json")
            request.send_header("Connection", "close")
            request.end_headers()
            request.close_connection = True
            try:
                while True:
                    request.wfile.write(b" " * 65536)
            except OSError:  # the client hung up
                pass
        elif fault == "redirect-loop":
            self.reply(request, 302, b"", {"Location": request.path})
        elif fault == "redirect-307":  # to the same place, once: the next request goes on
            self.reply(request, 307, b"", {"Location": request.path})
        else:
            self.forward(request, body, drop_line=fault == "drop-line")

    def authorised(self, request) -> bool:
        user, password = self.plan.basic or ("", "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {token}"

    def reply(self, request, status: int, body: bytes, headers: dict[str, str]) -> None:
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)

    def forward(self, request, body: bytes, drop_line: bool = False) -> None:
        upstream = self.connection()
        headers = {
            k: v for k, v in request.headers.items() if k.lower() not in ("host", "authorization")
        }
        upstream.request(request.command, request.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        if drop_line:
            data = b"".join(data.splitlines(keepends=True)[:-1])
        passed = {"Content-Type", "Location", "WWW-Authenticate"}
        self.reply(
            request,
            response.status,
            data,
            {k: v for k, v in response.getheaders() if k in passed},
        )
        upstream.close()

    def cut_upload(self, request, length: int) -> None:
        """Send the upstream server the headers and half the body, then drop both connections."""
        half = request.rfile.read(length // 2)
        upstream = self.connection()
        upstream.putrequest(request.command, request.path)
        for name, value in request.headers.items():
            if name.lower() != "host":
                upstream.putheader(name, value)
        upstream.endheaders()
        upstream.send(half)
        upstream.sock.close()
        request.close_connection = True
        request.connection.close()
