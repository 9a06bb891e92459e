"""Fetch a partner calendar from the internet without letting the address reach inside.

requests-hardened resolves the host once, refuses loopback, private, link-local (so also the
cloud metadata address 169.254.169.254) and other non-public addresses, and connects to the
address it checked, so DNS cannot change its answer in between. Every redirect passes the same
check, and ours on scheme and port. The whole fetch runs in a child process that is killed at
the deadline: a server that sends a byte a second, or never finishes its headers, cannot keep a
worker busy longer than AGENDA_IMPORT_DEADLINE.

Imports no models, so models.py can use `validate_calendar_url` on its field."""

import logging
import math
import multiprocessing
import signal
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress, filter_host
from requests_hardened.ip_filter_adapter import IPFilterAdapter

logger = logging.getLogger("stevenshof")

USER_AGENT = "StevenshofVitaal-agenda/1.0"
TOO_SLOW = "De agenda laadt te langzaam. Er is niets veranderd. We proberen het later opnieuw."
UNREACHABLE = "We konden de agenda niet bereiken. Klopt het adres? Er is niets veranderd."
NOT_PUBLIC = (
    "Dit adres kunnen we niet ophalen: het hoort niet bij een openbare website. "
    "Gebruik het adres dat de partner op internet deelt."
)
BAD_SCHEME = "Dit adres kunnen we niet ophalen. Gebruik een adres dat begint met https://."
BAD_PORT = (
    "Dit adres kunnen we niet ophalen. Gebruik een gewoon https-adres, zonder dubbele punt en "
    "nummer achter de naam van de website (zoals :8080)."
)
NOT_FOUND = "We kunnen dit adres niet vinden. Klopt het?"
TOO_MANY_REDIRECTS = "Het adres stuurt ons te vaak door naar een ander adres. Er is niets veranderd."


class ImportProblem(Exception):
    """A problem with a source, described in Dutch for the agenda editors."""


def check_scheme_and_port(url):
    """Only http and https on the ports in AGENDA_IMPORT_PORTS (80 and 443 by default)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImportProblem(BAD_SCHEME)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ImportProblem(BAD_PORT) from exc
    if port not in settings.AGENDA_IMPORT_PORTS:
        raise ImportProblem(BAD_PORT)
    return parts.hostname, port


def check_public(url):
    """The checks of a fetch, without fetching: for the form, so an editor hears at once."""
    hostname, port = check_scheme_and_port(url)
    try:
        filter_host(hostname, port, allow_loopback=settings.AGENDA_IMPORT_ALLOW_LOOPBACK)
    except InvalidIPAddress as exc:
        raise ImportProblem(NOT_PUBLIC) from exc
    except (requests.RequestException, OSError, UnicodeError) as exc:
        raise ImportProblem(NOT_FOUND) from exc


def validate_calendar_url(url):
    try:
        check_public(url)
    except ImportProblem as exc:
        raise ValidationError(str(exc), code="not_public") from exc


class _Adapter(IPFilterAdapter):
    """requests-hardened's address filter, plus our scheme and port rule on every hop."""

    def send(self, request, **kwargs):
        check_scheme_and_port(request.url)
        return super().send(request, **kwargs)


def _session():
    allow_loopback = settings.AGENDA_IMPORT_ALLOW_LOOPBACK
    timeout = settings.AGENDA_IMPORT_TIMEOUT
    session = HTTPSession(
        Config(
            ip_filter_enable=True,
            ip_filter_allow_loopback_ips=allow_loopback,
            never_redirect=False,
            default_timeout=(timeout, timeout),
            user_agent_override=USER_AGENT,
        )
    )
    session.mount("http://", _Adapter(is_https_proto=False, allow_loopback=allow_loopback))
    session.mount("https://", _Adapter(is_https_proto=True, allow_loopback=allow_loopback))
    session.max_redirects = 5
    session.trust_env = False  # no proxies or .netrc credentials from the server's environment
    return session


def too_big(max_bytes):
    return ImportProblem(
        f"De agenda is te groot (meer dan {max_bytes // (1024 * 1024)} MB). Er is niets veranderd."
    )


def download(url):
    """The fetch itself, in this process and without the deadline (fetch() adds it)."""
    max_bytes = settings.AGENDA_IMPORT_MAX_BYTES
    try:
        with _session() as session, session.get(url, stream=True) as response:
            if response.status_code >= 400:
                raise ImportProblem(
                    f"De agenda gaf een fout terug (code {response.status_code}). Er is niets veranderd."
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_big(max_bytes)
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise too_big(max_bytes)
                chunks.append(chunk)
            return b"".join(chunks)
    except InvalidIPAddress as exc:
        raise ImportProblem(NOT_PUBLIC) from exc
    except requests.TooManyRedirects as exc:
        raise ImportProblem(TOO_MANY_REDIRECTS) from exc
    except requests.Timeout as exc:
        raise ImportProblem(TOO_SLOW) from exc
    except (requests.RequestException, OSError, ValueError) as exc:
        # Also a service that answers with something other than HTTP (BadStatusLine).
        raise ImportProblem(UNREACHABLE) from exc


def _download_in_child(url, pipe):
    # Ctrl-C or a stop of the worker ends the child at once; the alarm ends it should the
    # parent be gone before it could kill it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.alarm(math.ceil(settings.AGENDA_IMPORT_DEADLINE) + 5)
    try:
        pipe.send((True, download(url)))
    except ImportProblem as exc:
        pipe.send((False, str(exc)))
    except Exception:
        logger.exception("Fetching calendar %s failed", url)
        pipe.send((False, UNREACHABLE))


def fetch(url):
    """The body at url, or ImportProblem. Takes at most AGENDA_IMPORT_DEADLINE seconds."""
    check_scheme_and_port(url)
    # fork: the child needs no start-up and shares the settings (and a test's patches).
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_download_in_child, args=(url, writer), daemon=True)
    child.start()
    writer.close()
    try:
        if not reader.poll(settings.AGENDA_IMPORT_DEADLINE):
            logger.warning("Calendar %s took longer than %ss, stopped", url, settings.AGENDA_IMPORT_DEADLINE)
            raise ImportProblem(TOO_SLOW)
        ok, payload = reader.recv()
    except (EOFError, OSError) as exc:  # the child died without an answer
        raise ImportProblem(UNREACHABLE) from exc
    finally:
        child.kill()
        child.join()
        reader.close()
    if not ok:
        raise ImportProblem(payload)
    return payload
