from tests.agenda.conftest import agenda, make_event, today  # noqa: F401  (the agenda's fixtures)
