/* The waiting-room screen: shows one item at a time, keeps the clock, and fetches fresh content
   every few minutes. When the network is down it keeps showing what it has and tries again
   soon. No interaction is needed; it also runs in a TV's basic browser (no modules, no
   arrow functions). Without JavaScript a meta refresh moves on to the next item instead. */
(function () {
  "use strict";
  var body = document.body;
  var rotateMs = Math.max(3, Number(body.getAttribute("data-rotate")) || 15) * 1000;
  var refreshMs = Math.max(5, Number(body.getAttribute("data-refresh")) || 300) * 1000;
  var retryMs = Math.min(refreshMs, 30000);
  var index = 0;
  var offline = document.querySelector(".scherm__offline");

  function items() { return document.querySelectorAll(".scherm__items .scherm-item"); }

  function show(next) {
    var list = items();
    if (!list.length) { return; }
    index = next % list.length;
    for (var i = 0; i < list.length; i++) { list[i].hidden = i !== index; }
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  var clock = document.querySelector(".scherm__clock");
  var dateField = document.querySelector(".scherm__date");
  // The district's own time, whatever time zone the TV was set to; the TV's clock where its
  // browser cannot convert (an old one without Intl time zones).
  var ZONE = "Europe/Amsterdam";
  function districtNow() {
    var now = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", {
        timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
      return { date: now, zone: ZONE, day: parts.year + "-" + parts.month + "-" + parts.day,
               time: parts.hour + ":" + parts.minute };
    } catch (error) {
      return { date: now, zone: undefined,
               day: now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate()),
               time: two(now.getHours()) + ":" + two(now.getMinutes()) };
    }
  }

  function tick() {
    var now = districtNow();
    if (clock) { clock.textContent = now.time; }
    var day = now.day;
    if (dateField && dateField.getAttribute("data-date") !== day) {
      var text = now.date.toLocaleDateString("nl-NL", { weekday: "long", day: "numeric", month: "long", timeZone: now.zone });
      dateField.textContent = text.charAt(0).toUpperCase() + text.slice(1);
      dateField.setAttribute("data-date", day);
    }
  }

  function replaceFrom(doc) {
    var fresh = doc.querySelector(".scherm__items");
    var freshDays = doc.querySelector(".scherm__days");
    if (!fresh || !freshDays) { throw new Error("not a screen page"); }
    document.querySelector(".scherm__items").innerHTML = fresh.innerHTML;
    document.querySelector(".scherm__days").innerHTML = freshDays.innerHTML;
    var freshDate = doc.querySelector(".scherm__date");
    if (freshDate && dateField) {
      dateField.textContent = freshDate.textContent;
      dateField.setAttribute("data-date", freshDate.getAttribute("data-date"));
    }
    show(index);
  }

  function refresh() {
    var request = new XMLHttpRequest();
    request.open("GET", window.location.href, true);
    request.setRequestHeader("Cache-Control", "no-cache");
    request.timeout = 20000;
    request.onload = function () {
      try {
        if (request.status !== 200) { throw new Error("status " + request.status); }
        replaceFrom(new DOMParser().parseFromString(request.responseText, "text/html"));
        if (offline) { offline.hidden = true; }
        window.setTimeout(refresh, refreshMs);
      } catch (error) {
        failed();
      }
    };
    request.onerror = failed;
    request.ontimeout = failed;
    request.send();
  }

  function failed() {
    if (offline) { offline.hidden = false; }
    window.setTimeout(refresh, retryMs);
  }

  var current = 0;
  var list = items();
  for (var i = 0; i < list.length; i++) { if (!list[i].hidden) { current = i; } }
  show(current);
  tick();
  window.setInterval(tick, 1000);
  window.setInterval(function () { show(index + 1); }, rotateMs);
  window.setTimeout(refresh, refreshMs);
})();
