from django.db import migrations


def load_values(apps, schema_editor):
    from culture import berakhlak

    berakhlak.load(apps.get_model("culture", "CoreValue"), apps.get_model("culture", "CoreBehaviour"))


def remove_values(apps, schema_editor):
    apps.get_model("culture", "CoreValue").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("culture", "0001_initial")]

    operations = [migrations.RunPython(load_values, remove_values)]
