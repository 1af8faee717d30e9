"""Stored XSS: hostile text in every user-editable field that is shown back never reaches a page unescaped.

Each field gets its own numbered payload (``alert(N)``) so the test also proves that the field really is shown
somewhere (escaped); the pages are found by crawling every link and htmx URL from the main pages as the unit
head, then the orbit SVG, the HTML the PDFs are drawn from, the requester's tracking page, the share page and
the API's JSON.
"""

import datetime
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from culture.models import Event, Nomination, Pact, PactVersion, PosDocument, PosVersion
from culture.services import awards, calendar, pacts, pos
from helpdesk.demo import load_helpdesk_demo
from helpdesk.models import Category, Message, Ticket, UnitHelpdesk
from organisation.models import Employee, Function, Pokja, PokjaTask, Unit, User
from organisation.tests.conftest import demo_unit, head_user  # noqa: F401
from performance.demo import load_performance_demo
from performance.models import Activity, Dialogue, FollowUp, Indicator, PerformanceAgreement, Realisasi, RoleResult
from performance.services import dialogues, role_results, share_links
from performance.services.realisasi import check_evidence
from placement.demo import load_placement_demo
from placement.models import EmployeeProfile

PAYLOADS = {
    "script": "<script>alert({n})</script>",
    "attribute": '"><img src=x onerror=alert({n})>',
    "url": "javascript:alert({n})",
}

# Every free-text field a user can enter that some page shows back, by model.
FIELDS = [
    (Unit, "name"),
    (Employee, "name"),
    (Employee, "position"),
    (Pokja, "name"),
    (Pokja, "purpose"),
    (PokjaTask, "text"),
    (Function, "description"),
    (Indicator, "name"),
    (Activity, "description"),
    (RoleResult, "result"),
    (Realisasi, "note"),
    (Dialogue, "topic"),
    (Dialogue, "notes"),
    (Dialogue, "agreements"),
    (FollowUp, "description"),
    (UnitHelpdesk, "introduction"),
    (Category, "name"),
    (Ticket, "subject"),
    (Ticket, "description"),
    (Ticket, "requester_name"),
    (Message, "body"),
    (EmployeeProfile, "education"),
    (EmployeeProfile, "certifications"),
    (EmployeeProfile, "development_needs"),
    (Nomination, "title"),
    (Nomination, "reason"),
    (Nomination, "decision_note"),
    (Event, "title"),
    (Event, "location"),
    (Event, "description"),
    (Pact, "title"),
    (PactVersion, "text"),
    (PosDocument, "title"),
    (PosVersion, "text"),
    (PosVersion, "change_note"),
]
SKIPPED_PATHS = ("/accounts/logout/", "/admin/", "/i18n/", "/static/", "/media/", "/api/")
BINARY_SUFFIXES = (".png", ".xlsx", ".ics")
MAX_PAGES = 400


def payload_for(kind: str, n: int) -> str:
    return PAYLOADS[kind].format(n=n)


def unescaped(kind: str, n: int, text: str) -> list[str]:
    """The places where payload ``n`` would run: raw markup, or a javascript: URL in a link attribute."""
    if kind == "url":
        pattern = rf"(?:href|src|action|formaction|hx-get|hx-post)\s*=\s*[\"']?\s*javascript:alert\({n}\)"
        return re.findall(pattern, text, flags=re.IGNORECASE)
    marker = "<script>alert" if kind == "script" else "<img src=x onerror=alert"
    return re.findall(rf"{re.escape(marker)}\({n}\)", text)


def build_world(unit: Unit, head: User) -> None:
    """The demo data of every app, plus the culture and dialogue records the demos do not make."""
    load_performance_demo()
    load_helpdesk_demo()
    load_placement_demo()
    staff = Employee.objects.filter(unit=unit).exclude(pk=unit.head_id).order_by("nip")
    for person in Employee.objects.filter(unit=unit):  # the crawl opens one profile: make sure it exists
        EmployeeProfile.objects.get_or_create(employee=person, defaults={"agency": unit.agency})
    pokja = Pokja.objects.filter(unit=unit).order_by("code").first()
    now = timezone.now()
    today = timezone.localdate()
    indicator = Indicator.objects.filter(agreement__unit=unit).order_by("-agreement__year", "code").first()
    role_results.add_role_result(actor=head, indicator=indicator, employee=staff[0], result="Hasil kerja")
    dialogue = dialogues.schedule_dialogue(actor=head, unit=unit, scheduled_at=now, topic="Topik", pokja=pokja)
    dialogues.record_dialogue(actor=head, dialogue=dialogue, notes="Catatan", agreements="Kesepakatan")
    dialogues.add_follow_up(actor=head, dialogue=dialogue, description="Tindak", owner=staff[0], due_date=today)
    period = awards.create_period(
        actor=head, unit=unit, name="Periode", start=today - datetime.timedelta(days=30), end=today
    )
    nomination = awards.nominate(
        actor=head, period=period, kind=Nomination.Kind.EMPLOYEE, title="Teladan", reason="Alasan", employee=staff[0]
    )
    awards.decide(actor=head, nomination=nomination, award=True, note="Catatan keputusan")
    calendar.create_event(
        actor=head, unit=unit, kind=Event.Kind.OTHER, title="Acara", starts_at=now, ends_at=now, location="Aula",
        description="Deskripsi",
    )  # fmt: skip
    pact = pacts.create_pact(
        actor=head, unit=unit, purpose=Pact.Purpose.OTHER, title="Pakta", text="Isi pakta", signers=[unit.head]
    )
    pacts.sign_pact(actor=head, pact=pact)
    document = pos.create_document(actor=head, pokja=pokja, title="POS")
    pos.add_version(actor=head, document=document, text="Langkah", change_note="Awal")


def poison(kind: str) -> dict[int, tuple[type, str]]:
    """Writes payload n into field n of every row; returns n → (model, field)."""
    numbered = {}
    for n, (model, field) in enumerate(FIELDS, start=100):
        assert model.objects.exists(), f"no {model.__name__} row to poison"
        value = payload_for(kind, n)
        max_length = model._meta.get_field(field).max_length
        assert max_length is None or max_length >= len(value), f"{model.__name__}.{field} is too short"
        model.objects.update(**{field: value})
        numbered[n] = (model, field)
    return numbered


def links(base: str, html: str) -> list[str]:
    found = re.findall(r"""(?:href|hx-get)=["']([^"'#]+)["']""", html)
    return [urljoin(base, url.replace("&amp;", "&")) for url in found]


def shape(url: str) -> str:
    """A page's kind: every row holds the same payload, so one ticket (or year, or person) stands for all."""
    parts = urlsplit(url)
    path = "/".join("#" if re.search(r"\d", part) else part for part in parts.path.split("/"))
    query = sorted(re.sub(r"\d+", "#", item) for item in parts.query.split("&"))
    return f"{path}?{'&'.join(query)}"


def crawl(client, starts: list[str]) -> dict[str, str]:
    """GETs one page of every kind reachable from ``starts``; returns url → text of the HTML/SVG answers."""
    seen, queue, texts = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or parts.path.startswith(SKIPPED_PATHS) or parts.path.endswith(BINARY_SUFFIXES):
            continue
        if shape(url) in seen:
            continue
        seen.add(shape(url))
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(("text/html", "image/svg+xml")):
            continue
        text = response.content.decode()
        texts[url] = text
        queue.extend(links(url, text))
    return texts


class PdfSources:
    """Stands in for WeasyPrint's HTML: keeps the HTML each PDF is drawn from."""

    sources: list[str] = []

    def __init__(self, string: str, **kwargs):
        self.sources.append(string)

    def write_pdf(self, *args, **kwargs) -> bytes:
        return b"%PDF-1.7 test"


@pytest.fixture
def pdf_sources(monkeypatch) -> list[str]:
    PdfSources.sources = []
    monkeypatch.setattr("culture.pdf.HTML", PdfSources)
    monkeypatch.setattr("performance.reports.pdf.HTML", PdfSources)
    return PdfSources.sources


def start_urls(unit: Unit, head: User) -> list[str]:
    slug = unit.slug
    agreement = PerformanceAgreement.objects.filter(unit=unit).order_by("-year").first()
    link = share_links.create_share_link(
        actor=head, agreement=agreement, label="Tautan", expires_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    nomination = Nomination.objects.get()
    signature = PactVersion.objects.get().signatures.get()
    return [
        "/",
        f"/units/{slug}/",
        f"/units/{slug}/orbit/",
        f"/units/{slug}/orbit.svg",
        f"/units/{slug}/health/",
        f"/units/{slug}/matrix/",
        f"/units/{slug}/performance/agreements/",
        f"/units/{slug}/performance/{agreement.year}/",
        f"/units/{slug}/performance/{agreement.year}/dashboard/",
        f"/units/{slug}/performance/{agreement.year}/report/",
        f"/units/{slug}/performance/{agreement.year}/report.pdf",
        f"/units/{slug}/performance/dialogues/",
        f"/units/{slug}/helpdesk/",
        f"/helpdesk/{slug}/",
        f"/helpdesk/t/{Ticket.objects.order_by('pk').first().tracking_token}/",
        f"/share/performance/{share_links.signed_token(link)}/",
        f"/units/{slug}/placement/",
        f"/units/{slug}/culture/",
        f"/units/{slug}/culture/nominations/{nomination.pk}/certificate.pdf",
        f"/units/{slug}/culture/pacts/signatures/{signature.pk}.pdf",
    ]


API_URLS = [
    "/api/v1/units/",
    "/api/v1/units/{slug}/structure/",
    "/api/v1/functions/",
    "/api/v1/employees/",
    "/api/v1/pokja/",
    "/api/v1/memberships/",
    "/api/v1/agreements/",
    "/api/v1/indicators/",
    "/api/v1/helpdesk/tickets/",
    "/api/v1/helpdesk/categories/",
]


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_it_never_shows_stored_payloads_unescaped(client, demo_unit, head_user, pdf_sources, kind):  # noqa: F811
    build_world(demo_unit, head_user)
    numbered = poison(kind)
    client.force_login(head_user)

    texts = crawl(client, start_urls(demo_unit, head_user))
    texts.update({f"pdf source {i}": source for i, source in enumerate(pdf_sources)})
    assert len(pdf_sources) >= 3, "the report, the certificate and the signed pact are drawn from HTML"

    shown = set()
    for where, text in texts.items():
        for n, (model, field) in numbered.items():
            assert not unescaped(kind, n, text), f"{model.__name__}.{field} unescaped in {where}"
            if escape(payload_for(kind, n)) in text:
                shown.add(n)
    missing = [f"{model.__name__}.{field}" for n, (model, field) in numbered.items() if n not in shown]
    assert not missing, f"these fields were never shown on {len(texts)} pages, so the test proves nothing: {missing}"


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_it_serves_stored_payloads_in_the_api_only_as_json_data(client, demo_unit, head_user, kind):  # noqa: F811
    build_world(demo_unit, head_user)
    numbered = poison(kind)
    client.force_login(head_user)

    found = set()
    for url in API_URLS:
        response = client.get(url.format(slug=demo_unit.slug), HTTP_ACCEPT="application/json")
        assert response.status_code == 200, url
        # JSON is data, never markup: a browser that opens it must not sniff it into HTML.
        assert response["Content-Type"] == "application/json", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        body = json.dumps(response.json())
        found.update(n for n in numbered if json.dumps(payload_for(kind, n))[1:-1] in body)
    expected = [(Unit, "name"), (Employee, "name"), (Pokja, "name"), (Function, "description"), (Ticket, "subject")]
    assert {numbered_field for n, numbered_field in numbered.items() if n in found} >= set(expected)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]
)
def test_it_refuses_script_addresses_as_evidence_links(link):
    # Evidence links are the one user text put into an href: only http(s) addresses may be stored.
    with pytest.raises(ValidationError):
        check_evidence([], [link])


def test_it_accepts_a_web_address_as_an_evidence_link():
    assert check_evidence([], ["https://drive.example.go.id/laporan"]) == []
