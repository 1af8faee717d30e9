"""Helpdesk API routes, mounted at ``api/v1/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from helpdesk.api import views

router = SimpleRouter()
router.register("helpdesk/tickets", views.TicketViewSet, basename="helpdesk-ticket")
router.register("helpdesk/categories", views.CategoryViewSet, basename="helpdesk-category")

urlpatterns = [
    path("units/<slug:slug>/ikm/", views.ikm_summary, name="helpdesk-ikm"),
    *router.urls,
]
