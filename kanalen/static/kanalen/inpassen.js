/* Stevenshof Vitaal: optional script for a partner's page with the agenda in an iframe.
   It makes the iframe exactly as tall as the agenda inside it, so there is no scroll bar.

     <script src="https://<the site>/static/kanalen/inpassen.js" async></script>

   It only listens: it accepts a message only from the site this script came from, only in the
   agreed shape ({type: "stevenshof-agenda:hoogte", height: <number>}), and only for an iframe
   on this page that the message really came from. It sets no cookies and loads nothing else. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin;
  try {
    origin = new URL(script && script.src ? script.src : "", window.location.href).origin;
  } catch (error) {
    return;
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== origin) { return; }
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "stevenshof-agenda:hoogte") { return; }
    var height = Number(data.height);
    if (!isFinite(height) || height < 50 || height > 20000) { return; }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        frames[i].setAttribute("scrolling", "no");
      }
    }
  });
})();
