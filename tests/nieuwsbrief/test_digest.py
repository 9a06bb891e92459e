"""The digest of a fixed week (the clock pinned on Wednesday 10 June 2026), item by item, per
reader, and as the mail it becomes (HTML for mail programs and plain text)."""

import datetime
import re

import pytest

from nieuwsbrief import digest as digests
from nieuwsbrief import editions, mail
from nieuwsbrief.models import Delivery, Edition

from .conftest import THURSDAY_8
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(district):
    made = editions.drafts_due()
    return next(e for e in made if e.site == district["site"])


def test_the_draft_is_made_a_day_before_the_send_day_with_the_weeks_pages(district, edition):
    assert edition.status == "draft"
    assert edition.scheduled_at == THURSDAY_8
    assert edition.week == datetime.date(2026, 6, 8)
    assert edition.subject == "Deze week in de Stevenshof: 11 juni tot en met 17 juni"
    assert edition.spotlight_theme == district["themes"]["green"]
    events, news = district["events"], district["news"]
    assert [item.page_id for item in edition.items.all()] == [
        events["koffie"].pk,  # Thu 10:00
        events["wandelen"].pk,  # Thu 14:00 (and Tue)
        events["feest"].pk,  # Sat, cancelled
        events["yoga"].pk,  # Mon 09:30
        news["sport"].pk,  # 9 June
        news["bomen"].pk,  # 8 June ("oud" is too old)
    ]
    # Asking again in the same week makes nothing new: one edition per week.
    assert not [e for e in editions.drafts_due() if e.site == district["site"]]
    assert Edition.objects.filter(site=district["site"]).count() == 1


def test_no_draft_two_days_before(district, pinned_clock):
    pinned_clock.move_to(datetime.datetime.fromisoformat("2026-06-09T10:00+02:00"))
    assert not [e for e in editions.drafts_due() if e.site == district["site"]]


def test_the_digest_item_by_item(district, edition):
    digest = digests.build(edition)
    assert digest.period_text == "11 juni tot en met 17 juni 2026"
    assert [(d, heading, [e.title for e in entries]) for d, heading, entries in digest.days] == [
        (datetime.date(2026, 6, 11), "Donderdag 11 juni", ["Koffie-ochtend"]),
        (datetime.date(2026, 6, 13), "Zaterdag 13 juni", ["Buurtfeest"]),
        (datetime.date(2026, 6, 15), "Maandag 15 juni", ["Stoelyoga"]),
    ]
    koffie, feest, yoga = (entries[0] for _d, _h, entries in digest.days)
    assert koffie.when_text == "10:00 tot 11:00 uur"
    assert not koffie.cancelled
    assert feest.cancelled and feest.when_text == "hele dag"
    assert yoga.when_text == "09:30 tot 10:30 uur"
    (wandelen,) = digest.repeating
    assert wandelen.title == "Samen wandelen"
    assert [o.start.date() for o in wandelen.occurrences] == [
        datetime.date(2026, 6, 11),
        datetime.date(2026, 6, 16),
    ]
    assert wandelen.when_text == "elke dinsdag en donderdag, 14:00 tot 16:00 uur"
    assert [n.title for n in digest.news] == ["Beweegtuin open", "Nieuwe bomen"]
    assert digest.news[1].group_name == "Groen"
    assert digest.spotlight.theme == district["themes"]["green"]
    assert [offer.title for offer, _url in digest.spotlight.offers] == ["Moestuin"]
    assert koffie.url == district["events"]["koffie"].full_url == "http://testwijk.test/agenda/koffie-ochtend/"


def test_the_editor_drops_and_reorders_items(district, edition):
    items = list(edition.items.all())
    items[0].delete()  # no Koffie-ochtend
    news = [i for i in items if i.page_id in (district["news"]["sport"].pk, district["news"]["bomen"].pk)]
    news[0].sort_order, news[1].sort_order = news[1].sort_order, news[0].sort_order
    for item in news:
        item.save()
    digest = digests.build(Edition.objects.get(pk=edition.pk))
    assert [e.title for e in digest.events] == ["Buurtfeest", "Stoelyoga", "Samen wandelen"]
    assert [n.title for n in digest.news] == ["Nieuwe bomen", "Beweegtuin open"]


def test_a_cancellation_after_the_draft_shows_and_an_unpublished_page_drops_out(district, edition):
    koffie = district["events"]["koffie"]
    koffie.cancelled = True
    koffie.save_revision().publish()
    district["news"]["sport"].unpublish()
    digest = digests.build(edition)
    assert digest.days[0][2][0].cancelled
    assert [n.title for n in digest.news] == ["Nieuwe bomen"]


def test_per_reader_only_their_themes_and_groups_and_no_news_they_already_got(district, edition):
    digest = digests.build(edition)
    green, groen = district["themes"]["green"], district["groups"]["groen"]
    part = digest.for_reader(all_topics=False, theme_ids={green.pk})
    # Koffie (green), Buurtfeest (about nothing in particular: for everyone); not Stoelyoga
    # (sport) nor Samen wandelen (of the group Beweeg); news of Groen (a green group).
    assert [e.title for e in part.events] == ["Koffie-ochtend", "Buurtfeest"]
    assert [n.title for n in part.news] == ["Nieuwe bomen"]
    by_group = digest.for_reader(all_topics=False, group_ids={district["groups"]["beweeg"].pk})
    assert [e.title for e in by_group.events] == ["Buurtfeest", "Samen wandelen"]
    assert [n.title for n in by_group.news] == ["Beweegtuin open"]
    seen = digest.for_reader(all_topics=True, seen_news={district["news"]["bomen"].pk})
    assert [n.title for n in seen.news] == ["Beweegtuin open"]
    assert groen.pk not in {e.group_id for e in part.events if e.group_id}


def test_news_a_reader_got_last_week_is_left_out_this_week(district, edition):
    from nieuwsbrief.models import seen_news

    reader = SubscriberFactory(site=district["site"])
    last_week = Edition.objects.create(
        site=district["site"], week=datetime.date(2026, 6, 1), subject="Vorige week",
        scheduled_at=THURSDAY_8 - datetime.timedelta(days=7), status="sent",
    )
    Delivery.objects.create(
        edition=last_week, subscriber=reader, status="sent", news_ids=[district["news"]["bomen"].pk]
    )
    assert seen_news([reader.pk], edition) == {reader.pk: {district["news"]["bomen"].pk}}


def test_the_mail_html_and_text(district, edition):
    edition.intro = "Goedemorgen! Deze week is er veel te doen."
    edition.save()
    subject, text, html = mail.render_variant(edition, digests.build(edition))
    message = mail.message_for(edition, "geheim123", (subject, text, html), "lezer@example.org")
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testwijk.test/nieuwsbrief/afmelden/geheim123/?uitgave={edition.pk}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.body
    assert "Goedemorgen! Deze week is er veel te doen." in body
    assert "Donderdag 11 juni\n- Koffie-ochtend\n  10:00 tot 11:00 uur" in body
    assert "- GAAT NIET DOOR: Buurtfeest" in body
    assert "Vaker deze week\n- Samen wandelen\n  Elke dinsdag en donderdag, 14:00 tot 16:00 uur" in body
    assert "IN DE KIJKER: TESTGROEN" in body
    assert "Afmelden: http://testwijk.test/nieuwsbrief/afmelden/geheim123/" in body
    assert mail.READER not in body
    (html_part, mime) = message.alternatives[0]
    assert mime == "text/html"
    assert 'width="600"' in html_part
    assert "<table" in html_part and 'role="presentation"' in html_part
    # Inlined: the elements carry their own style (mail programs drop <style> blocks).
    assert re.search(r'<td class="head" style="[^"]*background: ?#1d6b3e', html_part)
    assert "Gaat niet door:" in html_part
    assert "/nieuwsbrief/keuzes/geheim123/" in html_part
    assert all(' alt="' in tag for tag in re.findall(r"<img[^>]*>", html_part))
