import pytest

from home.models import Theme


@pytest.fixture
def guide(db):
    from initiatieven.guide.models import ThemeIndexPage

    return ThemeIndexPage.objects.get(slug="wat-kun-je-doen")


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="samen-en-sociaal")
