"""The time windows of /agenda/ ("Wanneer"): what people mean by today, tomorrow, this weekend,
the coming 7 or 30 days. One tap each (the chips above the list); all in the URL as `wanneer=`.

A window is (first day, end day) in local dates, the end exclusive. Old values keep answering,
so links and feeds people saved do not break: `week` (once "Deze week") is the coming 7 days,
`maand` (once "Deze maand") the coming 30 days."""

import datetime

# (value in the URL, label on the chip)
PERIODS = [
    ("vandaag", "Vandaag"),
    ("morgen", "Morgen"),
    ("weekend", "Dit weekend"),
    ("7-dagen", "Komende 7 dagen"),
    ("30-dagen", "Komende 30 dagen"),
]
LABELS = dict(PERIODS)
# The period inside a sentence: "De komende 7 dagen is er niets dat past bij uw keuze."
PHRASES = {
    "vandaag": "vandaag",
    "morgen": "morgen",
    "weekend": "dit weekend",
    "7-dagen": "de komende 7 dagen",
    "30-dagen": "de komende 30 dagen",
}
ALIASES = {"week": "7-dagen", "maand": "30-dagen", "deze-week": "7-dagen", "deze-maand": "30-dagen"}


def normalise(value):
    """The period a `wanneer=` value means ("" for none), or None when it is unknown."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    value = ALIASES.get(value, value)
    return value if value in LABELS else None


def window(period, today):
    """(first day, end day) of a period as seen on `today`; the end day is not included.
    None for no period (the whole agenda)."""
    day = datetime.timedelta(days=1)
    if period == "vandaag":
        return today, today + day
    if period == "morgen":
        return today + day, today + 2 * day
    if period == "weekend":
        # Saturday and Sunday: the coming weekend, or the one we are in.
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - day
        return max(saturday, today), saturday + 2 * day
    if period == "7-dagen":
        return today, today + 7 * day
    if period == "30-dagen":
        return today, today + 30 * day
    return None
