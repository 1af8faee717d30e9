"""The share-link service: who may create and revoke, the expiry rules, and resolving a signed token."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from performance.models import ShareLink
from performance.services import share_links
from performance.tests import factories_monitoring as make

NOW = datetime.datetime(2023, 10, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pk(demo_unit):
    return make.agreement(demo_unit, 2023)


@time_machine.travel(NOW, tick=False)
def test_it_creates_a_link_valid_through_the_expiry_date(pk, head_user):
    link = share_links.create_share_link(
        actor=head_user, agreement=pk, label=" Pimpinan ", expires_on=datetime.date(2023, 10, 31)
    )
    assert (link.label, link.agency_id, link.created_by) == ("Pimpinan", pk.agency_id, head_user)
    assert share_links.resolve(share_links.signed_token(link)) == link
    local = ZoneInfo(settings.TIME_ZONE)
    with time_machine.travel(datetime.datetime(2023, 10, 31, 23, 59, tzinfo=local)):
        assert share_links.resolve(share_links.signed_token(link)) == link
    with (
        time_machine.travel(datetime.datetime(2023, 11, 1, 0, 0, tzinfo=local)),
        pytest.raises(share_links.LinkGone),
    ):
        share_links.resolve(share_links.signed_token(link))


@time_machine.travel(NOW, tick=False)
def test_an_agency_admin_may_create_one_too(pk, admin_user):
    link = share_links.create_share_link(
        actor=admin_user, agreement=pk, label="", expires_on=datetime.date(2023, 11, 1)
    )
    assert ShareLink.objects.filter(pk=link.pk).exists()


@pytest.mark.parametrize("persona", ["anggota_user", "ketua_user", "outsider"])
def test_it_refuses_everyone_else(pk, persona, request):
    with pytest.raises(PermissionDenied):
        share_links.create_share_link(
            actor=request.getfixturevalue(persona), agreement=pk, label="x", expires_on=datetime.date(2099, 1, 1)
        )
    assert not ShareLink.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("expires_on", [datetime.date(2023, 10, 9), datetime.date(2024, 10, 11)])
def test_it_rejects_a_past_or_too_distant_expiry(pk, head_user, expires_on):
    with pytest.raises(ValidationError) as error:
        share_links.create_share_link(actor=head_user, agreement=pk, label="x", expires_on=expires_on)
    assert "expires_on" in error.value.message_dict
    assert not ShareLink.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_revoked_link_is_gone_and_revoking_again_keeps_the_first_time(pk, head_user, anggota_user):
    link = share_links.create_share_link(actor=head_user, agreement=pk, label="", expires_on=datetime.date(2023, 12, 1))
    with pytest.raises(PermissionDenied):
        share_links.revoke_share_link(actor=anggota_user, link=link)
    revoked = share_links.revoke_share_link(actor=head_user, link=link)
    assert revoked.revoked_at == NOW
    with time_machine.travel(NOW + datetime.timedelta(hours=1)):
        assert share_links.revoke_share_link(actor=head_user, link=link).revoked_at == NOW
    with pytest.raises(share_links.LinkGone):
        share_links.resolve(share_links.signed_token(link))


@time_machine.travel(NOW, tick=False)
def test_an_unsigned_or_forged_token_is_unknown(pk, head_user):
    link = share_links.create_share_link(actor=head_user, agreement=pk, label="", expires_on=datetime.date(2023, 12, 1))
    for token in [link.token, signing.dumps(link.token, salt="another-salt"), share_links.signed_token(link) + "x"]:
        with pytest.raises(ShareLink.DoesNotExist):
            share_links.resolve(token)
