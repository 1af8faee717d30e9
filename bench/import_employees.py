"""Benchmark: the bulk employee importer against a naive row-by-row import, side by side.

Runs on a throw-away SQLite file (nothing touches var/orbit.sqlite3):

    .venv/bin/python bench/import_employees.py [--rows 10000] [--naive-rows 2000]
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = datetime.date(2024, 7, 1)
POKJA = ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]


def nip(n: int) -> str:
    """A valid, distinct NIP for n below 7,000 × 999."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n % 7000)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + n % 12:02d}{1 + n % 2}{1 + (n // 7000) % 999:03d}"


def rows(count: int) -> list[list[str]]:
    """Each employee in one pokja as anggota, two in every fifth (the same NIP on a second row)."""
    result = []
    for n in range(count):
        person = [nip(n), f"Pegawai {n:05d}", "Pranata Komputer", "III/a", f"pegawai{n}@bench.test"]
        result.append([*person, POKJA[n % len(POKJA)], "anggota"])
        if n % 5 == 0:
            result.append([*person, POKJA[(n + 3) % len(POKJA)], "anggota"])
    return result


def csv_bytes(table: list[list[str]]) -> bytes:
    lines = [";".join(["NIP", "NAMA", "JABATAN", "GOLONGAN", "EMAIL", "POKJA", "PERAN"])]
    lines += [";".join(row) for row in table]
    return ("\n".join(lines) + "\n").encode()


def make_unit(slug: str):
    from organisation.models import Agency, Pokja, Unit

    agency = Agency.objects.create(name=f"Instansi {slug}", slug=slug)
    unit = Unit.objects.create(agency=agency, name=f"Unit {slug}", slug=slug)
    for order, code in enumerate(POKJA, start=1):
        Pokja.objects.create(unit=unit, code=code, name=f"Pokja {code}", order=order)
    return unit


def bulk(count: int, slug: str) -> tuple[float, int]:
    from organisation.importer import import_employees

    unit = make_unit(slug)
    data = csv_bytes(rows(count))
    began = time.perf_counter()
    result = import_employees(actor=None, unit=unit, file_name="bench.csv", data=data, start=START, dry_run=False)
    elapsed = time.perf_counter() - began
    if result.errors:
        sys.exit(f"The bulk import failed: {result.errors[:5]}")
    assert result.created == count
    return elapsed, result.memberships


def naive(count: int) -> float:
    """What a first version would do: a few queries per row (in one transaction all the same)."""
    from django.db import transaction

    from organisation.models import Employee, Membership, Pokja

    unit = make_unit("naive")
    began = time.perf_counter()
    with transaction.atomic():
        for row in rows(count):
            employee = Employee.objects.filter(unit=unit, nip=row[0]).first()
            if employee is None:
                employee = Employee(unit=unit, nip=row[0])
            employee.name, employee.position, employee.grade, employee.email = row[1:5]
            employee.save()
            Membership.objects.create(
                employee=employee, pokja=Pokja.objects.get(unit=unit, code=row[5]), role=row[6], valid_from=START
            )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="employees for the bulk importer")
    parser.add_argument("--naive-rows", type=int, default=2_000, help="employees for the row-by-row baseline")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="orbit-bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbit.settings")
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)

        bulk_seconds, memberships = bulk(options.rows, "bulk")
        bulk_small, _memberships = bulk(options.naive_rows, "bulk-small")
        naive_seconds = naive(options.naive_rows)
        scaled = naive_seconds * options.rows / options.naive_rows
        print(f"database: SQLite file in {folder}")
        print(f"bulk importer: {options.rows:>6} employees ({memberships} memberships): {bulk_seconds:7.2f} s")
        print(f"bulk importer: {options.naive_rows:>6} employees: {bulk_small:7.2f} s")
        print(f"row by row:    {options.naive_rows:>6} employees: {naive_seconds:7.2f} s")
        print(f"row by row, scaled linearly to {options.rows} employees: {scaled:7.2f} s")
        print(f"bulk is {naive_seconds / bulk_small:.1f}x faster on {options.naive_rows} rows", end="")
        print(f" and {scaled / bulk_seconds:.1f}x faster than the scaled baseline on {options.rows} rows")


if __name__ == "__main__":
    main()
