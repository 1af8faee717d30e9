from django.urls import path

from ops import views

urlpatterns = [
    path("units/<slug:slug>/audit/", views.unit_audit, name="unit_audit"),
]
