"""Demo content of the real district (facts from the programme's own reports; all text
written for this site). `manage.py load_demo` calls `load()` here first, then the
`demo.load()` of every other app that has one, in the order of INSTALLED_APPS.

Everything is idempotent: running it twice changes nothing the second time.
"""

import io
import os
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage, Organisation, SiteSettings, StandardPage, Theme

DEMO_ADMIN = {"username": "beheer", "email": "beheer@stevenshof.test", "password": "wijk-demo-2026"}

PALETTE = {
    "green": ((198, 230, 200), (29, 107, 62)),
    "blue": ((200, 222, 245), (31, 90, 166)),
    "purple": ((226, 214, 244), (107, 63, 160)),
    "red": ((248, 214, 210), (179, 38, 30)),
    "orange": ((252, 226, 196), (168, 77, 0)),
    "teal": ((196, 234, 232), (15, 107, 107)),
}


def demo_image(title, colour="green", *, collection=None, size=(1200, 800)):
    """A small generated picture (sky, fields, round trees or people), made with Pillow so
    that nothing is fetched from the internet. Idempotent by title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    light, dark = PALETTE.get(colour, PALETTE["green"])
    rnd = random.Random(title)  # the same title always draws the same picture
    width, height = size
    img = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(img)
    horizon = int(height * rnd.uniform(0.55, 0.7))
    draw.rectangle([0, horizon, width, height], fill=dark)
    for _ in range(rnd.randint(4, 9)):
        x = rnd.randint(0, width)
        r = rnd.randint(height // 14, height // 7)
        y = horizon - rnd.randint(0, r)
        shade = tuple(max(0, c - rnd.randint(20, 60)) for c in dark)
        draw.rectangle([x - r // 6, y, x + r // 6, horizon + r // 3], fill=(90, 60, 40))
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=shade)
    sun = rnd.randint(width // 8, width - width // 8)
    draw.ellipse([sun - 50, 60, sun + 50, 160], fill=(255, 214, 94))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=80)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60]
    image = Image(
        title=title,
        file=ImageFile(buffer, name=f"{slug}.jpg"),
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image


def child_page(parent, model, slug, **fields):
    """Return the live child of `parent` with this slug, creating and publishing it if absent."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


THEMES = [
    ("Samen en sociaal", "samen-en-sociaal", "Mensen ontmoeten, vrienden maken en samen iets doen.", "users", "purple"),
    ("Sport en bewegen", "sport-en-bewegen", "Wandelen, fietsen en sporten, alleen of samen.", "bike", "blue"),
    ("Gezond eten", "gezond-eten", "Lekker en gezond eten, samen koken en goede recepten.", "apple", "red"),
    ("Groen en leefomgeving", "groen-en-leefomgeving", "Een schone en groene wijk waar het fijn wonen is.", "trees", "green"),
    ("Gezond opgroeien", "gezond-opgroeien", "Hulp en plezier voor kinderen, jongeren en ouders.", "baby", "orange"),
    ("Hulp en advies", "hulp-en-advies", "Vragen over zorg, geld, wonen of eenzaamheid? Hier vindt u hulp.", "life-buoy", "teal"),
]

# name, short B1 description, themes (slugs), website
ORGANISATIONS = [
    ("BplusC", "De bibliotheek. Hier leent u boeken, ook over gezond leven (Fit & Actief).", ["samen-en-sociaal", "hulp-en-advies"], "https://www.bplusc.nl"),
    ("BuZz", "Jongerenwerk in Leiden. Voor jongeren die iets willen doen of hulp zoeken.", ["gezond-opgroeien"], ""),
    ("Centrum voor Jeugd en Gezin", "Vragen over opvoeden en opgroeien? Het CJG helpt ouders en kinderen.", ["gezond-opgroeien", "hulp-en-advies"], ""),
    ("Cordes Fysiotherapie", "Fysiotherapie in de wijk. Ook beweeglessen voor ouderen.", ["sport-en-bewegen"], ""),
    ("Eerstelijns samenwerkingsverband Stevenshof", "Huisartsen, apotheek en zorgverleners in de wijk werken hier samen.", ["hulp-en-advies"], ""),
    ("Fietsmaatjes Leiden Leiderdorp", "Vrijwilligers fietsen op een duofiets met mensen die niet meer alleen kunnen fietsen.", ["sport-en-bewegen", "samen-en-sociaal"], ""),
    ("Gemeente Leiden", "De gemeente. Voor vragen over de wijk, afval, groen en hulp thuis.", ["groen-en-leefomgeving", "hulp-en-advies"], "https://www.leiden.nl"),
    ("GGD Hollands Midden", "De GGD let op de gezondheid van alle inwoners. Ook van kinderen.", ["gezond-opgroeien", "hulp-en-advies"], ""),
    ("Gezondheidscentrum Stevenshof", "Huisartsen en andere zorg onder één dak in de wijk.", ["hulp-en-advies"], ""),
    ("Hogeschool Leiden", "Studenten en onderzoekers doen mee aan projecten in de wijk.", ["samen-en-sociaal"], ""),
    ("Incluzio", "Welzijnswerk. Welzijnscoaches helpen u verder, ook via Welzijn op Recept.", ["samen-en-sociaal", "hulp-en-advies"], ""),
    ("LUMC/NeLL", "Het ziekenhuis en zijn netwerk voor gezond leven. Zij doen onderzoek met de wijk.", ["hulp-en-advies"], ""),
    ("Reos", "Hulp bij geldzaken, wonen en regelwerk. Ook voor mantelzorgers.", ["hulp-en-advies"], ""),
    ("Rijncoepel", "Zorg en ondersteuning voor ouderen in en rond de wijk.", ["hulp-en-advies", "samen-en-sociaal"], ""),
    ("Sociaal wijkteam Leiden", "Het wijkteam helpt bij vragen over zorg, geld, werk en gezin.", ["hulp-en-advies"], ""),
    ("SOL", "Sportorganisatie Leiden. Zij helpen de wijk meer te bewegen.", ["sport-en-bewegen"], ""),
    ("Tennisvereniging Stevenshof", "Tennissen in de wijk, voor jong en oud.", ["sport-en-bewegen"], ""),
    ("Vitality Club", "Samen buiten bewegen in de ochtend. Gratis en voor iedereen.", ["sport-en-bewegen", "samen-en-sociaal"], ""),
    ("Werkplaats Sociaal Domein Den Haag en Leiden", "Onderzoekers en praktijk leren samen wat werkt in de wijk.", ["samen-en-sociaal"], ""),
    ("Wijkvereniging Wijkraad Stevenshof", "De vereniging van bewoners. Zij komen op voor de wijk.", ["groen-en-leefomgeving", "samen-en-sociaal"], ""),
    ("Wijzer in de Wijk", "Informatie en advies over wat er is in de wijk.", ["hulp-en-advies"], ""),
    ("Winkelcentrum Stevensbloem", "Het winkelcentrum van de wijk. Hier staat ook de koffiekar soms.", ["samen-en-sociaal"], ""),
    ("Albert Heijn Stevensbloem", "De supermarkt in het winkelcentrum. Hier ligt het Stevenshof Recept.", ["gezond-eten"], ""),
    ("IJsvereniging Rijndijk-Hoge Mors", "Schaatsen en bewegen, in de winter en de rest van het jaar.", ["sport-en-bewegen"], ""),
    ("Zorg en Zekerheid", "Zorgverzekeraar. Denkt mee over gezond leven in de wijk.", ["hulp-en-advies"], ""),
]

PAGES = [
    (
        "over-ons",
        "Over ons",
        "Stevenshof Vitaal is van en voor de wijk. Bewoners en organisaties werken samen aan een gezonde en gezellige wijk.",
        [
            "<h2>Wat is Stevenshof Vitaal?</h2><p>Sinds 2018 werken bewoners en organisaties in de Stevenshof samen. Het doel: dat iedereen in de wijk zich gezond en fijn voelt. Iedereen mag meedoen.</p>",
            "<h2>Hoe werken we?</h2><p>Bewoners en mensen van organisaties zitten samen in initiatiefgroepen. Elke groep werkt aan één onderwerp, zoals groen, bewegen of eten. Om de acht tot tien weken komen alle groepen bij elkaar.</p><p>Een programmagroep van organisaties en de wijkvereniging houdt het overzicht.</p>",
        ],
    ),
    (
        "privacy",
        "Privacy",
        "Op deze pagina leest u wat we doen met uw gegevens. We gaan er zorgvuldig mee om.",
        [
            "<h2>Welke gegevens bewaren we?</h2><p>Alleen wat nodig is. Stuurt u een bericht via een formulier? Dan bewaren we uw naam, uw e-mail of telefoonnummer en uw bericht. Zo kunnen we u antwoorden. Was u ingelogd? Dan weten we ook bij welk account het bericht hoort. Na een jaar halen we uw bericht weg. De e-mails die de site verstuurt, bewaren we 90 dagen.</p>",
            "<h2>Het smoelenboek</h2><p>In het smoelenboek staan alleen mensen die daar zelf voor kiezen. Alleen goedgekeurde leden kunnen het zien. U bepaalt zelf wie uw e-mail en telefoonnummer ziet: alle leden, alleen professionals of niemand.</p>",
            "<h2>Een activiteit aanmelden</h2><p>Meldt u een activiteit aan zonder account? Dan bewaren we uw naam, uw e-mailadres en wat u invulde. U krijgt een e-mail met een link. Klikt u niet binnen 7 dagen op die link? Dan halen we alles weg. Wilt u weten wat we van u bewaren, of wilt u het laten weghalen? Antwoord dan op een e-mail van de agenda-redactie.</p>",
            "<h2>De nieuwsbrief</h2><p>Meldt u zich aan voor de nieuwsbrief? Dan bewaren we uw e-mailadres, waarover u mail wilt krijgen en wanneer u zich aanmeldde. We houden ook bij welke nieuwsbrieven we u stuurden. Bevestigt u uw aanmelding niet binnen 7 dagen? Dan halen we uw e-mailadres weg.</p><p>Onder elke nieuwsbrief staat een link om u af te melden. Dan halen we meteen uw gegevens weg. Met de link ‘Kies waarover u mail krijgt’ kunt u ook uw gegevens downloaden.</p>",
            "<h2>Uw gegevens downloaden of verwijderen</h2><p>Heeft u een account? Dan kunt u bij Mijn profiel al uw gegevens downloaden. U krijgt een ZIP-bestand. Daarin staat een pagina die u kunt lezen, uw foto en een bestand voor de computer.</p><p>U kunt uw account ook zelf verwijderen. We vragen dan eerst uw wachtwoord. Daarna halen we dit weg: uw account, uw profiel en uw foto, uw berichten via Doe mee, wie een activiteit aanmeldde, en de e-mails aan u of over u. Activiteiten die u aanmeldde, blijven in de agenda. In de reservekopieën (back-ups) van de site staan uw gegevens nog een tijdje.</p>",
            "<h2>Cookies</h2><p>We gebruiken alleen cookies die nodig zijn om de site te laten werken. We volgen u niet.</p>",
        ],
    ),
]


def load(command):
    out = command.stdout
    site = _load_site_and_home()
    for position, (name, slug, description, icon, colour) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "icon": icon, "colour": colour, "sort_order": position},
        )
    themes = {t.slug: t for t in Theme.objects.all()}
    for name, description, theme_slugs, website in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"description": description, "website": website}
        )
        if created:
            organisation.themes.set([themes[s] for s in theme_slugs])
            organisation.save()
    home = site.root_page.specific
    for slug, title, intro, paragraphs in PAGES:
        child_page(
            home,
            StandardPage,
            slug,
            title=title,
            intro=intro,
            body=[("paragraph", text) for text in paragraphs],
        )
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "contact_email": "info@stevenshofvitaal.nl",
            "contact_phone": "071 000 00 00",
            "address": "Huis van de Buurt, Stevenshof, Leiden",
            "facebook_url": "https://www.facebook.com/stevenshofvitaal",
        },
    )
    _load_admin(command)
    if command.verbosity:
        out.write(f"Basis: {len(THEMES)} thema's, {len(ORGANISATIONS)} organisaties, {len(PAGES)} pagina's.")


# The order of the main menu the residents asked for; pages of other apps, known here by slug only.
MENU_ORDER = ["agenda", "wat-kun-je-doen", "initiatieven", "nieuws", "nieuw-in-de-wijk"]

HELP_ORGANISATION = "Sociaal wijkteam Leiden"
WELCOME_PACK_ORGANISATION = "Wijkvereniging Wijkraad Stevenshof"


def finish(command):
    """Runs after every app loaded its demo: the welcome route and the home page's first screen
    (both point at pages of other apps, known here by slug only), then the menu order."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    welcome = _load_welcome_route(site)
    _fill_first_screen(site, welcome)
    children = {page.slug: page for page in site.root_page.get_children()}
    ordered = [children[slug] for slug in MENU_ORDER if slug in children]
    for previous, page in zip(ordered, ordered[1:], strict=False):
        page.refresh_from_db()
        previous.refresh_from_db()
        page.move(previous, pos="right")
    if ordered:
        first = ordered[0]
        first.refresh_from_db()
        leftmost = site.root_page.get_children().first()
        if leftmost.pk != first.pk:
            first.move(leftmost, pos="left")


def _child(site, slug):
    page = site.root_page.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _load_welcome_route(site):
    """"Nieuw in de wijk": three steps, each to a place a new resident can go: the agenda, the
    Huis van de Buurt and the welcome package (how to ask for it, with a real address)."""
    home = site.root_page.specific
    contact = SiteSettings.for_site(site)
    pack = Organisation.objects.filter(name=WELCOME_PACK_ORGANISATION).first()
    pack_email = (pack and pack.email) or contact.contact_email
    pack_phone = (pack and pack.phone) or contact.contact_phone
    agenda = _child(site, "agenda")
    initiatieven = _child(site, "initiatieven")
    meeting_place = initiatieven and initiatieven.get_children().filter(slug="ontmoetingsplek").first()
    body = []
    if agenda:
        body.append(("call_to_action", {
            "heading": "1. Kijk wat er te doen is",
            "text": "In de agenda staat wat er in de wijk gebeurt: koffie drinken, wandelen, samen eten en meer. Veel is gratis. U kunt gewoon binnenlopen.",
            "page": agenda, "button_label": "Naar de agenda",
        }))
    house = {
        "heading": "2. Kom naar het Huis van de Buurt",
        "text": (
            f"Het Huis van de Buurt is het buurthuis van de wijk. Adres: {contact.address}. "
            "Open op werkdagen van 9.00 tot 17.00 uur. Op dinsdagochtend is er koffie: "
            "loop binnen en schuif aan."
        ),
        "button_label": "Meer over het Huis van de Buurt",
    }
    if meeting_place:
        body.append(("call_to_action", {**house, "page": meeting_place}))
    else:
        body.append(("paragraph", f"<h2>{house['heading']}</h2><p>{house['text']}</p>"))
    ways = []
    if pack_email:
        ways.append(f'<li>Stuur een e-mail naar <a href="mailto:{pack_email}">{pack_email}</a>.</li>')
    if pack_phone:
        digits = "".join(c for c in pack_phone if c.isdigit() or c == "+")
        ways.append(f'<li>Of bel <a href="tel:{digits}">{pack_phone}</a>.</li>')
    body.append(("paragraph", (
        "<h2>3. Vraag het welkomstpakket aan</h2>"
        "<p>Nieuwe bewoners krijgen gratis een tas met informatie over de wijk. Daarin leest u wie "
        "u kunt bellen en wat er te doen is. Een vrijwilliger van de wijkvereniging brengt de tas "
        "bij u thuis.</p>"
        f"<p>Zo vraagt u het aan. Zet in uw bericht uw naam en adres.</p><ul>{''.join(ways)}</ul>"
    )))
    groups = f' <a linktype="page" id="{initiatieven.pk}">Bekijk de groepen</a>.' if initiatieven else ""
    body.append(("paragraph", (
        "<h2>Mensen leren kennen</h2><p>In de initiatiefgroepen werken buren samen aan de wijk. "
        f"Zij zoeken altijd nieuwe mensen. U bent welkom, ook als u alleen wilt kijken.{groups}</p>"
    )))
    page = child_page(
        home, StandardPage, "nieuw-in-de-wijk", title="Nieuw in de wijk",
        intro="Welkom in de Stevenshof! Woont u hier net? In drie stappen vindt u de weg.",
        show_in_menus=True, body=body,
    )
    if not any(block.block_type == "call_to_action" for block in page.body):
        # Loaded before the welcome route existed: bring it up to date once.
        page.intro = "Welkom in de Stevenshof! Woont u hier net? In drie stappen vindt u de weg."
        page.show_in_menus = True
        page.body = body
        page.save_revision().publish()
    return page


def _fill_first_screen(site, welcome):
    """The home page's first screen and shorter blocks, once (an editor's changes stay)."""
    home = site.root_page.specific
    if home.join_page_id:
        return
    helper = Organisation.objects.filter(name=HELP_ORGANISATION).first()
    home.help_text = "Het sociaal wijkteam helpt bij zorg, geld, werk en gezin."
    home.help_phone = (helper and helper.phone) or ""
    home.help_theme = Theme.objects.filter(slug="hulp-en-advies").first()
    home.join_text = "Help mee in een groep van buren, of kom eerst kijken."
    home.join_page = _child(site, "initiatieven") or welcome
    home.join_button = "Kies een groep"
    home.sections = [
        ("call_to_action", {
            "heading": "Nieuw in de wijk?",
            "text": "Welkom! Lees hoe u de weg vindt en hoe u het gratis welkomstpakket krijgt.",
            "page": welcome, "button_label": "Zo vindt u de weg",
        }),
        ("theme_tiles", {"heading": "Wat kunt u doen in de wijk?", "text": "Kies een onderwerp. Dan ziet u wat er is."}),
        ("latest_news", {"heading": "Nieuws uit de wijk", "count": 2}),
    ]
    home.save_revision().publish()


def _ensure_wagtail_roots():
    """Wagtail's migrations make the root page, root collection and default locale; a test
    database that was flushed has none of them."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    return root


def _load_site_and_home():
    root = _ensure_wagtail_roots()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's first migration made a placeholder welcome page; replace it.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = HomePage(
            title="Stevenshof Vitaal",
            slug="home",
            seo_title="Stevenshof Vitaal: samen gezond en gezellig in de wijk",
            search_description="Wat is er te doen in de Stevenshof? De agenda, de initiatiefgroepen en hulp in de wijk.",
            welcome_title="Welkom in de Stevenshof",
            welcome_text=(
                "Hier ziet u wat er te doen is in de wijk. Zoek een activiteit, vind hulp of "
                "doe mee met een groep. Iedereen is welkom."
            ),
            hero_image=demo_image("Groene wijk met bomen", "green"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()  # its first screen and blocks follow in finish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if settings.DEBUG:
        # `make run` serves on 127.0.0.1:PORT; absolute links (sitemap, feeds) follow it.
        site.hostname, site.port = "127.0.0.1", int(os.environ.get("PORT", "8000"))
    site.root_page = home
    site.site_name = "Stevenshof Vitaal"
    site.save()
    return site


def _load_admin(command):
    if not settings.DEBUG:
        return
    User = get_user_model()
    if not User.objects.filter(username=DEMO_ADMIN["username"]).exists():
        User.objects.create_superuser(**DEMO_ADMIN, first_name="Demo", last_name="Beheerder")
    command.demo_logins.append(
        ("Beheer (Wagtail-admin)", "/admin/", DEMO_ADMIN["username"], DEMO_ADMIN["password"])
    )
