"""Talking to SPARQL servers over HTTP: credentials, a deadline on the whole request, retries
with backoff for idempotent requests (honouring Retry-After), and one-line errors.

Queries go through SPARQLWrapper (see `store.RemoteStore`); graph uploads and downloads use the
SPARQL 1.1 Graph Store HTTP Protocol directly."""

from __future__ import annotations

import concurrent.futures
import email.utils
import http
import netrc
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .errors import ENDPOINT, RoadmapError, one_line

USER_AGENT = "roadmapkg/0.1 (+https://w3id.org/roadmapkg/)"
RETRY_STATUS = {429, 502, 503, 504}
MAX_RETRY_AFTER = 60.0
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
    """A server URL with how to reach it."""

    url: str
    timeout: float = 30.0
    user: str | None = None
    password: str | None = None
    retries: int = 3
    backoff: float = 0.5

    def __post_init__(self) -> None:
        parsed = urllib.parse.urlsplit(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise EndpointError(f"{self.url}: not an http(s) URL")
        if self.user is None:
            self.user, self.password = find_credentials(parsed.hostname or "")


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
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when - time.time()), MAX_RETRY_AFTER)


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


def sparqlwrapper_status(exc: BaseException) -> int | None:
    """The HTTP status behind one of SPARQLWrapper's own exceptions."""
    from SPARQLWrapper import SPARQLExceptions as errors

    statuses = {
        errors.QueryBadFormed: 400,
        errors.Unauthorized: 401,
        errors.EndPointNotFound: 404,
        errors.URITooLong: 414,
        errors.EndPointInternalError: 500,
    }
    return next((code for kind, code in statuses.items() if isinstance(exc, kind)), None)


def classify(endpoint: Endpoint, exc: BaseException) -> BaseException:
    """Turn a low-level failure into `Retryable` or a final `EndpointError`."""
    status = sparqlwrapper_status(exc)
    if status is not None:
        message = explain(endpoint, status, http.HTTPStatus(status).phrase)
        if status == 400:  # the server's own words say what is wrong with the query
            detail = " ".join(str(exc).split("Response:", 1)[-1].split())[:300]
            message = f"{message}: {detail}"
        return EndpointError(message)
    if isinstance(exc, urllib.error.HTTPError):
        message = explain(endpoint, exc.code, exc.reason)
        if exc.code == 401 and endpoint.user is not None:
            message = f"{endpoint.url}: HTTP 401 {exc.reason}: these credentials were refused"
        if exc.code in RETRY_STATUS:
            return Retryable(message, retry_after(exc.headers.get("Retry-After")))
        return EndpointError(message)
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            return Retryable(f"{endpoint.url}: connection refused (is the server running?)")
        if isinstance(reason, TimeoutError):
            return EndpointError(f"{endpoint.url}: timed out after {endpoint.timeout:g} s")
        return Retryable(f"{endpoint.url}: cannot connect ({reason})")
    if isinstance(exc, TimeoutError):
        return EndpointError(f"{endpoint.url}: timed out after {endpoint.timeout:g} s")
    if isinstance(exc, ConnectionError):
        return Retryable(f"{endpoint.url}: connection lost ({exc.__class__.__name__})")
    if isinstance(exc, RoadmapError):
        return exc
    if isinstance(exc, ValueError) and "digest auth failed" in str(exc).lower():
        return EndpointError(f"{endpoint.url}: HTTP 401: these credentials were refused")
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
    """Run `attempt` under the endpoint's deadline, retrying if it is safe and worthwhile.

    The deadline bounds the whole request (connection, upload, waiting, reading), not only
    the connection: the attempt runs in a daemon thread that is abandoned when time is up
    (its socket times out soon after). `on_timeout` is added to the timeout message."""
    tries = endpoint.retries if idempotent else 1
    for number in range(1, tries + 1):
        future = in_background(attempt)
        try:
            return future.result(timeout=endpoint.timeout)
        except concurrent.futures.TimeoutError:
            message = f"{endpoint.url}: timed out after {endpoint.timeout:g} s{on_timeout}"
            raise EndpointError(message) from None
        except Exception as exc:
            problem = classify(endpoint, exc)
            if not isinstance(problem, Retryable):
                raise problem from None
            if number == tries:
                raise EndpointError(str(problem)) from None
            wait = (
                problem.wait if problem.wait is not None else endpoint.backoff * 2 ** (number - 1)
            )
            print(f"{problem}; retrying in {wait:g} s ({number}/{tries - 1})", file=sys.stderr)
            time.sleep(wait)
    raise AssertionError("unreachable")


def opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    """A urllib opener that answers Basic or Digest challenges with the endpoint's credentials."""
    handlers: list = []
    if endpoint.user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint.url, endpoint.user, endpoint.password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


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
            headers={
                "Content-Type": content_type,
                "Content-Length": str(length),
                "User-Agent": USER_AGENT,
            },
        )
        with opener(endpoint).open(request, timeout=endpoint.timeout) as response:
            return response.status

    late = "; the upload may still have been applied: load again to be sure (loading is idempotent)"
    return call(endpoint, attempt, idempotent=True, on_timeout=late)


def count_graph(endpoint: Endpoint, graph: str) -> int:
    """The number of triples in the named graph, read back through the Graph Store Protocol."""

    def attempt() -> int:
        request = urllib.request.Request(
            graph_url(endpoint, graph),
            headers={"Accept": "application/n-triples", "User-Agent": USER_AGENT},
        )
        with opener(endpoint).open(request, timeout=endpoint.timeout) as response:
            content_type = response.headers.get_content_type()
            data = response.read()
        if content_type in ("application/n-triples", "text/plain"):
            return sum(
                1 for line in data.splitlines() if line.strip() and not line.startswith(b"#")
            )
        from rdflib import Graph

        return len(Graph().parse(data=data, format="turtle"))

    return call(endpoint, attempt, idempotent=True)
