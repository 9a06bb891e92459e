"""The choice lists of the guide, and how the theme page reads its filters from a query string."""

from django.db import models


class Audience(models.TextChoices):
    EVERYONE = "iedereen", "Iedereen"
    CHILDREN = "kinderen", "Kinderen"
    YOUTH = "jongeren", "Jongeren"
    PARENTS = "ouders", "Ouders"
    ADULTS = "volwassenen", "Volwassenen"
    ELDERLY = "ouderen", "Ouderen"
    CARERS = "mantelzorgers", "Mantelzorgers"


class Kind(models.TextChoices):
    TAKE_PART = "meedoen", "Iets om mee te doen"
    HELP = "hulp", "Hulp of advies"


class HowToJoin(models.TextChoices):
    CALL = "bellen", "Bel"
    WALK_IN = "binnenlopen", "Loop binnen"
    SIGN_UP = "aanmelden", "Meld u aan"
    ASK_GP = "huisarts", "Vraag het uw huisarts"


# The icon that goes with each way to join (Lucide names).
JOIN_ICONS = {
    HowToJoin.CALL: "phone",
    HowToJoin.WALK_IN: "door-open",
    HowToJoin.SIGN_UP: "pencil",
    HowToJoin.ASK_GP: "stethoscope",
}


# The filters of a theme page: who it is for, what kind of offer, only free ones.
FILTER_KINDS = {Kind.TAKE_PART.value, Kind.HELP.value}
FILTER_AUDIENCES = {value for value, _label in Audience.choices if value != Audience.EVERYONE}


def read_filters(params):
    """The theme page's filters from the query string. Unknown values are ignored, so an old or
    hand-made link still shows a page (with all offers)."""
    audience = params.get("voor", "")
    kind = params.get("soort", "")
    return {
        "voor": audience if audience in FILTER_AUDIENCES else "",
        "soort": kind if kind in FILTER_KINDS else "",
        "gratis": params.get("gratis") == "1",
    }
