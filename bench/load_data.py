"""The load test's data set (bench/load.py, orbit/tests/test_load_quick.py): generated, seeded, bulk inserted.

Every agency gets ``units`` units of ``employees`` employees each. A unit has eight tusi, 5-7 pokja (each formed
from two tusi, with three tasks), every employee but the head in 2-3 pokja (one ketua and one wakil per pokja),
a PK with monthly indicators, targets and realisasi (bench/dashboard.py's generator), one helpdesk service per
pokja, its share of the tickets (bench/helpdesk_peer/hd_common.py's generator: three years of them, 17 % open,
replies, history) with IKM surveys on a third of the closed ones, and four staff users who can sign in (the
head and three members). Names are drawn from lists of common name parts; nobody real is meant.
"""

import datetime
import random
from dataclasses import dataclass

from bench import dashboard
from bench.helpdesk_peer import hd_common

AGENCY_PREFIX = "load-"
PASSWORD = "orbit-load-2023"  # every generated user's
USERS_PER_UNIT = 4  # employee 0 (the head) and employees 1-3
FUNCTIONS_PER_UNIT = 8
YEAR = dashboard.YEAR  # the PK the dashboard shows
STRUCTURE_START = datetime.date(2023, 1, 2)
SURVEYED = 0.33  # share of closed tickets with an IKM response
BATCH = 2000
TUSI = [
    "Penyusunan rencana dan program kerja",
    "Pengelolaan data dan informasi kepegawaian",
    "Pelayanan administrasi kepegawaian",
    "Pembinaan dan pengembangan kompetensi pegawai",
    "Pengelolaan arsip dan dokumentasi",
    "Pengelolaan sistem informasi dan jaringan",
    "Pemantauan, evaluasi dan pelaporan kinerja",
    "Pelaksanaan koordinasi dengan instansi di wilayah kerja",
]


@dataclass(frozen=True)
class Sizes:
    agencies: int = 50
    units: int = 5  # per agency
    employees: int = 40  # per unit, the head included
    tickets: int = 200_000  # in all, spread evenly over the units
    indicators: int = 20  # per unit's PK, monthly

    @property
    def unit_count(self) -> int:
        return self.agencies * self.units


def agency_slug(number: int) -> str:
    return f"{AGENCY_PREFIX}{number:03d}"


def username(agency: int, unit: int, employee: int) -> str:
    return f"load{agency:03d}-{unit}-{employee}"


def present(sizes: Sizes) -> bool:
    """Whether the database holds this data set already (tickets submitted by earlier runs allowed)."""
    from helpdesk.models import Ticket
    from organisation.models import Agency, Employee, Unit

    agencies = Agency.objects.filter(slug__startswith=AGENCY_PREFIX)
    return (
        agencies.count() == sizes.agencies
        and Unit.objects.filter(agency__in=agencies).count() == sizes.unit_count
        and Employee.objects.filter(agency__in=agencies).count() == sizes.unit_count * sizes.employees
        and Ticket.objects.filter(agency__in=agencies).count() >= sizes.tickets
    )


def generate(sizes: Sizes, *, seed: int = 2023, now: datetime.datetime | None = None, progress=None) -> None:
    """Writes the data set in one transaction (all or nothing); ``progress(text)`` hears about each agency."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    now = now or timezone.now().replace(microsecond=0)
    rng = random.Random(seed)
    password = make_password(PASSWORD)  # hashed once: the slow hasher would take minutes for every user
    share, extra = divmod(sizes.tickets, sizes.unit_count)
    with transaction.atomic():
        for number in range(sizes.agencies):
            counts = [share + (1 if number * sizes.units + u < extra else 0) for u in range(sizes.units)]
            _agency(number, sizes, counts, rng, now, password)
            if progress:
                progress(f"agency {number + 1}/{sizes.agencies}")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(hd_common.FIRST_NAMES)} {rng.choice(hd_common.LAST_NAMES)}"


def _agency(number: int, sizes: Sizes, tickets: list[int], rng, now, password: str) -> None:
    from helpdesk.models import TicketCounter
    from organisation.models import Agency, Employee, Unit, User

    agency = Agency.objects.create(name=f"Instansi Uji Beban {number + 1:03d}", slug=agency_slug(number))
    units = Unit.objects.bulk_create(
        Unit(agency=agency, name=f"Bidang {u + 1} Instansi {number + 1:03d}", slug=f"{agency.slug}-{u + 1}")
        for u in range(sizes.units)
    )
    people = [[_name(rng) for _ in range(sizes.employees)] for _ in units]
    users = User.objects.bulk_create(
        User(
            username=username(number, u, e),
            password=password,
            agency=agency,
            role=User.Role.STAFF,
            first_name=people[u][e].split()[0],
            last_name=people[u][e].split()[1],
            email=f"{username(number, u, e)}@uji-beban.go.id",
        )
        for u in range(len(units))
        for e in range(min(USERS_PER_UNIT, sizes.employees))
    )
    user_of = {user.username: user for user in users}
    employees = Employee.objects.bulk_create(
        Employee(
            agency=agency,
            unit=unit,
            user=user_of.get(username(number, u, e)),
            nip=dashboard.nip(u * sizes.employees + e),
            name=people[u][e],
            position="Kepala Bidang" if e == 0 else "Analis Kepegawaian",
            email=f"pegawai{u}-{e}@uji-beban.go.id",
        )
        for u, unit in enumerate(units)
        for e in range(sizes.employees)
    )
    staff = [employees[u * sizes.employees : (u + 1) * sizes.employees] for u in range(len(units))]
    for unit, members in zip(units, staff, strict=True):
        unit.head = members[0]
    Unit.objects.bulk_update(units, ["head"])
    last_number = 0
    rows = []
    for u, unit in enumerate(units):
        pokja = _structure(agency, unit, staff[u], rng)
        dashboard.make_agreement(unit, pokja, sizes.indicators, 0)
        categories = _categories(agency, unit, pokja)
        members = _members(pokja)
        seed = rng.randrange(10**9)
        rows += [(row, unit, categories, members) for row in hd_common.rows(tickets[u], seed, now)]
    # Numbered per agency, oldest first, as the portal numbers them.
    rows.sort(key=lambda item: item[0].created)
    for start in range(0, len(rows), BATCH):
        last_number = _tickets(agency, rows[start : start + BATCH], last_number, rng)
    TicketCounter.objects.create(agency=agency, last_number=last_number)


def _structure(agency, unit, staff: list, rng: random.Random) -> list:
    """Tusi, 5-7 pokja (two tusi and three tasks each) and the memberships: every member in 2-3 pokja."""
    from organisation.models import Function, Membership, Pokja, PokjaTask

    functions = Function.objects.bulk_create(
        Function(agency=agency, unit=unit, number=n + 1, description=text, legal_basis="Peraturan Instansi 1/2023")
        for n, text in enumerate(TUSI[:FUNCTIONS_PER_UNIT])
    )
    codes = dashboard.POKJA[: rng.randint(5, 7)]
    pokja = Pokja.objects.bulk_create(
        Pokja(agency=agency, unit=unit, code=code, name=f"Pokja {code} {unit.name}", order=n + 1,
              purpose=f"Melaksanakan {TUSI[n].lower()}.")
        for n, code in enumerate(codes)
    )  # fmt: skip
    through = Pokja.functions.through
    through.objects.bulk_create(
        through(pokja=group, function=functions[(n + k) % len(functions)])
        for n, group in enumerate(pokja)
        for k in (0, 3)
    )
    PokjaTask.objects.bulk_create(
        PokjaTask(pokja=group, number=t, text=f"Tugas {t} {group.code}: {TUSI[(n + t) % len(TUSI)].lower()}")
        for n, group in enumerate(pokja)
        for t in (1, 2, 3)
    )
    chosen: dict[int, list] = {group.pk: [] for group in pokja}
    for n, person in enumerate(staff[1:]):  # the head is the centre, in no pokja
        first = n % len(pokja)
        others = rng.sample([k for k in range(len(pokja)) if k != first], rng.randint(1, 2))
        for k in (first, *others):
            chosen[pokja[k].pk].append(person)
    roles = [Membership.Role.KETUA, Membership.Role.WAKIL]
    Membership.objects.bulk_create(
        Membership(
            employee=person,
            pokja_id=pokja_id,
            role=roles[n] if n < len(roles) else Membership.Role.ANGGOTA,
            valid_from=STRUCTURE_START,
        )
        for pokja_id, people in chosen.items()
        for n, person in enumerate(people)
    )
    return pokja


def _categories(agency, unit, pokja: list) -> list:
    from helpdesk.models import Category

    return Category.objects.bulk_create(
        Category(agency=agency, unit=unit, pokja=group, name=name, slug=slug, order=n,
                 description=f"Layanan {name.lower()}.")
        for n, ((slug, name, _code), group) in enumerate(zip(hd_common.CATEGORIES, pokja, strict=False))
    )  # fmt: skip


def _members(pokja: list) -> dict[int, list]:
    """Each pokja's members, who handle its tickets."""
    from organisation.models import Membership

    members: dict[int, list] = {group.pk: [] for group in pokja}
    for membership in Membership.objects.filter(pokja__in=pokja).select_related("employee").order_by("pk"):
        members[membership.pokja_id].append(membership.employee)
    return members


def _tickets(agency, batch: list, last_number: int, rng: random.Random) -> int:
    """One batch of tickets with their history (created, assigned), messages and some surveys."""
    from helpdesk.models import Message, Survey, Ticket, TicketEvent

    tickets = []
    for row, unit, categories, members in batch:
        last_number += 1
        category = categories[row.category % len(categories)]
        handlers = members[category.pokja_id]
        assignee = None if row.assignee is None or not handlers else handlers[row.assignee % len(handlers)]
        done = row.status in ("selesai", "ditutup")
        ticket = Ticket(
            agency=agency,
            unit=unit,
            category=category,
            pokja_id=category.pokja_id,
            number=last_number,
            subject=row.subject,
            description=row.description,
            requester_name=row.requester_name,
            requester_agency=row.requester_agency,
            requester_email=row.requester_email,
            requester_phone=row.requester_phone,
            status=row.status,
            assignee=assignee,
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
        tickets.append(ticket)
    tickets = Ticket.objects.bulk_create(tickets)
    events, messages, surveys = [], [], []
    for (row, _unit, _categories, _members), ticket in zip(batch, tickets, strict=True):
        events.append(
            TicketEvent(agency=agency, ticket=ticket, kind=TicketEvent.Kind.CREATED, actor_name=row.requester_name,
                        to_status="baru", created_at=row.created)
        )  # fmt: skip
        if ticket.assignee_id:
            events.append(
                TicketEvent(agency=agency, ticket=ticket, kind=TicketEvent.Kind.ASSIGNED, assignee=ticket.assignee,
                            created_at=row.created)
            )  # fmt: skip
        messages += [
            Message(
                agency=agency,
                ticket=ticket,
                by_requester=reply.by_requester,
                author_name=row.requester_name if reply.by_requester else (ticket.assignee or ticket.unit.head).name,
                body=reply.body,
                created_at=reply.at,
            )
            for reply in row.replies
        ]
        if row.status == "ditutup" and rng.random() < SURVEYED:
            scores = {f"u{n}": rng.choice((2, 3, 3, 4, 4)) for n in range(1, 10)}
            surveys.append(
                Survey(agency=agency, unit=ticket.unit, ticket=ticket, pokja_id=ticket.pokja_id,
                       category=ticket.category, date=row.last_activity.date(), created_at=row.last_activity,
                       **scores)
            )  # fmt: skip
    TicketEvent.objects.bulk_create(events)
    Message.objects.bulk_create(messages)
    Survey.objects.bulk_create(surveys)
    return last_number


def plan(sizes: Sizes, clients: int, *, seed: int = 1, think: tuple[float, float] = (0.1, 0.5), surveys: int = 400):
    """What the clients do (bench/load_driver.Plan): each signs in as a different staff user of a random agency
    and works in that user's unit; ``surveys`` closed tickets without a response per client, none shared."""
    from bench.load_driver import Account, Plan
    from helpdesk.models import Ticket
    from organisation.models import Agency, Employee, Unit

    rng = random.Random(seed)
    agencies = list(
        Agency.objects.filter(slug__startswith=AGENCY_PREFIX).order_by("slug").values_list("slug", flat=True)
    )
    picked = rng.sample(agencies, clients) if clients <= len(agencies) else rng.choices(agencies, k=clients)
    accounts, used = [], set()
    for slug in picked:
        people = list(
            Employee.objects.filter(agency__slug=slug, user__isnull=False)
            .exclude(user__username__in=used)
            .select_related("user", "unit")
            .order_by("user__username")
        )
        person = rng.choice(people)
        used.add(person.user.username)
        numbers = list(Ticket.objects.filter(unit=person.unit).values_list("number", flat=True))
        accounts.append(
            Account(username=person.user.username, password=PASSWORD, unit=person.unit.slug, year=YEAR,
                    tickets=rng.sample(numbers, min(len(numbers), 100)))
        )  # fmt: skip
    tokens = list(
        Ticket.objects.filter(agency__slug__in=agencies, status=Ticket.Status.DITUTUP, survey__isnull=True)
        .order_by("pk")
        .values_list("tracking_token", flat=True)[: clients * surveys]
    )
    rng.shuffle(tokens)
    units = list(Unit.objects.filter(agency__slug__in=agencies).values_list("slug", flat=True))
    return Plan(
        accounts=accounts,
        portal_units=units,
        survey_tokens=[tokens[n::clients] for n in range(clients)],
        search_words=[city.lower() for city in hd_common.CITIES],
        think=think,
        seed=seed,
    )
