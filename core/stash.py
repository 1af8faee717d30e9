"""An upload kept between its preview and its confirmation: the bytes in the default storage and a signed token
(the confirmation form's hidden field) naming them, what they are for and the user who may confirm them."""

import uuid

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

MAX_AGE = 60 * 60  # an upload waits an hour for its confirmation


def keep(request, data: bytes, *, folder: str, extension: str, salt: str, **fields) -> str:
    """Stores ``data`` under a random name and returns the token: ``fields`` plus the path and the user."""
    path = default_storage.save(f"{folder}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
    return signing.dumps({**fields, "path": path, "user": request.user.pk}, salt=salt, compress=True)


def payload(request, *, salt: str, **expected) -> dict | None:
    """The posted token's fields when it is genuine, recent, the signed-in user's and says ``expected``."""
    try:
        found = signing.loads(request.POST.get("token", ""), salt=salt, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if found.get("user") != request.user.pk or any(found.get(key) != value for key, value in expected.items()):
        return None
    return found


def read(found: dict | None) -> bytes | None:
    """The kept bytes, None when there is no valid token or the file is gone."""
    if found is None:
        return None
    try:
        with default_storage.open(found["path"]) as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None
