"""The mails of the newsletter: the confirmation of a sign-up and the weekly edition (HTML for
mail programs, with its CSS inlined, and a plain-text part), with the List-Unsubscribe headers of
RFC 8058.

An edition is rendered once per variant (the same items for many readers) with a placeholder
where each reader's own links go; `message_for` puts the reader's secret in."""

from email.utils import make_msgid

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from . import digest as digests

READER = "LEZER-TOKEN-PLAATS"  # replaced by each reader's token
_inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


def site_url(site, path=""):
    return site.root_url.rstrip("/") + path


def newsletter_connection(**kwargs):
    """Django's mail backend for the newsletter: NIEUWSBRIEF_EMAIL_BACKEND, or else
    EMAIL_BACKEND. The mail queue (post_office) is skipped: the newsletter keeps its own log
    per reader, and sends and retries in the worker itself."""
    backend = settings.NIEUWSBRIEF_EMAIL_BACKEND or settings.EMAIL_BACKEND
    if backend.startswith("post_office"):
        backend = settings.POST_OFFICE["BACKENDS"]["default"]
    return get_connection(backend, **kwargs)


def links(site, token, edition=None):
    unsubscribe = site_url(site, reverse("nieuwsbrief:unsubscribe", args=[token]))
    if edition is not None and edition.pk:
        unsubscribe += f"?uitgave={edition.pk}"
    return {
        "unsubscribe_url": unsubscribe,
        "manage_url": site_url(site, reverse("nieuwsbrief:manage", args=[token])),
        "archive_url": site_url(site, reverse("nieuwsbrief:archive")),
    }


# --- the edition ----------------------------------------------------------------------------
def render_variant(edition, digest, *, personal=True):
    """(subject, text, html) of an edition with these items; links hold READER."""
    context = {
        "edition": edition,
        "digest": digest,
        "site_url": site_url(edition.site),
        "agenda_url": site_url(edition.site, "/agenda/"),
        "personal": personal,
        **links(edition.site, READER, edition),
    }
    text = render_to_string("nieuwsbrief/mail/edition.txt", context)
    html = _inliner.inline(render_to_string("nieuwsbrief/mail/edition.html", context))
    return edition.subject, text, html


def message_for(edition, token, rendered, to, connection=None):
    subject, text, html = rendered
    site_links = links(edition.site, token, edition)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text.replace(READER, token),
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{site_links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Nieuwsbrief <nieuwsbrief.{edition.site.hostname}>",
            "Precedence": "bulk",
            "Auto-Submitted": "auto-generated",
            "Message-ID": make_msgid(domain=settings.AGENDA_UID_DOMAIN),
        },
    )
    message.attach_alternative(html.replace(READER, token), "text/html")
    return message


class Renderer:
    """Renders each variant of one edition once (readers with the same items share it)."""

    def __init__(self, edition):
        self.edition = edition
        self.digest = digests.build(edition)
        self._cache = {}

    def for_reader(self, all_topics, theme_ids, group_ids, seen_news):
        part = self.digest.for_reader(all_topics, theme_ids, group_ids, seen_news)
        key = part.key()
        if key not in self._cache:
            self._cache[key] = render_variant(self.edition, part)
        return part, self._cache[key]


def preview_message(edition):
    """What a reader who chose "alles" gets (the admin preview and the test mail)."""
    return render_variant(edition, digests.build(edition))


def send_test(edition, address):
    subject, text, html = preview_message(edition)
    rendered = (f"[Test] {subject}", text, html)
    with newsletter_connection() as connection:
        message_for(edition, "test", rendered, address, connection=connection).send()


# --- sign-up --------------------------------------------------------------------------------
def send_confirmation(subscriber):
    """The only mail an address gets before its owner confirms. For an address that is
    already confirmed: a mail that says so, with the link to change the choices (so the
    sign-up form tells a stranger nothing)."""
    site = subscriber.site
    context = {
        "subscriber": subscriber,
        "confirm_url": site_url(site, reverse("nieuwsbrief:confirm", args=[subscriber.token])),
        "site_url": site_url(site),
        **links(site, subscriber.token),
    }
    if subscriber.confirmed:
        subject = "U krijgt de nieuwsbrief al"
        template = "nieuwsbrief/mail/already_subscribed.txt"
    else:
        subject = "Bevestig uw aanmelding voor de nieuwsbrief"
        template = "nieuwsbrief/mail/confirm.txt"
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        render_to_string(template, context),
        None,
        [subscriber.email],
    )
