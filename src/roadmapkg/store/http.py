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
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from typing import TypeVar

from .endpoint import (
    Endpoint,
    EndpointError,
    Retryable,
    classify,
    size,
)

USER_AGENT = "roadmapkg/0.1 (+https://w3id.org/roadmapkg/)"
CHUNK = 1 << 16
T = TypeVar("T")


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
