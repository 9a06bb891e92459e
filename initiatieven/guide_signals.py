"""Signal handlers of the guide "Wat kun je doen in de wijk"."""
