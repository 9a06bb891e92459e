"""Wagtail makes a default workflow and task called "Moderators approval"; volunteers see that
name in the publish menu, so give both a Dutch name (only while they still have Wagtail's)."""

from django.db import migrations

ENGLISH = "Moderators approval"
DUTCH = "Nakijken door de moderators"


def to_dutch(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=DUTCH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=DUTCH)


def to_english(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=DUTCH).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=DUTCH).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_home_sections"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
