"""Two people editing the same realisasi: the second save, made from a stale form, is refused with a conflict
message and overwrites nothing (optimistic concurrency on ``Realisasi.updated_at``)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from performance.models import Realisasi
from performance.services import realisasi as service
from performance.tests.fixtures_agreements import *  # noqa: F403

CONFLICT = "Someone changed this since you opened it"


def client_for(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def open_form(client, url) -> str:
    """Opens the page as a user would and returns the version its form carries."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"]["version"].value()


@pytest.fixture
def url():
    return reverse("realisasi_period", args=["inka", 2023, "IKU.7.2", 4])


def test_it_refuses_the_second_of_two_saves_opened_on_the_same_version(member_user, ketua_user, iku_72, url):
    member, ketua = client_for(member_user), client_for(ketua_user)
    Realisasi.objects.create(indicator=iku_72, period=4, value=Decimal("100"))
    member_version, ketua_version = open_form(member, url), open_form(ketua, url)
    assert member_version == ketua_version != ""

    first = member.post(url, {"value": "140", "note": "member", "version": member_version})
    assert first.status_code == 302
    second = ketua.post(url, {"value": "999", "note": "ketua", "version": ketua_version})

    assert second.status_code == 409
    assert CONFLICT in second.content.decode()
    saved = Realisasi.objects.get(indicator=iku_72, period=4)
    assert (saved.value, saved.note) == (Decimal("140"), "member")

    retry_version = open_form(ketua, url)  # reloading shows the member's value and the new version
    assert ketua.post(url, {"value": "999", "note": "ketua", "version": retry_version}).status_code == 302
    assert Realisasi.objects.get(indicator=iku_72, period=4).value == Decimal("999")


def test_it_refuses_a_first_report_when_someone_reported_the_period_meanwhile(member_user, ketua_user, iku_72, url):
    member, ketua = client_for(member_user), client_for(ketua_user)
    assert open_form(member, url) == open_form(ketua, url) == ""

    assert member.post(url, {"value": "140", "version": ""}).status_code == 302
    response = ketua.post(url, {"value": "999", "version": ""})

    assert response.status_code == 409 and CONFLICT in response.content.decode()
    assert Realisasi.objects.get(indicator=iku_72, period=4).value == Decimal("140")


def test_it_refuses_a_stale_version_in_the_service_and_keeps_the_row(member_user, iku_72):
    realisasi = Realisasi.objects.create(indicator=iku_72, period=4, value=Decimal("100"))
    read = service.version_of(realisasi)
    service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal("120"), version=read)

    with pytest.raises(ValidationError) as refused:
        service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal("1"), version=read)

    assert refused.value.code == "conflict"
    assert Realisasi.objects.get(pk=realisasi.pk).value == Decimal("120")
