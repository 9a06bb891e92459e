"""The guide moved out of initiatieven into its own app (label "guide"). A database that holds
the demo in the old layout is migrated to the new one without losing a row."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from initiatieven.guide.models import OfferPage, OrganisationEditors, ThemeIndexPage

pytestmark = pytest.mark.slow

OLD_LAYOUT = [("initiatieven", "0005_merge_20261123_0524"), ("guide", None)]
TABLES = ("offerpage", "offerpage_themes", "themeindexpage", "organisationeditors")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def rows(prefix):
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {prefix}_{table}")  # noqa: S608 - fixed names
            counts[table] = cursor.fetchone()[0]
    return counts


def labels():
    models = ("offerpage", "themeindexpage", "organisationeditors")
    return set(ContentType.objects.filter(model__in=models).values_list("app_label", flat=True))


def test_the_demo_survives_the_move_from_the_old_layout(demo_site, client):
    from django.contrib.auth.models import Group

    OrganisationEditors.objects.create(group=Group.objects.create(name="Redacteuren Reos"))
    before = rows("guide")
    assert before["offerpage"] == OfferPage.objects.count() > 10 and before["offerpage_themes"] > 10

    migrate(OLD_LAYOUT)
    tables = set(connection.introspection.table_names())
    assert "initiatieven_offerpage" in tables and "guide_offerpage" not in tables
    assert rows("initiatieven") == before
    assert labels() == {"initiatieven"}

    migrate(None)
    tables = set(connection.introspection.table_names())
    assert "guide_offerpage" in tables and "initiatieven_offerpage" not in tables
    assert rows("guide") == before
    assert labels() == {"guide"}
    # The pages are still what they were: their content type leads to the guide's models.
    offer = OfferPage.objects.live().first()
    assert type(offer.get_parent().specific) is ThemeIndexPage
    assert client.get(offer.url).status_code == 200
    assert client.get("/wat-kun-je-doen/thema/samen-en-sociaal/").status_code == 200
