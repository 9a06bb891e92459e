"""Signal handlers of the guide "Wat kun je doen in de wijk".

The guide needs none of its own. Everything it shows is invalidated by home's content version
(home/signals.py): offers are pages (publish, unpublish and delete bump it), and themes and
organisations bump it on save and delete. The page cache and the cached gids.pdf and posters
(guide_pdf.py) are keyed on that version, so a change shows everywhere at once. Keep it that
way: a new guide model whose changes must show on the public pages should bump the version
here with `home.cache.bump_content_version`.
"""
