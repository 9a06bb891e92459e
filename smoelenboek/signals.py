from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from .models import Profile, Status
from .privacy import forget_traces
from .services import mail_review_result, notify_beheer


def on_email_confirmed(request, email_address, **kwargs):
    profile = Profile.objects.filter(user_id=email_address.user_id).first()
    if profile and profile.status == Status.PENDING:
        transaction.on_commit(lambda: notify_beheer(profile))


def on_profile_saved(sender, instance, created, **kwargs):
    if not created and instance.status_changed and instance.status != Status.PENDING:
        transaction.on_commit(lambda: mail_review_result(instance))
    instance._loaded_status = instance.status


def on_profile_deleted(sender, instance, **kwargs):
    """Deleting a profile (or its account) removes the photo files, once the delete holds."""
    transaction.on_commit(instance.delete_photo_files)


def on_user_deleting(sender, instance, **kwargs):
    """Deleting an account, anywhere, takes everything that names the person with it."""
    forget_traces(instance)


def connect():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="smoelenboek-email-confirmed")
    post_save.connect(on_profile_saved, sender=Profile, dispatch_uid="smoelenboek-profile-saved")
    post_delete.connect(on_profile_deleted, sender=Profile, dispatch_uid="smoelenboek-profile-deleted")
    pre_delete.connect(
        on_user_deleting, sender=settings.AUTH_USER_MODEL, dispatch_uid="smoelenboek-user-deleting"
    )
