"""The B1 check on fixed texts: one known B1 text (short sentences, everyday words) and one
known C1 text (long official sentences, officialese, passive)."""

import json

import pytest

from home import b1
from initiatieven.guide.models import ThemeIndexPage

B1_TEXT = (
    "Elke woensdag komt de koffiekar in uw straat. U krijgt gratis koffie of thee. "
    "Kom gezellig langs, ook als u niemand kent. Vrijwilligers schenken de koffie. "
    "Zij maken graag een praatje met u."
)


@pytest.fixture
def guide(db):
    """The check runs on every page type; an offer of the guide is a page with long texts."""
    return ThemeIndexPage.objects.get(slug="wat-kun-je-doen")


C1_TEXT = (
    "Indien u in aanmerking wenst te komen voor een tegemoetkoming in de kosten van maatschappelijke "
    "ondersteuning, dient u middels het daartoe bestemde aanvraagformulier uw verzoek in te dienen bij "
    "de gemeente. De aanvraag wordt vervolgens door een consulent beoordeeld, waarna u binnen acht weken "
    "schriftelijk wordt geïnformeerd omtrent het besluit dat ten aanzien van uw aanvraag is genomen. "
    "Teneinde de afhandeling te bespoedigen, verzoeken wij u de benodigde bewijsstukken reeds bij de "
    "aanvraag te voegen."
)


def test_known_b1_text_is_green():
    result = b1.analyse(B1_TEXT)
    assert result["sentences"] == 5
    assert result["words"] == 33
    assert result["average_sentence_length"] == 6.6
    assert result["long_sentences"] == []
    assert result["officialese"] == [] and result["passive"] == []
    assert result["flesch_douma"] > 75
    assert result["light"] == "green"
    assert result["label"] == "Goed leesbaar (B1)"


def test_known_c1_text_is_red_with_reasons():
    result = b1.analyse(C1_TEXT)
    assert result["sentences"] == 3
    assert result["words"] == 75
    assert result["average_sentence_length"] == 25.0
    assert [s["words"] for s in result["long_sentences"]] == [31, 27, 17]
    assert result["flesch_douma"] < 45
    assert result["light"] == "red" and result["label"] == "Te moeilijk"
    plain = {o["word"]: o["plain"] for o in result["officialese"]}
    assert plain["indien"] == "als" and plain["middels"] == "met, via" and plain["teneinde"] == "om"
    assert len(result["passive"]) == 1 and result["passive"][0].startswith("De aanvraag wordt")
    assert {"aanvraagformulier", "maatschappelijke", "tegemoetkoming"} <= set(result["long_words"])
    assert "bespoedigen" in result["rare_words"]
    assert "3 zinnen met meer dan 15 woorden" in result["advice"]
    assert "1 zin in de lijdende vorm" in result["advice"]
    assert result["figures"].endswith("25,0 woorden per zin · 3 zinnen")


def test_one_of_a_kind_is_singular():
    """"1 zin", never "1 zinnen" or "1 zin(nen)"."""
    result = b1.analyse(
        "Wij zoeken mensen die een keer per week op zaterdag met ons in de tuin van het huis "
        "van de buurt willen werken."
    )
    assert result["figures"].endswith("woorden per zin · 1 zin")
    assert "1 zin met meer dan 15 woorden" in result["advice"]
    assert "(" not in result["advice"]
    assert result["figures"].startswith("leesgemak ") and "," in result["figures"].split(" ")[1]


def test_flesch_douma_formula():
    # 206.84 - 0.77 * 150 - 0.93 * 10
    assert b1.flesch_douma(n_words=100, n_sentences=10, n_syllables=150) == 82.0
    assert b1.flesch_douma(0, 0, 0) is None


@pytest.mark.parametrize(
    "word, count",
    [("koffie", 2), ("eten", 2), ("idee", 2), ("gemeente", 3), ("ondersteuning", 4),
     ("maatschappelijke", 5), ("participatiesamenleving", 9)],
)
def test_dutch_syllables(word, count):
    assert b1.syllables(word) == count


def test_empty_text():
    result = b1.analyse("   ")
    assert result["light"] == "none" and result["words"] == 0


def test_names_are_not_rare_words():
    result = b1.analyse("U kunt bellen met Incluzio. Of met Fietsmaatjes Leiden.")
    assert "incluzio" not in result["rare_words"]


@pytest.mark.django_db
def test_b1_endpoint_for_editors(admin_client, client):
    url = "/admin/b1-check/"
    response = admin_client.post(url, json.dumps({"text": C1_TEXT}), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["light"] == "red"
    assert admin_client.post(url, "niet json", content_type="application/json").status_code == 400
    assert admin_client.post(url, json.dumps({"text": 5}), content_type="application/json").status_code == 400
    big = json.dumps({"text": "woord " * 30_000})
    assert admin_client.post(url, big, content_type="application/json").status_code == 413
    assert admin_client.get(url).status_code == 405
    # not for visitors
    assert client.post(url, json.dumps({"text": "x"}), content_type="application/json").status_code == 302


@pytest.mark.django_db
def test_editor_gets_the_script_and_an_advice_on_save_but_can_publish(admin_client, guide):
    from initiatieven.guide.models import OfferPage

    offer = OfferPage.objects.get(slug="koffiekar")
    edit_url = f"/admin/pages/{offer.pk}/edit/"
    html = admin_client.get(edit_url).content.decode()
    assert "home/b1.js" in html and 'data-b1-url="/admin/b1-check/"' in html
    add_url = f"/admin/pages/add/guide/offerpage/{guide.pk}/"
    response = admin_client.post(add_url, {
        "title": "Moeilijk aanbod", "slug": "moeilijk-aanbod", "summary": "Iets om te doen.",
        "body": C1_TEXT, "themes": [offer.themes.first().pk], "kind": "meedoen", "audience": "iedereen",
        "how_to_join": "binnenlopen", "organisation": offer.organisation_id,
        "action-publish": "action-publish",
    }, follow=True)
    assert response.status_code == 200
    created = OfferPage.objects.get(slug="moeilijk-aanbod")
    assert created.live  # advice never blocks publishing
    messages = [str(m) for m in response.context["messages"]]
    assert any("B1-check ‘meer uitleg’: Te moeilijk" in m for m in messages), messages


@pytest.mark.django_db
def test_the_demo_offers_pass_their_own_b1_check():
    from initiatieven.guide.models import OfferPage

    for offer in OfferPage.objects.all():
        for text in (offer.summary, offer.body):
            assert b1.analyse(text)["light"] == "green", (offer.slug, text)


@pytest.mark.django_db
def test_the_check_on_save_reads_the_body_and_not_wagtails_own_fields():
    from initiatieven.models import NewsPage

    page = NewsPage(
        title="Boomspiegels geveegd",
        draft_title="Boomspiegels geveegd",
        slug="boomspiegels-geveegd-door-de-vrijwilligers-van-groen",
        url_path="/home/initiatieven/groen/boomspiegels-geveegd-door-de-vrijwilligers-van-groen/",
        intro="We hebben geveegd. Het ziet er mooi uit.",
        body=[("paragraph", f"<p>{C1_TEXT}</p><p>Kom ook.</p>")],
    )
    fields = dict(b1.long_text_fields(page))
    assert not any("slug" in label or "titel" in label or "pad" in label.lower() for label in fields), fields
    body = next(text for text in fields.values() if "Kom ook." in text)
    assert "<p>" not in body
    assert b1.analyse(body)["light"] == "red"
    intro = next(text for text in fields.values() if text.startswith("We hebben geveegd."))
    assert b1.analyse(intro)["light"] == "green"


def test_advice_never_praises_a_text_that_is_not_green():
    # Short sentences of long words: no single problem stands out, but it reads hard.
    result = b1.traffic_light(
        {"words": 12, "flesch_douma": 50, "long_sentences": [], "sentences": 3, "officialese": [],
         "passive": [], "long_words": {}, "average_sentence_length": 4}
    )
    assert result["light"] == "orange"
    assert "Goed zo" not in result["advice"] and result["advice"]
