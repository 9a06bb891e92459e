# ruff: noqa: E501 - demo texts, like */demo.py
"""Demo content of the guide "Wat kun je doen in de wijk" (see demo.py): the guide page under
the home page and the standing offers of the district, in B1 Dutch. Idempotent: offers are
found by slug, organisations' contact details are only filled in when empty.

Phone numbers are made up (071 000 ...), so nobody gets called by mistake.
"""

from wagtail.models import Site

from home.demo import child_page
from home.models import Organisation, Theme
from initiatieven.models import InitiatiefPage

from .models import OfferPage, ThemeIndexPage

INTRO = (
    "Hier vindt u wat er te doen is in de Stevenshof. En waar u hulp kunt krijgen. "
    "Kies een onderwerp of typ een woord."
)
PRINT_INTRO = (
    "In deze gids staat wat er te doen is in de Stevenshof. U leest ook waar u hulp kunt "
    "krijgen. Elk onderwerp heeft een eigen hoofdstuk. Bij alles staat voor wie het is, wat "
    "het kost en hoe u meedoet."
)

# Contact details for a few organisations (only filled in where still empty).
ORGANISATION_CONTACTS = {
    "Incluzio": {"phone": "071 000 01 01", "address": "Huis van de Buurt, Stevenshof", "opening_hours": "maandag tot en met vrijdag, 9.00 tot 17.00 uur", "email": "welzijn@incluzio.test"},
    "Reos": {"phone": "071 000 01 02", "opening_hours": "maandag tot en met donderdag, 9.00 tot 16.00 uur"},
    "Sociaal wijkteam Leiden": {"phone": "071 000 01 03", "address": "Huis van de Buurt, Stevenshof", "opening_hours": "werkdagen, 9.00 tot 17.00 uur"},
    "Centrum voor Jeugd en Gezin": {"phone": "071 000 01 04", "opening_hours": "werkdagen, 8.30 tot 17.00 uur"},
    "Fietsmaatjes Leiden Leiderdorp": {"phone": "071 000 01 05", "website": "https://www.fietsmaatjesleiden.nl"},
    "Cordes Fysiotherapie": {"phone": "071 000 01 06", "address": "Gezondheidscentrum Stevenshof"},
    "Gezondheidscentrum Stevenshof": {"phone": "071 000 01 07", "opening_hours": "werkdagen, 8.00 tot 17.00 uur"},
    "BplusC": {"phone": "071 000 01 08", "address": "Winkelcentrum Stevensbloem"},
    "Wijkvereniging Wijkraad Stevenshof": {"phone": "071 000 01 09", "email": "wijkraad@stevenshof.test", "address": "Huis van de Buurt, Stevenshof"},
    "BuZz": {"phone": "071 000 01 11"},
    "Vitality Club": {"phone": "071 000 01 12"},
    "Tennisvereniging Stevenshof": {"phone": "071 000 01 13"},
}

# slug, title, summary, body, themes, kind, audience, audience_note, free, cost, when, where,
# how to join, join note, phone, organisation name, group title (used when that group exists)
OFFERS = [
    ("koffiekar", "De koffiekar", "Een kar met gratis koffie en thee komt naar uw straat. Even een praatje maken met de buren.",
     "De koffiekar rijdt door de wijk. Vrijwilligers schenken koffie en thee. U hoeft niets te betalen. Kom gezellig langs, ook als u niemand kent.",
     ["samen-en-sociaal"], "meedoen", "ouderen", "Voor ouderen en voor iedereen die zin heeft in koffie", True, "",
     "Elke woensdag van 10.00 tot 12.00 uur", "Steeds in een andere straat", "binnenlopen",
     "Loop gewoon naar de kar. Bel ons als u wilt weten waar de kar staat", "071 000 01 10", "Wijkvereniging Wijkraad Stevenshof", "Ontmoetingsplek"),
    ("koffie-inloop-huis-van-de-buurt", "Koffie-inloop in het Huis van de Buurt", "Samen koffie drinken en praten. De deur staat open voor iedereen.",
     "In het Huis van de Buurt is elke week een koffie-ochtend. U kunt binnenlopen en aanschuiven. Er is altijd iemand om mee te praten.",
     ["samen-en-sociaal"], "meedoen", "iedereen", "", True, "", "Elke dinsdag van 10.00 tot 11.30 uur", "Huis van de Buurt",
     "binnenlopen", "", "", "Incluzio", "Ontmoetingsplek"),
    ("samen-eten", "Samen eten", "Eén keer per maand eten we samen een gezonde maaltijd. Gezellig aan tafel met buren.",
     "Vrijwilligers koken een gezonde maaltijd. U eet samen met andere mensen uit de wijk. Meld u een week van tevoren aan. Dan weten we voor hoeveel mensen we koken.",
     ["samen-en-sociaal", "gezond-eten"], "meedoen", "iedereen", "", False, "€ 4 per maaltijd", "De laatste vrijdag van de maand om 17.30 uur",
     "Huis van de Buurt", "aanmelden", "Bel of mail een week van tevoren", "071 000 01 01", "Incluzio", ""),
    ("welkomstpakket", "Welkomstpakket voor nieuwe bewoners", "Woont u net in de Stevenshof? U krijgt een tas met informatie over de wijk.",
     "In de tas zit informatie over de wijk. U leest wie u kunt bellen en wat er te doen is. Een vrijwilliger brengt de tas bij u thuis.",
     ["samen-en-sociaal"], "meedoen", "iedereen", "Voor nieuwe bewoners", True, "", "", "Bij u thuis", "aanmelden",
     "Stuur een e-mail met uw naam en adres, of bel", "", "Wijkvereniging Wijkraad Stevenshof", ""),
    ("welzijn-op-recept", "Welzijn op Recept", "Voelt u zich vaak somber of alleen? Een welzijnscoach helpt u om weer dingen te doen die u leuk vindt.",
     "Uw huisarts kan u naar een welzijnscoach sturen. U praat samen over wat u graag doet. De coach zoekt met u een activiteit of een groep in de wijk. Het kost niets.",
     ["samen-en-sociaal", "hulp-en-advies"], "hulp", "volwassenen", "", True, "", "U maakt zelf een afspraak met de coach", "Huis van de Buurt",
     "huisarts", "Vraag uw huisarts naar Welzijn op Recept", "", "Incluzio", ""),
    ("fietsmaatjes", "Fietsmaatjes", "Samen fietsen op een duofiets. Voor mensen die niet meer alleen kunnen fietsen.",
     "Een vrijwilliger fietst met u op een duofiets. U zit naast elkaar. U kiest samen waar u heen gaat. Zo komt u weer buiten.",
     ["sport-en-bewegen", "samen-en-sociaal"], "meedoen", "ouderen", "Voor ouderen en mensen met een beperking", True, "",
     "Wanneer het u uitkomt", "Vertrek vanuit de Stevenshof", "bellen", "Bel om een rit af te spreken", "", "Fietsmaatjes Leiden Leiderdorp", ""),
    ("vitality-club", "Vitality Club", "Samen buiten bewegen in de ochtend. Gratis en voor iedereen, ook als u niet zo fit bent.",
     "We doen eenvoudige oefeningen in de buitenlucht. U doet mee op uw eigen tempo. Na afloop drinken we vaak samen koffie.",
     ["sport-en-bewegen", "samen-en-sociaal"], "meedoen", "iedereen", "", True, "", "Maandag, woensdag en vrijdag om 9.00 uur",
     "Bij het Beweeglint", "binnenlopen", "Kom gewoon langs in makkelijke kleren", "", "Vitality Club", ""),
    ("beweeglint", "Het Beweeglint", "Een wandelroute door de wijk met toestellen om te bewegen. U kunt er altijd gratis gebruik van maken.",
     "Langs de route staan toestellen voor oefeningen. Bij elk toestel staat uitleg. U kunt alleen gaan, of samen met anderen.",
     ["sport-en-bewegen", "groen-en-leefomgeving"], "meedoen", "iedereen", "", True, "", "Altijd", "Langs de route door de wijk",
     "binnenlopen", "", "", "SOL", "Beweeglint"),
    ("buurtwandeling", "Buurtwandeling", "Elke week wandelen we samen een uur door de wijk. Rustig tempo, gezellig praten.",
     "We lopen een vaste route van ongeveer drie kilometer. Er is altijd een begeleider. U hoeft zich niet aan te melden.",
     ["sport-en-bewegen", "samen-en-sociaal"], "meedoen", "iedereen", "", True, "", "Elke donderdag om 10.00 uur",
     "Start bij het Huis van de Buurt", "binnenlopen", "", "", "SOL", ""),
    ("gecombineerde-leefstijlinterventie", "Samen gezonder leven (GLI)", "Een programma van twee jaar. U leert in een groep gezonder eten, meer bewegen en beter slapen.",
     "Een coach helpt u. U zit in een groep met mensen met dezelfde vragen. Uw verzekering betaalt het.",
     ["sport-en-bewegen", "gezond-eten"], "hulp", "volwassenen", "Voor volwassenen met overgewicht", False,
     "De zorgverzekering betaalt het", "Twee jaar, eerst elke week", "Gezondheidscentrum Stevenshof", "huisarts",
     "Vraag uw huisarts of de GLI iets voor u is", "", "Gezondheidscentrum Stevenshof", ""),
    ("bewegen-voor-ouderen", "Bewegen voor ouderen", "Oefenen in een kleine groep, met een fysiotherapeut. Zo blijft u sterk en valt u minder snel.",
     "U doet oefeningen voor kracht en evenwicht. De fysiotherapeut let op wat u kunt. De groep is klein, met hooguit acht mensen.",
     ["sport-en-bewegen"], "meedoen", "ouderen", "Voor 65-plussers", False, "€ 6 per les", "Elke maandag om 14.00 uur",
     "Cordes Fysiotherapie", "bellen", "Bel voor een gratis proefles", "", "Cordes Fysiotherapie", ""),
    ("tennis-proberen", "Tennis proberen", "Wilt u tennis eens proberen? U krijgt drie lessen om te kijken of u het leuk vindt.",
     "U krijgt les van een trainer. Een racket kunt u lenen. Na drie lessen kiest u of u lid wilt worden.",
     ["sport-en-bewegen"], "meedoen", "iedereen", "", False, "€ 15 voor drie lessen", "In het voorjaar en de zomer",
     "Tennisvereniging Stevenshof", "aanmelden", "Bel de vereniging", "", "Tennisvereniging Stevenshof", ""),
    ("stevenshof-recept", "Het Stevenshof Recept", "Elke week een nieuw gezond recept. Makkelijk te maken en niet duur.",
     "Het recept staat op de website en op een kaart in de supermarkt. Bewoners maken de recepten samen met een diëtist. Probeer het eens!",
     ["gezond-eten"], "meedoen", "iedereen", "", True, "", "Elke week een nieuw recept", "In Albert Heijn Stevensbloem",
     "binnenlopen", "Pak een kaart bij de ingang van de supermarkt", "", "Albert Heijn Stevensbloem", "Voeding"),
    ("fit-en-actief-boeken", "Boeken over gezond leven (Fit & Actief)", "In de bibliotheek staat een kast met boeken over gezond eten, bewegen en goed slapen.",
     "De boeken zijn makkelijk te lezen. Er zijn ook boeken met veel plaatjes. U leent ze met uw bibliotheekpas.",
     ["gezond-eten", "sport-en-bewegen"], "meedoen", "iedereen", "", False, "U heeft een bibliotheekpas nodig",
     "Als de bibliotheek open is", "Bibliotheek, Winkelcentrum Stevensbloem", "binnenlopen", "", "", "BplusC", ""),
    ("vitaliteitsmarkt", "Vitaliteitsmarkt", "Eén keer per jaar is er een markt over gezond leven. Met proeverijen, kramen en sport om te proberen.",
     "Op de markt staan organisaties uit de wijk. U kunt vragen stellen, dingen proberen en mensen ontmoeten. De toegang is gratis.",
     ["gezond-eten", "sport-en-bewegen", "samen-en-sociaal"], "meedoen", "iedereen", "", True, "", "Eén keer per jaar, kijk in de agenda",
     "Winkelcentrum Stevensbloem", "binnenlopen", "", "", "Wijkvereniging Wijkraad Stevenshof", ""),
    ("groen-in-de-wijk", "Samen de wijk groener maken", "Help mee met planten van bomen en bloemen in de wijk. U hoeft geen ervaring te hebben.",
     "Een paar keer per jaar planten we samen bloemen en struiken. Gereedschap is er. Na afloop drinken we samen koffie.",
     ["groen-en-leefomgeving", "samen-en-sociaal"], "meedoen", "iedereen", "", True, "", "Een paar zaterdagen per jaar",
     "Steeds op een andere plek in de wijk", "aanmelden", "Meld u aan met een mail", "", "Wijkvereniging Wijkraad Stevenshof", "Groen"),
    ("dierenweide", "De Dierenweide", "Kom kijken bij de geiten, kippen en konijnen. Of help mee als vrijwilliger.",
     "Iedereen mag komen kijken. Kinderen mogen de dieren aaien. Vrijwilligers geven de dieren eten. Zij maken de wei schoon.",
     ["groen-en-leefomgeving", "gezond-opgroeien"], "meedoen", "iedereen", "", True, "", "Elke dag van 9.00 tot 17.00 uur",
     "De Dierenweide", "binnenlopen", "", "", "Wijkvereniging Wijkraad Stevenshof", "Dierenweide"),
    ("melding-openbare-ruimte", "Iets kapot op straat?", "Ziet u een losse stoeptegel, een kapotte lamp of afval? Meld het bij de gemeente.",
     "U kunt het melden op de website van de gemeente. Doe er een foto bij als dat kan. De gemeente laat het repareren.",
     ["groen-en-leefomgeving"], "hulp", "iedereen", "", True, "", "Altijd", "Via de website", "aanmelden",
     "Doe een melding op de website van de gemeente", "", "Gemeente Leiden", ""),
    ("vragen-over-opvoeden", "Vragen over opvoeden", "Heeft u een vraag over uw kind? Bijvoorbeeld over slapen, eten of ruzie? Het CJG helpt u.",
     "U kunt bellen of langskomen. Een medewerker luistert naar u en denkt met u mee. Het is gratis.",
     ["gezond-opgroeien", "hulp-en-advies"], "hulp", "ouders", "", True, "", "Werkdagen", "Centrum voor Jeugd en Gezin",
     "bellen", "", "", "Centrum voor Jeugd en Gezin", ""),
    ("jongerenplek", "Plek voor jongeren", "Een plek om af te spreken met vrienden. Jongerenwerkers zijn er om mee te praten.",
     "Jongeren hebben samen een plek in de wijk gemaakt. Daar kunt u chillen, sporten en plannen maken. De jongerenwerkers van BuZz helpen u.",
     ["gezond-opgroeien", "samen-en-sociaal"], "meedoen", "jongeren", "Voor jongeren van 12 tot 18 jaar", True, "",
     "Woensdag en vrijdag na school", "Bij het Huis van de Buurt", "binnenlopen", "", "", "BuZz", "Gezond opgroeien"),
    ("hulp-bij-geldzaken", "Hulp bij geldzaken", "Moeite met rekeningen of schulden? Een vrijwilliger helpt u uw geldzaken op orde te brengen.",
     "U krijgt hulp bij post, rekeningen en toeslagen. Samen maakt u een overzicht. Zo krijgt u weer rust. De hulp is gratis.",
     ["hulp-en-advies"], "hulp", "volwassenen", "", True, "", "Op afspraak", "Bij u thuis of in het Huis van de Buurt",
     "bellen", "Bel op werkdagen", "", "Reos", ""),
    ("sociaal-wijkteam", "Het sociaal wijkteam", "Heeft u een vraag over zorg, geld, werk of uw gezin? Het wijkteam zoekt samen met u naar hulp.",
     "U kunt met elke vraag bij het wijkteam terecht. Een medewerker praat met u. Samen kijkt u wat u nodig heeft.",
     ["hulp-en-advies"], "hulp", "iedereen", "", True, "", "Werkdagen", "Huis van de Buurt", "bellen", "", "",
     "Sociaal wijkteam Leiden", ""),
    ("hulp-voor-mantelzorgers", "Steun voor mantelzorgers", "Zorgt u voor iemand die ziek is? U krijgt advies en even tijd voor uzelf.",
     "Een consulent luistert naar u. U krijgt tips en hulp. Soms neemt een vrijwilliger de zorg even van u over.",
     ["hulp-en-advies"], "hulp", "mantelzorgers", "", True, "", "Op afspraak", "Bij u thuis of in het Huis van de Buurt",
     "bellen", "", "", "Reos", ""),
    ("stevit", "Stevit: uw hart thuis meten", "Meet thuis uw bloeddruk en gewicht. Uw huisarts kijkt mee en belt als het nodig is.",
     "U krijgt een meter voor thuis. De uitslag gaat naar de praktijk. Zo houdt u samen met de huisarts uw hart en bloedvaten in de gaten.",
     ["hulp-en-advies"], "hulp", "volwassenen", "Voor mensen met een hoge bloeddruk", True, "", "Wanneer het u uitkomt",
     "Bij u thuis", "huisarts", "Vraag uw huisarts of Stevit iets voor u is", "", "LUMC/NeLL", ""),
]


def load(command):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    guide = child_page(
        home,
        ThemeIndexPage,
        "wat-kun-je-doen",
        title="Wat kunt u doen in de wijk",
        intro=INTRO,
        print_intro=PRINT_INTRO,
        show_in_menus=True,
        search_description="Wat is er te doen in de Stevenshof? Zoek op onderwerp: bewegen, samen, eten, groen, opgroeien en hulp.",
    )
    if guide.title == "Wat kun je doen in de wijk":
        # Loaded before residents were addressed as "u" everywhere: rename it once.
        guide.title = "Wat kunt u doen in de wijk"
        guide.save_revision().publish()
    for name, details in ORGANISATION_CONTACTS.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            continue
        changed = [field for field, value in details.items() if not getattr(organisation, field)]
        for field in changed:
            setattr(organisation, field, details[field])
        if changed:
            organisation.save(update_fields=changed)
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    groups = _groups(site)
    count = 0
    for (slug, title, summary, body, theme_slugs, kind, audience, audience_note, free, cost, when,
         where, how, join_note, phone, org_name, group_title) in OFFERS:
        if guide.get_children().filter(slug=slug).exists():
            continue
        group = groups.get(group_title.lower()) if group_title else None
        offer = OfferPage(
            slug=slug, title=title, summary=summary, body=body, kind=kind, audience=audience,
            audience_note=audience_note, is_free=free, cost=cost, when=when, where=where,
            how_to_join=how, join_note=join_note, phone=phone,
            organisation=organisations.get(org_name), group=group,
        )
        if how == "aanmelden" and org_name == "Gemeente Leiden":
            offer.signup_url = "https://www.leiden.nl"
        if how == "aanmelden" and not offer.signup_url:
            # "Stuur een mail" always comes with an address to send it to.
            organisation = offer.organisation
            if organisation and organisation.email:
                offer.email = organisation.email
            elif not offer.contact_phone:
                offer.email = "info@stevenshofvitaal.nl"
        offer.themes = [themes[s] for s in theme_slugs if s in themes]
        guide.add_child(instance=offer)
        offer.save_revision().publish()
        count += 1
    if command.verbosity:
        command.stdout.write(f"Wat kunt u doen: {len(OFFERS)} keer aanbod ({count} nieuw).")


def _groups(site):
    """The initiative groups of the site, by lowercase title (the groups' demo may add them)."""
    return {g.title.lower(): g for g in InitiatiefPage.objects.in_site(site)}
