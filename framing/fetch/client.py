"""A polite HTTP client for collecting news pages: one request at a time per host, robots.txt,
retries with backoff, size and redirect limits, no cookies.

Built on the standard library's ``urllib`` so that every rule is visible here: redirects are
followed by hand (to count them and catch loops), ``Retry-After`` is honoured on 429 and 5xx,
and bodies are read up to a size limit. robots.txt is read and applied with
``urllib.robotparser``, following RFC 9309: a robots.txt that is missing (4xx) allows
everything; one that cannot be fetched (5xx, network failure) disallows everything.
"""

from __future__ import annotations

import email.utils
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for longer is treated as a failure


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently pages are fetched."""

    user_agent: str
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for a connection or a read
    max_bytes: int = 5 * 2**20
    max_redirects: int = 5
    retries: int = 3  # further attempts after a 429, a 5xx or a timeout
    backoff: float = 2.0  # seconds before the first retry, doubled each time


@dataclass(frozen=True)
class Response:
    """A page that was fetched: its final address after redirects, status and body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Failure:
    """A page that could not be fetched, with a reason a user can act on."""

    url: str
    reason: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to the caller, which follows it and counts."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class PoliteClient:
    """Fetches pages one at a time, waiting ``settings.delay`` between requests to a host.

    ``sleep`` and ``clock`` are injectable so tests can check the waits without slowing down.
    """

    settings: FetchSettings
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # No cookie processor: pages are fetched as an anonymous reader, never logged in.
        self._opener = urllib.request.build_opener(_NoRedirects())

    def get(self, url: str, check_robots: bool = True) -> Response | Failure:
        """The page at ``url``, following up to ``max_redirects`` redirects, or why not."""
        seen: list[str] = []
        current = url
        while True:
            if current in seen:
                return Failure(url, f"redirect loop ({' -> '.join([*seen, current])})")
            if len(seen) > self.settings.max_redirects:
                return Failure(url, f"more than {self.settings.max_redirects} redirects")
            seen.append(current)
            if urlsplit(current).scheme not in ("http", "https"):
                return Failure(url, f"redirected to a non-web address: {current}")
            if check_robots and not self.allowed(current):
                return Failure(url, f"disallowed by robots.txt ({_origin(current)}/robots.txt)")
            outcome = self._attempts(current)
            if isinstance(outcome, Failure):
                return Failure(url, outcome.reason)
            status, headers, body = outcome
            if 300 <= status < 400:
                location = headers.get("Location")
                if not location:
                    return Failure(url, f"HTTP {status} without a Location header")
                current = urljoin(current, location)
                continue
            if status != 200:
                return Failure(url, f"HTTP {status}")
            return Response(url, current, status, headers.get("Content-Type", ""), body)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s site lets this client's user agent fetch it."""
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        outcome = self.get(f"{origin}/robots.txt", check_robots=False)
        parser = urllib.robotparser.RobotFileParser()
        if isinstance(outcome, Response):
            parser.parse(outcome.body.decode("utf-8", errors="replace").splitlines())
            return parser
        if outcome.reason.startswith("HTTP 4"):
            return None  # no robots.txt: everything is allowed
        parser.parse(["User-agent: *", "Disallow: /"])  # unreachable: assume nothing is allowed
        return parser

    def _attempts(self, url: str) -> tuple[int, dict[str, str], bytes] | Failure:
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            outcome = self._once(url)
            last = attempt == self.settings.retries
            if isinstance(outcome, Failure):
                if last or not outcome.reason.startswith("timeout"):
                    return outcome
                self.sleep(wait)
                wait *= 2
                continue
            status, headers, _body = outcome
            if status not in RETRY_STATUSES or last:
                return outcome
            asked = _retry_after(headers.get("Retry-After", ""), time.time())
            if asked is not None and asked > MAX_RETRY_AFTER:
                return Failure(url, f"HTTP {status}; the site asked to wait {asked:.0f} s")
            self.sleep(max(wait, asked or 0.0))
            wait *= 2
        raise AssertionError("unreachable: the last attempt always returns")

    def _once(self, url: str) -> tuple[int, dict[str, str], bytes] | Failure:
        host = urlsplit(url).netloc
        if host in self._last:
            pause = self._last[host] + self.settings.delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        request = urllib.request.Request(
            url, headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"}
        )
        self.requests += 1
        try:
            try:
                with self._opener.open(request, timeout=self.settings.timeout) as reply:
                    body = reply.read(self.settings.max_bytes + 1)
                    status, headers = reply.status, dict(reply.headers.items())
            except urllib.error.HTTPError as error:
                body = error.read(self.settings.max_bytes + 1)
                status, headers = error.code, dict(error.headers.items())
        except TimeoutError:
            return Failure(url, f"timeout after {self.settings.timeout:g} s")
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                return Failure(url, f"timeout after {self.settings.timeout:g} s")
            return Failure(url, f"cannot connect: {reason}")
        except (OSError, ValueError) as error:
            return Failure(url, f"cannot fetch: {error}")
        finally:
            self._last[host] = self.clock()
        if len(body) > self.settings.max_bytes:
            limit = self.settings.max_bytes / 2**20
            return Failure(url, f"page larger than the {limit:g} MB limit (--max-page-mb)")
        return status, headers, body


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)
