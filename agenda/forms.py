"""The agenda's forms: the filters of /agenda/, and "Activiteit aanmelden" for members and partners."""

import datetime

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.validators import URLValidator
from django.utils import timezone
from wagtail.images.fields import WagtailImageField

from home import images
from home.models import Theme
from home.page_forms import AutoSlugPageForm
from initiatieven.models import InitiatiefPage

from . import periods, recurrence
from .choices import AUDIENCE_CHOICES, REPEAT_FORM_CHOICES

NO_PLACE = "anders"


# The filters that may hold several values (?thema=a&thema=b): a partner's embed, JSON or
# screen shows some themes, groups or organisations. A place stays one.
SEVERAL = ("thema", "groep", "organisatie")


class OneChoiceSelect(forms.Select):
    """One <select> for a filter that may hold several values: it reads them all from the URL,
    so a link with several is understood and kept (the form then shows checkboxes instead)."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class AgendaFilterForm(forms.Form):
    """The filters of /agenda/ and of the channels (kanalen/); all optional, all in the URL, so
    the page works without JS. Theme, group and organisation take several values; /agenda/ shows
    them as one choice each unless the URL holds several, the partner page as checkboxes
    (`several=True`)."""

    # Chosen with the chips above the list (agenda/periods.py); the form carries it along.
    wanneer = forms.CharField(label="Wanneer", required=False, max_length=20, widget=forms.HiddenInput)
    thema = forms.MultipleChoiceField(label="Thema", required=False, widget=OneChoiceSelect)
    voor = forms.ChoiceField(
        label="Voor wie", required=False, choices=[("", "Iedereen")] + AUDIENCE_CHOICES[:-1]
    )
    groep = forms.MultipleChoiceField(label="Initiatiefgroep", required=False, widget=OneChoiceSelect)
    organisatie = forms.MultipleChoiceField(label="Organisatie", required=False, widget=OneChoiceSelect)
    plek = forms.ChoiceField(label="Plek", required=False)
    gratis = forms.BooleanField(label="Alleen gratis", required=False)
    vanaf = forms.DateField(required=False, widget=forms.HiddenInput)

    # How a field with several values is labelled above its checkboxes.
    SEVERAL_LABELS = {"thema": "Thema's", "groep": "Initiatiefgroepen", "organisatie": "Organisaties"}

    def __init__(self, data, *, themes, groups, organisations, locations, several=False):
        super().__init__(data)
        self.fields["thema"].choices = [("", "Alle thema's")] + [(t.slug, t.name) for t in themes]
        self.fields["groep"].choices = [("", "Alle groepen")] + [(g.slug, g.title) for g in groups]
        self.fields["organisatie"].choices = [("", "Alle organisaties")] + [
            (o.slug, o.name) for o in organisations
        ]
        self.fields["plek"].choices = [("", "Alle plekken")] + [(loc.slug, loc.name) for loc in locations]
        for name in SEVERAL:
            field = self.fields[name]
            if several or len(self.chosen(name)) > 1:
                # Checkboxes (a fieldset with a legend), without the "Alle ..." choice.
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices[1:])
                field.label = self.SEVERAL_LABELS[name]

    def chosen(self, name):
        """The non-empty values the data holds for a filter, each once."""
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
        return list(dict.fromkeys(value for value in values if value))

    def understood(self):
        """The query this (valid) form understood, as {name: [values]}: known values only, each
        once and sorted, so the same choice always gives the same address and cache entry."""
        params = {}
        for name in self.fields:
            if name in SEVERAL:
                values = sorted({value for value in self.cleaned_data.get(name) or [] if value})
            else:
                value = self.data.get(name, "") if name in self.cleaned_data else ""
                values = [value] if value else []
            if values:
                params[name] = values
        return params

    def clean_wanneer(self):
        period = periods.normalise(self.cleaned_data.get("wanneer"))
        if period is None:
            raise forms.ValidationError("Deze periode kennen we niet.")
        return period

    def clean_vanaf(self):
        # Far-off dates (9999-12-31, 0001-01-01) would run past the calendar's ends.
        day = self.cleaned_data.get("vanaf")
        if day and abs((day - timezone.localdate()).days) > 366 * 10:
            raise forms.ValidationError("Deze datum ligt te ver weg.")
        return day


# The filters as a message about an unknown value names them.
FIELD_NAMES = {
    "wanneer": "wanneer",
    "thema": "thema",
    "voor": "voor wie",
    "groep": "groep",
    "organisatie": "organisatie",
    "plek": "plek",
    "gratis": "gratis",
    "vanaf": "datum",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class EventSubmissionForm(forms.Form):
    title = forms.CharField(
        label="Naam van de activiteit",
        max_length=80,
        help_text="Kort en duidelijk. Bijvoorbeeld: Samen wandelen in het park.",
        error_messages={
            "required": "Vul de naam van de activiteit in.",
            "max_length": "De naam is te lang. Gebruik hoogstens 80 tekens.",
        },
    )
    summary = forms.CharField(
        label="Wat gaat u doen?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Eén of twee korte zinnen. Hoogstens 250 tekens.",
        error_messages={
            "required": "Vertel in één of twee zinnen wat u gaat doen.",
            "max_length": "Deze tekst is te lang. Gebruik hoogstens 250 tekens.",
        },
    )
    body = forms.CharField(
        label="Meer uitleg (mag leeg blijven)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Deze tekst is te lang. Gebruik hoogstens 2000 tekens."},
    )
    start_date = forms.DateField(
        label="Datum",
        widget=DateInput(),
        help_text="Bijvoorbeeld: 14-01-2027.",
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een goede datum in, bijvoorbeeld 14-01-2027.",
        },
    )
    start_time = forms.TimeField(
        label="Begintijd",
        required=False,
        widget=TimeInput(),
        help_text="Leeg als het de hele dag is.",
        error_messages={"invalid": "Vul een goede tijd in, bijvoorbeeld 10:00."},
    )
    end_time = forms.TimeField(
        label="Eindtijd",
        required=False,
        widget=TimeInput(),
        error_messages={"invalid": "Vul een goede tijd in, bijvoorbeeld 11:30."},
    )
    repeat = forms.ChoiceField(label="Komt het vaker terug?", choices=REPEAT_FORM_CHOICES, required=False)
    repeat_until = forms.DateField(
        label="Tot en met welke datum?",
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        help_text="Alleen als het vaker terugkomt.",
        error_messages={"invalid": "Vul een goede datum in, bijvoorbeeld 30-06-2027."},
    )
    place = forms.ChoiceField(label="Waar is het?", required=False)
    place_other = forms.CharField(
        label="Andere plek of adres",
        required=False,
        max_length=200,
        error_messages={"max_length": "Het adres is te lang. Gebruik hoogstens 200 tekens."},
    )
    online_url = forms.URLField(
        label="Link om online mee te doen (mag leeg blijven)",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={
            "invalid": "Deze link klopt niet. Begin met https://, bijvoorbeeld https://www.voorbeeld.nl."
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label="Over welk onderwerp gaat het?",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
    )
    audience = forms.MultipleChoiceField(
        label="Voor wie is het?",
        choices=AUDIENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost = forms.DecimalField(
        label="Wat kost het, in euro?",
        required=False,
        min_value=0,
        max_value=1000,
        decimal_places=2,
        help_text="Leeg of 0 als het gratis is.",
        localize=True,
        error_messages={
            "invalid": "Vul een bedrag in, bijvoorbeeld 2,50.",
            "min_value": "Het bedrag kan niet minder dan 0 zijn.",
            "max_value": "Dit bedrag is te hoog.",
            "max_decimal_places": "Gebruik hoogstens twee cijfers achter de komma.",
        },
    )
    organiser = forms.CharField(
        label="Wie organiseert het?",
        max_length=120,
        help_text="Uw groep, organisatie of uw naam.",
        error_messages={"required": "Vul in wie het organiseert."},
    )
    # The admin's own image field (extension, format, size and pixel checks), in plain Dutch.
    image = WagtailImageField(
        label="Foto (mag leeg blijven)",
        required=False,
        help_text="Een jpg-, png- of webp-foto van hoogstens 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    name = forms.CharField(label="Uw naam", max_length=100, error_messages={"required": "Vul uw naam in."})
    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=200,
        help_text="We sturen u een bevestiging. We zetten uw e-mail niet op de site.",
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        },
    )
    # Honeypot: hidden from people by CSS; bots fill it in.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By name: models.py imports agenda.pages, which imports this module.
        places = [(loc.slug, loc.name) for loc in apps.get_model("agenda", "Location").objects.all()]
        self.fields["place"].choices = [("", "Kies een plek")] + places + [(NO_PLACE, "Een andere plek")]
        self.fields["image"].error_messages.update(images.field_messages())

    def clean_image(self):
        """Only the decoded pixels are kept, in a new file with a random name (home/images.py)."""
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return images.reencoded(
            upload,
            max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        )

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        if value < timezone.localdate():
            raise forms.ValidationError("Deze datum is al voorbij. Kies een datum vanaf vandaag.")
        if value > timezone.localdate() + datetime.timedelta(days=2 * 366):
            raise forms.ValidationError("Deze datum ligt te ver weg. Kies een datum binnen twee jaar.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("Uw aanmelding kon niet worden verstuurd.", code="honeypot")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if end_time and not start_time:
            self.add_error("start_time", "Vul ook een begintijd in, of laat de eindtijd leeg.")
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", "De eindtijd ligt vóór de begintijd. Kies een latere eindtijd.")
        repeat = data.get("repeat")
        until = data.get("repeat_until")
        start = data.get("start_date")
        if repeat and not until:
            self.add_error("repeat_until", "Het komt vaker terug. Vul in tot en met welke datum.")
        if repeat and until and start:
            if until < start:
                self.add_error("repeat_until", "Deze datum ligt vóór de eerste keer. Kies een latere datum.")
            elif (until - start).days > settings.AGENDA_MAX_REPEAT_DAYS:
                self.add_error("repeat_until", "Herhalen kan tot twee jaar vooruit. Kies een eerdere datum.")
        if start and not any(self.has_error(name) for name in ("start_time", "end_time", "repeat_until")):
            self._check_clock_times(data)
        if data.get("place") == NO_PLACE and not data.get("place_other"):
            self.add_error("place_other", "Vul de plek of het adres in.")
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", "Kies een plek, of vul een link in om online mee te doen.")
        if data.get("online_url"):
            try:
                URLValidator(schemes=["https", "http"])(data["online_url"])
            except forms.ValidationError:
                self.add_error("online_url", "Deze link klopt niet. Begin met https://.")
        return data

    def _check_clock_times(self, data):
        """A start or end time the clock skips on one of the dates (agenda.recurrence)."""
        # By name: models.py imports agenda.pages, which imports this module.
        page = apps.get_model("agenda", "EventPage")(
            title=data.get("title") or "",
            start_date=data["start_date"],
            start_time=data.get("start_time"),
            end_time=data.get("end_time"),
            repeat_until=data.get("repeat_until") if data.get("repeat") else None,
            **repeat_fields(data.get("repeat")),
        )
        problem = recurrence.nonexistent_time(page)
        if problem:
            self.add_error(*problem)


def repeat_fields(choice):
    """The form's "Komt het vaker terug?" as EventPage fields."""
    if not choice:
        return {"repeat": "", "interval": 1}
    if choice == "monthly":
        return {"repeat": "monthly", "interval": 1}
    return {"repeat": "weekly", "interval": 2 if choice == "biweekly" else 1}


class EventPageForm(AutoSlugPageForm):
    """A group's volunteers may only name their own group as the organiser (or any
    organisation); the agenda and web editors any group. The list is the check: a group
    outside it is refused on the server, whatever the browser sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organiser_group")
        if field is None or self.for_user is None:
            return
        allowed = InitiatiefPage.objects.organisable_by(self.for_user)
        current = self.instance.organiser_group_id
        if current:  # keep what an editor chose when a volunteer edits the activity later
            allowed = allowed | InitiatiefPage.objects.filter(pk=current)
        # A short list instead of the page chooser, which would browse every group's pages.
        field.widget = forms.Select()
        field.queryset = allowed.order_by("title")
        field.empty_label = "Geen groep"
        field.error_messages["invalid_choice"] = (
            "U kunt alleen uw eigen groep kiezen als organisator. Kies uw groep of een organisatie."
        )
