from django.contrib.auth import views as auth_views
from django.urls import include, path

from organisation.views import imports, orbit, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("units/", pages.unit_list, name="unit_list"),
    path("units/<slug:slug>/", pages.unit_detail, name="unit_detail"),
    path("units/<slug:slug>/health/", pages.health, name="health"),
    path("units/<slug:slug>/matrix/", pages.matrix, name="matrix"),
    path("units/<slug:slug>/matrix.xlsx", pages.matrix_xlsx, name="matrix_xlsx"),
    path("units/<slug:slug>/pokja/<str:code>/", pages.pokja_detail, name="pokja_detail"),
    path("units/<slug:slug>/people/<str:nip>/", pages.employee_detail, name="employee_detail"),
    path("units/<slug:slug>/orbit/", orbit.orbit_page, name="orbit"),
    path("units/<slug:slug>/orbit.svg", orbit.orbit_svg, name="orbit_svg"),
    path("units/<slug:slug>/orbit.png", orbit.orbit_png, name="orbit_png"),
    path("units/<slug:slug>/orbit.pdf", orbit.orbit_pdf, name="orbit_pdf"),
    path("units/<slug:slug>/import/", imports.import_employees, name="import_employees"),
    path("api/", include("organisation.api.urls")),
]
