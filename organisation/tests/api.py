"""Test helpers shared by the API tests."""

from rest_framework.test import APIClient


def api_as(user) -> APIClient:
    """An API client speaking English, authenticated as ``user`` (anonymous when None)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client
