"""The Content Security Policy must not break the public pages or the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model

PAGES = [
    "/",
    "/over-ons/",
    "/zoeken/?q=wijk",
    "/agenda/",
    "/agenda/abonneren/",
    "/initiatieven/groen/",
    "/initiatieven/groen/doe-mee/",
    "/nieuws/",
    "/wat-kun-je-doen/",
    "/wat-kun-je-doen/thema/samen-en-sociaal/",
    "/accounts/login/",
    "/accounts/signup/",
    "/op-uw-website/",
    "/op-uw-website/agenda/",
    "/scherm/",
]
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/snippets/home/theme/", "/admin/images/"]


def _collect_csp_errors(page):
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text) if msg.type == "error" and "Content Security Policy" in msg.text else None
        ),
    )
    return errors


def test_public_pages_have_no_csp_errors(live_server, phone):
    errors = _collect_csp_errors(phone)
    for path in PAGES:
        phone.goto(live_server.url + path)
        phone.wait_for_load_state("networkidle")
    assert errors == []


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_has_no_csp_errors(live_server, browser, demo_site, path):
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "csp-geheim-123")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = _collect_csp_errors(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "csp-geheim-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    # The admin's own scripts ran: the sidebar is rendered by JavaScript.
    assert page.locator("#wagtail-sidebar").count() == 1
    context.close()
    assert errors == []
