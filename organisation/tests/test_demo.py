"""The demo unit follows the seed document and uses no real person's name."""

import re
from collections import Counter
from pathlib import Path

from django.core.management import call_command

from organisation import demo
from organisation.models import Agency, Employee, Function, Membership, Pokja
from organisation.nip import nip_errors

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_c471d6288b296b4a.txt"
# The names in the seed's Tabel 2.3 and its author: none may appear in the demo.
REAL_NAMES = [
    "Yudha Lumbawan", "Herry Fernandez", "Lusia Dua Ate", "Dwi Kuntoro", "Desma Dewi", "Nisma Dewi",
    "Anais Sri Wandari", "Agus Sugiadnyana", "Wayan Brati", "Terang Malem", "Cantika Dewi", "Nyoman Suartawan",
    "Widyantari Arnawa", "Wiramaswara", "Agas Arya", "Deni Satria", "Ketut Buana",
]  # fmt: skip

TABLE_2_2 = {
    "PAK": [9, 11], "PPA": [6, 9, 10], "PDK": [3, 4, 10], "PDI": [5, 7], "PJD": [1], "PLT": [10, 12], "PIA": [2, 8, 10],
}  # fmt: skip


def test_load_demo_creates_the_unit_once(db, capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert Agency.objects.filter(slug="kanreg-x").count() == 1
    assert Employee.objects.count() == len(demo.STAFF) + 1
    output = capsys.readouterr().out
    assert "already loaded" in output and "kepala" in output


def test_it_has_the_twelve_functions_and_the_pokja_of_table_2_2(demo_unit):
    assert Function.objects.filter(unit=demo_unit).count() == 12
    assert {p.code: sorted(p.functions.values_list("number", flat=True)) for p in Pokja.objects.all()} == TABLE_2_2
    assert Pokja.objects.get(code="PPA").alias_list == ["PDA"]
    assert all(Pokja.objects.get(code=code).tasks.count() >= 4 for code in TABLE_2_2)
    assert Pokja.objects.get(code="PJD").tasks.filter(text__icontains="jaringan").exists()


def test_every_employee_is_in_two_to_four_pokja_and_every_pokja_is_led(demo_unit):
    counts = Counter(Membership.objects.values_list("employee_id", flat=True))
    staff = Employee.objects.exclude(pk=demo_unit.head_id)
    assert all(2 <= counts[e.pk] <= 4 for e in staff)
    for pokja in Pokja.objects.all():
        roles = Counter(pokja.memberships.values_list("role", flat=True))
        assert roles["ketua"] == 1 and roles["wakil"] == 1


def test_demo_people_have_valid_nips_and_invented_names(demo_unit):
    seed_text = SEED.read_text() if SEED.exists() else ""
    for employee in Employee.objects.all():
        assert nip_errors(employee.nip) == []
        for real in REAL_NAMES:
            assert real.lower() not in employee.name.lower()
        if seed_text:
            assert not re.search(re.escape(employee.name), seed_text)
