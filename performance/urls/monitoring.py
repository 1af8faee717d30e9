"""The integrated monitoring dashboard, its share links and the public read-only page behind them."""

from django.urls import path

from performance.views import monitoring

PK = "units/<slug:slug>/performance/<int:year>/"

urlpatterns = [
    path("units/<slug:slug>/performance/dashboard/", monitoring.dashboard_latest, name="performance_dashboard_latest"),
    path(PK + "dashboard/", monitoring.dashboard, name="performance_dashboard"),
    path(PK + "share-links/", monitoring.share_link_create, name="performance_share_create"),
    path(PK + "share-links/<int:pk>/revoke/", monitoring.share_link_revoke, name="performance_share_revoke"),
    path("share/performance/<str:token>/", monitoring.shared_dashboard, name="performance_share"),
]
