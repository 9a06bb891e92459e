"""StreamField blocks shared by the pages of every app. No block accepts raw HTML."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Kop", max_length=80)
    text = blocks.TextBlock(label="Tekst", max_length=300, required=False)
    page = blocks.PageChooserBlock(label="Knop naar pagina", required=False)
    url = blocks.URLBlock(label="Of knop naar website", required=False)
    button_label = blocks.CharBlock(label="Tekst op de knop", max_length=40, default="Doe mee")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": "Kies een pagina of vul een website in voor de knop."}
            )
        return value

    class Meta:
        icon = "pick"
        label = "Oproep (knop)"
        template = "components/blocks/call_to_action.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citaat", max_length=400)
    author = blocks.CharBlock(label="Wie zei het?", required=False, max_length=80)

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "components/blocks/quote.html"


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Kop", required=False, max_length=80)
    facts = blocks.ListBlock(
        blocks.CharBlock(label="Feit", max_length=160), label="Feiten", min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = "Lijst met feiten"
        template = "components/blocks/facts.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="Foto")
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "Foto met onderschrift"
        template = "components/blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Tekst", icon="pilcrow")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = EmbedBlock(
        label="Video (YouTube of Vimeo)",
        help_text="Plak de link naar de video.",
        icon="media",
        template="components/blocks/video.html",
    )
    call_to_action = CallToActionBlock()
    facts = FactsBlock()


class ThemeTilesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Kop", max_length=80, default="Wat kunt u doen in de wijk?")
    text = blocks.TextBlock(label="Tekst", required=False, max_length=300)

    class Meta:
        icon = "table"
        label = "Tegels met thema's"
        template = "home/blocks/theme_tiles.html"


class UpcomingEventsBlock(blocks.StructBlock):
    """The next activities from the agenda (rendered by the agenda's template tag)."""

    heading = blocks.CharBlock(label="Kop", max_length=80, default="Binnenkort in de wijk")
    count = blocks.IntegerBlock(label="Hoeveel activiteiten?", default=5, min_value=1, max_value=12)

    class Meta:
        icon = "date"
        label = "Activiteiten uit de agenda"
        template = "home/blocks/upcoming_events.html"


class LatestNewsBlock(blocks.StructBlock):
    """The latest news of all groups (rendered by the initiatieven app's template tag)."""

    heading = blocks.CharBlock(label="Kop", max_length=80, default="Nieuws uit de wijk")
    count = blocks.IntegerBlock(label="Hoeveel berichten?", default=3, min_value=1, max_value=9)

    class Meta:
        icon = "doc-full"
        label = "Laatste nieuws"
        template = "home/blocks/latest_news.html"


class GroupsBlock(blocks.StructBlock):
    """The initiative groups as cards, with a "Doe mee" button."""

    heading = blocks.CharBlock(label="Kop", max_length=80, default="Doe mee met een groep")

    class Meta:
        icon = "group"
        label = "Initiatiefgroepen"
        template = "home/blocks/groups.html"


class HomeSectionBlock(blocks.StreamBlock):
    """The sections of the home page, in the order the editors choose."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Tekst", icon="pilcrow")
    theme_tiles = ThemeTilesBlock()
    upcoming_events = UpcomingEventsBlock()
    latest_news = LatestNewsBlock()
    groups = GroupsBlock()
    call_to_action = CallToActionBlock()
