"""Creating profiles and the mails around approval."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from home.models import site_for

from .models import Profile, Status

logger = logging.getLogger("stevenshof")


def create_profile(user, request=None, name=""):
    """The pending profile of a new account, on the site it signed up on."""
    site = site_for(request)
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "site": site,
            "name": name or user.get_full_name() or user.email.split("@")[0],
            "contact_email": user.email,
        },
    )
    return profile


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def beheer_recipients():
    """The beheer group; while that group is empty, the superusers (so nobody waits unseen)."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).exclude(email="")
    group = users.filter(groups__name=settings.SMOELENBOEK_BEHEER_GROUP)
    recipients = list(group.values_list("email", flat=True).distinct())
    return recipients or list(users.filter(is_superuser=True).values_list("email", flat=True))


def notify_beheer(profile):
    """Tell the beheer group that someone waits for approval."""
    recipients = beheer_recipients()
    if not recipients:
        group = settings.SMOELENBOEK_BEHEER_GROUP
        logger.warning("Smoelenboek: nobody in group %s to approve members", group)
        return
    try:
        admin_url = _absolute(reverse("wagtailsnippets_smoelenboek_profile:list") + "?status=aangemeld")
    except NoReverseMatch:
        admin_url = _absolute("/admin/")
    context = {"profile": profile, "admin_url": admin_url}
    send_mail(
        "Stevenshof Vitaal: nieuwe aanmelding voor het smoelenboek",
        render_to_string("smoelenboek/email/new_member.txt", context),
        None,
        recipients,
    )


def mail_review_result(profile):
    """Mail the member that their entry was approved or rejected."""
    if not profile.user.email:
        return
    if profile.status == Status.APPROVED:
        subject = "Stevenshof Vitaal: u staat in het smoelenboek"
        template = "smoelenboek/email/approved.txt"
    elif profile.status == Status.REJECTED:
        subject = "Stevenshof Vitaal: uw aanmelding voor het smoelenboek"
        template = "smoelenboek/email/rejected.txt"
    else:
        return
    context = {
        "profile": profile,
        "directory_url": _absolute(reverse("smoelenboek:directory")),
        "my_profile_url": _absolute(reverse("smoelenboek:my_profile")),
    }
    send_mail(subject, render_to_string(template, context), None, [profile.user.email])
