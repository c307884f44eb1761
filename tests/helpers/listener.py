"""An HTTP listener on 127.0.0.1 that records every request it gets: a test names it where an
attacker would put a URL, then asserts that nothing came (or that something did)."""

from __future__ import annotations

import http.server
import threading

import pytest

# one empty solution: a SERVICE call that reached it lets the rest of its query go on
EMPTY_RESULTS = b'{"head": {"vars": []}, "results": {"bindings": [{}]}}'


def serve_in_thread(handler: type) -> tuple[http.server.ThreadingHTTPServer, str]:
    """An HTTP server on a free port of 127.0.0.1 answering with `handler` in a daemon thread,
    and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class Listener:
    """Records the requests it gets; a context manager, or the `listener` fixture."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # http.server's method names
                listener.requests.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULTS)

            do_POST = do_GET

        self.server, self.url = serve_in_thread(Handler)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()
