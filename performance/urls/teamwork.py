"""The role-result matrix, "what I contribute to", dialog kinerja with follow-ups, and the performance reports."""

from django.urls import path

from performance.views import teamwork, teamwork_dialogues, teamwork_reports

PK = "units/<slug:slug>/performance/<int:year>/"
UNIT = "units/<slug:slug>/performance/"

urlpatterns = [
    path(PK + "matrix/", teamwork.role_matrix, name="role_matrix"),
    path(PK + "matrix.xlsx", teamwork.role_matrix_xlsx, name="role_matrix_xlsx"),
    path(PK + "matrix/<int:pk>/edit/", teamwork.role_result_edit, name="role_result_edit"),
    path(PK + "matrix/<int:pk>/delete/", teamwork.role_result_delete, name="role_result_delete"),
    path(PK + "contributions/mine/", teamwork.my_contributions, name="my_contributions"),
    path(PK + "contributions/<str:nip>/", teamwork.contributions, name="contributions"),
    path(PK + "report/", teamwork_reports.report_index, name="performance_report"),
    path(PK + "report.pdf", teamwork_reports.report_pdf, name="performance_report_pdf"),
    path(PK + "report.xlsx", teamwork_reports.report_xlsx, name="performance_report_xlsx"),
    path(UNIT + "dialogues/", teamwork_dialogues.dialogue_list, name="dialogue_list"),
    path(UNIT + "dialogues/<int:pk>/", teamwork_dialogues.dialogue_detail, name="dialogue_detail"),
    path(UNIT + "dialogues/<int:pk>/follow-ups/", teamwork_dialogues.follow_up_add, name="follow_up_add"),
    path(UNIT + "follow-ups/mine/", teamwork_dialogues.my_follow_ups, name="my_follow_ups"),
    path(UNIT + "follow-ups/<int:pk>/done/", teamwork_dialogues.follow_up_done, name="follow_up_done"),
]
