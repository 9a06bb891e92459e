from django.apps import AppConfig


class NieuwsbriefConfig(AppConfig):
    """The weekly newsletter: sign-up with double opt-in, an edition written from the agenda,
    the news and the guide, sent by the background worker."""

    name = "nieuwsbrief"
    label = "nieuwsbrief"
    verbose_name = "Nieuwsbrief"
