"""The guide's models (OfferPage, ThemeIndexPage, OrganisationEditors) move to their own app,
initiatieven.guide (label "guide"). Here they only leave initiatieven's migration state: their
tables and rows stay, and guide/migrations/0001_initial takes them over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('initiatieven', '0005_merge_20261123_0524'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='organisationeditors',
                name='group',
            ),
            migrations.RemoveField(
                model_name='organisationeditors',
                name='organisations',
            ),
            migrations.RemoveField(
                model_name='themeindexpage',
                name='page_ptr',
            ),
            migrations.DeleteModel(
                name='OfferPage',
            ),
            migrations.DeleteModel(
                name='OrganisationEditors',
            ),
            migrations.DeleteModel(
                name='ThemeIndexPage',
            ),
            ],
            database_operations=[],
        ),
    ]
