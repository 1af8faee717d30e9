"""Backup and restore of the whole installation: every app's rows (a dumpdata) and every uploaded file.

A backup is one zip file:

- ``manifest.json``: the format version, when and with which Django it was made, the applied migrations of
  every app, the number of rows per model and the SHA-256 of every file;
- ``data.xml``: ``dumpdata`` of every app with natural foreign keys, without the tables Django rebuilds by
  itself (content types, permissions) and the throw-away ones (sessions, login attempts of django-axes);
- ``media/<name>``: every file of the default storage (MEDIA_ROOT), under its storage name.

A restore checks the zip (format, hashes, migration state) before it changes anything, then empties the
tables and loads the rows in one transaction, checks the row counts (a mismatch rolls everything back),
writes the files and checks their hashes. Files already in the storage and not in the backup are left alone.
"""

import hashlib
import json
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
# XML, not JSON: the JSON encoder cuts datetimes to milliseconds, the XML serializer keeps microseconds.
MANIFEST, DATA, MEDIA = "manifest.json", "data.xml", "media/"
# Rebuilt by migrate/flush (content types, permissions) or not worth keeping (sessions, login attempts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(Exception):
    """A backup that cannot be restored here, with a message for the operator."""


def excluded_labels() -> list[str]:
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in EXCLUDED if label.split(".")[0] in installed]


def _is_excluded(model) -> bool:
    return any(label in (model._meta.app_label, model._meta.label_lower) for label in EXCLUDED)


def backed_up_models() -> list:
    return [model for model in apps.get_models() if model._meta.managed and not _is_excluded(model)]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    applied = MigrationRecorder(connections[using]).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_files(storage=default_storage, directory: str = "") -> list[str]:
    """Every file name in the storage, recursively, sorted."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{name}" if directory else name for name in files]
    for sub in directories:
        names.extend(storage_files(storage, f"{directory}/{sub}" if directory else sub))
    return sorted(names)


def _is_empty() -> bool:
    """No tenant and no user: what ``migrate`` seeds (BerAKHLAK values, the ASN competency standard) is fine."""
    user_model = get_user_model()
    agency = apps.get_model("organisation", "Agency")
    return not user_model._base_manager.exists() and not agency._base_manager.exists()


def create_backup(path) -> dict:
    """Writes the backup zip to ``path`` and returns its manifest."""
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / DATA
        with transaction.atomic():  # one consistent snapshot of rows and counts
            call_command(
                "dumpdata",
                exclude=excluded_labels(),
                natural_foreign=True,
                format="xml",
                output=str(data_path),
                verbosity=0,
            )
            migrations = applied_migrations()
        counts = Counter(
            element.get("model") for _event, element in ElementTree.iterparse(data_path) if element.tag == "object"
        )
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "django": django.get_version(),
            "migrations": migrations,
            "counts": {model._meta.label_lower: counts.get(model._meta.label_lower, 0) for model in backed_up_models()},
            "files": {},
        }
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(data_path, DATA)
            for name in storage_files():
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                manifest["files"][name] = sha256(content)
                archive.writestr(MEDIA + name, content)
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(_("This is not an Orbit backup: it has no readable manifest.")) from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("Backup format %(found)s is not supported (expected %(expected)d).")
            % {"found": manifest.get("format"), "expected": FORMAT_VERSION}
        )
    return manifest


def check_archive(archive: zipfile.ZipFile, manifest: dict) -> None:
    """The data file exists and every file's content matches its hash, before anything is changed."""
    names = set(archive.namelist())
    if DATA not in names:
        raise BackupError(_("The backup has no data file."))
    for name, digest in manifest["files"].items():
        if MEDIA + name not in names:
            raise BackupError(_("The backup lacks the file %(name)s.") % {"name": name})
        if sha256(archive.read(MEDIA + name)) != digest:
            raise BackupError(_("The file %(name)s in the backup is damaged (hash mismatch).") % {"name": name})


def check_migrations(manifest: dict) -> None:
    here, there = set(applied_migrations()), set(manifest["migrations"])
    if here != there:
        missing = ", ".join(sorted(there - here)) or "—"
        extra = ", ".join(sorted(here - there)) or "—"
        raise BackupError(
            _(
                "The database schema differs from the backup's. Not applied here: %(missing)s. "
                "Applied here but not in the backup: %(extra)s. Migrate to the backup's state first."
            )
            % {"missing": missing, "extra": extra}
        )


def restore_backup(path, *, force: bool = False) -> dict:
    """Restores the zip at ``path`` into this database and storage; returns its manifest."""
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        check_archive(archive, manifest)
        check_migrations(manifest)
        if not force and not _is_empty():
            raise BackupError(_("The database is not empty. Restore into an empty database, or use --force."))
        with tempfile.TemporaryDirectory() as work:
            data_path = Path(work) / DATA
            data_path.write_bytes(archive.read(DATA))
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(data_path), verbosity=0)
                counts = row_counts()
                wrong = {
                    label: (n, counts.get(label)) for label, n in manifest["counts"].items() if counts.get(label) != n
                }
                if wrong:
                    details = ", ".join(
                        f"{label} {found}≠{expected}" for label, (expected, found) in sorted(wrong.items())
                    )
                    raise BackupError(_("Row counts differ after loading: %(details)s.") % {"details": details})
        for name, digest in manifest["files"].items():
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(archive.read(MEDIA + name)))
            with default_storage.open(saved, "rb") as handle:
                if saved != name or sha256(handle.read()) != digest:
                    raise BackupError(_("The file %(name)s could not be restored intact.") % {"name": name})
    return manifest
