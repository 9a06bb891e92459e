from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .cache import bump_content_version
from .models import Organisation, SiteSettings, Theme


def connect():
    page_published.connect(bump_content_version, dispatch_uid="home-bump-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="home-bump-unpublished")
    post_delete.connect(bump_content_version, sender=Page, dispatch_uid="home-bump-page-delete")
    for model in (Theme, Organisation, SiteSettings):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"home-bump-{model.__name__}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"home-bump-del-{model.__name__}"
        )
