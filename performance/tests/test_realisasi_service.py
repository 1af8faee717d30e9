"""The realisasi flow as services: draft → submitted → returned → submitted → accepted, who may do each step,
refused transitions, the history by actor, and the e-mails sent once the transaction commits."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from performance.models import Realisasi
from performance.services import realisasi as service
from performance.tests.fixtures_agreements import *  # noqa: F403

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def draft(iku_72, member_user):
    return service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal(12000), note="TW4")


def test_it_runs_submit_return_resubmit_accept(
    iku_72, draft, member_user, ketua_user, head_user, django_capture_on_commit_callbacks
):
    assert draft.status == Realisasi.Status.DRAFT
    assert draft.reported_by == member_user.employee

    with django_capture_on_commit_callbacks(execute=True):
        submitted = service.submit_realisasi(realisasi=draft, actor=ketua_user)
    assert submitted.status == "submitted" and submitted.submitted_by == ketua_user.employee
    assert mail.outbox[-1].to == [head_user.employee.email]

    with django_capture_on_commit_callbacks(execute=True):
        returned = service.return_realisasi(realisasi=submitted, actor=head_user, comment="Lampirkan BA.")
    assert returned.status == "returned" and returned.review_comment == "Lampirkan BA."
    assert member_user.employee.email in mail.outbox[-1].to
    assert ketua_user.employee.email in mail.outbox[-1].to
    assert "Lampirkan BA." in mail.outbox[-1].body

    fixed = service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal(13500))
    assert fixed.status == "returned" and fixed.value == Decimal(13500)
    service.submit_realisasi(realisasi=fixed, actor=ketua_user)
    accepted = service.accept_realisasi(realisasi=fixed, actor=head_user)

    accepted.refresh_from_db()
    assert accepted.status == "accepted" and accepted.reviewed_by == head_user.employee
    history = list(accepted.history.order_by("history_date", "history_id"))
    assert [h.status for h in history] == ["draft", "submitted", "returned", "returned", "submitted", "accepted"]
    assert [h.history_user.username for h in history] == [
        "anggota-pak", "ketua", "kepala", "anggota-pak", "ketua", "kepala",
    ]  # fmt: skip


def test_it_sends_the_mail_only_once_the_transaction_commits(draft, ketua_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service.submit_realisasi(realisasi=draft, actor=ketua_user)
    assert len(callbacks) == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    "step",
    [
        lambda r, u: service.accept_realisasi(realisasi=r, actor=u),
        lambda r, u: service.return_realisasi(realisasi=r, actor=u, comment="x"),
    ],
)
def test_it_refuses_to_review_a_draft(draft, head_user, step):
    with pytest.raises(ValidationError) as error:
        step(draft, head_user)
    assert error.value.code == "illegal_transition"
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_it_refuses_to_submit_an_accepted_realisasi(pk2023, ketua_user):
    accepted = Realisasi.objects.get(indicator__agreement=pk2023, indicator__code="IKU.7.2", period=1)
    with pytest.raises(ValidationError, match="submitted"):
        service.submit_realisasi(realisasi=accepted, actor=ketua_user)


def test_it_refuses_to_change_a_submitted_realisasi(iku_72, draft, member_user, ketua_user):
    service.submit_realisasi(realisasi=draft, actor=ketua_user)
    with pytest.raises(ValidationError):
        service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal(1))
    assert Realisasi.objects.get(pk=draft.pk).value == Decimal(12000)


def test_a_return_needs_a_comment(draft, ketua_user, head_user):
    service.submit_realisasi(realisasi=draft, actor=ketua_user)
    with pytest.raises(ValidationError) as error:
        service.return_realisasi(realisasi=draft, actor=head_user, comment="  ")
    assert error.value.code == "comment_required"
    assert Realisasi.objects.get(pk=draft.pk).status == "submitted"


def test_only_members_of_a_responsible_pokja_report(iku_72, anggota_user, head_user, outsider):
    for actor in (anggota_user, head_user, outsider):
        with pytest.raises(PermissionDenied):
            service.report_realisasi(indicator=iku_72, period=4, actor=actor, value=Decimal(1))
    assert not Realisasi.objects.filter(indicator=iku_72, period=4).exists()


def test_only_the_ketua_or_wakil_submits(draft, member_user, anggota_user, head_user):
    for actor in (member_user, anggota_user, head_user):
        with pytest.raises(PermissionDenied):
            service.submit_realisasi(realisasi=draft, actor=actor)


def test_only_the_head_or_an_admin_reviews(draft, ketua_user, member_user, admin_user, outsider):
    service.submit_realisasi(realisasi=draft, actor=ketua_user)
    for actor in (ketua_user, member_user, outsider):
        with pytest.raises(PermissionDenied):
            service.accept_realisasi(realisasi=draft, actor=actor)
    assert service.accept_realisasi(realisasi=draft, actor=admin_user).status == "accepted"


def test_it_refuses_a_period_the_indicator_does_not_have(iku_72, member_user):
    with pytest.raises(ValidationError):
        service.report_realisasi(indicator=iku_72, period=5, actor=member_user, value=Decimal(1))


def test_it_adds_links_as_evidence(iku_72, member_user):
    realisasi = service.report_realisasi(
        indicator=iku_72, period=4, actor=member_user, value=Decimal(1), links=["https://dms.example.go.id/ba/4"]
    )
    assert list(realisasi.evidence.values_list("url", flat=True)) == ["https://dms.example.go.id/ba/4"]
    with pytest.raises(ValidationError):
        service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal(2), links=["ftp://x"])
    assert realisasi.evidence.count() == 1
