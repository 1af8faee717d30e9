"""API URLs, included at ``api/``: the v1 endpoints, the OpenAPI schema, its docs and the token exchange."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from organisation.api import views

router = DefaultRouter()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("units", views.UnitViewSet, basename="unit")
router.register("functions", views.FunctionViewSet, basename="function")
router.register("employees", views.EmployeeViewSet, basename="employee")
router.register("pokja", views.PokjaViewSet, basename="pokja")
router.register("memberships", views.MembershipViewSet, basename="membership")

app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP to block.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
]
