"""Performance URLs, one module per area of the app."""

from django.urls import include, path

urlpatterns = [
    # PK, SS/IKU, rencana aksi, realisasi with evidence and review, the "belum lapor" board
    path("", include("performance.urls.agreements")),
    # the integrated monitoring dashboard and its share links
    path("", include("performance.urls.monitoring")),
    # the role-result matrix, dialog kinerja and the performance reports
    path("", include("performance.urls.teamwork")),
    path("api/v1/", include("performance.api.urls")),
]
