"""Everything the site holds about one member: their download ("Download uw gegevens") and
forgetting all of it when their account is deleted (by themselves after their password, or by
beheer in the Wagtail admin: a pre_delete signal runs `forget_traces` for every deleted account).

Where a member's data lives:
- the account (`auth.User`: name, e-mail, password hash) and its e-mail addresses (allauth's
  `EmailAddress`, with their confirmations), the Wagtail user profile (and its avatar file);
- the smoelenboek `Profile` and its photo files (big and small) in PRIVATE_MEDIA_ROOT;
- messages sent through the site's forms, in other apps: activities sent in (agenda's
  `EventSubmission`) and "Doe mee" messages (initiatieven's `JoinRequest`), found by the link to
  the account or by a verified e-mail address (home/personal_data.py);
- the mail log (django-post-office's `Email` and its `Log`): mails to the member, and mails about
  them to others (the beheer group, a group's contact, the agenda editors, Wagtail's moderation
  mails), found by address, phone number or full name;
- the admin's history: Wagtail's log entries (its ModelLogEntry and home's PrivateLogEntry) and
  Django's about these rows carry a label with the person's name or address. The entries stay
  (an editor's history must add up), without the name;
- sessions (DB sessions are deleted; cache sessions, as in production with Redis, cannot be
  listed, but end at their next request: their user is gone).

What stays: a page an editor made from a sent-in activity (the content belongs to the agenda),
and what the member did as an editor, which Wagtail shows as "user 12 (deleted)" (revisions,
log entries and page ownership lose the link to the account: Wagtail's SET_NULL)."""

import logging
import re
from email.utils import parseaddr
from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email
from wagtail.models import BaseLogEntry
from wagtail.users.models import UserProfile

from home.personal_data import holders

from .models import Profile

logger = logging.getLogger("stevenshof")

FORGOTTEN = "(verwijderd)"
MAIL_STATUS = {
    STATUS.sent: "verstuurd",
    STATUS.failed: "niet gelukt",
    STATUS.queued: "wacht op versturen",
    STATUS.requeued: "wacht op versturen",
}


def verified_emails(user):
    """The addresses this person proved are theirs. Only these find messages sent without a
    login: an address typed in but never confirmed could be anyone's."""
    return sorted({a.email.lower() for a in EmailAddress.objects.filter(user=user, verified=True)})


def own_profile(user):
    return Profile.objects.filter(user=user).select_related("organisation").first()


# --- the download -----------------------------------------------------------------------------


def account_data(user):
    return {
        "naam": user.get_full_name(),
        "e-mailadres": user.email,
        "aangemaakt op": user.date_joined,
        "laatst ingelogd": user.last_login,
        "e-mailadressen": [
            {"adres": a.email, "bevestigd": a.verified} for a in EmailAddress.objects.filter(user=user)
        ],
        "groepen in het beheer": sorted(user.groups.values_list("name", flat=True)),
    }


def _addresses(email):
    return {parseaddr(a)[1].lower() for a in (*email.to, *email.cc, *email.bcc)} - {""}


def mails_to(emails):
    """The logged mails to one of these addresses, oldest first, each with only that person's
    own address (a mail to several people names no one else)."""
    if not emails:
        return []
    query = Q()
    for address in emails:
        query |= Q(to__icontains=address) | Q(cc__icontains=address) | Q(bcc__icontains=address)
    mails = []
    for email in Email.objects.filter(query).order_by("created", "pk"):
        own = sorted(_addresses(email) & set(emails))
        if own:
            mails.append(
                {
                    "gemaakt op": email.created,
                    "aan": own,
                    "onderwerp": email.subject,
                    "status": MAIL_STATUS.get(email.status, ""),
                    "tekst": email.message,
                }
            )
    return mails


def export_data(user, photo=None):
    """All data of this person, and nobody else's, as plain values (for JSON and the readable
    page). `photo` names the photo file in the ZIP; without it the photo is inline data."""
    emails = verified_emails(user)
    profile = own_profile(user)
    data = {"account": account_data(user), "profiel": None}
    if profile is not None:
        data["profiel"] = profile.personal_data(photo=photo if profile.photo else None)
    for model in holders():
        rows = model.personal_data_of(user, emails)
        data[str(model._meta.verbose_name_plural)] = [row.personal_data() for row in rows]
    data["e-mails aan u"] = mails_to(emails)
    return data


def export_sections(data, photo=None):
    """The readable page's sections, in order: each a heading, what to say when it is empty,
    its records (each a list of (label, value)) and, for the profile, the photo's file name."""
    profile = data["profiel"]
    groups = []
    if profile and profile["initiatiefgroepen"]:
        groups.append(("initiatiefgroepen (in uw profiel)", profile["initiatiefgroepen"]))
    if data["account"]["groepen in het beheer"]:
        groups.append(("groepen in het beheer", data["account"]["groepen in het beheer"]))
    sections = [
        {
            "heading": "Uw account",
            "records": [[item for item in data["account"].items() if item[0] != "groepen in het beheer"]],
        },
        {
            "heading": "Uw profiel in het smoelenboek",
            "empty": "U heeft geen profiel in het smoelenboek.",
            "records": [list(profile.items())] if profile else [],
            "photo": photo,
        },
        {"heading": "Uw groepen", "empty": "U zit niet in een groep.", "records": [groups] if groups else []},
    ]
    for model in holders():
        rows = data[str(model._meta.verbose_name_plural)]
        sections.append(
            {
                "heading": model.personal_data_heading,
                "empty": "Hiervan bewaren wij niets van u.",
                "records": [list(row.items()) for row in rows],
            }
        )
    sections.append(
        {
            "heading": "E-mails die wij u stuurden",
            "intro": "Wij bewaren verstuurde e-mails 90 dagen. Daarna halen wij ze weg.",
            "empty": "Wij bewaren geen e-mails aan u.",
            "records": [list(mail.items()) for mail in data["e-mails aan u"]],
        }
    )
    return sections


# --- forgetting -------------------------------------------------------------------------------


def _mentions(needle):
    if "@" in needle:  # an address, not part of a longer one
        return re.compile(r"(?<![\w.+-])" + re.escape(needle) + r"(?![\w-]|\.\w)", re.IGNORECASE)
    if any(c.isalpha() for c in needle):  # a full name, as whole words
        return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    return re.compile(r"(?<!\d)" + re.escape(needle) + r"(?!\d)")  # a phone number


def _full_names(*names):
    """Names specific enough to look for in mails: two words or more (Wagtail's moderation mails
    to editors name the sender only so: "submitted ... by Anna Aalbers"). A first name alone
    would find other people."""
    return {name.strip() for name in names if name and len(name.split()) >= 2}


def _delete_mails(needles):
    """Mails to, from or about this person (their address, phone number or full name in it)."""
    needles = sorted({n.strip() for n in needles if n and len(n.strip()) >= 6})
    if not needles:
        return 0
    query = Q()
    for needle in needles:
        for field in ("to", "cc", "bcc", "from_email", "subject", "message", "html_message"):
            query |= Q(**{f"{field}__icontains": needle})
    patterns = [_mentions(n) for n in needles]
    doomed = []
    for email in Email.objects.filter(query).only(
        "pk", "to", "cc", "bcc", "from_email", "subject", "message", "html_message"
    ):
        fields = (email.from_email, email.subject, email.message, email.html_message)
        text = "\n".join([*email.to, *email.cc, *email.bcc, *fields])
        if any(p.search(text) for p in patterns):
            doomed.append(email.pk)
    Email.objects.filter(pk__in=doomed).delete()  # their Log rows go with them
    return len(doomed)


def _object_logs():
    """Wagtail's logs of objects other than pages: its shared ModelLogEntry and any of our own
    (home's PrivateLogEntry keeps the history of records with personal data apart)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseLogEntry) and any(f.name == "object_id" for f in model._meta.fields)
    ]


def _anonymise_history(model, ids):
    """The admin's log entries about these rows stay, without the label that names the person."""
    ids = [str(i) for i in ids]
    if not ids:
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = {"content_type": content_type, "object_id__in": ids}
    for log in _object_logs():
        log.objects.filter(**entries).update(label=FORGOTTEN, data={})
    LogEntry.objects.filter(**entries).update(object_repr=FORGOTTEN, change_message="")


def _end_sessions(user):
    """Delete this user's sessions, where they can be listed (database sessions). The member's
    own request logs out right after (flushing an already deleted session is fine)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store, DatabaseSessionStore):
        return 0
    ended = 0
    for session in store.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def forget(user):
    """Delete the account; the signal below takes everything that names the person with it."""
    with transaction.atomic():
        user.delete()


def forget_traces(user):
    """Everything that names this person, except the account itself: deleted, or anonymised
    where it must stay. Runs just before any account is deleted (pre_delete, signals.py): by
    the member, in the Wagtail admin or in a shell. Files (photos, avatar) go once the
    transaction holds."""
    User = get_user_model()
    emails = verified_emails(user)
    needles = {*emails, user.email.lower(), *_full_names(user.get_full_name())}
    counts = {}
    profile = own_profile(user)
    if profile is not None:  # deleted with the account (cascade); its photo files after the commit
        needles |= {profile.contact_email.lower(), profile.phone, *_full_names(profile.name)}
        _anonymise_history(Profile, [profile.pk])
    for model in holders():
        rows = list(model.personal_data_of(user, emails))
        for row in rows:
            needles |= {getattr(row, "email", "").lower(), getattr(row, "phone", "")}
        _anonymise_history(model, [row.pk for row in rows])
        counts[model._meta.label] = model.objects.filter(pk__in=[row.pk for row in rows]).delete()[0]
    counts["post_office.Email"] = _delete_mails(needles)
    _anonymise_history(EmailAddress, EmailAddress.objects.filter(user=user).values_list("pk", flat=True))
    _anonymise_history(User, [user.pk])
    _delete_avatar_after_commit(user)
    counts["sessions"] = _end_sessions(user)
    logger.info("Account %s deleted, with what named the person: %s", user.pk, counts)
    return counts


def _delete_avatar_after_commit(user):
    wagtail_profile = UserProfile.objects.filter(user=user).first()
    if wagtail_profile is not None and wagtail_profile.avatar:
        field = wagtail_profile.avatar
        name, storage = field.name, field.storage
        transaction.on_commit(lambda: storage.delete(name))
