"""Signal handlers of the initiatieven app (groups and news)."""
