"""Demo content (see demo.py): the seven initiative groups of the district, their news, the
overview pages and one demo volunteer account per group. All names of contact persons are
made up. Idempotent: a second run changes nothing."""

# ruff: noqa: E501, S105  (demo texts are long lines; the demo password is public on purpose)

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Site

from home.demo import child_page, demo_image
from home.models import Theme

from .models import InitiatiefIndexPage, InitiatiefPage, InitiatiefPhoto, NewsIndexPage, NewsPage
from .signals import sync_group_access

VOLUNTEER_PASSWORD = "vrijwilliger-demo-2026"

# slug, title, colour, themes, intro, goal, body, results, meeting time, place, contact, moderation, news
GROUPS = [
    {
        "slug": "groen",
        "title": "Groen",
        "colour": "green",
        "themes": ["groen-en-leefomgeving"],
        "intro": "Wij maken de wijk groener, met bomen, bloemen en plantjes.",
        "goal": "Een groene wijk is gezond en fijn. Wij willen meer bloemen en bomen in de straat. En we willen dat buren samen voor het groen zorgen.",
        "body": [
            "<p>In de groep zitten bewoners, de gemeente en de wijkvereniging. Samen kijken we waar iets groener kan. Soms planten we zelf. Soms vragen we de gemeente om hulp.</p>",
            "<p>U hoeft geen tuinman te zijn. Iedereen die van groen houdt, is welkom. Ook als u maar een uurtje tijd heeft.</p>",
        ],
        "results": "Bloemen in de bermen langs de grote wegen\nNieuwe bomen in drie straten\nEen plantdag met meer dan 50 buren",
        "meeting_time": "Om de acht weken op dinsdagavond, van 19.30 tot 21.00 uur",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Anke de Wit",
        "moderation": False,
        "news": [
            ("plantdag-in-het-voorjaar", "Plantdag in het voorjaar", "Op zaterdag planten we bloembollen langs de Stevenshofdreef. Komt u ook?", "<p>Het voorjaar komt eraan. Daarom planten we samen bloembollen. We zorgen voor schepjes en handschoenen. Neem wel goede schoenen mee.</p><p>Na afloop is er koffie en thee. Kinderen zijn ook welkom.</p>", 3),
            ("bloemen-in-de-berm", "De bermen staan in bloei", "De bloemen die we vorig jaar zaaiden, staan nu in bloei. Veel bijen en vlinders komen erop af.", "<p>Vorig jaar zaaiden we bloemen in de bermen. Nu staan ze in bloei. Het is mooi om te zien. En goed voor de bijen.</p><p>Ziet u een mooie plek die ook groener kan? Laat het ons weten.</p>", 30),
        ],
    },
    {
        "slug": "ontmoetingsplek",
        "title": "Ontmoetingsplek",
        "colour": "orange",
        "themes": ["samen-en-sociaal"],
        "intro": "Wij zorgen voor een fijne plek om elkaar te ontmoeten: het Huis van de Buurt.",
        "goal": "Iedereen in de wijk moet een plek hebben om andere mensen te zien. Wij willen het Huis van de Buurt mooier en gezelliger maken.",
        "body": [
            "<p>Het Huis van de Buurt is van ons allemaal. Daar drinkt u koffie, doet u mee aan een activiteit of komt u gewoon even zitten.</p>",
            "<p>Samen met de gemeente en de welzijnsorganisatie maken we een plan om het gebouw op te knappen. We vragen bewoners wat zij willen.</p>",
        ],
        "results": "Een plan om het Huis van de Buurt op te knappen\nEen koffie- en theekar die langs de straten gaat\nElke week een open inloop",
        "meeting_time": "Elke tweede donderdag van de maand, van 14.00 tot 15.30 uur",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Mohamed El Amrani",
        "moderation": False,
        "news": [
            ("koffiekar-komt-langs", "De koffiekar komt langs", "Deze maand staat de koffiekar in uw straat. Kom een kopje drinken en maak een praatje.", "<p>Onze koffie- en theekar rijdt door de wijk. Bij de kar is de koffie gratis. Het gaat om het praatje.</p><p>Kijk in de agenda wanneer de kar bij u in de buurt is.</p>", 5),
            ("plannen-voor-het-huis-van-de-buurt", "Plannen voor het Huis van de Buurt", "We willen het Huis van de Buurt opknappen. Wat vindt u belangrijk?", "<p>Het Huis van de Buurt wordt opgeknapt. We maken daar samen een plan voor. Wilt u meedenken? Kom naar de inloop of stuur ons een bericht.</p>", 45),
            ("open-inloop-elke-week", "Elke week open inloop", "Elke woensdagochtend staat de deur open. Iedereen is welkom voor koffie en een praatje.", "<p>Op woensdagochtend is er open inloop in het Huis van de Buurt. U hoeft zich niet aan te melden. Kom gewoon langs.</p>", 80),
        ],
    },
    {
        "slug": "sociale-relaties-en-vriendschap",
        "title": "Sociale relaties & vriendschap",
        "colour": "purple",
        "themes": ["samen-en-sociaal", "hulp-en-advies"],
        "intro": "Wij helpen mensen om nieuwe vrienden en kennissen te maken in de wijk.",
        "goal": "Niemand in de wijk hoeft zich alleen te voelen. Wij brengen mensen bij elkaar, met wandelingen, samen eten en een goed gesprek.",
        "body": [
            "<p>Soms is het moeilijk om nieuwe mensen te leren kennen. Bijvoorbeeld als u net in de wijk woont. Of als uw partner is overleden. Wij helpen u op weg.</p>",
            "<p>We organiseren buurtwandelingen en samen-eten-avonden. U kunt alleen komen. Er is altijd iemand die u welkom heet.</p>",
        ],
        "results": "Elke maand een buurtwandeling\nSamen eten met 30 buren per keer\nEen welkomstpakket voor nieuwe bewoners",
        "meeting_time": "Om de acht tot tien weken, in de werksessie van Stevenshof Vitaal",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Els Verhoeven",
        "moderation": False,
        "news": [
            ("samen-eten-was-een-feest", "Samen eten was een feest", "Dertig buren aten samen een warme maaltijd. Er werd veel gepraat en gelachen.", "<p>Vorige week aten we met dertig buren samen. Vrijwilligers kookten een lekkere maaltijd. Veel mensen kenden elkaar nog niet. Nu wel!</p><p>De volgende keer is over een maand. Meld u op tijd aan.</p>", 8),
            ("wandelen-met-de-buren", "Wandelen met de buren", "Elke maand lopen we samen een rondje door de wijk. Het tempo is rustig.", "<p>Wandelen is gezond en gezellig. We lopen ongeveer een uur. Onderweg drinken we iets. Iedereen kan mee, ook met een rollator.</p>", 40),
        ],
    },
    {
        "slug": "beweeglint",
        "title": "Beweeglint",
        "colour": "blue",
        "themes": ["sport-en-bewegen"],
        "intro": "Wij maken een route door de wijk waar u onderweg kunt sporten.",
        "goal": "Bewegen moet makkelijk zijn, dichtbij huis en gratis. Langs het Beweeglint staan toestellen waar iedereen op kan oefenen.",
        "body": [
            "<p>Het Beweeglint is een wandelroute door de wijk. Langs de route staan sporttoestellen. U kunt er oefenen wanneer u wilt.</p>",
            "<p>Weet u niet hoe een toestel werkt? Op sommige dagen is er een trainer die u helpt. Samen met de Vitality Club bewegen we in de ochtend.</p>",
        ],
        "results": "Zes sporttoestellen langs de route\nBordjes met uitleg bij elk toestel\nGratis beweegles op zaterdagochtend",
        "meeting_time": "Elke eerste maandag van de maand, van 19.00 tot 20.30 uur",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Rob Jansen",
        "moderation": False,
        "news": [
            ("nieuwe-toestellen-langs-het-beweeglint", "Nieuwe toestellen langs het Beweeglint", "Er staan twee nieuwe sporttoestellen langs de route. Probeer ze eens uit!", "<p>Langs het Beweeglint staan twee nieuwe toestellen. Eén is goed voor uw armen. De ander is goed voor uw balans.</p><p>Bij elk toestel staat een bordje met uitleg en plaatjes.</p>", 2),
            ("beweegles-op-zaterdag", "Gratis beweegles op zaterdag", "Elke zaterdagochtend helpt een trainer u op weg bij de toestellen.", "<p>Vindt u het lastig om alleen te beginnen? Kom dan op zaterdag. Een trainer laat zien hoe de toestellen werken. Het is gratis en u hoeft zich niet aan te melden.</p>", 60),
        ],
    },
    {
        "slug": "voeding",
        "title": "Voeding",
        "colour": "red",
        "themes": ["gezond-eten"],
        "intro": "Wij helpen de wijk om lekker en gezond te eten.",
        "goal": "Gezond eten hoeft niet duur of moeilijk te zijn. Wij delen goede recepten en tips, en koken soms samen.",
        "body": [
            "<p>Elke week maken we het Stevenshof Recept. Dat is een gezond recept dat makkelijk is om te maken. U vindt het op de site en in de supermarkt.</p>",
            "<p>We werken samen met de supermarkt in winkelcentrum Stevensbloem. Daar liggen de ingrediënten voor het recept bij elkaar.</p>",
        ],
        "results": "Elke week een gezond recept, het Stevenshof Recept\nRecepten in de supermarkt bij de kassa\nKookles voor ouders en kinderen",
        "meeting_time": "Om de zes weken op woensdagavond, van 19.30 tot 21.00 uur",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Fatima Yilmaz",
        "moderation": False,
        "news": [
            ("recept-van-de-week-linzensoep", "Recept van de week: linzensoep", "Deze week: een warme soep met linzen en wortel. Snel klaar en goedkoop.", "<p>Linzensoep is gezond en vult goed. U heeft maar een paar dingen nodig: linzen, wortel, ui en bouillon. In een half uur staat de soep op tafel.</p>", 1),
            ("kookles-voor-ouders-en-kinderen", "Kookles voor ouders en kinderen", "Samen koken is leuk en leerzaam. Doe mee met de kookles in het Huis van de Buurt.", "<p>Kinderen leren graag koken. Samen met hun ouder maken ze een gezonde maaltijd. Daarna eten we samen op.</p>", 25),
        ],
    },
    {
        "slug": "gezond-opgroeien",
        "title": "Gezond opgroeien",
        "colour": "orange",
        "themes": ["gezond-opgroeien"],
        "intro": "Wij zorgen dat kinderen en jongeren in de wijk gezond en blij opgroeien.",
        "goal": "Kinderen en jongeren moeten kunnen spelen, sporten en elkaar ontmoeten. Ouders moeten weten waar ze met vragen terechtkunnen.",
        "body": [
            "<p>In deze groep zitten ouders, jongeren, het jongerenwerk en het Centrum voor Jeugd en Gezin. We luisteren goed naar wat jongeren zelf willen.</p>",
            "<p>Jongeren vroegen om een eigen plek om te hangen. Die is er nu gekomen. Samen met hen bedenken we nieuwe plannen.</p>",
        ],
        "results": "Een hangplek voor jongeren, samen met jongeren bedacht\nSportmiddagen in de vakantie\nEen spreekuur voor ouders",
        "meeting_time": "Elke derde woensdag van de maand, van 16.00 tot 17.30 uur",
        "meeting_place": "Huis van de Buurt",
        "contact_name": "Sanne Bakker",
        "moderation": True,
        "news": [
            ("de-hangplek-is-open", "De hangplek is open", "Jongeren hebben nu een eigen plek in de wijk. Zij bedachten zelf hoe die eruit moest zien.", "<p>De nieuwe hangplek is klaar. Jongeren hebben meegedacht over de plek en de banken. Het jongerenwerk komt er regelmatig langs.</p>", 12),
            ("sporten-in-de-vakantie", "Sporten in de vakantie", "In de schoolvakantie zijn er gratis sportmiddagen voor kinderen van 6 tot 12 jaar.", "<p>Verveelt uw kind zich in de vakantie? Kom dan sporten. We doen elke middag iets anders: voetbal, dansen of een speurtocht.</p>", 70),
        ],
    },
    {
        "slug": "dierenweide",
        "title": "Dierenweide",
        "colour": "teal",
        "themes": ["groen-en-leefomgeving", "samen-en-sociaal"],
        "intro": "Wij zorgen samen voor de dieren in de Dierenweide van de wijk.",
        "goal": "De Dierenweide is een plek waar jong en oud graag komt. Wij houden de weide open en zorgen goed voor de dieren.",
        "body": [
            "<p>Sinds 2021 is de Dierenweide weer open. Dat is gelukt dankzij vrijwilligers uit de wijk. Zij voeren de dieren en houden de weide schoon.</p>",
            "<p>Houdt u van dieren? Help dan een ochtend of middag mee. U leert alles van de andere vrijwilligers.</p>",
        ],
        "results": "De Dierenweide is sinds 2021 weer open\nMeer dan twintig vrijwilligers helpen mee\nSchoolklassen komen op bezoek",
        "meeting_time": "Elke eerste zaterdag van de maand, van 10.00 tot 11.00 uur",
        "meeting_place": "De Dierenweide",
        "contact_name": "Kees van Dijk",
        "moderation": False,
        "news": [
            ("lammetjes-geboren", "Er zijn lammetjes geboren", "In de Dierenweide zijn drie lammetjes geboren. Kom ze bekijken!", "<p>Deze week zijn er drie lammetjes geboren. Ze zijn gezond en lopen al rond. Kom kijken, maar geef ze geen eten. De vrijwilligers zorgen daarvoor.</p>", 4),
            ("vrijwilligers-gezocht-voor-de-weide", "Vrijwilligers gezocht", "We zoeken mensen die een keer per week willen helpen in de Dierenweide.", "<p>Wilt u helpen met voeren en schoonmaken? Eén keer per week een paar uur is genoeg. U werkt altijd samen met een ervaren vrijwilliger.</p>", 35),
        ],
    },
]


def load(command):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    index = child_page(
        home,
        InitiatiefIndexPage,
        "initiatieven",
        title="Initiatieven",
        show_in_menus=True,
        intro=(
            "In de Stevenshof werken bewoners samen in groepen. Elke groep werkt aan iets anders: "
            "groen, bewegen, eten of elkaar ontmoeten. Kijk wat u aanspreekt en doe mee."
        ),
        search_description="De initiatiefgroepen van de Stevenshof. Kijk wat ze doen en doe mee.",
    )
    child_page(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        show_in_menus=True,
        intro="Het laatste nieuws van de groepen in de wijk. Het nieuwste bericht staat bovenaan.",
        search_description="Nieuws uit de Stevenshof, van de initiatiefgroepen.",
    )
    themes = {t.slug: t for t in Theme.objects.all()}
    today = timezone.localdate()
    news_count = 0
    for spec in GROUPS:
        group = index.get_children().filter(slug=spec["slug"]).first()
        if group is None:
            group = InitiatiefPage(
                slug=spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                goal=spec["goal"],
                body=[("paragraph", text) for text in spec["body"]],
                results=spec["results"],
                meeting_time=spec["meeting_time"],
                meeting_place=spec["meeting_place"],
                contact_name=spec["contact_name"],
                contact_email=f"{spec['slug']}@stevenshofvitaal.test",
                moderation=spec["moderation"],
                image=demo_image(f"Groep {spec['title']}", spec["colour"]),
                image_alt=f"Tekening van bomen en een zon, bij de groep {spec['title']}",
            )
            group.photos = [
                InitiatiefPhoto(
                    image=demo_image(f"{spec['title']}: foto {n}", colour),
                    alt=f"Tekening van een zonnige dag, foto {n} van {spec['title']}",
                    caption=caption,
                )
                for n, (colour, caption) in enumerate(
                    [(spec["colour"], "Zo ziet het er nu uit."), ("green", "Samen aan de slag.")], start=1
                )
            ]
            index.add_child(instance=group)
            group.themes.set([themes[s] for s in spec["themes"] if s in themes])
            group.save_revision().publish()
        else:
            group = group.specific
        for slug, title, intro, text, days_ago in spec["news"]:
            news_count += 1
            child_page(
                group,
                NewsPage,
                slug,
                title=title,
                intro=intro,
                date=today - datetime.timedelta(days=days_ago),
                image=demo_image(f"Nieuws: {title}", spec["colour"]),
                image_alt="Tekening van bomen en een zon",
                body=[("paragraph", text)],
            )
        sync_group_access(group)
    grant_web_editor_permission()
    if settings.DEBUG:
        for username, group in load_volunteers():
            command.demo_logins.append(
                (f"Vrijwilliger {group.title} (Wagtail-admin)", "/admin/", username, VOLUNTEER_PASSWORD)
            )
    if command.verbosity:
        command.stdout.write(f"Initiatieven: {len(GROUPS)} groepen, {news_count} nieuwsberichten.")


def load_volunteers():
    """One demo volunteer per group, member of that group's editor group only. Called by the
    demo when DEBUG is on, and by tests."""
    User = get_user_model()
    accounts = []
    for spec in GROUPS:
        group = InitiatiefPage.objects.filter(slug=spec["slug"]).first()
        if group is None or group.editor_group is None:
            continue
        username = f"vrijwilliger-{spec['slug']}"[:150]
        first_name = spec["contact_name"].split()[0]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@stevenshofvitaal.test", "first_name": first_name},
        )
        if created:
            user.set_password(VOLUNTEER_PASSWORD)
            user.save()
        user.groups.add(group.editor_group)
        accounts.append((username, group))
    return accounts


def grant_web_editor_permission():
    """The site's editors and moderators may choose, per group, whether its news is checked
    first, and may delete or move group pages (see wagtail_hooks.py)."""
    permission = Permission.objects.get(content_type__app_label="initiatieven", codename="choose_moderation")
    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)[0].permissions.add(permission)
