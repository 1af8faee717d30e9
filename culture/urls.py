from django.urls import path

from culture.views import awards, calendar, dialogue_tags, pacts, pages, pos

UNIT = "units/<slug:slug>/culture/"

urlpatterns = [
    path(UNIT, pages.overview, name="culture_overview"),
    path(UNIT + "values/", pages.values_page, name="culture_values"),
    path(UNIT + "dialogues/<int:dialogue_id>/values/", dialogue_tags.dialogue_values, name="culture_dialogue_values"),
    path(UNIT + "people/<str:nip>/", pages.person, name="culture_person"),
    path(UNIT + "pokja/<str:code>/", pages.pokja, name="culture_pokja"),
    path(UNIT + "pokja/<str:code>/pos/new/", pos.document_new, name="culture_pos_new"),
    path(UNIT + "awards/", awards.period_list, name="culture_awards"),
    path(UNIT + "awards/<int:pk>/", awards.period_detail, name="culture_award_period"),
    path(UNIT + "awards/<int:pk>/nominate/", awards.nominate, name="culture_nominate"),
    path(UNIT + "nominations/<int:pk>/decide/", awards.decide, name="culture_decide"),
    path(UNIT + "nominations/<int:pk>/certificate.pdf", awards.certificate, name="culture_certificate"),
    path(UNIT + "calendar/", calendar.month, name="culture_calendar"),
    path(UNIT + "calendar/new/", calendar.event_new, name="culture_event_new"),
    path(UNIT + "calendar/<int:pk>/", calendar.event_detail, name="culture_event"),
    path(UNIT + "calendar/birthday/", calendar.birthday, name="culture_birthday"),
    path(UNIT + "calendar/feed/reset/", calendar.feed_reset, name="culture_feed_reset"),
    path(UNIT + "calendar/feed/<str:token>.ics", calendar.feed, name="culture_feed"),
    path(UNIT + "pacts/", pacts.pact_list, name="culture_pacts"),
    path(UNIT + "pacts/<int:pk>/", pacts.pact_detail, name="culture_pact"),
    path(UNIT + "pacts/<int:pk>/revise/", pacts.revise, name="culture_pact_revise"),
    path(UNIT + "pacts/<int:pk>/sign/", pacts.sign, name="culture_pact_sign"),
    path(UNIT + "pacts/signatures/<int:pk>.pdf", pacts.signature_pdf, name="culture_signature_pdf"),
    path(UNIT + "pos/<int:pk>/", pos.document_detail, name="culture_pos_document"),
    path(UNIT + "pos/<int:pk>/versions/", pos.version_add, name="culture_pos_version_add"),
    path(UNIT + "pos/versions/<int:pk>/", pos.version_detail, name="culture_pos_version"),
    path(UNIT + "pos/versions/<int:pk>/file", pos.version_file, name="culture_pos_file"),
    path(UNIT + "pos/versions/<int:pk>/approve/", pos.approve, name="culture_pos_approve"),
]
