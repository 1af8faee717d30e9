from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("replication.urls")),  # first: /units/new-from-template/ is not a unit slug
    path("", include("organisation.urls")),
    path("", include("performance.urls")),
    path("", include("helpdesk.urls")),
    path("", include("placement.urls")),
    path("", include("culture.urls")),
    path("", include("ops.urls")),
]
