"""Addresses a newsletter cannot go to: throwaway mailboxes, and common typing mistakes in the
big providers' names (with the address the person probably meant)."""

DISPOSABLE_DOMAINS = frozenset(
    [
        "10minutemail.com", "10minutemail.net", "20minutemail.com", "33mail.com", "anonbox.net",
        "burnermail.io", "dispostable.com", "dropmail.me", "emailondeck.com", "fakeinbox.com",
        "getairmail.com", "getnada.com", "guerrillamail.com", "guerrillamail.net",
        "guerrillamail.org", "guerrillamailblock.com", "harakirimail.com", "inboxkitten.com",
        "mailcatch.com", "maildrop.cc", "mailinator.com", "mailinator.net", "mailnesia.com",
        "mailpoof.com", "mintemail.com", "mohmal.com", "mytemp.email", "nada.email",
        "sharklasers.com", "spam4.me", "spamgourmet.com", "temp-mail.io", "temp-mail.org",
        "tempail.com", "tempmail.com", "tempmail.net", "tempmailo.com", "tempr.email",
        "throwawaymail.com", "trashmail.com", "trashmail.de", "trashmail.net", "yopmail.com",
        "yopmail.fr", "yopmail.net",
    ]
)

TYPOS = {
    "gmial.com": "gmail.com",
    "gmal.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.nl": "gmail.com",
    "gmai.com": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "hotmail.con": "hotmail.com",
    "hotmil.com": "hotmail.com",
    "hotmial.nl": "hotmail.nl",
    "hotmal.nl": "hotmail.nl",
    "outlok.com": "outlook.com",
    "outloo.com": "outlook.com",
    "outlook.con": "outlook.com",
    "live.n": "live.nl",
    "ziggo.n": "ziggo.nl",
    "zigo.nl": "ziggo.nl",
    "kpnmail.n": "kpnmail.nl",
    "kpnmial.nl": "kpnmail.nl",
    "planet.n": "planet.nl",
    "xs4all.n": "xs4all.nl",
}


def problem(address):
    """A Dutch sentence saying what is wrong with this (well-formed) address, or ""."""
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    if domain in DISPOSABLE_DOMAINS or any(domain.endswith("." + d) for d in DISPOSABLE_DOMAINS):
        return (
            "Dit lijkt een tijdelijk e-mailadres. De nieuwsbrief komt elke week. "
            "Gebruik daarom het e-mailadres dat u zelf elke dag leest."
        )
    if domain in TYPOS:
        return f"Bedoelt u {local}@{TYPOS[domain]}? Kijk het e-mailadres nog eens na."
    return ""
