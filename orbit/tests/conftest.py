"""Cross-app fixtures: every demo loader of agency A, a few culture rows, and agency B with its own unit."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from culture import berakhlak
from culture.models import CoreBehaviour, CoreValue
from culture.services import awards, calendar, pacts, pos
from helpdesk.demo import load_helpdesk_demo
from helpdesk.models import Attachment, Category, Ticket
from organisation import demo
from organisation.models import Employee, Pokja, Unit, User
from organisation.tests.factories import EmployeeFactory, PokjaFactory, UnitFactory, UserFactory
from performance.demo import load_performance_demo
from performance.models import Activity, Evidence, Indicator, Realisasi
from performance.services import dialogues, role_results, share_links
from placement.demo import load_placement_demo
from placement.models import PlacementRun


@dataclass
class DemoData:
    """Agency A's demo rows and the URL parameters that open them."""

    unit: Unit
    head: User
    users: dict[str, User]
    employees: list[Employee]
    kwargs: dict[str, dict] = field(default_factory=dict)
    api_ids: dict[str, object] = field(default_factory=dict)

    def path_value(self, path: str, name: str):
        """A real value for the ``{name}`` parameter of an API path (the first segment after /api/v1/ decides)."""
        if name == "slug":
            return self.unit.slug
        resource = path.removeprefix("/api/v1/").split("/{")[0]
        return self.api_ids[resource]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def culture_rows(unit: Unit, head: User, anggota: User) -> dict[str, int]:
    berakhlak.load(CoreValue, CoreBehaviour)
    pokja = Pokja.objects.get(unit=unit, code="PIA")
    period = awards.create_period(
        actor=head, unit=unit, name="Triwulan I", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 3, 31)
    )
    nomination = awards.nominate(
        actor=head, period=period, kind="employee", title="Teladan", reason="Rajin", employee=anggota.employee
    )
    start = timezone.now() + datetime.timedelta(days=3)
    event = calendar.create_event(
        actor=head, unit=unit, kind="other", title="Apel", starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    pact = pacts.create_pact(
        actor=head, unit=unit, purpose="other", title="Pakta", text="Kami berjanji.", signers=[anggota.employee]
    )
    signature = pacts.sign_pact(actor=anggota, pact=pact)
    document = pos.create_document(actor=head, pokja=pokja, title="POS Integrasi")
    upload = SimpleUploadedFile("pos.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    try:
        version = pos.add_version(actor=head, document=document, upload=upload)
    except Exception:  # the upload check may want a real PDF: a written text is a version too
        version = pos.add_version(actor=head, document=document, text="Langkah 1.")
    return {
        "period": period.pk,
        "nomination": nomination.pk,
        "event": event.pk,
        "pact": pact.pk,
        "signature": signature.pk,
        "pos": document.pk,
        "pos_version": version.pk,
        "feed": calendar.feed_token(head).token,
    }


def awards_nomination(pk: int):
    from culture.models import Nomination

    return Nomination.objects.get(pk=pk)


@pytest.fixture
def demo_data(db) -> DemoData:
    unit, _created = demo.load_demo()
    agreement, _created = load_performance_demo()
    load_helpdesk_demo()
    load_placement_demo()
    users = {name: User.objects.get(username=name) for name in ("admin", "kepala", "ketua", "anggota")}
    head = users["kepala"]
    culture = culture_rows(unit, head, users["anggota"])

    indicator = Indicator.objects.filter(agreement=agreement).order_by("pk").first()
    ticket = Ticket.objects.filter(unit=unit).order_by("pk").first()
    attachment = Attachment.objects.create(
        agency=unit.agency,
        ticket=ticket,
        file=SimpleUploadedFile("bukti.png", b"\x89PNG\r\n\x1a\n"),
        name="bukti.png",
        content_type="image/png",
        size=8,
    )
    evidence = Evidence.objects.create(
        realisasi=Realisasi.objects.filter(indicator__agreement=agreement).order_by("pk").first(),
        file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n"),
        name="bukti.pdf",
        content_type="application/pdf",
        size=15,
    )
    anggota = users["anggota"].employee
    dialogue = dialogues.schedule_dialogue(
        actor=head, unit=unit, scheduled_at=timezone.now(), topic="Capaian triwulan", employee=anggota
    )
    follow_up = dialogues.add_follow_up(
        actor=head, dialogue=dialogue, description="Perbaiki data", owner=anggota, due_date=datetime.date(2024, 6, 1)
    )
    role_result = role_results.add_role_result(actor=head, indicator=indicator, employee=anggota, result="Data rapi")
    share = share_links.create_share_link(
        actor=head, agreement=agreement, label="Mitra", expires_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    awards.decide(actor=head, nomination=awards_nomination(culture["nomination"]), award=True)
    run = PlacementRun.objects.create(
        agency=unit.agency, unit=unit, period_start=datetime.date(2024, 1, 1), created_by=head
    )
    employees = list(Employee.objects.filter(unit=unit))
    nip = users["anggota"].employee.nip
    pk_of = {
        "activity_delete": getattr(Activity.objects.filter(indicator=indicator).first(), "pk", 1),
        "evidence_download": evidence.pk,
        "evidence_delete": evidence.pk,
        "performance_share_revoke": share.pk,
        "role_result_edit": role_result.pk,
        "role_result_delete": role_result.pk,
        "dialogue_detail": dialogue.pk,
        "follow_up_add": dialogue.pk,
        "follow_up_done": follow_up.pk,
        "helpdesk_track_file": attachment.pk,
        "helpdesk_file": attachment.pk,
        "culture_award_period": culture["period"],
        "culture_nominate": culture["period"],
        "culture_decide": culture["nomination"],
        "culture_certificate": culture["nomination"],
        "culture_event": culture["event"],
        "culture_pact": culture["pact"],
        "culture_pact_revise": culture["pact"],
        "culture_pact_sign": culture["pact"],
        "culture_signature_pdf": culture["signature"],
        "culture_pos_document": culture["pos"],
        "culture_pos_version_add": culture["pos"],
        "culture_pos_version": culture["pos_version"],
        "culture_pos_file": culture["pos_version"],
        "culture_pos_approve": culture["pos_version"],
    }
    values = {
        "slug": unit.slug,
        "nip": nip,
        "year": agreement.year,
        "period": 1,
        "number": ticket.number,
        "run_id": run.pk,
        "dialogue_id": dialogue.pk,
    }
    indicator_routes = ("indicator_detail", "plan_edit", "activity_add", "activity_delete", "realisasi_")
    token_of = {"performance_share": share_links.signed_token(share), "culture_feed": culture["feed"]}

    def kwargs_for(name: str, names: list[str]) -> dict:
        result = {}
        for key in names:
            if key == "code":
                result[key] = indicator.code if name.startswith(indicator_routes) else "PIA"
            elif key == "pk":
                result[key] = pk_of[name]
            elif key == "token":
                result[key] = token_of.get(name, ticket.tracking_token)
            else:
                result[key] = values[key]
        return result

    data = DemoData(unit=unit, head=head, users=users, employees=employees)
    data.kwargs_for = kwargs_for
    data.api_ids = {
        "agencies": unit.agency_id,
        "agreements": agreement.pk,
        "objectives": indicator.objective_id,
        "indicators": indicator.pk,
        "employees": users["anggota"].employee.pk,
        "functions": unit.functions.order_by("pk").first().pk if hasattr(unit, "functions") else 1,
        "pokja": Pokja.objects.get(unit=unit, code="PIA").pk,
        "memberships": users["anggota"].employee.memberships.order_by("pk").first().pk,
        "helpdesk/tickets": ticket.pk,
        "helpdesk/categories": Category.objects.filter(unit=unit).order_by("pk").first().pk,
    }
    return data


@pytest.fixture
def agency_b(db) -> User:
    """An agency admin of agency B, which has its own unit, pokja, employee and helpdesk service."""
    unit = UnitFactory(name="Unit Instansi B", slug="unit-b")
    employee = EmployeeFactory(unit=unit, name="Pegawai Instansi B")
    pokja = PokjaFactory(unit=unit, code="BBB", name="Pokja B")
    unit.head = employee
    unit.save()
    Category.objects.create(unit=unit, pokja=pokja, name="Layanan B", slug="layanan-b")
    return UserFactory(username="admin-b", agency=unit.agency, role=User.Role.ADMIN)


@pytest.fixture
def stakeholder_user(db) -> User:
    return UserFactory(username="pemohon", role=User.Role.STAKEHOLDER, email="pemohon@pemda.example")
