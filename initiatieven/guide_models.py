"""The thematic index "Wat kun je doen in de wijk": offers and the theme index page."""
