"""What a partner chose to show on their website or screen, read from the query string.

The agenda's own filters (thema, groep, organisatie, plek, voor, gratis, wanneer) are read by
agenda.pages.clean_filters and applied by agenda.pages.apply_filters, so the embed, the JSON
and the screen understand exactly what /agenda/ understands, and answer an unknown value the
same way: "Het filter ‘…’ kennen we niet. We laten het weg." This module adds only what a
channel adds: how many, with pictures, and what a screen shows in turn."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.utils import timezone

from agenda import recurrence
from agenda.forms import AgendaFilterForm
from agenda.pages import apply_filters, clean_filters, period_end
from agenda.queries import overlapping, site_events
from home.cache import page_variant
from home.models import Theme, site_for

LOOKAHEAD_DAYS = 183  # how far an embed, the JSON or a screen looks ahead

SHOW_CHOICES = [
    ("activiteiten", "Activiteiten"),
    ("nieuws", "Nieuws"),
    ("gids", "Wat u kunt doen in de wijk (de gids)"),
]
DEFAULT_SHOW = ["activiteiten", "nieuws"]

FIELD_NAMES = {
    "aantal": "aantal",
    "fotos": "foto's",
    "toon": "wat het scherm laat zien",
    "gidsthema": "thema uit de gids",
    "item": "onderdeel",
}


class ChannelForm(forms.Form):
    """The choices a channel adds to the agenda's filters. All optional, all in the URL."""

    aantal = forms.IntegerField(label="Hoeveel activiteiten?", min_value=1, max_value=50, required=False)
    fotos = forms.BooleanField(label="Met foto's", required=False)
    toon = forms.MultipleChoiceField(
        label="Wat laat het scherm zien?",
        choices=SHOW_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gidsthema = forms.ChoiceField(label="Thema uit de gids (voor het scherm)", required=False)
    item = forms.IntegerField(min_value=0, max_value=999, required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, themes):
        super().__init__(data)
        self.fields["gidsthema"].choices = [("", "Alle thema's")] + [(t.slug, t.name) for t in themes]


@dataclass
class Selection:
    filter_form: AgendaFilterForm
    channel_form: ChannelForm
    filters: dict  # the agenda's cleaned filters, with objects for theme, group, organisation, place
    notes: list  # a Dutch sentence for every value we did not understand
    limit: int
    pictures: bool
    show: list
    guide_theme: object | None
    item: int
    site: object
    # The understood query, {name: [values]}, for links to other channels.
    params: dict = field(default_factory=dict)

    @property
    def active_filters(self):
        return any(
            self.filters.get(k)
            for k in ("thema", "groep", "organisatie", "plek", "voor", "gratis", "wanneer")
        )

    def query(self, *names):
        """The understood query for the given names (all when none), without empty values, in a
        fixed order: the same choice always gives the same address (and one cached page)."""
        from urllib.parse import urlencode

        pairs = [
            (k, v) for k, values in self.params.items() if not names or k in names for v in values if v
        ]
        return urlencode(sorted(pairs))


AGENDA_NAMES = tuple(AgendaFilterForm.base_fields)
EMBED_NAMES = (*AGENDA_NAMES, "aantal", "fotos")
JSON_NAMES = (*AGENDA_NAMES, "aantal")
SCREEN_NAMES = (*AGENDA_NAMES, "aantal", "toon", "gidsthema", "item")


def read(request, *, default_limit, max_limit, multi_show=False, guide_themes=True):
    """The Selection a request asks for. `multi_show`: the partner page's form, where `toon`
    comes as repeated checkboxes instead of one comma-separated value (the screen's address),
    and themes, groups and organisations are checkboxes. `guide_themes`: the channel shows a
    theme of the guide (the embed and the JSON do not, and save the query)."""
    site = site_for(request)
    filter_form, filters, notes = clean_filters(request, site, several=multi_show)
    themes = list(Theme.objects.all()) if guide_themes else []
    data = {k: v for k, v in request.GET.items() if k in ChannelForm.base_fields}
    if "toon" in request.GET:
        data["toon"] = (
            request.GET.getlist("toon") if multi_show else [v for v in request.GET["toon"].split(",") if v]
        )
    form = ChannelForm(data, themes=themes)
    if not form.is_valid():
        for name in list(form.errors):
            notes.append(f"Het filter ‘{FIELD_NAMES.get(name, name)}’ kennen we niet. We laten het weg.")
            data.pop(name, None)
        form = ChannelForm(data, themes=themes)
        form.is_valid()
    cleaned = form.cleaned_data
    show = [value for value, _label in SHOW_CHOICES if value in (cleaned.get("toon") or DEFAULT_SHOW)]
    guide_theme = next((t for t in themes if t.slug == cleaned.get("gidsthema")), None)
    # What the agenda's form kept (clean_filters leaves unknown values out), sorted.
    params = filter_form.understood()
    params.update(
        aantal=[str(cleaned["aantal"])] if cleaned.get("aantal") else [],
        fotos=["1"] if cleaned.get("fotos") else [],
        toon=[",".join(cleaned.get("toon") or [])],
        gidsthema=[guide_theme.slug] if guide_theme else [],
    )
    return Selection(
        filter_form=filter_form,
        channel_form=form,
        filters=filters,
        notes=notes,
        limit=min(cleaned.get("aantal") or default_limit, max_limit),
        pictures=bool(cleaned.get("fotos")),
        show=show,
        guide_theme=guide_theme,
        item=cleaned.get("item") or 0,
        site=site,
        params=params,
    )


def declare_variant(request, selection, names):
    """Let the page cache keep this answer when the query held only what we understood (as the
    agenda does: home.cache.page_variant)."""
    if selection.notes:
        return
    if set(request.GET) - set(names):
        return  # a parameter we do not know: answered, but not kept
    page_variant(request, {name: request.GET.getlist(name) for name in names})


def upcoming(site, filters, limit, *, pictures=False, include_cancelled=True):
    """The next `limit` occurrences of the filtered agenda from now, from agenda.recurrence.
    Looks a week ahead first and widens only when that holds too few (as the agenda does)."""
    qs = apply_filters(site_events(site), filters)
    if pictures:
        qs = qs.select_related("image").prefetch_related("image__renditions")
    now = timezone.now()
    today = timezone.localdate()
    last_day = period_end(filters.get("wanneer"), today) or today + datetime.timedelta(days=LOOKAHEAD_DAYS)
    occurrences = []
    for days in (7, 31, None):
        end_day = last_day if days is None else min(last_day, today + datetime.timedelta(days=days))
        end = recurrence.aware(datetime.datetime.combine(end_day, datetime.time.min))
        occurrences = recurrence.occurrences_between(
            list(overlapping(qs, today, end_day)), now, end, include_cancelled=include_cancelled
        )
        if len(occurrences) >= limit or end_day >= last_day:
            break
    return occurrences[:limit]


def coming_next(site, limit=3):
    """What comes next in the whole agenda: shown where a selection holds nothing."""
    return upcoming(site, {}, limit, include_cancelled=False)
