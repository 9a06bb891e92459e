"""The views behind "Activiteit aanmelden": a short form that becomes a draft EventPage in the
agenda editors' workflow. Wagtail tells the editors (the "Agenda-redactie" group) and, when
they approve or reject it, the member who sent it; the sender also gets a mail at once.

Anyone may send one in, without an account:
- a logged-in member (or staff) sends it straight to the editors;
- a visitor gives a name and e-mail address. The answers wait in an unconfirmed
  `EventSubmission` (the picture in private storage), and a mail brings a signed link that
  works for SUBMISSION_CONFIRM_DAYS days. Only when it is used is the page made, exactly as for
  a member. Unconfirmed ones are deleted by `purge_personal_data` after those days.

The same form sent twice is one submission (its fingerprint is unique), and confirming twice
makes one page (a conditional update claims the submission). An expired or broken link gets a
calm page that sends a new one; nothing is lost while the submission is kept."""

import datetime
import hashlib
import json
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.images import get_image_model

from home.models import Theme, site_for
from home.ratelimit import too_many
from home.workflows import group_approval_workflow

from .forms import NO_PLACE, EventSubmissionForm, repeat_fields
from .models import SUBMISSION_CONFIRM_DAYS, AgendaIndexPage, EventPage, EventSubmission, Location

logger = logging.getLogger("stevenshof")

TOKEN_SALT = "agenda.submission.confirm"  # noqa: S105 - a signing salt, not a secret
RATE_MESSAGE = "U heeft al veel activiteiten aangemeld. Probeer het over een uur opnieuw."


def agenda_index_for(request):
    site = site_for(request)
    qs = AgendaIndexPage.objects.live()
    if site is not None:
        qs = qs.descendant_of(site.root_page)
    return qs.first()


REVIEW_WORKFLOW = "Aangemelde activiteit nakijken"
REVIEW_TASK = "Nakijken door de agenda-redactie"


def review_workflow():
    return group_approval_workflow(REVIEW_WORKFLOW, REVIEW_TASK, settings.AGENDA_EDITORS_GROUP)


# --- the answers, kept as JSON until a visitor confirms ------------------------------------
DATES = ("start_date", "repeat_until")
TIMES = ("start_time", "end_time")


def answers_of(data):
    """The form's cleaned data as JSON-safe values (without the picture and the honeypot)."""
    answers = {}
    for name, value in data.items():
        if name in ("image", "website"):
            continue
        if name == "title":
            value = " ".join(value.split())  # one line, as the page's title and a mail subject
        elif name == "themes":
            value = sorted(theme.slug for theme in value or [])
        elif isinstance(value, datetime.date | datetime.time):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif value is None:
            value = ""
        answers[name] = value
    answers["email"] = answers.get("email", "").strip().lower()
    return answers


def data_of(answers):
    """The stored answers back as the form's cleaned data."""
    data = dict(answers)
    for name in DATES:
        data[name] = datetime.date.fromisoformat(data[name]) if data.get(name) else None
    for name in TIMES:
        data[name] = datetime.time.fromisoformat(data[name]) if data.get(name) else None
    data["cost"] = Decimal(data["cost"]) if data.get("cost") else None
    data["themes"] = list(Theme.objects.filter(slug__in=data.get("themes") or []))
    return data


def fingerprint(answers):
    """The same answers from the same address are the same activity."""
    text = json.dumps({k: v for k, v in answers.items() if k != "name"}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# --- the page for the editors -----------------------------------------------------------------
def build_page(data, image_file=None):
    repeat = data.get("repeat") or ""
    place_slug = data.get("place") or ""
    location = (
        Location.objects.filter(slug=place_slug).first() if place_slug and place_slug != NO_PLACE else None
    )
    body = linebreaks(escape(data.get("body") or ""))
    if place_slug == NO_PLACE and data.get("place_other"):
        body += f"<p>Plek: {escape(data['place_other'])}</p>"
    page = EventPage(
        title=data["title"],
        summary=data["summary"],
        body=body,
        start_date=data["start_date"],
        start_time=data.get("start_time"),
        end_time=data.get("end_time"),
        **repeat_fields(repeat),
        repeat_until=data.get("repeat_until") if repeat else None,
        location=location,
        online_url=data.get("online_url") or "",
        audience=data.get("audience") or [],
        cost=data.get("cost") or None,
        live=False,
    )
    if image_file:
        Image = get_image_model()
        image = Image(title=data["title"][:255], file=image_file)
        image._set_image_file_metadata()
        image.save()
        page.image = image
    return page


def send_to_review(index, data, user, image_file=None):
    """Make the draft page and start the editors' review, as for every sent-in activity."""
    page = build_page(data, image_file)
    page.themes.set(data.get("themes") or [])  # in memory; saved by add_child
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    workflow = review_workflow()
    if workflow.active:  # editors may switch the review off; then it stays a draft
        workflow.start(page, user)
    return page


# --- the form -------------------------------------------------------------------------------
@never_cache
def submit_event(request):
    index = agenda_index_for(request)
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        form = EventSubmissionForm(request.POST, request.FILES)
        if too_many(request, "agenda_submit"):
            form.is_valid()
            form.add_error(None, RATE_MESSAGE)
            return _form_page(request, form, index, status=429)
        if form.is_valid() and index is not None:
            return _receive(request, form.cleaned_data, index, user)
        if any(e.code == "honeypot" for e in form.non_field_errors().as_data()):
            logger.info("Agenda submission stopped by the honeypot.")
        return _form_page(request, form, index, status=400)
    initial = {"name": user.get_full_name(), "email": user.email} if user else {}
    return _form_page(request, EventSubmissionForm(initial=initial), index)


def _form_page(request, form, index, status=200):
    context = {"form": form, "page": index, "next": request.path}
    return TemplateResponse(request, "agenda/submit.html", context, status=status)


def _receive(request, data, index, user):
    answers = answers_of(data)
    mark = fingerprint(answers)
    known = EventSubmission.objects.filter(fingerprint=mark).first()
    if known is not None:
        return _again(request, known)
    fields = {
        "name": answers["name"],
        "email": answers["email"],
        "organiser": answers["organiser"],
        "place": answers.get("place_other") or "",
        "fingerprint": mark,
    }
    try:
        with transaction.atomic():
            if user is not None:  # a member: straight to the editors
                page = send_to_review(index, data, user, data.get("image"))
                submission = EventSubmission.objects.create(page=page, user=user, **fields)
            else:
                submission = EventSubmission.objects.create(answers=answers, confirmed_at=None, **fields)
                if data.get("image"):
                    submission.picture.save(data["image"].name, data["image"])
    except IntegrityError:  # the same form at the same moment (a double tap)
        return _again(request, EventSubmission.objects.get(fingerprint=mark))
    if user is not None:
        _send_received(request, submission)
        return redirect("agenda:submit_done")
    _send_confirmation(request, submission)
    return redirect("agenda:submit_check_mail")


def _again(request, submission):
    """The same form once more: nothing new is made. Unconfirmed, it gets its link again."""
    if submission.confirmed:
        return redirect("agenda:submit_done")
    _send_confirmation(request, submission, renew=True)
    return redirect("agenda:submit_check_mail")


# --- confirming by the link in the mail --------------------------------------------------------
def make_token(submission):
    return signing.dumps({"id": submission.pk, "f": submission.fingerprint[:12]}, salt=TOKEN_SALT)


def read_token(token, max_age=datetime.timedelta(days=SUBMISSION_CONFIRM_DAYS)):
    """(submission or None, expired): a forged or broken token finds nothing."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
        expired = False
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=TOKEN_SALT)  # genuine, only old
        expired = True
    except signing.BadSignature:
        return None, False
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        return None, False
    submission = EventSubmission.objects.filter(pk=payload["id"]).first()
    if submission is None or submission.fingerprint[:12] != payload.get("f"):
        return None, expired
    return submission, expired


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A page with one button: a link preview or a virus scanner that opens the link does not
    confirm on someone's behalf."""
    submission, expired = read_token(token)
    if submission is None or (expired and not submission.confirmed):
        context = {
            "page": agenda_index_for(request),
            "expired": expired,
            "token": token if submission else "",
        }
        return TemplateResponse(request, "agenda/submit_link_invalid.html", context, status=404)
    if submission.confirmed:
        return redirect("agenda:submit_done")
    if request.method == "POST":
        index = agenda_index_for(request)
        if index is None:
            raise RuntimeError("No agenda page to add the activity to")
        with transaction.atomic():
            claimed = EventSubmission.objects.unconfirmed().filter(pk=submission.pk)
            if claimed.update(confirmed_at=timezone.now()):
                _confirm(submission, index)
            else:  # confirmed by another tap in the meantime
                return redirect("agenda:submit_done")
        _send_received(request, submission)
        return redirect("agenda:submit_done")
    context = {
        "page": agenda_index_for(request),
        "submission": submission,
        "title": submission.answers["title"],
    }
    return TemplateResponse(request, "agenda/submit_confirm.html", context)


def _confirm(submission, index):
    image_file = None
    if submission.picture:
        with submission.picture.open("rb") as handle:
            image_file = ContentFile(handle.read(), name=submission.picture.name.rsplit("/", 1)[-1])
    page = send_to_review(index, data_of(submission.answers), None, image_file)
    old_picture = submission.picture.name
    submission.refresh_from_db()
    submission.page = page
    submission.answers = {}
    submission.picture = ""
    submission.save(update_fields=["page", "answers", "picture"])
    if old_picture:
        transaction.on_commit(lambda: EventSubmission._meta.get_field("picture").storage.delete(old_picture))


@never_cache
@require_POST
def resend(request):
    """A new link for an old or broken one: by the old link's token, or by the address the
    activity was sent with. The answer is the same whether anything was found: a stranger
    learns nothing about an address."""
    if too_many(request, "agenda_resend"):
        context = {"page": agenda_index_for(request), "limited": True}
        return TemplateResponse(request, "agenda/submit_link_invalid.html", context, status=429)
    submissions = []
    token = request.POST.get("token", "")
    email = request.POST.get("email", "").strip().lower()[:200]
    if token:
        submission, _ = read_token(token, max_age=None)
        submissions = [submission] if submission else []
    elif "@" in email:
        submissions = list(EventSubmission.objects.unconfirmed().filter(email__iexact=email)[:5])
    for submission in submissions:
        if not submission.confirmed:
            _send_confirmation(request, submission, renew=True)
    return redirect("agenda:submit_check_mail")


@never_cache
def check_mail(request):
    return TemplateResponse(
        request,
        "agenda/submit_check_mail.html",
        {"page": agenda_index_for(request), "days": SUBMISSION_CONFIRM_DAYS},
    )


def submit_done(request):
    return TemplateResponse(request, "agenda/submit_done.html", {"page": agenda_index_for(request)})


# --- the mails ------------------------------------------------------------------------------
def editor_addresses():
    """Where a reply about a sent-in activity goes: AGENDA_EDITOR_EMAILS (a shared address of
    the editors, see README), or else the addresses of the Agenda-redactie group."""
    if settings.AGENDA_EDITOR_EMAILS:
        return list(settings.AGENDA_EDITOR_EMAILS)
    users = get_user_model().objects.filter(is_active=True, groups__name=settings.AGENDA_EDITORS_GROUP)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _mail(subject, body, to, reply_to):
    try:
        EmailMessage(subject, body, None, to, reply_to=reply_to).send()
    except Exception:  # noqa: BLE001 - what was sent in is stored; the editors still see it
        logger.exception("Agenda: mail %r could not be sent", subject)


def _closing(reply_to):
    question = "Heeft u nog een vraag? Antwoord dan op deze e-mail.\n\n" if reply_to else ""
    return f"{question}Groeten,\nDe agenda-redactie van Stevenshof Vitaal\n"


def _send_confirmation(request, submission, renew=False):
    if renew:  # a new week to confirm, from now
        submission.created_at = timezone.now()
        EventSubmission.objects.filter(pk=submission.pk).update(created_at=submission.created_at)
    link = request.build_absolute_uri(reverse("agenda:submit_confirm", args=[make_token(submission)]))
    reply_to = editor_addresses()
    title = submission.answers.get("title", "")
    _mail(
        f"Bevestig uw activiteit: {title}",
        (
            f"Beste {submission.name},\n\n"
            f"U wilt de activiteit '{title}' in de agenda van de Stevenshof zetten.\n"
            "Klik op de link hieronder. Dan gaat uw activiteit naar de redactie van de agenda.\n\n"
            f"{link}\n\n"
            f"De link werkt {SUBMISSION_CONFIRM_DAYS} dagen. Klikt u niet op de link? "
            "Dan halen we uw aanmelding daarna weg.\n"
            "Heeft u dit niet zelf gedaan? Dan hoeft u niets te doen.\n\n" + _closing(reply_to)
        ),
        [submission.email],
        reply_to,
    )


def _send_received(request, submission):
    page = submission.page
    reply_to = editor_addresses()
    # The agenda editors hear of it from Wagtail's workflow; addresses outside the admin that
    # want to know too are listed in AGENDA_EDITOR_EMAILS. A reply goes to the sender.
    if settings.AGENDA_EDITOR_EMAILS:
        edit_url = request.build_absolute_uri(f"/admin/pages/{page.pk}/edit/")
        _mail(
            f"Nieuwe activiteit aangemeld: {page.title}",
            (
                f"{submission.name} ({submission.email}) heeft een activiteit aangemeld.\n\n"
                f"Activiteit: {page.title}\nDatum: {page.start_date:%d-%m-%Y}\n"
                f"Organisator: {submission.organiser}\n\n"
                f"Bekijk en publiceer de activiteit hier:\n{edit_url}\n"
            ),
            list(settings.AGENDA_EDITOR_EMAILS),
            [submission.email],
        )
    _mail(
        "We hebben uw activiteit ontvangen",
        (
            f"Beste {submission.name},\n\n"
            f"Dank u wel! We hebben uw activiteit '{page.title}' ontvangen.\n"
            "De redactie van de agenda kijkt ernaar. Daarna zetten we de activiteit in de agenda.\n"
            + _closing(reply_to)
        ),
        [submission.email],
        reply_to,
    )


def tell_visitors(page, approved):
    """Wagtail tells a member who sent an activity what the editors decided (the workflow's
    `requested_by`); a visitor without an account hears it from here."""
    reply_to = editor_addresses()
    senders = EventSubmission.objects.filter(page=page, user__isnull=True, confirmed_at__isnull=False)
    for submission in senders:
        if approved:
            subject = "Uw activiteit staat in de agenda"
            news = f"Goed nieuws: uw activiteit '{page.title}' staat nu in de agenda.\n{page.full_url or ''}"
        else:
            subject = "Uw activiteit komt niet in de agenda"
            news = f"De redactie heeft uw activiteit '{page.title}' niet in de agenda gezet."
        body = f"Beste {submission.name},\n\n{news}\n\n" + _closing(reply_to)
        _mail(subject, body, [submission.email], reply_to)
