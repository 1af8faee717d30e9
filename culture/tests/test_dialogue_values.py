"""Tagging a dialog kinerja with the BerAKHLAK values it showed, and counting them per value."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from culture.models import DialogueValueTag
from culture.selectors import values_summary
from culture.services.dialogue_tags import tag_dialogue
from performance.models import Dialogue


@pytest.fixture
def dialogue(demo_unit, head_user):
    when = timezone.make_aware(datetime.datetime(2024, 3, 5, 9, 0))
    return Dialogue.objects.create(
        unit=demo_unit, scheduled_at=when, topic="Capaian triwulan I PAK", created_by=head_user
    )


def test_the_head_tags_a_dialogue_and_the_summary_counts_it(demo_unit, head_user, dialogue, core_values):
    chosen = [core_values["kolaboratif"], core_values["akuntabel"]]
    tag_dialogue(actor=head_user, unit=demo_unit, dialogue_id=dialogue.pk, values=chosen)
    summary = {
        v.code: v.dialogue_count
        for v in values_summary(demo_unit, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    }
    assert summary["kolaboratif"] == 1 and summary["akuntabel"] == 1 and summary["harmonis"] == 0
    outside = values_summary(demo_unit, datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    assert all(v.dialogue_count == 0 for v in outside)


def test_tagging_again_replaces_the_values(demo_unit, head_user, dialogue, core_values):
    tag_dialogue(actor=head_user, unit=demo_unit, dialogue_id=dialogue.pk, values=[core_values["loyal"]])
    tag_dialogue(actor=head_user, unit=demo_unit, dialogue_id=dialogue.pk, values=[core_values["adaptif"]])
    assert list(DialogueValueTag.objects.values_list("value__code", flat=True)) == ["adaptif"]


def test_a_member_may_not_tag(demo_unit, anggota_user, dialogue, core_values):
    with pytest.raises(PermissionDenied):
        tag_dialogue(actor=anggota_user, unit=demo_unit, dialogue_id=dialogue.pk, values=[core_values["loyal"]])


def test_the_page_saves_the_choice_and_links_back(client, head_user, demo_unit, dialogue, core_values):
    client.force_login(head_user)
    url = reverse("culture_dialogue_values", args=["inka", dialogue.pk])
    detail = client.get(reverse("dialogue_detail", args=["inka", dialogue.pk])).content.decode()
    assert url in detail
    response = client.post(url, {"values": [core_values["harmonis"].pk]})
    assert response["Location"] == reverse("dialogue_detail", args=["inka", dialogue.pk])
    assert 'data-value="harmonis" checked' in client.get(url).content.decode()


def test_members_read_but_cannot_post_and_outsiders_get_404(client, anggota_user, outsider, dialogue, core_values):
    url = reverse("culture_dialogue_values", args=["inka", dialogue.pk])
    client.force_login(anggota_user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"values": [core_values["harmonis"].pk]}).status_code == 403
    assert not DialogueValueTag.objects.exists()
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_an_unknown_dialogue_is_404(client, head_user, demo_unit):
    client.force_login(head_user)
    assert client.get(reverse("culture_dialogue_values", args=["inka", 999999])).status_code == 404
