"""Talking to SPARQL servers over HTTP: credentials (Basic or Digest, as the server's challenge
asks), one deadline for the whole command (retries and their waits included), a cap on the
size of an answer, retries with backoff for idempotent requests (honouring Retry-After), and
one-line errors.

Every request goes through `fetch`: SPARQL queries and updates (see `store.RemoteStore`) and
the SPARQL 1.1 Graph Store HTTP Protocol uploads and read-backs."""

from __future__ import annotations

import concurrent.futures
import email.message
import email.utils
import netrc
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import ENDPOINT, RoadmapError, one_line

USER_AGENT = "roadmapkg/0.1 (+https://w3id.org/roadmapkg/)"
RETRY_STATUS = {429, 502, 503, 504}
MAX_RESPONSE = 1 << 30  # bytes of one answer (1 GiB); --max-response raises it
CHUNK = 1 << 16
T = TypeVar("T")


class EndpointError(RoadmapError):
    """A SPARQL server could not be reached or refused the request."""

    exit_code = ENDPOINT


class Retryable(Exception):
    """A failure worth another try: the server is busy or briefly unreachable."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


@dataclass
class Endpoint:
    """A server URL with how to reach it. `timeout` bounds everything done with it from its
    creation on (every request, retry and wait): the command's deadline."""

    url: str
    timeout: float = 30.0
    user: str | None = None
    password: str | None = None
    retries: int = 3
    backoff: float = 0.5
    max_response: int = MAX_RESPONSE
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        parsed = urllib.parse.urlsplit(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise EndpointError(f"{self.url}: not an http(s) URL")
        if self.user is None:
            self.user, self.password = find_credentials(parsed.hostname or "")
        self.deadline = time.monotonic() + self.timeout

    def left(self) -> float:
        """Seconds left before the deadline."""
        return self.deadline - time.monotonic()

    def timed_out(self, note: str = "") -> EndpointError:
        return EndpointError(f"{self.url}: timed out after {self.timeout:g} s{note}")


def find_credentials(host: str) -> tuple[str | None, str | None]:
    """ROADMAPKG_USER/ROADMAPKG_PASSWORD, else the ~/.netrc entry for `host`, else none."""
    if os.environ.get("ROADMAPKG_USER"):
        return os.environ["ROADMAPKG_USER"], os.environ.get("ROADMAPKG_PASSWORD", "")
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        entry = None
    return (entry[0], entry[2]) if entry else (None, None)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - time.time())


def size(count: int) -> str:
    """Bytes in the largest binary unit that divides them: 1 GiB, 512 MiB, 1000 bytes."""
    for unit, power in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count % (1 << power) == 0:
            return f"{count >> power} {unit}"
    return f"{count} bytes"


def explain(endpoint: Endpoint, status: int, reason: str) -> str:
    hints = {
        401: "authentication required: give --user/--password, ROADMAPKG_USER or ~/.netrc",
        403: "forbidden: these credentials may not do this here",
        404: "no such endpoint at this path (check the URL)",
        405: "this URL does not accept this request (is it the right endpoint?)",
        400: "the server could not run the query",
        414: "request URI too long",
        429: "too many requests",
    }
    hint = hints.get(status, "server error" if status >= 500 else reason)
    return f"{endpoint.url}: HTTP {status} {reason}: {hint}"


def http_problem(endpoint: Endpoint, exc: urllib.error.HTTPError) -> BaseException:
    """An HTTP error status as `Retryable` or a final one-line `EndpointError`."""
    reason = " ".join(str(exc.reason).split())
    if 300 <= exc.code < 400:  # urllib gave up following them
        why = "redirected in a loop or too many times"
        if "infinite loop" not in str(exc.msg):  # urllib's words for both
            why = f"cannot follow the redirect ({str(exc.msg).splitlines()[0]})"
        return EndpointError(f"{endpoint.url}: HTTP {exc.code}: {why}")
    if exc.code == 401 and endpoint.user is not None:
        return EndpointError(
            f"{endpoint.url}: HTTP 401 Unauthorized: the server rejected the credentials "
            f"of user {endpoint.user!r}"
        )
    message = explain(endpoint, exc.code, reason)
    if exc.code == 400:  # the server's own words say what is wrong with the query
        detail = " ".join((exc.read(2000) if exc.fp else b"").decode("utf-8", "replace").split())
        message = f"{message}: {detail[:300]}" if detail else message
    if exc.code in RETRY_STATUS:
        return Retryable(message, retry_after(exc.headers.get("Retry-After")))
    return EndpointError(message)


def classify(endpoint: Endpoint, exc: BaseException) -> BaseException:
    """Turn a low-level failure into `Retryable` or a final `EndpointError`."""
    if isinstance(exc, RoadmapError):
        return exc
    if isinstance(exc, urllib.error.HTTPError):
        return http_problem(endpoint, exc)
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            return Retryable(f"{endpoint.url}: connection refused (is the server running?)")
        if isinstance(reason, TimeoutError):
            return endpoint.timed_out()
        return Retryable(f"{endpoint.url}: cannot connect ({one_line(reason)})")
    if isinstance(exc, TimeoutError):
        return endpoint.timed_out()
    if isinstance(exc, ConnectionError):
        return Retryable(f"{endpoint.url}: connection lost ({exc.__class__.__name__})")
    if isinstance(exc, ValueError) and "does not support the following scheme" in str(exc):
        return EndpointError(
            f"{endpoint.url}: the server asks for an authentication scheme other than "
            "Basic and Digest"
        )
    return EndpointError(f"{endpoint.url}: {exc.__class__.__name__}: {one_line(exc)}")


def in_background(attempt: Callable[[], T]) -> concurrent.futures.Future:
    """Run `attempt` in a daemon thread, so a request abandoned at its deadline never keeps
    the program from exiting."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result(attempt())
        except BaseException as exc:  # handed to the waiting thread
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future


def call(endpoint: Endpoint, attempt: Callable[[], T], idempotent: bool, on_timeout: str = "") -> T:
    """Run `attempt` before the endpoint's deadline, retrying if it is safe and worthwhile.

    The deadline bounds the whole command (connection, upload, waiting, reading, and every
    retry with its wait), not one attempt: an attempt runs in a daemon thread that is abandoned
    when time is up (it stops reading soon after), and a retry that could only start after the
    deadline is not made. `on_timeout` is added to the timeout message."""
    tries = endpoint.retries if idempotent else 1
    for number in range(1, tries + 1):
        if endpoint.left() <= 0:
            raise endpoint.timed_out(on_timeout)
        future = in_background(attempt)
        try:
            return future.result(timeout=endpoint.left())
        except concurrent.futures.TimeoutError:
            raise endpoint.timed_out(on_timeout) from None
        except Exception as exc:
            problem = classify(endpoint, exc)
            if not isinstance(problem, Retryable):
                raise problem from None
            if number == tries:
                raise EndpointError(str(problem)) from None
            wait = (
                problem.wait if problem.wait is not None else endpoint.backoff * 2 ** (number - 1)
            )
            if wait >= endpoint.left():
                raise EndpointError(
                    f"{problem}; a retry in {wait:g} s would come after the "
                    f"{endpoint.timeout:g} s deadline (--timeout)"
                ) from None
            print(f"{problem}; retrying in {wait:g} s ({number}/{tries - 1})", file=sys.stderr)
            time.sleep(wait)
    raise AssertionError("unreachable")


class Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, and 307 and 308 followed for POST and PUT too, with the same method
    and body, as HTTP says (urllib refuses them: a long query sent by POST to an address that
    redirects with 307, as w3id's does, would fail)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's names
        if code in (307, 308) and req.get_method() in ("POST", "PUT"):
            return urllib.request.Request(
                newurl,
                data=req.data,
                headers=req.headers,
                method=req.get_method(),
                origin_req_host=req.origin_req_host,
                unverifiable=True,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    """A urllib opener that follows redirects (`Redirects`) and answers a Basic or a Digest
    challenge, whichever the server sends, with the endpoint's credentials (never sent before
    the server asks)."""
    handlers: list = [Redirects()]
    if endpoint.user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint.url, endpoint.user, endpoint.password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def fetch(
    endpoint: Endpoint, request: urllib.request.Request
) -> tuple[int, email.message.Message, bytes]:
    """One attempt at `request`: its status, headers and body, read in chunks and refused
    beyond the endpoint's `max_response` bytes or past its deadline."""
    request.add_header("User-Agent", USER_AGENT)
    # the socket waits a second longer than the deadline, so `call` is the one that reports it
    with opener(endpoint).open(request, timeout=max(endpoint.left(), 0) + 1) as response:
        body = bytearray()
        while chunk := response.read1(CHUNK):  # what has come, so the deadline is checked
            body += chunk
            if len(body) > endpoint.max_response:
                raise EndpointError(
                    f"{endpoint.url}: the answer is larger than {size(endpoint.max_response)} "
                    "(--max-response raises the limit)"
                )
            if endpoint.left() <= 0:
                raise endpoint.timed_out()
        return response.status, response.headers, bytes(body)


def download(endpoint: Endpoint, accept: str) -> bytes:
    """The body of a GET of the endpoint's URL (a file, such as an authority table), with the
    same limits, deadline and retries as a query."""

    def attempt() -> bytes:
        request = urllib.request.Request(endpoint.url, headers={"Accept": accept})
        return fetch(endpoint, request)[2]

    return call(endpoint, attempt, idempotent=True)


def graph_url(endpoint: Endpoint, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(endpoint.url).query else "?"
    return f"{endpoint.url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(
    endpoint: Endpoint,
    graph: str,
    body: bytes | Iterable[bytes],
    length: int,
    content_type: str = "text/turtle; charset=utf-8",
) -> int:
    """Replace the named graph with `body`, an RDF document of `content_type` (Graph Store
    Protocol PUT); returns the HTTP status.

    PUT is idempotent, so it is retried; the server swaps the graph only once the whole body
    has arrived, so an upload cut short leaves the previous graph in place."""

    def attempt() -> int:
        request = urllib.request.Request(
            graph_url(endpoint, graph),
            data=body,
            method="PUT",
            headers={"Content-Type": content_type, "Content-Length": str(length)},
        )
        return fetch(endpoint, request)[0]

    late = "; the upload may still have been applied: load again to be sure (loading is idempotent)"
    return call(endpoint, attempt, idempotent=True, on_timeout=late)


def count_graph(endpoint: Endpoint, graph: str) -> int:
    """The number of triples in the named graph, read back through the Graph Store Protocol."""

    def attempt() -> int:
        request = urllib.request.Request(
            graph_url(endpoint, graph), headers={"Accept": "application/n-triples"}
        )
        _, headers, data = fetch(endpoint, request)
        if headers.get_content_type() in ("application/n-triples", "text/plain"):
            return sum(
                1 for line in data.splitlines() if line.strip() and not line.startswith(b"#")
            )
        from rdflib import Graph

        return len(Graph().parse(data=data, format="turtle"))

    return call(endpoint, attempt, idempotent=True)
