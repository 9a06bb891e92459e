"""agenda.recurrence: the one source of dates, tested on unsaved pages."""

import datetime

import pytest
from dateutil import rrule as du

from agenda import recurrence
from agenda.models import EventException, EventPage
from tests.agenda.conftest import local

pytestmark = pytest.mark.django_db  # a Page looks up its content type

D = datetime.date
T = datetime.time


def event(**fields):
    exceptions = fields.pop("exceptions", [])
    fields.setdefault("title", "Test")
    page = EventPage(**fields)
    page.exceptions = [EventException(date=d) for d in exceptions]
    return page


def starts(page, start, end):
    return [o.start for o in recurrence.schedule(page).between(start, end)]


def test_one_off_event_has_one_occurrence():
    page = event(start_date=D(2027, 3, 2), start_time=T(10), end_time=T(11, 30))
    occs = recurrence.schedule(page).between(local(2027, 1, 1), local(2028, 1, 1))
    assert len(occs) == 1
    assert occs[0].start == local(2027, 3, 2, 10)
    assert occs[0].end == local(2027, 3, 2, 11, 30)
    assert not occs[0].all_day


def test_weekly_stays_at_19h_across_daylight_saving_change():
    # Winter time starts on Sunday 25 October 2026.
    page = event(
        start_date=D(2026, 10, 20),
        start_time=T(19),
        end_time=T(20),
        repeat="weekly",
        weekdays=["TU"],
        repeat_until=D(2026, 11, 10),
    )
    found = starts(page, local(2026, 10, 1), local(2026, 12, 1))
    assert [s.date() for s in found] == [D(2026, 10, 20), D(2026, 10, 27), D(2026, 11, 3), D(2026, 11, 10)]
    assert all(s.hour == 19 for s in found)
    # The UTC offset changes, the wall-clock time does not.
    assert found[0].utcoffset() == datetime.timedelta(hours=2)
    assert found[1].utcoffset() == datetime.timedelta(hours=1)
    assert found[0].astimezone(datetime.UTC).hour == 17
    assert found[1].astimezone(datetime.UTC).hour == 18


def test_exception_dates_are_left_out():
    page = event(
        start_date=D(2026, 12, 1),
        start_time=T(10),
        end_time=T(11, 30),
        repeat="weekly",
        weekdays=["TU"],
        repeat_until=D(2027, 1, 12),
        exceptions=[D(2026, 12, 22), D(2026, 12, 29)],
    )
    days = [s.date() for s in starts(page, local(2026, 11, 1), local(2027, 2, 1))]
    assert D(2026, 12, 22) not in days and D(2026, 12, 29) not in days
    assert days == [D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15), D(2027, 1, 5), D(2027, 1, 12)]


def test_every_two_weeks_on_several_days_with_a_count():
    page = event(
        start_date=D(2027, 1, 4),
        start_time=T(9),
        end_time=T(9, 30),
        repeat="weekly",
        interval=2,
        weekdays=["MO", "FR"],
        repeat_count=4,
    )
    days = [s.date() for s in starts(page, local(2027, 1, 1), local(2027, 12, 1))]
    assert days == [D(2027, 1, 4), D(2027, 1, 8), D(2027, 1, 18), D(2027, 1, 22)]


def test_monthly_first_thursday_and_last_saturday():
    first = event(
        start_date=D(2027, 1, 7),
        start_time=T(17, 30),
        end_time=T(19),
        repeat="monthly",
        month_week=1,
        weekdays=["TH"],
        repeat_count=3,
    )
    assert [s.date() for s in starts(first, local(2027, 1, 1), local(2028, 1, 1))] == [
        D(2027, 1, 7),
        D(2027, 2, 4),
        D(2027, 3, 4),
    ]
    last = event(
        start_date=D(2027, 1, 1),
        start_time=T(11),
        end_time=T(13),
        repeat="monthly",
        month_week=-1,
        weekdays=["SA"],
        repeat_count=2,
    )
    # The start date does not fit the rule: the first real date is the last Saturday of January.
    assert recurrence.schedule(last).first_start() == datetime.datetime(2027, 1, 30, 11)
    assert [s.date() for s in starts(last, local(2027, 1, 1), local(2028, 1, 1))] == [
        D(2027, 1, 30),
        D(2027, 2, 27),
    ]


def test_monthly_on_the_same_date():
    page = event(start_date=D(2027, 1, 15), start_time=T(14), repeat="monthly", repeat_until=D(2027, 4, 30))
    assert [s.date() for s in starts(page, local(2027, 1, 1), local(2028, 1, 1))] == [
        D(2027, 1, 15),
        D(2027, 2, 15),
        D(2027, 3, 15),
        D(2027, 4, 15),
    ]


def test_all_day_and_multi_day_events():
    page = event(start_date=D(2027, 3, 26), end_date=D(2027, 3, 29))  # over the switch to summer time
    occ = recurrence.schedule(page).between(local(2027, 3, 1), local(2027, 4, 1))[0]
    assert occ.all_day and occ.multi_day
    assert occ.start == local(2027, 3, 26)
    assert occ.end == local(2027, 3, 30)  # exclusive: midnight after the last day
    assert occ.last_day == D(2027, 3, 29)
    # It shows on a day in the middle too.
    assert recurrence.schedule(page).between(local(2027, 3, 28), local(2027, 3, 29))
    single = event(start_date=D(2027, 3, 26))
    occ = recurrence.schedule(single).between(local(2027, 3, 1), local(2027, 4, 1))[0]
    assert occ.last_day == D(2027, 3, 26) and not occ.multi_day


def test_timed_event_over_two_days():
    page = event(start_date=D(2027, 5, 1), start_time=T(20), end_date=D(2027, 5, 2), end_time=T(2))
    occ = recurrence.schedule(page).between(local(2027, 5, 1), local(2027, 5, 3))[0]
    assert occ.end == local(2027, 5, 2, 2) and occ.multi_day


def test_an_ongoing_occurrence_is_found_from_a_window_that_starts_in_it():
    page = event(start_date=D(2027, 5, 1), start_time=T(10), end_time=T(12))
    assert starts(page, local(2027, 5, 1, 11), local(2027, 5, 2)) == [local(2027, 5, 1, 10)]
    assert starts(page, local(2027, 5, 1, 12), local(2027, 5, 2)) == []


def test_cancelled_events_keep_their_dates_and_can_be_left_out():
    page = event(start_date=D(2027, 5, 1), start_time=T(10), cancelled=True)
    occs = recurrence.occurrences_between([page], local(2027, 4, 1), local(2027, 6, 1))
    assert len(occs) == 1 and occs[0].cancelled
    assert (
        recurrence.occurrences_between([page], local(2027, 4, 1), local(2027, 6, 1), include_cancelled=False)
        == []
    )


def test_an_unbounded_imported_rule_is_capped(settings):
    settings.AGENDA_MAX_REPEAT_DAYS = 30
    page = event(start_date=D(2027, 1, 4), start_time=T(10), imported_rrule="FREQ=DAILY")
    all_starts = list(recurrence.schedule(page).ruleset)
    assert len(all_starts) == 31
    assert recurrence.ical_rrule(page)["UNTIL"] == datetime.datetime(2027, 2, 3, 9, 0, tzinfo=datetime.UTC)


def test_a_huge_count_is_capped(settings):
    settings.AGENDA_MAX_OCCURRENCES = 10
    page = event(start_date=D(2027, 1, 4), start_time=T(10), imported_rrule="FREQ=DAILY;COUNT=100000")
    assert len(list(recurrence.schedule(page).ruleset)) == 10


def test_our_own_rule_without_an_end_is_capped_too(settings):
    settings.AGENDA_MAX_REPEAT_DAYS = 14
    page = event(start_date=D(2027, 1, 4), start_time=T(10), repeat="weekly", weekdays=["MO"])
    assert len(list(recurrence.schedule(page).ruleset)) == 3


def test_ical_rrule_has_until_in_utc_and_a_date_for_all_day_events():
    page = event(
        start_date=D(2027, 1, 5),
        start_time=T(19),
        repeat="weekly",
        weekdays=["TU"],
        repeat_until=D(2027, 6, 29),
    )
    rule = recurrence.ical_rrule(page)
    assert rule["FREQ"] == "WEEKLY" and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"].tzinfo == datetime.UTC
    # The last occurrence (29 June, 19:00 summer time) falls inside UNTIL.
    assert rule["UNTIL"] >= local(2027, 6, 29, 19).astimezone(datetime.UTC)
    all_day = event(start_date=D(2027, 1, 5), repeat="weekly", repeat_until=D(2027, 2, 2))
    assert recurrence.ical_rrule(all_day)["UNTIL"] == D(2027, 2, 2)
    monthly = event(
        start_date=D(2027, 1, 7),
        start_time=T(9),
        repeat="monthly",
        month_week=1,
        weekdays=["TH"],
        repeat_count=3,
    )
    assert recurrence.ical_rrule(monthly)["BYDAY"] == ["+1TH"] or recurrence.ical_rrule(monthly)["BYDAY"] == [
        "1TH"
    ]
    assert recurrence.ical_rrule(event(start_date=D(2027, 1, 7))) is None


def test_the_rule_exported_for_calendars_gives_the_same_dates():
    page = event(
        start_date=D(2026, 10, 6),
        start_time=T(19),
        repeat="weekly",
        interval=2,
        weekdays=["TU", "TH"],
        repeat_until=D(2027, 4, 1),
    )
    from icalendar import vRecur

    text = vRecur(recurrence.ical_rrule(page)).to_ical().decode()
    again = list(du.rrulestr(text, dtstart=local(2026, 10, 6, 19)))
    ours = list(recurrence.schedule(page).ruleset)
    assert [a.replace(tzinfo=None) for a in again] == ours


def test_next_occurrences_and_the_last_one():
    page = event(
        start_date=D(2027, 1, 5),
        start_time=T(10),
        end_time=T(11),
        repeat="weekly",
        weekdays=["TU"],
        repeat_count=3,
    )
    nxt = recurrence.next_occurrences(page, 5, after=local(2027, 1, 6))
    assert [o.day for o in nxt] == [D(2027, 1, 12), D(2027, 1, 19)]
    assert recurrence.next_or_last(page, after=local(2027, 3, 1)).day == D(2027, 1, 19)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"repeat": "weekly", "weekdays": ["TU"], "repeat_until": D(2027, 6, 30)},
            "Elke dinsdag, tot en met 30 juni 2027.",
        ),
        (
            {"repeat": "weekly", "interval": 2, "weekdays": ["MO", "WE", "FR"], "repeat_count": 10},
            "Om de week op maandag, woensdag en vrijdag, 10 keer.",
        ),
        (
            {"repeat": "monthly", "month_week": 1, "weekdays": ["TH"], "repeat_count": 6},
            "Elke eerste donderdag van de maand, 6 keer.",
        ),
        ({"repeat": "monthly", "month_week": 0, "repeat_count": 6}, "Elke maand op de 5e, 6 keer."),
        ({}, ""),
    ],
)
def test_the_rule_in_plain_dutch(fields, text):
    assert recurrence.describe(event(start_date=D(2027, 1, 5), start_time=T(10), **fields)) == text


def test_day_headings():
    today = D(2027, 1, 5)
    assert recurrence.day_heading(today, today) == "Vandaag"
    assert recurrence.day_heading(D(2027, 1, 6), today) == "Morgen"
    assert recurrence.day_heading(D(2027, 1, 7), today).startswith("Donderdag 7 januari")


# --- times the clock skips (issue #15) -----------------------------------------------------
# Summer time starts on Sunday 28 March 2027: the clock goes from 02:00 to 03:00.
SPRING_FORWARD = D(2027, 3, 28)


def test_a_start_the_clock_skips_moves_forward_an_hour():
    """RFC 5545 3.3.5: a time in the gap is read with the offset from before it. The site
    printed 02:30 and calendar apps disagreed by an hour."""
    page = event(
        start_date=D(2027, 3, 14),
        start_time=T(2, 30),
        end_time=T(4),
        repeat="weekly",
        weekdays=["SU"],
        repeat_count=4,
    )
    occs = {o.day: o for o in recurrence.schedule(page).between(local(2027, 3, 1), local(2027, 5, 1))}
    assert sorted(occs) == [D(2027, 3, 14), D(2027, 3, 21), SPRING_FORWARD, D(2027, 4, 4)]
    night = occs[SPRING_FORWARD]
    assert (night.start.hour, night.start.minute) == (3, 30)
    assert night.start.astimezone(datetime.UTC) == datetime.datetime(2027, 3, 28, 1, 30, tzinfo=datetime.UTC)
    assert night.end == local(2027, 3, 28, 4)
    # The other weeks are as entered.
    assert occs[D(2027, 3, 21)].start == local(2027, 3, 21, 2, 30)
    assert occs[D(2027, 4, 4)].start == local(2027, 4, 4, 2, 30)


def test_an_end_the_clock_skips_moves_forward_too():
    page = event(start_date=SPRING_FORWARD, start_time=T(1), end_time=T(2))
    (occ,) = recurrence.schedule(page).between(local(2027, 3, 27), local(2027, 3, 29))
    assert occ.start == local(2027, 3, 28, 1)
    assert (occ.end.hour, occ.end.minute) == (3, 0)
    elapsed = occ.end.astimezone(datetime.UTC) - occ.start.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=1)  # an hour, as the clock ran


def test_which_times_exist():
    assert not recurrence.exists(datetime.datetime(2027, 3, 28, 2, 0))
    assert not recurrence.exists(datetime.datetime(2027, 3, 28, 2, 59))
    assert recurrence.exists(datetime.datetime(2027, 3, 28, 1, 59))
    assert recurrence.exists(datetime.datetime(2027, 3, 28, 3, 0))
    assert recurrence.exists(datetime.datetime(2027, 10, 31, 2, 30))  # twice, even


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"start_date": SPRING_FORWARD, "start_time": T(2, 30)}, ("start_time", "Op zondag 28 maart 2027")),
        (
            {"start_date": SPRING_FORWARD, "start_time": T(1), "end_time": T(2)},
            ("end_time", "Op zondag 28 maart 2027 bestaat 02:00 niet"),
        ),
        (
            {"start_date": D(2027, 3, 7), "start_time": T(2, 15), "repeat": "weekly", "repeat_count": 8},
            ("start_time", "Deze activiteit is ook op zondag 28 maart 2027. Dan bestaat 02:15 niet"),
        ),
        (
            {
                "start_date": D(2027, 1, 31),
                "start_time": T(1),
                "end_time": T(2, 30),
                "repeat": "monthly",
                "month_week": -1,
                "weekdays": ["SU"],
                "repeat_until": D(2027, 12, 31),
            },
            ("end_time", "zondag 28 maart 2027"),
        ),
        ({"start_date": SPRING_FORWARD, "start_time": T(3)}, None),
        ({"start_date": D(2027, 10, 31), "start_time": T(2, 30)}, None),  # exists (twice)
        ({"start_date": SPRING_FORWARD}, None),  # all day
        (
            {"start_date": D(2027, 3, 6), "start_time": T(2, 30), "repeat": "weekly", "repeat_count": 8},
            None,  # Saturdays
        ),
    ],
)
def test_nonexistent_times_are_found_with_the_date_they_fall_on(fields, problem):
    found = recurrence.nonexistent_time(event(**fields))
    if problem is None:
        assert found is None
    else:
        assert found[0] == problem[0] and problem[1] in found[1]
        assert "van 02:00 naar 03:00" in found[1] and "Kies een tijd vóór 02:00 of vanaf 03:00." in found[1]
