"""Demo members of the smoelenboek: fictional people (names, text and faces made up), working
for the real partner organisations of home/demo.py or active in the initiative groups.

Idempotent: members are found by their e-mail address; photos are drawn only once."""

import io
import random

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Site

from home.models import Organisation, Theme

from .models import Profile, Role, Status, Visibility
from .photos import process_photo

DEMO_MEMBER = {"email": "demo-lid@stevenshof.test", "password": "smoelen-demo-2026"}
DEMO_BEHEER = {
    "username": "smoelenboek-beheer",
    "email": "smoelenboek-beheer@stevenshof.test",
    "password": "beheer-demo-2026",
}
EMAIL_DOMAIN = "voorbeeld.test"

P, V, B = Role.PROFESSIONAL, Role.VOLUNTEER, Role.RESIDENT

# name, role, organisation, job title, themes, groups, approach, days, email shown, phone shown
MEMBERS = [
    ("Samira el Amrani", P, "Incluzio", "Welzijnscoach", ["samen-en-sociaal", "hulp-en-advies"], ["sociale-relaties"],
     "Via Welzijn op Recept stuurt de huisarts mensen naar mij. Voelt u zich alleen of zoekt u iets leuks om te doen? Ik help u op weg.", ["ma", "di", "do"], True, True),
    ("Daan Meijer", P, "Incluzio", "Opbouwwerker", ["samen-en-sociaal"], ["ontmoetingsplek"],
     "Ik help bewoners die iets willen organiseren in de wijk. Bijvoorbeeld een buurtmaaltijd of een straatfeest.", ["di", "wo", "vr"], True, False),
    ("Joost van Dijk", P, "Gezondheidscentrum Stevenshof", "Huisarts", ["hulp-en-advies"], [],
     "Samenwerken rond Welzijn op Recept en de leefstijlprogramma's in de wijk.", ["ma", "wo"], True, False),
    ("Fatma Yilmaz", P, "Sociaal wijkteam Leiden", "Medewerker wijkteam", ["hulp-en-advies"], [],
     "Vragen over zorg, geld, werk of het gezin? Samen zoeken we uit wat u nodig heeft.", ["ma", "di", "wo", "do"], True, True),
    ("Marieke de Boer", P, "Centrum voor Jeugd en Gezin", "Jeugdverpleegkundige", ["gezond-opgroeien"], ["gezond-opgroeien"],
     "Vragen over opvoeden, slapen of eten van kinderen. Ook over de groei van baby's.", ["di", "do"], True, False),
    ("Ruben Verhoeven", P, "BuZz", "Jongerenwerker", ["gezond-opgroeien", "samen-en-sociaal"], ["gezond-opgroeien"],
     "Ik ken de jongeren in de wijk. Samen maakten we de hangplek. Bel of app mij gerust.", ["wo", "vr", "za"], False, True),
    ("Anouk Jansen", P, "Cordes Fysiotherapie", "Fysiotherapeut", ["sport-en-bewegen"], ["beweeglint"],
     "Beweeglessen voor ouderen en uitleg over de toestellen langs het Beweeglint.", ["ma", "do"], True, False),
    ("Peter Smit", P, "Gemeente Leiden", "Wijkregisseur", ["groen-en-leefomgeving"], ["groen"],
     "Ideeën voor groen, bankjes of speelplekken in de wijk? Ik breng u in contact met de juiste mensen.", ["di", "do"], True, False),
    ("Lotte Visser", P, "GGD Hollands Midden", "Gezondheidsbevorderaar", ["gezond-eten", "gezond-opgroeien"], ["voeding"],
     "Projecten over gezond eten en drinken, op school en in de wijk.", ["ma", "di"], True, False),
    ("Hanneke Bakker", P, "BplusC", "Bibliothecaris", ["samen-en-sociaal"], [],
     "Boeken over gezond leven (Fit & Actief), taalcafé en hulp met de computer.", ["wo", "za"], True, False),
    ("Thomas Mulder", P, "SOL", "Buurtsportcoach", ["sport-en-bewegen"], ["beweeglint"],
     "Samen sporten in de wijk. Ik help ook clubs en groepen die meer mensen willen laten bewegen.", ["ma", "wo", "vr"], True, True),
    ("Esther de Vries", P, "Rijncoepel", "Ouderenadviseur", ["hulp-en-advies", "samen-en-sociaal"], [],
     "Ik help ouderen en mantelzorgers met vragen over zorg en wonen.", ["di", "do"], True, False),
    ("Karim Haddou", P, "Reos", "Sociaal raadsman", ["hulp-en-advies"], [],
     "Hulp bij formulieren, brieven en geldzaken.", ["ma", "do"], False, False),
    ("Sanne Hoekstra", P, "Hogeschool Leiden", "Onderzoeker", ["samen-en-sociaal"], [],
     "Onderzoek naar wat werkt in de wijk. Studenten die willen helpen? Vraag het mij.", ["vr"], True, False),
    ("Wouter Kok", P, "Albert Heijn Stevensbloem", "Bedrijfsleider", ["gezond-eten"], ["voeding"],
     "Het Stevenshof Recept ligt in onze winkel. Samen acties doen rond gezond eten kan altijd.", ["ma", "di", "wo", "do", "vr"], True, False),
    ("Gerda van Leeuwen", V, None, "", ["groen-en-leefomgeving"], ["groen"],
     "Ik weet veel van bloemen en planten in de berm. Help mee met tuinieren!", ["wo", "za"], True, False),
    ("Henk de Graaf", V, None, "", ["groen-en-leefomgeving", "samen-en-sociaal"], ["dierenweide"],
     "Elke week zorg ik voor de dieren op de Dierenweide. Nieuwe helpers zijn welkom.", ["di", "za"], False, True),
    ("Ineke Willems", V, None, "", ["samen-en-sociaal"], ["ontmoetingsplek"],
     "Ik rijd met de koffiekar door de straten. Kom een kopje halen!", ["do"], True, False),
    ("Mohamed Bouzid", V, None, "", ["sport-en-bewegen"], ["beweeglint"],
     "Ik wandel elke week langs het Beweeglint. Loop gerust mee.", ["za", "zo"], True, False),
    ("Truus Hendriks", V, None, "", ["samen-en-sociaal"], ["sociale-relaties"],
     "Samen eten en praten. Ik help bij de buurtmaaltijd.", ["wo"], False, False),
    ("Bram Koster", V, None, "", ["gezond-eten"], ["voeding"],
     "Ik kook graag en geef tips voor gezonde en goedkope maaltijden.", ["di", "vr"], True, False),
    ("Yvonne Peters", V, None, "", ["gezond-opgroeien"], ["gezond-opgroeien"],
     "Moeder van drie. Ik help bij activiteiten voor kinderen in de wijk.", ["wo"], True, False),
    ("Kees van der Linden", V, None, "", ["groen-en-leefomgeving"], ["groen", "dierenweide"],
     "Bomen planten, afval prikken, nestkastjes maken: ik doe mee.", ["za"], True, False),
    ("Aisha Mahabier", V, None, "", ["samen-en-sociaal", "gezond-eten"], ["ontmoetingsplek", "voeding"],
     "Ik organiseer de kookavond in het Huis van de Buurt.", ["do", "vr"], True, True),
    ("Jan Vermeulen", B, None, "", ["sport-en-bewegen"], [],
     "Ik woon al dertig jaar in de wijk en weet veel over de geschiedenis van de Stevenshof.", [], False, False),
    ("Nel Schouten", B, None, "", ["samen-en-sociaal"], [],
     "Ik zoek mensen om samen te wandelen.", ["ma", "wo"], True, False),
    ("Sophie Lambert", B, None, "", ["gezond-opgroeien", "samen-en-sociaal"], [],
     "Nieuw in de wijk met een jong gezin. Ik wil graag andere ouders leren kennen.", ["za"], True, False),
]
PENDING = ("Rob Dekker", B, None, "", ["groen-en-leefomgeving"], [], "Ik wil graag meedoen met de groengroep.", [], False, False)

SKIN = [(255, 224, 189), (241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36), (92, 56, 30)]
HAIR = [(40, 30, 25), (90, 60, 35), (150, 110, 60), (200, 170, 110), (120, 120, 120), (220, 220, 215), (160, 60, 30)]
BACKGROUND = [(198, 230, 200), (200, 222, 245), (226, 214, 244), (248, 214, 210), (252, 226, 196), (196, 234, 232)]
SHIRT = [(29, 107, 62), (31, 90, 166), (107, 63, 160), (179, 38, 30), (168, 77, 0), (15, 107, 107), (60, 60, 60)]


def avatar(seed, size=480):
    """A friendly face drawn with Pillow: no real person, nothing from the internet."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (size, size), rnd.choice(BACKGROUND))
    draw = ImageDraw.Draw(img)
    s = size / 480
    skin, hair, shirt = rnd.choice(SKIN), rnd.choice(HAIR), rnd.choice(SHIRT)
    long_hair = rnd.random() < 0.45
    if long_hair:
        draw.rounded_rectangle([130 * s, 120 * s, 350 * s, 380 * s], radius=int(60 * s), fill=hair)
    draw.ellipse([70 * s, 360 * s, 410 * s, 620 * s], fill=shirt)  # shoulders
    draw.rectangle([205 * s, 300 * s, 275 * s, 380 * s], fill=skin)  # neck
    draw.ellipse([145 * s, 110 * s, 335 * s, 340 * s], fill=skin)  # head
    if rnd.random() < 0.85:
        draw.chord([140 * s, 95 * s, 340 * s, 250 * s], 180, 360, fill=hair)
    eye_y = 215 * s
    for x in (200, 280):
        draw.ellipse([(x - 9) * s, eye_y - 9 * s, (x + 9) * s, eye_y + 9 * s], fill=(40, 30, 30))
    if rnd.random() < 0.3:
        for x in (200, 280):
            draw.ellipse([(x - 26) * s, eye_y - 22 * s, (x + 26) * s, eye_y + 22 * s], outline=(30, 30, 30), width=int(5 * s))
        draw.line([226 * s, eye_y, 254 * s, eye_y], fill=(30, 30, 30), width=int(5 * s))
    draw.arc([200 * s, 240 * s, 280 * s, 300 * s], 20, 160, fill=(140, 50, 50), width=int(6 * s))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="avatar.png")


def _email_for(name):
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}@{EMAIL_DOMAIN}"


def _member(site, spec, status, organisations, themes, groups, email=None):
    name, role, organisation, job_title, theme_slugs, group_slugs, approach, days, show_email, show_phone = spec
    User = get_user_model()
    email = email or _email_for(name)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email[:150], email=email, first_name=name.split()[0], last_name=" ".join(name.split()[1:]))
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    rnd = random.Random(name)
    profile, created = Profile.objects.get_or_create(
        user=user,
        defaults={
            "site": site,
            "status": status,
            "name": name,
            "role": role,
            "organisation": organisations.get(organisation),
            "job_title": job_title,
            "approach": approach,
            "available_days": days,
            "contact_email": email,
            "email_visibility": Visibility.MEMBERS if show_email else Visibility.NOBODY,
            "phone": f"06 00 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
            "phone_visibility": Visibility.MEMBERS if show_phone else Visibility.NOBODY,
            "professional_checked": role == Role.PROFESSIONAL and status == Status.APPROVED,
        },
    )
    if created:
        profile.themes.set([themes[s] for s in theme_slugs if s in themes])
        profile.groups.set([groups[s] for s in group_slugs if s in groups])
        if status == Status.APPROVED:
            profile.consent_given_at = timezone.now()
    elif group_slugs and not profile.groups.exists():
        # The group pages may arrive after the first demo load.
        profile.groups.set([groups[s] for s in group_slugs if s in groups])
    if not profile.photo:
        photo, thumbnail = process_photo(avatar(name))
        profile.photo.save(photo.name, photo, save=False)
        profile.thumbnail.save(thumbnail.name, thumbnail, save=False)
    profile.save()
    return user, profile


def _beheer_group():
    group, _ = Group.objects.get_or_create(name=settings.SMOELENBOEK_BEHEER_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="smoelenboek", codename__in=["view_profile", "change_profile", "delete_profile"]
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*permissions)
    return group


def load(command):
    from initiatieven.models import InitiatiefPage

    site = Site.objects.get(is_default_site=True)
    organisations = {o.name: o for o in Organisation.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in InitiatiefPage.objects.descendant_of(site.root_page)}
    group = _beheer_group()
    for spec in MEMBERS:
        _member(site, spec, Status.APPROVED, organisations, themes, groups)
    _member(site, PENDING, Status.PENDING, organisations, themes, groups)
    if settings.DEBUG:
        _demo_logins(command, site, organisations, themes, groups, group)
    if command.verbosity:
        command.stdout.write(f"Smoelenboek: {len(MEMBERS) + 1} leden (één wacht op goedkeuring).")


def _demo_logins(command, site, organisations, themes, groups, group):
    User = get_user_model()
    spec = ("Demo Lid", B, None, "", ["samen-en-sociaal"], [], "Ik ben een voorbeeld-lid om het smoelenboek te bekijken.", ["ma"], False, False)
    user, _ = _member(site, spec, Status.APPROVED, organisations, themes, groups, email=DEMO_MEMBER["email"])
    if not user.has_usable_password():
        user.set_password(DEMO_MEMBER["password"])
        user.save()
    beheer = User.objects.filter(username=DEMO_BEHEER["username"]).first()
    if beheer is None:
        beheer = User.objects.create_user(**DEMO_BEHEER, first_name="Demo", last_name="Smoelenboekbeheer")
    beheer.groups.add(group)
    EmailAddress.objects.get_or_create(user=beheer, email=beheer.email, defaults={"verified": True, "primary": True})
    command.demo_logins.append(("Smoelenboek, goedgekeurd lid", "/smoelenboek/", DEMO_MEMBER["email"], DEMO_MEMBER["password"]))
    command.demo_logins.append(("Smoelenboek-beheer (aanmeldingen goedkeuren)", "/admin/snippets/smoelenboek/profile/", DEMO_BEHEER["username"], DEMO_BEHEER["password"]))
