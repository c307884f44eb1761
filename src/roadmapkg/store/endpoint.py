"""A SPARQL endpoint as the commands reach it (its URL, credentials, deadline and size cap), and
its failures told in one line: which are worth a retry, and what each HTTP status means."""

from __future__ import annotations

import email.message
import email.utils
import netrc
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from ..errors import ENDPOINT, RoadmapError, one_line

RETRY_STATUS = {429, 502, 503, 504}
MAX_RESPONSE = 1 << 30  # bytes of one answer (1 GiB); --max-response raises it


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
