"""Benchmark: the monitoring dashboard against the same aggregates as one hand-written SQL query, side by side.

A unit with 200 monthly indicators × 12 months of realisasi, in an agency of 100 units (the other 99 have
smaller agreements of their own, so that every table holds other units' rows too). Runs on a throw-away
SQLite file by default; with DATABASE_URL set (PostgreSQL), on a throw-away test database next to it:

    .venv/bin/python bench/dashboard.py [--indicators 200] [--units 100] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/orbit .venv/bin/python bench/dashboard.py
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2023
POKJA = ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]
VIEWS = ["ss", "iku", "pokja", "person"]

# Everything the dashboard computes, in one statement: per indicator the 12 period targets, accepted and
# submitted realisasi, the sums, counts and last values of the year and of the cumulative to the last accepted
# period, and the responsible pokja.
MONTHS = range(1, 13)
REAL_CELLS = ",\n        ".join(
    f"MAX(CASE WHEN period = {m} AND status = 'accepted' THEN value END) AS r{m}, "
    f"MAX(CASE WHEN period = {m} AND status = 'submitted' THEN value END) AS s{m}"
    for m in MONTHS
)
TARGET_CELLS = ",\n        ".join(
    f"MAX(CASE WHEN t.period = {m} THEN t.target END) AS t{m}, "
    f"MAX(CASE WHEN t.period = {m} THEN t.target_upper END) AS tu{m}"
    for m in MONTHS
)
LAST_REAL = " ".join(f"WHEN {m} THEN real.r{m}" for m in MONTHS)
LAST_TARGET = " ".join(f"WHEN {m} THEN tgt.t{m}" for m in MONTHS)
RAW_SQL = f"""
WITH ind AS (
    SELECT i.id, i.code, i.objective_id, i.target, i.target_upper, i.polarity, i.aggregation
    FROM performance_indicator i WHERE i.agreement_id = %s
), real AS (
    SELECT r.indicator_id,
        SUM(CASE WHEN status = 'accepted' THEN value END) AS r_sum,
        COUNT(CASE WHEN status = 'accepted' THEN value END) AS r_count,
        MAX(CASE WHEN status = 'accepted' THEN period END) AS last_period,
        {REAL_CELLS}
    FROM performance_realisasi r JOIN ind ON ind.id = r.indicator_id
    WHERE r.status IN ('accepted', 'submitted')
    GROUP BY r.indicator_id
), tgt AS (
    SELECT t.indicator_id,
        SUM(CASE WHEN t.period <= real.last_period THEN t.target END) AS t_sum,
        COUNT(CASE WHEN t.period <= real.last_period THEN t.target END) AS t_count,
        MAX(CASE WHEN t.period <= real.last_period THEN t.period END) AS t_last_period,
        SUM(CASE WHEN t.period <= real.last_period THEN t.target_upper END) AS tu_sum,
        COUNT(CASE WHEN t.period <= real.last_period THEN t.target_upper END) AS tu_count,
        {TARGET_CELLS}
    FROM performance_periodtarget t JOIN ind ON ind.id = t.indicator_id
    LEFT JOIN real ON real.indicator_id = t.indicator_id
    GROUP BY t.indicator_id
)
SELECT ind.*, real.*, tgt.*,
    CASE real.last_period {LAST_REAL} END AS r_last,
    CASE tgt.t_last_period {LAST_TARGET} END AS t_last,
    (SELECT COUNT(*) FROM performance_indicator_pokja link WHERE link.indicator_id = ind.id) AS pokja_count,
    (SELECT MIN(pokja.code) FROM performance_indicator_pokja link
        JOIN organisation_pokja pokja ON pokja.id = link.pokja_id WHERE link.indicator_id = ind.id) AS first_pokja
FROM ind
LEFT JOIN real ON real.indicator_id = ind.id
LEFT JOIN tgt ON tgt.indicator_id = ind.id
ORDER BY ind.objective_id, ind.id
"""


def nip(n: int) -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n % 7000)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + n % 12:02d}{1 + n % 2}{1 + (n // 7000) % 999:03d}"


def make_agreement(unit, pokja: list, indicators: int, staff_from: int):
    """A PK with 5 SS, ``indicators`` monthly IKU (2 pokja each), 12 targets and 12 realisasi (1 submitted)."""
    from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi, StrategicObjective

    agreement = PerformanceAgreement.objects.create(unit=unit, year=YEAR, title=f"PK {YEAR}")
    objectives = [
        StrategicObjective.objects.create(
            agreement=agreement, code=f"SS.{n}", name=f"Sasaran {n}", perspective="customer", order=n
        )
        for n in range(1, 6)
    ]
    methods = ["sum", "average", "last"]
    polarities = ["higher", "lower", "range"]
    items = Indicator.objects.bulk_create(
        Indicator(
            agreement=agreement,
            objective=objectives[n % 5],
            code=f"IKU.{n}",
            name=f"Indikator {n}",
            unit_of_measure="Persentase",
            target=Decimal(1200),
            target_upper=Decimal(1300) if n % 3 == 2 else None,
            polarity=polarities[n % 3],
            aggregation=methods[n % 3],
            periodicity="monthly",
            order=n,
        )  # fmt: skip
        for n in range(indicators)
    )
    through = Indicator.pokja.through
    through.objects.bulk_create(
        through(indicator=item, pokja=pokja[(n + k) % len(pokja)]) for n, item in enumerate(items) for k in (0, 1)
    )
    PeriodTarget.objects.bulk_create(
        PeriodTarget(
            indicator=item,
            period=m,
            target=Decimal(100),
            target_upper=Decimal(110) if item.polarity == "range" else None,
        )  # fmt: skip
        for item in items
        for m in range(1, 13)
    )
    Realisasi.objects.bulk_create(
        Realisasi(
            indicator=item,
            period=m,
            value=Decimal(80 + (n * 7 + m * 3) % 40),
            status="submitted" if m == 12 else "accepted",
        )  # fmt: skip
        for n, item in enumerate(items)
        for m in range(1, 13)
    )
    return agreement


def build(indicators: int, units: int):
    from organisation.models import Agency, Employee, Membership, Pokja, Unit, User

    agency = Agency.objects.create(name="Instansi Bench", slug="bench")
    target = None
    for number in range(units):
        unit = Unit.objects.create(agency=agency, name=f"Unit {number:03d}", slug=f"bench-{number:03d}")
        pokja = Pokja.objects.bulk_create(
            Pokja(unit=unit, agency=agency, code=code, name=f"Pokja {code}", order=order)
            for order, code in enumerate(POKJA, start=1)
        )
        staff = Employee.objects.bulk_create(
            Employee(unit=unit, agency=agency, nip=nip(number * 40 + n), name=f"Pegawai {number}-{n}")
            for n in range(20 if number else 40)
        )
        Membership.objects.bulk_create(
            Membership(employee=person, pokja=pokja[(n + k) % len(pokja)], valid_from=datetime.date(YEAR, 1, 1))
            for n, person in enumerate(staff)
            for k in (0, 3)
        )
        if number == 0:
            unit.head = staff[0]
            unit.save(update_fields=["head"])
            target = make_agreement(unit, pokja, indicators, 0)
        else:
            make_agreement(unit, pokja, 20, 0)
    user = User.objects.create_user("bench-head", agency=agency, role=User.Role.STAFF)
    head = target.unit.head
    head.user = user
    head.save(update_fields=["user"])
    return target, user


def timed(action, repeat: int) -> float:
    action()  # warm-up: caches, compiled templates
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def check(agreement, rows) -> None:
    """The raw query and the selectors agree: accepted periods counted and the cumulative's last period."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, [agreement.pk])
        names = [column[0] for column in cursor.description]
        raw = {record[0]: dict(zip(names, record, strict=True)) for record in cursor.fetchall()}
    for row in rows:
        mine = raw[row.indicator.pk]
        assert (mine["r_count"], mine["last_period"]) == (row.year.reported, row.cumulative.period), row.indicator
        assert mine["t_count"] == (row.cumulative.period or 0), row.indicator


def measure(options) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from performance.selectors import indicator_table

    began = time.perf_counter()
    agreement, user = build(options.indicators, options.units)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"built {options.units} units, {options.indicators} × 12 months in the measured unit: "
          f"{time.perf_counter() - began:.1f} s")  # fmt: skip
    client = Client()
    client.force_login(user)
    url = reverse("performance_dashboard", args=[agreement.unit.slug, YEAR])

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [agreement.pk])
            rows = cursor.fetchall()
        assert len(rows) == options.indicators

    check(agreement, indicator_table(agreement))
    raw_seconds = timed(raw, options.repeat)
    selector_seconds = timed(lambda: indicator_table(agreement), options.repeat)
    print(f"raw SQL, one query:            {raw_seconds * 1000:8.1f} ms")
    ratio = selector_seconds / raw_seconds
    print(f"selectors.indicator_table:     {selector_seconds * 1000:8.1f} ms   ratio {ratio:5.2f}")
    for view in VIEWS:

        def render(view=view):
            response = client.get(url, {"view": view})
            assert response.status_code == 200, response.status_code

        seconds = timed(render, options.repeat)
        print(f"dashboard ?view={view:<7} page: {seconds * 1000:8.1f} ms   ratio {seconds / raw_seconds:5.2f}")
    print(f"(median of {options.repeat} runs after a warm-up; target: ratio ≤ 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=200, help="indicators of the measured unit")
    parser.add_argument("--units", type=int, default=100, help="units of the agency")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each measurement")
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbit.settings")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="orbit-bench-") as folder:
        postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
        if not postgres:
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        import django
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        django.setup()
        # The test client's host; not setup_test_environment(), whose template instrumentation would be timed too.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if postgres:
            # A throw-away database beside the configured one (test_<name>), dropped at the end.
            original = connection.settings_dict["NAME"]
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            try:
                measure(options)
            finally:
                connection.creation.destroy_test_db(original, verbosity=0)
        else:
            call_command("migrate", verbosity=0)
            measure(options)


if __name__ == "__main__":
    main()
