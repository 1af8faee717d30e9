from django.urls import path

from placement.views import people, profiles, requirements, runs, whatif

P = "units/<slug:slug>/placement/"

urlpatterns = [
    path(P, runs.home, name="placement_home"),
    path(P + "profiles/", profiles.profile_list, name="placement_profiles"),
    path(P + "profiles/import/", profiles.profile_import, name="placement_profile_import"),
    path(P + "profiles/<str:nip>/", profiles.profile_edit, name="placement_profile"),
    path(P + "profiles/<str:nip>/confirm/", profiles.profile_confirm, name="placement_profile_confirm"),
    path(P + "requirements/", requirements.requirement_list, name="placement_requirements"),
    path(P + "requirements/<str:code>/", requirements.requirement_edit, name="placement_requirement"),
    path(P + "runs/new/", runs.run_new, name="placement_run_new"),
    path(P + "runs/<int:run_id>/", runs.run_detail, name="placement_run"),
    path(P + "runs/<int:run_id>/edit/", runs.run_edit, name="placement_run_edit"),
    path(P + "runs/<int:run_id>/publish/", runs.run_publish, name="placement_run_publish"),
    path(P + "what-if/", whatif.whatif, name="placement_whatif"),
    path(P + "people/<str:nip>/", people.person, name="placement_person"),
]
