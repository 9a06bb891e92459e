"""Addresses and route links of places (agenda.Location), without the models: the migration that
split the old one-line address uses the same parser as the model."""

import re
from urllib.parse import urlencode

POSTCODE = re.compile(r"^([1-9][0-9]{3})(?: ?([A-Za-z]{2}))?$")
_POSTCODE_AND_CITY = re.compile(r"^([1-9][0-9]{3}(?: ?[A-Za-z]{2})?)\s+(.+)$")


def normal_postcode(value):
    """ "2331ab" -> "2331 AB"; anything that is no Dutch postcode comes back as it was."""
    match = POSTCODE.match((value or "").strip())
    if not match:
        return (value or "").strip()
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def split_address(text):
    """(street, postcode, city) from one line as editors used to write it: "Kerkstraat 12,
    2331 AB Leiden". What cannot be read as postcode and city stays in the street."""
    text = (text or "").strip()
    if "," not in text:
        return text, "", ""
    street, rest = (part.strip() for part in text.rsplit(",", 1))
    match = _POSTCODE_AND_CITY.match(rest)
    if match:
        return street, normal_postcode(match.group(1)), match.group(2).strip()
    return street, "", rest


def join_address(street, postcode, city):
    """One line: "Kerkstraat 12, 2331 AB Leiden" (leaving out what is empty)."""
    town = " ".join(part for part in (postcode, city) if part)
    return ", ".join(part for part in (street, town) if part)


def route_url(location):
    """OpenStreetMap's route planner with the place as destination: a plain link, no map
    script or tiles on our pages. By coordinates when known, else by name and address."""
    if location.has_geo:
        to = f"{location.latitude},{location.longitude}"
    else:
        to = join_address(location.street or location.name, location.postcode, location.city)
    return "https://www.openstreetmap.org/directions?" + urlencode({"to": to})
