"""The load test's workload: clients that sign in through the login form, then loop over a weighted mix of
pages and form submissions with a think time between requests, each request timed and checked.

Only the standard library: bench/load.py drives a gunicorn server with it, orbit/tests/test_load_quick.py the
test live server. Each client is a thread holding two cookie jars (its signed-in staff session and an anonymous
visitor's for the public portal); one plain HTTP/1.1 request per connection, as gunicorn's sync workers close
every connection anyway. The jars keep Secure cookies too: with DEBUG off the session and CSRF cookies are
Secure, which a browser would only send over HTTPS (the reverse proxy's side in production, absent here).
"""

import contextlib
import http.client
import math
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

# The page kinds, in the report's order. "sign-in" (the login form and its POST) is timed apart: every client
# signs in once before the measured window starts.
PAGES = [
    "orbit",
    "dashboard",
    "ticket list",
    "ticket search",
    "ticket page",
    "portal form",
    "portal submit",
    "tracking page",
    "survey submit",
]
# How often each action is chosen (portal: form, submit, then the tracking page it leads to; survey: a closed
# ticket's tracking page, then its survey).
WEIGHTS = {"orbit": 3, "dashboard": 3, "tickets": 3, "search": 2, "ticket": 3, "portal": 1, "survey": 1}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CATEGORY = re.compile(r'name="category" value="(\d+)"')
TIMEOUT = 60  # seconds: a request taking longer counts as an error


@dataclass
class Account:
    username: str
    password: str
    unit: str  # the slug of the unit the user works in
    year: int  # the PK year its dashboard shows
    tickets: list[int]  # numbers of tickets of that unit, opened at random


@dataclass
class Plan:
    accounts: list[Account]  # one per client, each a different user
    portal_units: list[str]  # unit slugs whose portal a visitor may use
    survey_tokens: list[list[str]]  # per client: tracking tokens of closed tickets without a survey, none shared
    search_words: list[str]
    think: tuple[float, float] = (0.1, 0.5)  # seconds between two requests of a client, uniform
    seed: int = 1


@dataclass
class Result:
    seconds: float  # the window, and the end of the actions begun in it
    samples: dict[str, list[float]] = field(default_factory=lambda: {page: [] for page in PAGES})
    sign_in: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the first few, described
    error_count: int = 0
    client_cpu: float = 0.0  # CPU seconds of this process (all clients) during the window

    @property
    def requests(self) -> int:
        return sum(len(times) for times in self.samples.values())


class Failure(Exception):
    """A response the client did not expect (status, or a missing form field)."""


class Session:
    """One cookie jar against one server."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.origin = f"http://{host}:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, referer: str = "") -> tuple[int, str, str]:
        """(status, Location header, body)."""
        headers = {"User-Agent": "orbit-load/1", "Accept": "text/html", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin  # what a browser sends with a form POST
            headers["Referer"] = self.origin + (referer or path)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), content
        finally:
            connection.close()


class Client(threading.Thread):
    def __init__(self, number: int, plan: Plan, host: str, port: int, result: Result, lock: threading.Lock):
        super().__init__(name=f"load-client-{number}", daemon=True)
        self.number, self.plan, self.result, self.lock = number, plan, result, lock
        self.account = plan.accounts[number]
        self.rng = random.Random(plan.seed * 1000 + number)
        self.staff = Session(host, port)
        self.visitor = Session(host, port)
        self.tokens = list(plan.survey_tokens[number]) if number < len(plan.survey_tokens) else []
        self.submissions = 0
        self.signed_in = threading.Event()
        self.start_at = self.stop_at = 0.0
        self.go = threading.Event()

    # Timing and checking.

    def call(self, page: str | None, session: Session, method: str, path: str, expect: int, data=None, referer=""):
        """One request, timed under ``page`` when it falls in the window; an unexpected answer is an error."""
        began = time.monotonic()
        try:
            status, location, body = session.request(method, path, data, referer)
        except Exception as error:  # any failure to get an answer (timeout, refused, reset) is an error of the run
            self.error(page, method, path, f"{type(error).__name__}: {error}")
            raise Failure from error
        elapsed = time.monotonic() - began
        if page is None:
            self.result.sign_in.append(elapsed)
        elif began >= self.start_at:  # an action begun in the window is finished and counted
            with self.lock:
                self.result.samples[page].append(elapsed)
        if status != expect:
            self.error(page, method, path, f"HTTP {status} (expected {expect}) {location} {body[:300]!r}")
            raise Failure
        return location, body

    def error(self, page, method, path, text) -> None:
        with self.lock:
            self.result.error_count += 1
            if len(self.result.errors) < 10:
                self.result.errors.append(f"{page or 'sign-in'}: {method} {path}: {text}")

    def think(self) -> None:
        low, high = self.plan.think
        time.sleep(self.rng.uniform(low, high))

    def token(self, page: str | None, path: str, body: str) -> str:
        """The form's CSRF token; a form without one is an error."""
        match = TOKEN.search(body)
        if match is None:
            self.error(page, "GET", path, "no CSRF token in the form")
            raise Failure
        return match.group(1)

    # The actions.

    def sign_in(self) -> None:
        path = "/accounts/login/"
        _location, body = self.call(None, self.staff, "GET", path, 200)
        form = {"username": self.account.username, "password": self.account.password}
        form["csrfmiddlewaretoken"] = self.token(None, path, body)
        self.call(None, self.staff, "POST", path, 302, form)

    def page(self, page: str, path: str) -> None:
        self.call(page, self.staff, "GET", path, 200)

    def action(self, name: str) -> None:
        unit = f"/units/{self.account.unit}"
        if name == "orbit":
            self.page("orbit", f"{unit}/orbit/")
        elif name == "dashboard":
            self.page("dashboard", f"{unit}/performance/{self.account.year}/dashboard/")
        elif name == "tickets":
            self.page("ticket list", f"{unit}/helpdesk/")
        elif name == "search":
            word = self.rng.choice(self.plan.search_words)
            self.page("ticket search", f"{unit}/helpdesk/?" + urllib.parse.urlencode({"q": word, "status": "all"}))
        elif name == "ticket":
            self.page("ticket page", f"{unit}/helpdesk/{self.rng.choice(self.account.tickets)}/")
        elif name == "portal":
            self.portal()
        elif name == "survey":
            self.survey()

    def portal(self) -> None:
        path = f"/helpdesk/{self.rng.choice(self.plan.portal_units)}/"
        _location, body = self.call("portal form", self.visitor, "GET", path, 200)
        categories = CATEGORY.findall(body)
        if not categories:
            self.error("portal form", "GET", path, "no service to choose")
            raise Failure
        self.think()
        self.submissions += 1
        n = self.number * 1_000_000 + self.submissions
        form = {
            "csrfmiddlewaretoken": self.token("portal form", path, body),
            "category": self.rng.choice(categories),
            "subject": f"Permohonan uji beban {n}",
            "description": "Mohon bantuan untuk menindaklanjuti permohonan ini. Berkas sudah kami unggah.",
            "requester_name": "Pemohon Uji Beban",
            "requester_agency": "BKPSDM Uji Beban",
            "requester_email": f"pemohon{n}@uji-beban.go.id",
            "requester_phone": "081234567890",
            "website": "",
        }
        location, _body = self.call("portal submit", self.visitor, "POST", path, 302, form)
        self.think()
        self.call("tracking page", self.visitor, "GET", urllib.parse.urlsplit(location).path, 200)

    def survey(self) -> None:
        if not self.tokens:
            return self.action("ticket")  # every closed ticket of the pool has its survey now
        path = f"/helpdesk/t/{self.tokens.pop()}/"
        _location, body = self.call("tracking page", self.visitor, "GET", path, 200)
        self.think()
        form = {f"u{n}": str(self.rng.randint(2, 4)) for n in range(1, 10)}
        form.update(csrfmiddlewaretoken=self.token("tracking page", path, body), comment="Pelayanan cepat dan ramah.")
        self.call("survey submit", self.visitor, "POST", path + "survey/", 302, form, referer=path)

    # The loop.

    def run(self) -> None:
        try:
            self.sign_in()
        except Failure:
            self.signed_in.set()
            return
        self.signed_in.set()
        self.go.wait()
        # Every action once, in a random order, even past the window (so that a short run sees every page); then
        # the weighted mix until the window ends.
        first = list(WEIGHTS)
        self.rng.shuffle(first)
        names, weights = list(WEIGHTS), list(WEIGHTS.values())
        while first or time.monotonic() < self.stop_at:
            name = first.pop() if first else self.rng.choices(names, weights)[0]
            with contextlib.suppress(Failure):  # counted and described already
                self.action(name)
            self.think()


def run(plan: Plan, host: str, port: int, duration: float, on_start=None) -> Result:
    """Signs every client in, then lets them loop for ``duration`` seconds: each starts actions until then, and
    the run ends when the last one is finished (``Result.seconds``). ``on_start()`` is called as the window opens."""
    result = Result(seconds=duration)
    lock = threading.Lock()
    clients = [Client(n, plan, host, port, result, lock) for n in range(len(plan.accounts))]
    for client in clients:
        client.start()
    for client in clients:
        client.signed_in.wait(TIMEOUT * 2)
    if on_start is not None:
        on_start()
    cpu = time.process_time()
    start = time.monotonic()
    for client in clients:
        client.start_at, client.stop_at = start, start + duration
        client.go.set()
    for client in clients:
        client.join(duration + TIMEOUT * 3)
    result.seconds = time.monotonic() - start
    result.client_cpu = time.process_time() - cpu
    return result


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def table(result: Result, target_ms: float) -> tuple[list[str], bool]:
    """The report's lines (per page: count, p50, p95, p99 ms) and whether every page's p95 is under target."""
    lines = [f"{'page':16} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    holds = True
    for page in PAGES:
        times = result.samples[page]
        if not times:
            lines.append(f"{page:16} {0:7d} {'-':>8} {'-':>8} {'-':>8}   no request")
            holds = False
            continue
        p50, p95, p99 = (percentile(times, share) * 1000 for share in (0.50, 0.95, 0.99))
        ok = p95 < target_ms
        holds &= ok
        lines.append(f"{page:16} {len(times):7d} {p50:8.1f} {p95:8.1f} {p99:8.1f}   {'ok' if ok else 'SLOW'}")
    if result.sign_in:
        p50, p95 = (percentile(result.sign_in, share) * 1000 for share in (0.50, 0.95))
        lines.append(f"{'(sign-in)':16} {len(result.sign_in):7d} {p50:8.1f} {p95:8.1f}            before the window")
    return lines, holds
