"""PK, SS/IKU, rencana aksi, realisasi with evidence and review, and the "belum lapor" board."""

from django.urls import path

from performance.views import agreements, realisasi

UNIT = "units/<slug:slug>/performance/"
PK = UNIT + "<int:year>/"
IKU = PK + "indicators/<str:code>/"
PERIOD = IKU + "periods/<int:period>/"

urlpatterns = [
    path(UNIT + "agreements/", agreements.agreement_list, name="agreement_list"),
    path(PK, agreements.agreement_detail, name="agreement_detail"),
    path(PK + "copy/", agreements.agreement_copy, name="agreement_copy"),
    path(PK + "board/", realisasi.report_board, name="report_board"),
    path(IKU, agreements.indicator_detail, name="indicator_detail"),
    path(IKU + "plan/", agreements.plan_edit, name="plan_edit"),
    path(IKU + "plan/activities/", agreements.activity_add, name="activity_add"),
    path(IKU + "plan/activities/<int:pk>/delete/", agreements.activity_delete, name="activity_delete"),
    path(PERIOD, realisasi.realisasi_period, name="realisasi_period"),
    path(PERIOD + "submit/", realisasi.realisasi_submit, name="realisasi_submit"),
    path(PERIOD + "return/", realisasi.realisasi_return, name="realisasi_return"),
    path(PERIOD + "accept/", realisasi.realisasi_accept, name="realisasi_accept"),
    path(UNIT + "evidence/<int:pk>/", realisasi.evidence_download, name="evidence_download"),
    path(UNIT + "evidence/<int:pk>/delete/", realisasi.evidence_delete, name="evidence_delete"),
]
