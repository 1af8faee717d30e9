from django.http import HttpResponse


def home(request):
    return HttpResponse("")


unit_list = unit_detail = health = matrix = matrix_xlsx = pokja_detail = employee_detail = home
