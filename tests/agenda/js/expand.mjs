// Expand iCalendar feeds with Mozilla's ical.js, as Thunderbird and Nextcloud do. Reads a JSON
// list of feeds (iCalendar text) on stdin and prints, for each, every occurrence in a window as
// JSON: [[{start, end, allDay, summary}, ...], ...]. Arguments: the first and last day
// (YYYY-MM-DD, for all-day events) and the same window as two moments (ISO 8601, for timed
// events). Used by tests/agenda/test_feed_parsers.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [firstDay, lastDay, windowStart, windowEnd] = process.argv.slice(2);
const startMs = Date.parse(windowStart);
const endMs = Date.parse(windowEnd);
const isoDate = (time) => time.toString().slice(0, 10);

function expand(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  // Each UID: the event with its rule, and the dates it overrides (RECURRENCE-ID).
  const byUid = new Map();
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    const entry = byUid.get(uid) || { master: null, exceptions: [] };
    if (vevent.hasProperty("recurrence-id")) entry.exceptions.push(vevent);
    else entry.master = vevent;
    byUid.set(uid, entry);
  }
  const found = [];
  function keep(start, end, summary) {
    if (start.isDate) {
      const [s, e] = [isoDate(start), isoDate(end)];
      if (s < lastDay && e > firstDay) found.push({ start: s, end: e, allDay: true, summary });
      return;
    }
    const [s, e] = [start.toJSDate().getTime(), end.toJSDate().getTime()];
    if (s < endMs && (e > startMs || (e === s && s >= startMs))) {
      found.push({ start: new Date(s).toISOString(), end: new Date(e).toISOString(), allDay: false, summary });
    }
  }
  for (const { master, exceptions } of byUid.values()) {
    const event = new ICAL.Event(master, { exceptions });
    if (!event.isRecurring()) {
      keep(event.startDate, event.endDate, event.summary);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(), n = 0; next && n < 5000; next = iterator.next(), n++) {
      const details = event.getOccurrenceDetails(next);
      if (!details.startDate.isDate && details.startDate.toJSDate().getTime() >= endMs) break;
      if (details.startDate.isDate && isoDate(details.startDate) >= lastDay) break;
      keep(details.startDate, details.endDate, details.item.summary);
    }
  }
  return found;
}

process.stdout.write(JSON.stringify(JSON.parse(readFileSync(0, "utf8")).map(expand)));
