"""The agenda's choice lists, for its models and forms (kept apart so no module needs another
one just for its choices)."""

AUDIENCE_CHOICES = [
    ("kinderen", "Kinderen"),
    ("jongeren", "Jongeren"),
    ("volwassenen", "Volwassenen"),
    ("ouderen", "Ouderen"),
    ("iedereen", "Iedereen"),
]

WEEKDAY_CHOICES = [
    ("MO", "maandag"),
    ("TU", "dinsdag"),
    ("WE", "woensdag"),
    ("TH", "donderdag"),
    ("FR", "vrijdag"),
    ("SA", "zaterdag"),
    ("SU", "zondag"),
]

REPEAT_CHOICES = [
    ("", "Niet, het is één keer"),
    ("weekly", "Elke week (of elke paar weken)"),
    ("monthly", "Elke maand"),
]

MONTH_WEEK_CHOICES = [
    (0, "Op dezelfde datum (bijvoorbeeld elke 15e)"),
    (1, "De eerste … van de maand"),
    (2, "De tweede … van de maand"),
    (3, "De derde … van de maand"),
    (4, "De vierde … van de maand"),
    (-1, "De laatste … van de maand"),
]

REGISTRATION_CHOICES = [
    ("", "Niet nodig, u kunt zo komen"),
    ("link", "Via een website"),
    ("email", "Via e-mail"),
    ("phone", "Via de telefoon"),
]

# "Activiteit aanmelden" asks about repeating more simply than the admin does.
REPEAT_FORM_CHOICES = [
    ("", "Nee, één keer"),
    ("weekly", "Ja, elke week"),
    ("biweekly", "Ja, om de week"),
    ("monthly", "Ja, elke maand op dezelfde datum"),
]
