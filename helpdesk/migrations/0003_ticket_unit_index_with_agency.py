"""The unit/status index also holds the agency: the staff list's count (agency, unit, open statuses) reads the
index alone instead of visiting every ticket of the agency (SQLite chose the agency index without statistics)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0002_ticket_search_index")]

    operations = [
        migrations.RemoveIndex(model_name="ticket", name="helpdesk_ticket_unit"),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["unit", "status", "agency", "-created_at"], name="helpdesk_ticket_unit"),
        ),
    ]
