"""The view behind "Activiteit aanmelden": a short form for logged-in members and partners that
becomes a draft EventPage in the agenda editors' workflow. Wagtail tells the editors (the
"Agenda-redactie" group) and, when they approve or reject it, the sender; the sender also gets
a confirmation at once."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import escape, linebreaks
from django.views.decorators.cache import never_cache
from wagtail.images import get_image_model

from home.models import site_for
from home.ratelimit import too_many
from home.workflows import group_approval_workflow

from .forms import NO_PLACE, EventSubmissionForm, repeat_fields
from .models import AgendaIndexPage, EventPage, EventSubmission, Location

logger = logging.getLogger("stevenshof")


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


def build_page(data, request):
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
    upload = data.get("image")
    if upload:
        Image = get_image_model()
        image = Image(title=data["title"][:255], file=upload)
        image._set_image_file_metadata()
        image.save()
        page.image = image
    return page


@never_cache
def submit_event(request):
    index = agenda_index_for(request)
    if not request.user.is_authenticated:
        # Members and partners add activities; anyone else is asked to log in or sign up first.
        return TemplateResponse(request, "agenda/submit_login.html", {"page": index})
    if request.method == "POST":
        form = EventSubmissionForm(request.POST, request.FILES)
        if too_many(request, "agenda_submit"):
            form.is_valid()
            form.add_error(None, "U heeft al veel activiteiten aangemeld. Probeer het over een uur opnieuw.")
            return TemplateResponse(request, "agenda/submit.html", {"form": form, "page": index}, status=429)
        if form.is_valid() and index is not None:
            data = form.cleaned_data
            page = build_page(data, request)
            page.themes.set(data.get("themes") or [])  # in memory; saved by add_child
            index.add_child(instance=page)
            page.save_revision(user=request.user, log_action=True)
            workflow = review_workflow()
            if workflow.active:  # editors may switch the review off; then it stays a draft
                workflow.start(page, request.user)
            EventSubmission.objects.create(
                page=page,
                user=request.user,
                name=data["name"],
                email=data["email"],
                organiser=data["organiser"],
                place=data.get("place_other") or "",
            )
            _send_emails(request, page, data)
            return redirect("agenda:submit_done")
        if any(e.code == "honeypot" for e in form.non_field_errors().as_data()):
            logger.info("Agenda submission stopped by the honeypot.")
        status = 400
    else:
        user = request.user
        form = EventSubmissionForm(initial={"name": user.get_full_name(), "email": user.email})
        status = 200
    return TemplateResponse(request, "agenda/submit.html", {"form": form, "page": index}, status=status)


def _send_emails(request, page, data):
    # The agenda editors hear of it from Wagtail's workflow; addresses outside the admin that
    # want to know too are listed in AGENDA_EDITOR_EMAILS.
    edit_url = request.build_absolute_uri(f"/admin/pages/{page.pk}/edit/")
    editors = settings.AGENDA_EDITOR_EMAILS
    if editors:
        send_mail(
            f"Nieuwe activiteit aangemeld: {page.title}",
            (
                f"{data['name']} ({data['email']}) heeft een activiteit aangemeld.\n\n"
                f"Activiteit: {page.title}\nDatum: {page.start_date:%d-%m-%Y}\n"
                f"Organisator: {data['organiser']}\n\n"
                f"Bekijk en publiceer de activiteit hier:\n{edit_url}\n"
            ),
            None,
            editors,
            fail_silently=True,
        )
    send_mail(
        "We hebben uw activiteit ontvangen",
        (
            f"Beste {data['name']},\n\n"
            f"Dank u wel! We hebben uw activiteit '{page.title}' ontvangen.\n"
            "De redactie van de agenda kijkt ernaar. Daarna zetten we de activiteit in de agenda.\n"
            "Heeft u nog een vraag? Antwoord dan op deze e-mail.\n\n"
            "Groeten,\nStevenshof Vitaal\n"
        ),
        None,
        [data["email"]],
        fail_silently=True,
    )


def submit_done(request):
    return TemplateResponse(request, "agenda/submit_done.html", {"page": agenda_index_for(request)})
