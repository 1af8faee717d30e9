"""Benchmark: Orbit's helpdesk against django-helpdesk (PyPI), the same 100,000 tickets in both, side by side.

django-helpdesk runs in its own virtualenv (made with `pip install django-helpdesk` on first use) and its own
minimal project (bench/helpdesk_peer/), in a child process that this one drives; Orbit runs in this process.
Both load the tickets of bench/helpdesk_peer/hd_common.py (same titles, texts, statuses, dates; from a seed) with
bulk inserts, then time, through Django's test client, the staff ticket list (25 newest open), the list with a
text search, a ticket page, the staff dashboard and public submissions through the portal, with their query
counts. The two sides' runs alternate (a warm-up each, then --repeat rounds; medians), so that a busy machine
slows both alike. SQLite files in a temporary folder by default; with DATABASE_URL pointing at PostgreSQL, a
throw-away database for each side on that server, dropped at the end.

    .venv/bin/python bench/helpdesk.py [--tickets 100000] [--repeat 7] [--submissions 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/orbit .venv/bin/python bench/helpdesk.py
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "bench" / "helpdesk_peer"
# This file is called helpdesk.py: its folder must not shadow Orbit's helpdesk app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT), str(PEER)]
import hd_common as common  # noqa: E402

SLUG = "bench-hd"
BATCH = 2000
PEER_TIMEOUT = 900  # seconds: the child is killed after that, whatever it is doing
# (Orbit's page, django-helpdesk's page, label, target: how many times faster Orbit must be). django-helpdesk's
# list is a page whose table then fetches its rows as JSON: the user waits for both ("list_page").
PAGES = [
    ("list", "list_page", "staff list, 25 newest open", 10),
    ("search", "search_page", "list with a text search", 10),
    ("ticket", "ticket", "ticket page", 3),
    ("dashboard", "dashboard", "staff dashboard", 10),
]
# Context, no target: Orbit's page and its rows alone (htmx) against django-helpdesk's rows alone (JSON).
ROWS = [("list_rows", "list"), ("search_rows", "search")]
SUBMISSION_TARGET = 2
MAX_QUERIES = 8
HTMX = {"HX-Request": "true"}


def nip(n: int) -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n % 7000)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + n % 12:02d}{1 + n % 2}{1 + (n // 7000) % 999:03d}"


# django-helpdesk: its virtualenv, its database, the child process.


def peer_python(venv: Path, postgres: bool) -> Path:
    """django-helpdesk's virtualenv, created (and psycopg added for PostgreSQL) when missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv} and installing django-helpdesk from PyPI ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "django-helpdesk"], check=True)
    if postgres and subprocess.run([str(python), "-c", "import psycopg"], capture_output=True).returncode:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "psycopg[binary]"], check=True)
    return python


class PeerDatabase:
    """The child's database: a SQLite file in the folder, or a PostgreSQL database made and dropped here."""

    def __init__(self, folder: str, database_url: str):
        self.url = database_url if database_url.startswith("postgres") else ""
        if not self.url:
            self.env = {"PEER_DB_ENGINE": "sqlite", "PEER_DB_NAME": f"{folder}/peer.sqlite3"}
            return
        import dj_database_url

        parsed = dj_database_url.parse(self.url)
        self.name = f"orbit_bench_peer_{os.getpid()}"
        self.server = {k: parsed.get(k.upper()) or None for k in ("host", "port", "user", "password")}
        self.env = {"PEER_DB_ENGINE": "postgresql", "PEER_DB_NAME": self.name}
        self.env.update({f"PEER_DB_{k.upper()}": str(v or "") for k, v in self.server.items()})

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as connection:
            connection.execute(sql)

    def __enter__(self):
        if self.url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if self.url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Remote:
    """The django-helpdesk side in its child process: the same methods as hd_common.Side, over a pipe."""

    def __init__(self, python: Path, options, folder: str, now: datetime.datetime, database: PeerDatabase):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        env.update(database.env, PEER_MEDIA_ROOT=f"{folder}/peer-media")
        command = [str(python), str(PEER / "run_peer.py"), "--tickets", str(options.tickets)]
        command += ["--stage", str(options.stage), "--seed", str(options.seed), "--now", now.isoformat()]
        command += ["--search", options.search]
        self.log = Path(folder) / "peer.log"
        self.process = subprocess.Popen(
            command, env=env, cwd=folder, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log.open("w"),
        )  # fmt: skip
        self.watchdog = threading.Timer(PEER_TIMEOUT, self.process.kill)
        self.watchdog.daemon = True
        self.watchdog.start()

    def send(self, op: str, **arguments) -> None:
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.process.stdout.readline()
        answer = json.loads(line) if line else {"error": "the child stopped"}
        if "error" in answer:
            raise RuntimeError(f"django-helpdesk's side failed:\n{answer['error']}\n{self.log.read_text()[-5000:]}")
        return answer.get("value")

    def __getattr__(self, op):
        def call(**arguments):
            self.send(op, **arguments)
            return self.receive()

        return call

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.watchdog.cancel()


# Orbit: its organisation, the tickets, the pages.


def build_orbit():
    from helpdesk.models import Category
    from organisation.models import Agency, Employee, Membership, Pokja, Unit, User

    agency = Agency.objects.create(name="Instansi Bench", slug="bench-helpdesk")
    unit = Unit.objects.create(agency=agency, name="Unit Bench", slug=SLUG)
    pokja = [
        Pokja.objects.create(unit=unit, agency=agency, code=code, name=f"Pokja {code}", order=n)
        for n, (_slug, _name, code) in enumerate(common.CATEGORIES)
    ]
    staff = Employee.objects.bulk_create(
        Employee(unit=unit, agency=agency, nip=nip(n), name=f"Staf {n}", email=f"staf{n}@bench.test")
        for n in range(common.STAFF)
    )
    user = User.objects.create_user("bench-head", agency=agency, role=User.Role.STAFF, email="staf0@bench.test")
    staff[0].user = user
    staff[0].save(update_fields=["user"])
    unit.head = staff[0]
    unit.save(update_fields=["head"])
    Membership.objects.bulk_create(
        Membership(employee=person, pokja=pokja[(n + k) % len(pokja)], valid_from=datetime.date(2020, 1, 1))
        for n, person in enumerate(staff)
        for k in (0, 3)
    )
    categories = [
        Category.objects.create(unit=unit, pokja=pokja[n], name=name, slug=slug, order=n)
        for n, (slug, name, _code) in enumerate(common.CATEGORIES)
    ]
    return unit, user, staff, categories


class Orbit(common.Side):
    def __init__(self, data, stage: int, search: str):
        from django.test import Client
        from django.urls import reverse

        super().__init__(data, stage)
        self.unit, self.user, self.staff, self.categories = build_orbit()
        self.client = Client()
        self.client.force_login(self.user)  # the unit head: sees all of the unit's tickets
        listing = reverse("helpdesk_tickets", args=[SLUG])
        ticket = common.measured_ticket(data).number
        self.pages = {
            "list": self.get(listing, check=self.rows),
            "search": self.get(listing, {"q": search}, check=self.rows),
            "ticket": self.get(reverse("helpdesk_ticket", args=[SLUG, ticket])),
            "dashboard": self.get(reverse("helpdesk_dashboard", args=[SLUG])),
            # What the list page fetches (htmx) when a filter changes or a word is typed: the rows alone.
            "list_rows": self.get(listing, headers=HTMX, check=self.rows),
            "search_rows": self.get(listing, {"q": search}, headers=HTMX, check=self.rows),
        }
        self.portal_url = reverse("helpdesk_portal", args=[SLUG])

    @staticmethod
    def rows(html: str) -> dict:
        count = re.search(r'id="ticket-count">\s*([\d.,]+)', html).group(1)
        numbers = [int(n) for n in re.findall(r'data-ticket="(\d+)"', html)]
        return {"ids": numbers, "matches": int(re.sub(r"\D", "", count))}

    def get(self, url, params=None, headers=None, check=None):
        def action():
            response = self.client.get(url, params, headers=headers)
            assert response.status_code == 200, (url, response.status_code)
            return check(response.content.decode()) if check else None

        return action

    def ticket(self, row):
        from helpdesk.models import Ticket

        done = row.status in ("selesai", "ditutup")
        category = self.categories[row.category]
        ticket = Ticket(
            agency_id=self.unit.agency_id,
            unit=self.unit,
            category=category,
            pokja_id=category.pokja_id,
            number=row.number,
            subject=row.subject,
            description=row.description,
            requester_name=row.requester_name,
            requester_agency=row.requester_agency,
            requester_email=row.requester_email,
            requester_phone=row.requester_phone,
            status=row.status,
            assignee=None if row.assignee is None else self.staff[row.assignee],
            created_at=row.created,
            updated_at=row.last_activity,
            first_response_due=row.first_response_due,
            resolution_due=row.resolution_due,
            first_response_at=next((reply.at for reply in row.replies if not reply.by_requester), None),
            resolved_at=row.last_activity if done else None,
            closed_at=row.last_activity if row.status == "ditutup" else None,
        )
        # What Ticket.save() writes (bulk_create does not call it).
        ticket.search_text = " ".join(
            [ticket.reference, row.subject, row.description, row.requester_name, row.requester_agency]
            + [row.requester_email]
        )
        return ticket

    def load(self, rows) -> None:
        """Bulk inserts: each ticket, its history (created, assigned) and a message per reply."""
        from django.db import transaction

        from helpdesk.models import TicketCounter

        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                self.load_batch(rows[start : start + BATCH])
            TicketCounter.objects.update_or_create(
                agency_id=self.unit.agency_id, defaults={"last_number": rows[-1].number}
            )

    def load_batch(self, rows) -> None:
        from helpdesk.models import Message, Ticket, TicketEvent

        agency_id = self.unit.agency_id
        tickets = Ticket.objects.bulk_create(self.ticket(row) for row in rows)
        events, messages = [], []
        for row, ticket in zip(rows, tickets, strict=True):
            events.append(
                TicketEvent(agency_id=agency_id, ticket=ticket, kind=TicketEvent.Kind.CREATED,
                            actor_name=row.requester_name, to_status="baru", created_at=row.created)
            )  # fmt: skip
            if ticket.assignee_id:
                events.append(
                    TicketEvent(agency_id=agency_id, ticket=ticket, kind=TicketEvent.Kind.ASSIGNED,
                                assignee=ticket.assignee, created_at=row.created)
                )  # fmt: skip
            messages += [
                Message(
                    agency_id=agency_id,
                    ticket=ticket,
                    by_requester=reply.by_requester,
                    author_user=self.user if reply.staff == 0 else None,
                    author_name=row.requester_name if reply.by_requester else self.staff[reply.staff].name,
                    body=reply.body,
                    created_at=reply.at,
                )
                for reply in row.replies
            ]
        TicketEvent.objects.bulk_create(events)
        Message.objects.bulk_create(messages)

    def submit(self, n: int) -> None:
        request = common.submission(n)
        response = self.visitor().post(  # a new visitor each time
            self.portal_url,
            {
                "category": self.categories[request["category"]].pk,
                "subject": request["subject"],
                "description": request["description"],
                "requester_name": request["name"],
                "requester_agency": request["agency"],
                "requester_email": request["email"],
                "requester_phone": request["phone"],
                "website": "",
            },
        )
        assert response.status_code == 302, (response.status_code, response.content[:2000])


def setup_orbit(folder: str) -> str | None:
    """Django for Orbit on a throw-away database; on PostgreSQL, the configured name to drop it with at the end."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbit.settings")
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/orbit.sqlite3"
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")  # whitenoise
    # Production-like, as the peer: no debug templates, no query log. Not setup_test_environment(), whose template
    # instrumentation would be timed too (the test client's host is allowed in settings already).
    settings.DEBUG = False
    settings.MEDIA_ROOT = f"{folder}/orbit-media"
    if not postgres:
        call_command("migrate", verbosity=0)
        return None
    original = connection.settings_dict["NAME"]  # a database of its own beside the configured one
    connection.settings_dict["TEST"] = {**connection.settings_dict["TEST"], "NAME": f"orbit_bench_{os.getpid()}"}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return original


# The run: both sides step by step, alternating.


def alternate(first, second, repeat: int, action) -> tuple[list, list]:
    """``repeat`` runs of ``action(side)`` on each side, which one goes first changing every round."""
    runs = ([], [])
    for round_ in range(repeat):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for index in order:
            runs[index].append(action((first, second)[index]))
    return runs


def measure(options, orbit: Orbit, peer: Remote) -> dict:
    from django.conf import settings

    # The portal's limits (10 an hour per address) would refuse a throughput run from one address: lifted here.
    settings.HELPDESK_SUBMISSIONS_PER_ADDRESS = settings.HELPDESK_SUBMISSIONS_PER_EMAIL = 10**9
    result = {"orbit": {"queries_small": orbit.queries()}, "peer": {"queries_small": peer.queries()}}
    result["load"] = os.getloadavg()
    peer.send("load_rest")  # both load the rest at the same time: loading is not what is measured
    result["orbit"]["load_seconds"] = orbit.load_rest()
    result["peer"]["load_seconds"] = peer.receive()
    peer.send("settle")
    orbit.settle()
    peer.receive()
    for name, side in (("orbit", orbit), ("peer", peer)):
        result[name]["queries"] = side.queries()
        result[name]["list"] = side.result(page="list")
        result[name]["search"] = side.result(page="search")
        result[name]["seconds"] = {}
    for mine, theirs in [(page, other) for page, other, _label, _target in PAGES] + ROWS:
        orbit.once(page=mine), peer.once(page=theirs)  # warm-up
        runs = alternate(
            orbit, peer, options.repeat, lambda side, pages=(mine, theirs): side.once(page=pages[side is peer])
        )
        result["orbit"]["seconds"][mine], result["peer"]["seconds"][theirs] = map(statistics.median, runs)
    # Public submissions: a warm-up, one counted, then --repeat batches on each side.
    size = max(1, options.submissions // options.repeat)
    numbers = iter(range(2, 10**9, size))
    for name, side in (("orbit", orbit), ("peer", peer)):
        side.submit_batch(first=0, count=1)
        result[name]["queries"]["submit"] = side.submit_queries(n=1)
    mine, theirs = alternate(
        orbit, peer, options.repeat, lambda side: size / side.submit_batch(first=next(numbers), count=size)
    )
    result["orbit"]["submissions_per_second"] = statistics.median(mine)
    result["peer"]["submissions_per_second"] = statistics.median(theirs)
    return result


def report(options, result: dict, databases: tuple[str, str]) -> bool:
    """Prints the table; True when every target holds."""
    orbit, peer = result["orbit"], result["peer"]
    ms = {
        name: {page: seconds * 1000 for page, seconds in result[name]["seconds"].items()} for name in ("orbit", "peer")
    }
    print(f"{options.tickets:,} tickets in each (seed {options.seed}); median of {options.repeat} alternating runs")
    print(f"Orbit:           {databases[0]}, loaded in {orbit['load_seconds']:.1f} s")
    print(f"django-helpdesk: {databases[1]}, loaded in {peer['load_seconds']:.1f} s (both at once)")
    print()
    print(f"{'':30} {'Orbit':>17} {'django-helpdesk':>19} {'ratio':>7} {'target':>7}")
    print(f"{'':30} {'ms':>9} {'queries':>7} {'ms':>11} {'queries':>7}")
    holds = True
    for mine, theirs, label, target in PAGES:
        ratio = ms["peer"][theirs] / ms["orbit"][mine]
        ok = ratio >= target
        holds &= ok
        print(f"{label:30} {ms['orbit'][mine]:9.1f} {orbit['queries'][mine]:7d} {ms['peer'][theirs]:11.1f}"
              f" {peer['queries'][theirs]:7d} {ratio:6.1f}× {'≥' + str(target) + '×':>6}"
              f" {'ok' if ok else 'MISSED'}")  # fmt: skip
    mine, theirs = orbit["submissions_per_second"], peer["submissions_per_second"]
    ok = mine / theirs >= SUBMISSION_TARGET
    holds &= ok
    print(f"{'public submissions (per s)':30} {mine:9.1f} {orbit['queries']['submit']:7d} {theirs:11.1f}"
          f" {peer['queries']['submit']:7d} {mine / theirs:6.1f}× {'≥' + str(SUBMISSION_TARGET) + '×':>6}"
          f" {'ok' if ok else 'MISSED'}")  # fmt: skip
    print()
    print("django-helpdesk's list and search above: its list page, then the rows its table fetches (JSON).")
    print("Against the JSON alone (no target):")
    for (rows, data), (page, _other, label, _target) in zip(ROWS, PAGES, strict=False):
        print(f"  {label:28} JSON {ms['peer'][data]:6.1f} ms, {peer['queries'][data]} queries: Orbit's page "
              f"{ms['peer'][data] / ms['orbit'][page]:.1f}× faster, its rows alone (htmx, {ms['orbit'][rows]:.1f} ms) "
              f"{ms['peer'][data] / ms['orbit'][rows]:.1f}×")  # fmt: skip
    print()
    print(f"Orbit's queries per page with {options.stage:,} and with {options.tickets:,} tickets "
          f"(≤ {MAX_QUERIES}, the same):")  # fmt: skip
    for page, _other, label, _target in PAGES:
        small, large = orbit["queries_small"][page], orbit["queries"][page]
        ok = small == large <= MAX_QUERIES
        holds &= ok
        print(f"  {label:28} {small:3d} {large:3d}   {'ok' if ok else 'MISSED'}")
    print(f"same 25 tickets listed on both: {'yes' if orbit['list']['ids'] == peer['list']['ids'] else 'NO'}; "
          f"{options.search!r} matches {orbit['search']['matches']} open tickets in Orbit, "
          f"{peer['search']['matches']} in django-helpdesk")  # fmt: skip
    print(f"all targets hold: {'yes' if holds else 'NO'}")
    print("machine load (1-minute average) at the start and the end: {:.1f}, {:.1f} on {} cores".format(
        result["load"][0], os.getloadavg()[0], os.cpu_count()))  # fmt: skip
    return holds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000, help="tickets loaded into each system")
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds of each page (and submission batches)")
    parser.add_argument("--submissions", type=int, default=200, help="portal submissions timed on each side")
    parser.add_argument("--seed", type=int, default=2017, help="seed of the generated tickets")
    parser.add_argument("--search", default=common.SEARCH_WORD, help="the searched word")
    parser.add_argument("--stage", type=int, default=1000, help="tickets loaded when the queries are first counted")
    parser.add_argument("--peer-venv", type=Path, default=Path("/tmp/orbit-bench-helpdesk-venv"))
    options = parser.parse_args()
    options.stage = min(options.stage, options.tickets)

    database_url = os.environ.get("DATABASE_URL", "")
    python = peer_python(options.peer_venv, database_url.startswith("postgres"))
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    began = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="orbit-bench-helpdesk-") as folder,
        PeerDatabase(folder, database_url) as db,
    ):
        peer = Remote(python, options, folder, now, db)  # migrates and loads the first stage meanwhile
        original = None
        try:
            original = setup_orbit(folder)
            from django.db import connection

            names = (f"{connection.vendor} ({connection.settings_dict['NAME']})", f"{connection.vendor} (own database)")
            data = common.rows(options.tickets, options.seed, now)
            orbit = Orbit(data, options.stage, options.search)
            orbit.load(data[: options.stage])
            peer.receive()  # ready
            result = measure(options, orbit, peer)
        finally:
            peer.close()
            if original:
                connection.creation.destroy_test_db(original, verbosity=0)
    holds = report(options, result, names)
    print(f"(whole run: {time.perf_counter() - began:.0f} s)")
    sys.exit(0 if holds else 1)


if __name__ == "__main__":
    main()
