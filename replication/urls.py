from django.urls import path

from replication import views

urlpatterns = [
    # Before organisation's "units/<slug>/": this address is not a unit (the slug is reserved).
    path("units/new-from-template/", views.new_unit, name="replication_new_unit"),
    path("units/<slug:slug>/template.json", views.download_template, name="replication_template"),
]
