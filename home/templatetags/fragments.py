"""`{% fragment %}`: a part of a page rendered once per change of what it shows.

    {% load fragments %}
    {% fragment "news-list" "news groups" page.pk query %}
        ... the listing ...
    {% endfragment %}

The first argument names the fragment, the second lists the scopes it shows (home/cache.py:
SCOPES), the rest are what it varies on (the page; the bare word `query` for the query string as
the page cache reads it). It is kept under the versions of those scopes, which a publish in any
process bumps, so it is never older than its content. A fragment that varies on the query is kept
only when the view declared that query understood (home.cache.page_variant), by the page cache's
own rule: `?x=<random>` is answered, but fills no cache.
Never put a form with a CSRF token, a message or anything about the visitor inside one: it is
shared by everyone. A preview always renders afresh."""

from django import template

from home.cache import SCOPES, cache_query, cached_fragment, fragment_key

register = template.Library()

QUERY = object()  # the bare word `query` among the tag's arguments


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
        query = cache_query(request) if QUERY in self.vary else ""
        vary = ["?" + query if value is QUERY else value.resolve(context) for value in self.vary]
        key = fragment_key(request, self.name.resolve(context), scopes, vary)

        def make():
            before = getattr(request, "page_variant", None)
            html = self.nodelist.render(context)
            # What the page said of its query while the fragment was made (home.cache.page_variant),
            # so that a page served from the fragment may still go into the page cache.
            variant = getattr(request, "page_variant", None)
            return (html, variant if variant != before else None)

        if query:
            # Kept only when the view understood exactly this query (as the page cache keeps it).
            html, variant = cached_fragment(
                key, make, keep=lambda made: getattr(request, "page_variant", None) == query
            )
        else:
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
    name, scopes, *vary = (QUERY if bit == "query" else parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, scopes, vary)
