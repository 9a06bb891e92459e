/* A live preview: when a choice changes, ask the server for this page with the new choices and
   take over its preview, lines to copy and notes, without reloading. Without JavaScript the
   "Toon het voorbeeld" button does the same with a new page. */
(function () {
  "use strict";
  var form = document.querySelector(".partner__form");
  if (!form || !window.fetch || !window.URLSearchParams || !window.DOMParser) { return; }
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(status);
  var pending = 0;
  form.addEventListener("change", function () {
    var query = new URLSearchParams(new FormData(form)).toString();
    var ticket = ++pending;
    fetch(form.getAttribute("action") + "?" + query, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (ticket !== pending) { return; }  // a newer choice is on its way
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["#code-iframe", "#code-script", "#code-scherm", "#code-json"].forEach(function (id) {
          var from = fresh.querySelector(id);
          var to = document.querySelector(id);
          if (from && to) { to.value = from.value; }
        });
        var preview = document.querySelector(".partner__preview");
        var freshPreview = fresh.querySelector(".partner__preview");
        if (preview && freshPreview && preview.src !== freshPreview.src) { preview.src = freshPreview.src; }
        var open = document.querySelector(".partner__open-screen");
        var freshOpen = fresh.querySelector(".partner__open-screen");
        if (open && freshOpen) { open.href = freshOpen.getAttribute("href"); }
        document.querySelectorAll(".partner__form > .message").forEach(function (note) { note.remove(); });
        window.history.replaceState(null, "", "?" + query);
        status.textContent = "Het voorbeeld en de regels zijn bijgewerkt.";
      })
      .catch(function () {
        status.textContent = "Bijwerken lukte niet. Kies ‘Toon het voorbeeld’.";
      });
  });
})();
