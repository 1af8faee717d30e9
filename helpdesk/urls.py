from django.urls import include, path

from helpdesk.views import portal, reports, staff

urlpatterns = [
    # Public: no account needed.
    path("helpdesk/my/", portal.my_requests, name="helpdesk_my_requests"),
    path("helpdesk/t/<str:token>/", portal.track, name="helpdesk_track"),
    path("helpdesk/t/<str:token>/reply/", portal.track_reply, name="helpdesk_track_reply"),
    path("helpdesk/t/<str:token>/survey/", portal.survey, name="helpdesk_survey"),
    path("helpdesk/t/<str:token>/files/<int:pk>/", portal.track_file, name="helpdesk_track_file"),
    path("helpdesk/<slug:slug>/", portal.portal, name="helpdesk_portal"),
    # Staff.
    path("units/<slug:slug>/helpdesk/", staff.ticket_list, name="helpdesk_tickets"),
    path("units/<slug:slug>/helpdesk/dashboard/", reports.dashboard, name="helpdesk_dashboard"),
    path("units/<slug:slug>/helpdesk/ikm/", reports.ikm_page, name="helpdesk_ikm"),
    path("units/<slug:slug>/helpdesk/sla/", reports.sla_page, name="helpdesk_sla"),
    path("units/<slug:slug>/helpdesk/files/<int:pk>/", staff.attachment, name="helpdesk_file"),
    path("units/<slug:slug>/helpdesk/<int:number>/", staff.ticket_detail, name="helpdesk_ticket"),
    path("units/<slug:slug>/helpdesk/<int:number>/reply/", staff.reply, name="helpdesk_reply"),
    path("units/<slug:slug>/helpdesk/<int:number>/status/", staff.change_status, name="helpdesk_status"),
    path("units/<slug:slug>/helpdesk/<int:number>/assign/", staff.reassign, name="helpdesk_reassign"),
    path("api/v1/", include("helpdesk.api.urls")),
]
