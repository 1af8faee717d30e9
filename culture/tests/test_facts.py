"""The fact layer behind award suggestions: every fact's numbers match the data it was read from, and the other
apps' reads are used when they exist and skipped when they do not."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db.models import Q
from django.utils import timezone

import helpdesk.selectors
import performance.selectors
from culture import facts
from culture.models import PosDocument, PosVersion
from culture.tests.helpers import at, lembur
from organisation import demo
from organisation.models import Employee, Membership

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)
KOMANG = demo.demo_nip(0, "2")  # ketua of PAK, also in PDI and PLT


def by_subject(found, source=None):
    return {(f.subject.kind, f.subject.key): f for f in found if source is None or f.source == source}


def test_it_counts_each_persons_pokja_in_the_period_from_the_memberships(demo_unit):
    found = [f for f in facts.organisation_facts(demo_unit, START, END) if "pokja" in f.numbers]
    assert found, "the demo has people in three pokja"
    for fact in found:
        memberships = Membership.objects.filter(employee__nip=fact.subject.key, valid_from__lte=END).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=START)
        )
        codes = sorted(set(memberships.values_list("pokja__code", flat=True)))
        assert fact.numbers["pokja"] == len(codes) > demo_unit.min_pokja_per_employee
        assert sorted(fact.numbers["codes"].split(", ")) == codes
        assert fact.subject.label == Employee.objects.get(nip=fact.subject.key).name
        assert fact.value == "kolaboratif"


def test_it_lists_the_leading_roles_held(demo_unit):
    facts_of_komang = [f for f in facts.organisation_facts(demo_unit, START, END) if f.subject.key == KOMANG]
    leading = next(f for f in facts_of_komang if "leading_roles" in f.numbers)
    assert leading.numbers["leading_roles"] == 1
    assert leading.numbers["roles"].endswith("PAK")
    contribution = next(f for f in facts_of_komang if "pokja" in f.numbers)
    assert contribution.numbers == {"pokja": 3, "codes": "PAK, PDI, PLT", "minimum": 2}


def test_a_membership_that_ended_before_the_period_does_not_count(demo_unit):
    Membership.objects.filter(employee__nip=KOMANG, pokja__code="PDI").update(valid_to=datetime.date(2023, 12, 31))
    found = [f for f in facts.organisation_facts(demo_unit, START, END) if f.subject.key == KOMANG]
    assert [f.numbers.get("pokja") for f in found if "pokja" in f.numbers] == []
    # Still counted in a period that it overlaps.
    earlier = facts.organisation_facts(demo_unit, datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))
    assert any(f.subject.key == KOMANG and f.numbers.get("pokja") == 3 for f in earlier)


def test_inactive_people_get_no_facts(demo_unit):
    Employee.objects.filter(nip=KOMANG).update(is_active=False)
    assert not [f for f in facts.organisation_facts(demo_unit, START, END) if f.subject.key == KOMANG]


def test_lembur_facts_count_the_sessions_and_hours_attended_in_the_period(demo_unit):
    komang, gede = Employee.objects.get(nip=KOMANG), Employee.objects.get(nip=demo.demo_nip(1, "1"))
    lembur(demo_unit, "PAK", 1, at(2024, 2, 2, 17), 3, [komang, gede])
    lembur(demo_unit, "PAK", 2, at(2024, 3, 8, 17), 2, [komang])
    lembur(demo_unit, "PAK", 2, at(2024, 4, 5, 17), 4, [komang])  # after the period

    found = by_subject(facts.culture_facts(demo_unit, START, END))

    assert found[("employee", KOMANG)].numbers == {"sessions": 2, "hours": "5"}
    assert "PAK: Mengelola arsip fisik" in found[("employee", KOMANG)].text
    assert found[("employee", gede.nip)].numbers == {"sessions": 1, "hours": "3"}
    assert found[("employee", KOMANG)].value == "loyal"


def test_a_pokja_that_approved_pos_versions_in_the_period_has_a_fact(demo_unit, head_user):
    document = PosDocument.objects.create(pokja=demo_unit.pokja.get(code="PDK"), title="POS Peremajaan Data")
    for number, approved in [(1, at(2023, 12, 1)), (2, at(2024, 2, 1))]:
        PosVersion.objects.create(
            document=document,
            number=number,
            text=f"Langkah {number}",
            status=PosVersion.Status.APPROVED,
            approved_at=approved,
            approved_by=head_user,
            review_due=datetime.date(2025, 2, 1),
        )
    fact = by_subject(facts.culture_facts(demo_unit, START, END))[("pokja", "PDK")]
    assert fact.numbers == {"pos_versions": 1}
    assert "POS Peremajaan Data v2" in fact.text


def test_without_performance_reads_there_are_no_performance_facts(demo_unit, monkeypatch):
    monkeypatch.delattr(performance.selectors, "pokja_on_target", raising=False)
    monkeypatch.delattr(performance.selectors, "follow_ups_done", raising=False)
    assert facts.performance_facts(demo_unit, START, END) == []


def test_performance_reads_become_facts_when_they_exist(demo_unit, monkeypatch):
    calls = []

    def pokja_on_target(unit, start, end):
        calls.append((unit, start, end))
        return [
            {"pokja_code": "PDK", "on_target": 3, "indicators": 4},
            {"pokja_code": "PIA", "on_target": 0, "indicators": 2},
            {"pokja_code": "NOPE", "on_target": 5, "indicators": 5},
        ]

    def follow_ups_done(unit, start, end):
        return [{"nip": KOMANG, "name": "Komang Ayu Larasati", "done": 2, "total": 3}]

    monkeypatch.setattr(performance.selectors, "pokja_on_target", pokja_on_target, raising=False)
    monkeypatch.setattr(performance.selectors, "follow_ups_done", follow_ups_done, raising=False)

    found = by_subject(facts.performance_facts(demo_unit, START, END))

    assert calls == [(demo_unit, START, END)]
    assert set(found) == {("pokja", "PDK"), ("employee", KOMANG)}
    assert found[("pokja", "PDK")].numbers == {"on_target": 3, "indicators": 4}
    assert found[("employee", KOMANG)].numbers == {"done": 2, "total": 3}


def test_the_real_helpdesk_reads_give_no_facts_without_tickets(demo_unit):
    assert facts.helpdesk_facts(demo_unit, START, END) == []


@dataclass
class FakeIkm:
    grade: str
    score_display: Decimal
    respondents: int


@dataclass
class FakeReport:
    result: FakeIkm | None


def test_helpdesk_figures_become_facts_for_people_and_pokja(demo_unit, monkeypatch):
    def ticket_figures(unit, start, end):
        return {
            "assignee": [
                {"assignee__nip": KOMANG, "assignee__name": "Komang Ayu Larasati", "tickets": 12, "resolved": 11},
                {"assignee__nip": None, "assignee__name": None, "tickets": 4, "resolved": 0},
            ],
            "pokja": [{"pokja__code": "PDK", "tickets": 20, "resolved": 18, "within_sla": 17}],
        }

    grades = {"PDK": FakeReport(FakeIkm("A", Decimal("91.25"), 40)), "PIA": FakeReport(FakeIkm("C", Decimal("70"), 9))}
    pokja_codes = dict(demo_unit.pokja.values_list("pk", "code"))

    def ikm_report(unit, start, end, *, pokja_id=None):
        return grades.get(pokja_codes[pokja_id], FakeReport(None))

    monkeypatch.setattr(helpdesk.selectors, "ticket_figures", ticket_figures)
    monkeypatch.setattr(helpdesk.selectors, "ikm_report", ikm_report)

    found = facts.helpdesk_facts(demo_unit, START, END)

    person = by_subject(found)[("employee", KOMANG)]
    assert person.numbers == {"resolved": 11, "tickets": 12}
    pdk = [f for f in found if f.subject.key == "PDK"]
    assert [f.numbers for f in pdk] == [
        {"resolved": 18, "tickets": 20, "within_sla": 17},
        {"ikm": "91.25", "grade": "A", "respondents": 40},
    ]
    assert not [f for f in found if f.subject.key == "PIA"]  # grade C is not worth an award


def test_without_the_helpdesk_reads_there_are_no_helpdesk_facts(demo_unit, monkeypatch):
    monkeypatch.delattr(helpdesk.selectors, "ticket_figures")
    monkeypatch.delattr(helpdesk.selectors, "ikm_report")
    assert facts.helpdesk_facts(demo_unit, START, END) == []


def test_all_facts_gathers_every_source(demo_unit, monkeypatch):
    monkeypatch.setattr(
        performance.selectors,
        "pokja_on_target",
        lambda unit, start, end: [{"pokja_code": "PAK", "on_target": 1, "indicators": 1}],
        raising=False,
    )
    sources = {f.source for f in facts.all_facts(demo_unit, START, END)}
    assert {"organisation", "performance"} <= sources


@pytest.mark.parametrize("fact_source", ["organisation_facts", "culture_facts"])
def test_facts_are_json_safe_for_the_nomination_snapshot(demo_unit, fact_source):
    komang = Employee.objects.get(nip=KOMANG)
    lembur(demo_unit, "PAK", 1, timezone.make_aware(datetime.datetime(2024, 2, 2, 17)), 2, [komang])
    for fact in getattr(facts, fact_source)(demo_unit, START, END):
        assert json.loads(json.dumps(fact.as_json()))["numbers"] == fact.numbers
