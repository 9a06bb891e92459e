"""`{% fragment %}`: a part of a page rendered once per change of what it shows.

    {% load fragments %}
    {% fragment "news-list" "news groups" page.pk request.GET.urlencode %}
        ... the listing ...
    {% endfragment %}

The first argument names the fragment, the second lists the scopes it shows (home/cache.py:
SCOPES), the rest are what it varies on (the page, the query). It is kept under the versions of
those scopes, which a publish in any process bumps, so it is never older than its content.
Never put a form with a CSRF token, a message or anything about the visitor inside one: it is
shared by everyone. A preview always renders afresh."""

from django import template

from home.cache import SCOPES, cached_fragment, fragment_key

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, scopes, vary):
        self.nodelist = nodelist
        self.name = name
        self.scopes = scopes
        self.vary = vary

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        scopes = self.scopes.resolve(context).split()
        unknown = set(scopes) - set(SCOPES)
        if unknown:
            raise template.TemplateSyntaxError(f"Unknown fragment scope(s): {', '.join(sorted(unknown))}")
        vary = [value.resolve(context) for value in self.vary]
        key = fragment_key(request, self.name.resolve(context), scopes, vary)

        def make():
            before = getattr(request, "page_variant", None)
            html = self.nodelist.render(context)
            # What the page said of its query while the fragment was made (home.cache.page_variant),
            # so that a page served from the fragment may still go into the page cache.
            variant = getattr(request, "page_variant", None)
            return (html, variant if variant != before else None)

        html, variant = cached_fragment(key, make)
        if variant is not None:
            request.page_variant = variant
        return html


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and its scopes")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, scopes, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, scopes, vary)
