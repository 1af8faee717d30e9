"""Bahasa Indonesia unless the user picked another language.

Browsers send their own Accept-Language (often English even in Indonesia), which would override the
default; pages therefore follow only the language cookie set by the switcher. API clients choose
deliberately, so /api/ keeps honouring Accept-Language.
"""


class DefaultLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
