import pytest
from django.contrib.auth import get_user_model

from initiatieven.models import InitiatiefIndexPage, InitiatiefPage, NewsIndexPage


@pytest.fixture
def index_page(db):
    return InitiatiefIndexPage.objects.get(slug="initiatieven")


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(slug="nieuws")


@pytest.fixture
def groen(db):
    return InitiatiefPage.objects.get(slug="groen")


@pytest.fixture
def voeding(db):
    return InitiatiefPage.objects.get(slug="voeding")


def make_volunteer(group, username):
    user = get_user_model().objects.create_user(username=username, password="geheim-wachtwoord-123")
    user.groups.add(group.editor_group)
    return user


@pytest.fixture
def volunteer(groen):
    return make_volunteer(groen, "anke")


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client
