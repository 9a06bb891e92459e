"""Demo content of the agenda: places, the agenda page, recurring and one-off activities of the
groups and partners for the coming months (one cancelled), two partner calendars shipped as
files, and a demo login for an agenda editor (DEBUG only).

Runs after the initiatieven demo. Events of a group go under that group's page when it exists
(looked up by slug), else under the agenda with the organisation as organiser. Idempotent."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import GroupPagePermission, Site

from home.demo import child_page, demo_image
from home.models import Organisation, Theme

from .models import AgendaIndexPage, CalendarSource, EventException, EventPage, Location

DEMO_EDITOR = {"username": "agenda", "email": "agenda@stevenshof.test", "password": "agenda-demo-2026"}
EDITORS_GROUP = "Agenda-redactie"
FEED_DIR = Path(__file__).resolve().parent / "demo_feeds"

# (name, slug, description, accessibility, latitude, longitude). The descriptions hold only what
# the programme's report says of each place; the coordinates are approximate points in the
# Stevenshof district.
LOCATIONS = [
    (
        "Huis van de Buurt",
        "huis-van-de-buurt",
        "Het buurthuis van de Stevenshof. Hier komen veel groepen van de wijk bij elkaar.",
        "De hoofdingang heeft geen drempel. Er is een invalidentoilet.",
        "52.1460",
        "4.4490",
    ),
    (
        "Maria Middelareskerk",
        "maria-middelareskerk",
        "Een kerk in de Stevenshof. Ook hier komen groepen uit de wijk bij elkaar.",
        "Er is een oprit naast de trap bij de ingang.",
        "52.1448",
        "4.4527",
    ),
    (
        "Winkelcentrum Stevensbloem",
        "winkelcentrum-stevensbloem",
        "Het winkelcentrum van de wijk, met onder meer de Albert Heijn.",
        "Alles is gelijkvloers. Er zijn bankjes bij de ingang.",
        "52.1437",
        "4.4461",
    ),
    (
        "Dierenweide Stevenshof",
        "dierenweide",
        "De dierenweide van de wijk is weer open. Een groep bewoners zorgt ervoor.",
        "Het pad naar de dieren is verhard. Met een rolstoel kunt u tot aan het hek.",
        "52.1482",
        "4.4445",
    ),
    (
        "Start Beweeglint (bij het Huis van de Buurt)",
        "beweeglint-start",
        "Het Beweeglint is een wandelroute door de wijk. Langs de route staan sporttoestellen.",
        "De route is vlak en verhard. Onderweg staan bankjes.",
        "52.1463",
        "4.4496",
    ),
    (
        "Bibliotheek Stevenshof (BplusC)",
        "bibliotheek-stevenshof",
        "De bibliotheek van BplusC. Hier staan ook de boeken van ‘Fit & Actief’.",
        "Gelijkvloers, met een automatische deur.",
        "52.1439",
        "4.4468",
    ),
]


def _next_weekday(start, weekday):
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


def _events(today):
    """(slug, group slug, organisation, fields, exception dates) for each demo activity."""
    t = datetime.time
    monday = _next_weekday(today, 0)
    christmas_tuesdays = [
        d
        for d in (datetime.date(today.year, 12, 22) + datetime.timedelta(days=i) for i in range(14))
        if d.weekday() == 1
    ][:2]
    market_day = _next_weekday(today + datetime.timedelta(days=35), 5)
    session_day = _next_weekday(today + datetime.timedelta(days=20), 2)
    bulbs_day = _next_weekday(today + datetime.timedelta(days=9), 5)
    expo_start = _next_weekday(today, 0)
    next_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    first_thursday = _next_weekday(next_month, 3)
    return [
        (
            "koffie-ochtend-huis-van-de-buurt",
            "ontmoetingsplek",
            "Wijkvereniging Wijkraad Stevenshof",
            {
                "title": "Koffie-ochtend in het Huis van de Buurt",
                "summary": "Drink een kopje koffie of thee en maak een praatje. Iedereen is welkom, u hoeft niets mee te nemen.",
                "body": "<p>Elke dinsdag staat de koffie klaar. Kom alleen of neem iemand mee. Nieuw in de wijk? Dan is dit een goede plek om mensen te leren kennen.</p>",
                "start_date": _next_weekday(today, 1),
                "start_time": t(10),
                "end_time": t(11, 30),
                "repeat": "weekly",
                "weekdays": ["TU"],
                "repeat_until": today + datetime.timedelta(days=300),
                "location": "huis-van-de-buurt",
                "themes": ["samen-en-sociaal"],
                "audience": ["iedereen"],
                "image": ("Koffie in het Huis van de Buurt", "orange"),
            },
            christmas_tuesdays,
        ),
        (
            "wandelen-langs-het-beweeglint",
            "beweeglint",
            "Vitality Club",
            {
                "title": "Samen wandelen langs het Beweeglint",
                "summary": "Een rustige wandeling van een uur langs het Beweeglint. Onderweg doen we een paar oefeningen.",
                "body": "<p>We lopen in een rustig tempo. Trek goede schoenen aan. Bij regen gaan we ook, met een paraplu.</p>",
                "start_date": _next_weekday(today, 3),
                "start_time": t(10),
                "end_time": t(11),
                "repeat": "weekly",
                "weekdays": ["TH"],
                "repeat_until": today + datetime.timedelta(days=300),
                "location": "beweeglint-start",
                "themes": ["sport-en-bewegen", "samen-en-sociaal"],
                "audience": ["volwassenen", "ouderen"],
                "image": ("Wandelen langs het Beweeglint", "blue"),
            },
            [],
        ),
        (
            "vitality-club-buiten-bewegen",
            None,
            "Vitality Club",
            {
                "title": "Vitality Club: buiten bewegen",
                "summary": "Elke ochtend een half uur bewegen in de buitenlucht. Gratis en voor iedereen, ook als u niet sportief bent.",
                "start_date": monday,
                "start_time": t(9),
                "end_time": t(9, 30),
                "repeat": "weekly",
                "weekdays": ["MO", "WE", "FR"],
                "repeat_count": 120,
                "location": "huis-van-de-buurt",
                "themes": ["sport-en-bewegen"],
                "audience": ["iedereen"],
            },
            [],
        ),
        (
            "helpen-bij-de-dierenweide",
            "dierenweide",
            "Wijkvereniging Wijkraad Stevenshof",
            {
                "title": "Helpen bij de Dierenweide",
                "summary": "Geef de dieren eten en maak de hokken schoon. Kinderen mogen meehelpen met een ouder.",
                "start_date": _next_weekday(today, 5),
                "start_time": t(10),
                "end_time": t(12),
                "repeat": "weekly",
                "interval": 2,
                "weekdays": ["SA"],
                "repeat_until": today + datetime.timedelta(days=200),
                "location": "dierenweide",
                "themes": ["groen-en-leefomgeving", "gezond-opgroeien"],
                "audience": ["kinderen", "iedereen"],
                "image": ("Dieren in de Dierenweide", "green"),
            },
            [],
        ),
        (
            "samen-koken-en-eten",
            "voeding",
            "Incluzio",
            {
                "title": "Samen koken en eten",
                "summary": "We koken samen een gezonde maaltijd en eten daarna aan een lange tafel. Meld u van tevoren aan.",
                "start_date": first_thursday,
                "start_time": t(17, 30),
                "end_time": t(19, 30),
                "repeat": "monthly",
                "month_week": 1,
                "weekdays": ["TH"],
                "repeat_count": 8,
                "location": "huis-van-de-buurt",
                "themes": ["gezond-eten", "samen-en-sociaal"],
                "audience": ["volwassenen", "ouderen"],
                "cost": Decimal("5.00"),
                "cost_note": "Dat is voor de boodschappen",
                "registration": "email",
                "registration_value": "koken@stevenshofvitaal.nl",
            },
            [],
        ),
        (
            "vitaliteitsmarkt",
            None,
            "Wijkvereniging Wijkraad Stevenshof",
            {
                "title": "Vitaliteitsmarkt in de Stevensbloem",
                "summary": "Kraampjes van groepen en organisaties uit de wijk. Doe een gratis gezondheidscheck en proef gezonde hapjes.",
                "start_date": market_day,
                "start_time": t(11),
                "end_time": t(15),
                "location": "winkelcentrum-stevensbloem",
                "themes": ["gezond-eten", "sport-en-bewegen", "hulp-en-advies"],
                "audience": ["iedereen"],
            },
            [],
        ),
        (
            "voorlezen-voor-peuters",
            None,
            "BplusC",
            {
                "title": "Voorlezen voor peuters",
                "summary": "Een half uur voorlezen en zingen voor kinderen tot 4 jaar, samen met een ouder of opa of oma.",
                "start_date": _next_weekday(today, 2),
                "start_time": t(10, 30),
                "end_time": t(11),
                "repeat": "weekly",
                "weekdays": ["WE"],
                "repeat_until": today + datetime.timedelta(days=180),
                "location": "bibliotheek-stevenshof",
                "themes": ["gezond-opgroeien"],
                "audience": ["kinderen"],
            },
            [],
        ),
        (
            "werksessie-initiatiefgroepen",
            None,
            "Wijkvereniging Wijkraad Stevenshof",
            {
                "title": "Werksessie van alle initiatiefgroepen",
                "summary": "Alle groepen vertellen wat ze doen en maken samen plannen. Nieuwe mensen zijn welkom.",
                "start_date": session_day,
                "start_time": t(19, 30),
                "end_time": t(21, 30),
                "location": "huis-van-de-buurt",
                "themes": ["samen-en-sociaal"],
                "audience": ["volwassenen", "ouderen"],
            },
            [],
        ),
        (
            "bloembollen-planten",
            "groen",
            "Gemeente Leiden",
            {
                "title": "Bloembollen planten in de berm",
                "summary": "Samen planten we bloembollen langs de weg. In het voorjaar bloeit de wijk.",
                "start_date": bulbs_day,
                "start_time": t(10),
                "end_time": t(12),
                "location": "huis-van-de-buurt",
                "themes": ["groen-en-leefomgeving"],
                "audience": ["iedereen"],
                "cancelled": True,
            },
            [],
        ),
        (
            "spreekuur-sociaal-wijkteam",
            None,
            "Sociaal wijkteam Leiden",
            {
                "title": "Spreekuur van het sociaal wijkteam",
                "summary": "Heeft u een vraag over zorg, geld, werk of uw gezin? Loop binnen. U hoeft geen afspraak te maken.",
                "start_date": monday,
                "start_time": t(13),
                "end_time": t(15),
                "repeat": "weekly",
                "weekdays": ["MO"],
                "repeat_until": today + datetime.timedelta(days=365),
                "location": "huis-van-de-buurt",
                "themes": ["hulp-en-advies"],
                "audience": ["volwassenen", "ouderen"],
            },
            [],
        ),
        (
            "tentoonstelling-fit-en-actief",
            None,
            "BplusC",
            {
                "title": "Tentoonstelling Fit & Actief",
                "summary": "Boeken en tips over gezond leven in de bibliotheek. Kom kijken wanneer het u uitkomt.",
                "start_date": expo_start,
                "end_date": expo_start + datetime.timedelta(days=13),
                "location": "bibliotheek-stevenshof",
                "themes": ["gezond-eten", "sport-en-bewegen"],
                "audience": ["iedereen"],
            },
            [],
        ),
        (
            "sport-en-spel-voor-jongeren",
            "gezond-opgroeien",
            "BuZz",
            {
                "title": "Sport en spel voor jongeren",
                "summary": "Voetbal, basketbal of gewoon chillen. Voor jongeren van 12 tot 18 jaar. De jongerenwerker is er ook.",
                "start_date": _next_weekday(today, 4),
                "start_time": t(19),
                "end_time": t(21),
                "repeat": "weekly",
                "weekdays": ["FR"],
                "repeat_until": today + datetime.timedelta(days=240),
                "location": "huis-van-de-buurt",
                "themes": ["gezond-opgroeien", "sport-en-bewegen"],
                "audience": ["jongeren"],
            },
            [],
        ),
        (
            "samen-fietsen-op-de-duofiets",
            None,
            "Fietsmaatjes Leiden Leiderdorp",
            {
                "title": "Samen fietsen op de duofiets",
                "summary": "Kunt u niet meer alleen fietsen? Een vrijwilliger fietst met u mee op een duofiets. Bel om een tijd af te spreken.",
                "start_date": _next_weekday(today, 1),
                "start_time": t(14),
                "end_time": t(16),
                "repeat": "weekly",
                "weekdays": ["TU"],
                "repeat_until": today + datetime.timedelta(days=200),
                "location": "huis-van-de-buurt",
                "themes": ["sport-en-bewegen", "samen-en-sociaal"],
                "audience": ["ouderen"],
                "registration": "phone",
                "registration_value": "071 000 00 01",
            },
            [],
        ),
        (
            "proeven-stevenshof-recept",
            None,
            "Albert Heijn Stevensbloem",
            {
                "title": "Proeven van het Stevenshof Recept",
                "summary": "Proef het gezonde recept van de week. U krijgt het recept mee naar huis.",
                "start_date": _next_weekday(today, 5),
                "start_time": t(11),
                "end_time": t(13),
                "repeat": "monthly",
                "month_week": -1,
                "weekdays": ["SA"],
                "repeat_count": 6,
                "location": "winkelcentrum-stevensbloem",
                "themes": ["gezond-eten"],
                "audience": ["iedereen"],
            },
            [],
        ),
    ]


def load(command):
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific
    locations = {}
    for name, slug, description, access, lat, lon in LOCATIONS:
        locations[slug], _ = Location.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                # No street, entrance, toilet, parking or bus stop: the sources of the demo
                # (../shared/seeds) do not name them, and a wrong door is worse than none.
                "postcode": "2331",
                "city": "Leiden",
                "accessibility": access,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
            },
        )
    agenda = child_page(
        home,
        AgendaIndexPage,
        "agenda",
        title="Agenda",
        intro="Wat is er te doen in de Stevenshof? Hier ziet u alle activiteiten in de wijk. Zet ze ook in de agenda op uw telefoon.",
        show_in_menus=True,
        seo_title="Agenda: wat is er te doen in de Stevenshof?",
        search_description="Alle activiteiten in de Stevenshof: koffie, wandelen, samen koken en meer. Zet ze in uw agenda.",
    )
    if not agenda.show_in_menus:
        agenda.show_in_menus = True
        agenda.save_revision().publish()
    themes = {t.slug: t for t in Theme.objects.all()}
    orgs = {o.name: o for o in Organisation.objects.all()}
    group_model = apps.get_model("initiatieven", "InitiatiefPage")
    today = timezone.localdate()
    made = 0
    for slug, group_slug, org_name, fields, exceptions in _events(today):
        fields = dict(fields)
        group = group_model.objects.filter(slug=group_slug).first() if group_slug else None
        parent = group or agenda
        if EventPage.objects.filter(slug=slug).exists():
            continue
        location = locations[fields.pop("location")]
        theme_slugs = fields.pop("themes")
        image = fields.pop("image", None)
        page = EventPage(slug=slug, location=location, **fields)
        if image:
            page.image = demo_image(*image)
        if group is None:
            page.organiser_organisation = orgs.get(org_name)
        parent.add_child(instance=page)
        page.themes.set([themes[s] for s in theme_slugs if s in themes])
        for day in exceptions:
            EventException.objects.create(page=page, date=day)
        page.save_revision().publish()
        made += 1
    _load_sources(command, locations, orgs, themes)
    _load_editor(command, agenda)
    if command.verbosity:
        command.stdout.write(f"Agenda: {len(LOCATIONS)} plekken, {made} nieuwe activiteiten.")


def _load_sources(command, locations, orgs, themes):
    from .importer import import_source

    sources = [
        (
            "Activiteiten van de bibliotheek (voorbeeld)",
            "bibliotheek.ics",
            "BplusC",
            "samen-en-sociaal",
            "bibliotheek-stevenshof",
            True,
        ),
        (
            "Welzijn in de wijk (voorbeeld)",
            "welzijn.ics",
            "Incluzio",
            "hulp-en-advies",
            "huis-van-de-buurt",
            False,
        ),
    ]
    for name, filename, org, theme, place, publish in sources:
        source, created = CalendarSource.objects.get_or_create(
            name=name,
            defaults={
                "url": (FEED_DIR / filename).as_uri(),
                "organisation": orgs.get(org),
                "theme": themes.get(theme),
                "location": locations.get(place),
                "publish": publish,
            },
        )
        if created:
            import_source(source)


def _load_editor(command, agenda):
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for model in ("location", "calendarsource", "eventsubmission"):
        ct = ContentType.objects.get(app_label="agenda", model=model)
        group.permissions.add(*Permission.objects.filter(content_type=ct))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=agenda,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    if not settings.DEBUG:
        return
    User = get_user_model()
    user = User.objects.filter(username=DEMO_EDITOR["username"]).first()
    if user is None:
        user = User.objects.create_user(**DEMO_EDITOR, first_name="Demo", last_name="Agendaredactie")
    user.groups.add(group)
    command.demo_logins.append(
        ("Agenda-redactie (Wagtail-admin)", "/admin/", DEMO_EDITOR["username"], DEMO_EDITOR["password"])
    )
