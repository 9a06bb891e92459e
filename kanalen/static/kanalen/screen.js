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
  function tick() {
    var now = new Date();
    if (clock) { clock.textContent = two(now.getHours()) + ":" + two(now.getMinutes()); }
    var day = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
    if (dateField && dateField.getAttribute("data-date") !== day) {
      var text = now.toLocaleDateString("nl-NL", { weekday: "long", day: "numeric", month: "long" });
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
