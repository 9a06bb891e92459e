"""The district's outgoing channels: the page for partners ("Zet de agenda op uw website"),
the embed in a partner's iframe, the JSON of upcoming activities, and the waiting-room screen.

Only the embed and the screen may be framed by other sites: they are exempt from
X-Frame-Options and their Content-Security-Policy says `frame-ancestors *`; every other page
keeps the site's `SAMEORIGIN` / `frame-ancestors 'self'`. The embed, the JSON and the screen
set no cookie (they never touch the session or the CSRF token), so the page cache
(stevenshof.middleware) keeps them like the feeds."""

import functools
import json

from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from agenda import recurrence
from agenda.pages import json_ld
from home.cache import cached_fragment, fragment_key

from . import screen as screen_content
from . import selection as sel

EMBED_LIMIT, EMBED_MAX = 5, 20
JSON_LIMIT, JSON_MAX = 20, 50
SCREEN_LIMIT, SCREEN_MAX = 8, 20


def frameable(view):
    """May be shown in a frame on any site (a partner's website or signage)."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def _agenda_url(request, selection):
    query = selection.query(*sel.AGENDA_NAMES)
    return request.build_absolute_uri("/agenda/" + (f"?{query}" if query else ""))


# --- the partner page ------------------------------------------------------------------------
@require_safe
@csp_update({"frame-src": ["'self'"]})  # the live preview is our own embed
def partner(request):
    selection = sel.read(request, default_limit=EMBED_LIMIT, max_limit=EMBED_MAX, multi_show=True)
    embed_query = selection.query(*sel.EMBED_NAMES)
    screen_query = selection.query(*[n for n in sel.SCREEN_NAMES if n != "item"])
    json_query = selection.query(*sel.JSON_NAMES)
    embed_url = request.build_absolute_uri(
        reverse("kanalen:embed") + (f"?{embed_query}" if embed_query else "")
    )
    script_url = request.build_absolute_uri(static("kanalen/inpassen.js"))
    # Plain text for the partner to paste (the template escapes it once more for the textarea).
    snippet = (
        f'<iframe src="{escape(embed_url)}" title="Agenda Stevenshof Vitaal" width="100%" height="600" '
        f'style="border:0;max-width:40rem" loading="lazy"></iframe>'
    )
    context = {
        "form": selection.filter_form,
        "channel_form": selection.channel_form,
        "notes": selection.notes,
        "embed_url": embed_url,
        "snippet": snippet,
        "script_snippet": f'<script src="{escape(script_url)}" async></script>',
        "json_url": request.build_absolute_uri(
            reverse("kanalen:json") + (f"?{json_query}" if json_query else "")
        ),
        "screen_url": request.build_absolute_uri(
            reverse("kanalen:screen") + (f"?{screen_query}" if screen_query else "")
        ),
    }
    return render(request, "kanalen/partner.html", context)


# --- the embed -------------------------------------------------------------------------------
@require_safe
@frameable
def embed(request):
    def shown():
        selection = sel.read(request, default_limit=EMBED_LIMIT, max_limit=EMBED_MAX, guide_themes=False)
        sel.declare_variant(request, selection, sel.EMBED_NAMES)
        occurrences = sel.upcoming(
            selection.site, selection.filters, selection.limit, pictures=selection.pictures
        )
        return {
            "selection": selection,
            "notes": selection.notes,
            "days": _by_day(occurrences),
            "coming_next": [] if occurrences else _by_day(sel.coming_next(selection.site)),
            "scope": _scope_name(selection.filters),
            "agenda_url": _agenda_url(request, selection),
            "pictures": selection.pictures,
        }

    # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
    response = render(request, "kanalen/embed.html", {"embed": SimpleLazyObject(shown)})
    response["Cache-Control"] = f"public, max-age={5 * 60}"
    return response


def _by_day(occurrences):
    today = timezone.localdate()
    days = []
    for occ in occurrences:
        day = max(occ.day, today)
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "heading": recurrence.day_heading(day, today), "items": []})
        days[-1]["items"].append(occ)
    return days


def _scope_name(filters):
    """The chosen themes, groups, organisations and place in words: "Sport en Cultuur"."""
    names = [theme.name for theme in filters.get("thema") or ()]
    names += [group.title for group in filters.get("groep") or ()]
    names += [organisation.name for organisation in filters.get("organisatie") or ()]
    if filters.get("plek"):
        names.append(filters["plek"].name)
    return " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


# --- the JSON --------------------------------------------------------------------------------
def cors(view):
    """Any website may read it (it is public), also in a 304."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


@require_safe
@cors
def events_json(request):
    selection = sel.read(request, default_limit=JSON_LIMIT, max_limit=JSON_MAX, guide_themes=False)
    sel.declare_variant(request, selection, sel.JSON_NAMES)

    def make():
        occurrences = sel.upcoming(selection.site, selection.filters, selection.limit, pictures=True)
        body = {
            "agenda": _agenda_url(request, selection),
            "notes": selection.notes,
            "events": schema_events(request, occurrences),
        }
        return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)

    # Kept like a fragment, under the database's versions of what it shows, the understood query
    # and the clock (home.cache.fragment_key): a request costs the versions' one query. The ETag
    # is the body's own hash, so it follows every change and is the same in every process.
    vary = [selection.query(*sel.JSON_NAMES), *selection.notes]
    body = cached_fragment(fragment_key(request, "kanalen-json", ("events", "groups", "guide"), vary), make)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={15 * 60}"
    set_response_etag(response)
    # Here, not in ConditionalGetMiddleware: `cors` adds its header to the 304 too.
    return get_conditional_response(request, etag=response["ETag"], response=response)


def schema_events(request, occurrences):
    """One schema.org Event per occurrence, in the order of `occurrences`, made by the event
    page's own JSON-LD (agenda.pages.json_ld), called once per event for all its dates."""
    by_event = {}
    for index, occ in enumerate(occurrences):
        by_event.setdefault(occ.event.pk, (occ.event, []))[1].append((index, occ))
    items = []
    for event, pairs in by_event.values():
        data = json_ld(request, event, [occ for _index, occ in pairs])
        data = data if isinstance(data, list) else [data]
        items.extend(zip([index for index, _occ in pairs], data, strict=True))
    return [item for _index, item in sorted(items, key=lambda pair: pair[0])]


# --- the screen ------------------------------------------------------------------------------
@require_safe
@frameable
def screen(request):
    def shown():
        selection = sel.read(request, default_limit=SCREEN_LIMIT, max_limit=SCREEN_MAX)
        sel.declare_variant(request, selection, sel.SCREEN_NAMES)
        content = screen_content.build(request, selection)
        count = len(content.items)
        current = selection.item % count if count else 0
        next_query = selection.query(*[n for n in sel.SCREEN_NAMES if n != "item"])
        next_url = "?" + (f"{next_query}&" if next_query else "") + f"item={(current + 1) % max(count, 1)}"
        return {"content": content, "current": current, "notes": selection.notes, "next_url": next_url}

    context = {
        # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
        "screen": SimpleLazyObject(shown),
        "today": timezone.localdate(),
        "rotate_seconds": settings.KANALEN_SCREEN_ROTATE_SECONDS,
        "refresh_seconds": settings.KANALEN_SCREEN_REFRESH_SECONDS,
        "site_address": request.get_host(),
    }
    response = render(request, "kanalen/screen.html", context)
    # Short: a screen asks again every few minutes, and the page cache answers it.
    response["Cache-Control"] = "public, max-age=60"
    return response
