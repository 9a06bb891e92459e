/* "Deel" buttons: the phone's own share sheet where the browser has one (Web Share API); else
   the site-wide copy button (stevenshof/static/js/copy.js) copies the link. Without JavaScript
   only the plain links show. */
(function () {
  "use strict";
  if (!navigator.share) { return; }
  document.querySelectorAll(".share__device").forEach(function (item) {
    if (item.dataset.ready) { return; }
    item.dataset.ready = "1";
    var button = item.querySelector("button");
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
        .catch(function () { /* closed by the user */ });
    });
    item.hidden = false;
    // The share sheet can copy the link too: one button is enough.
    var copy = item.parentNode.querySelector(".share__copy");
    if (copy) { copy.remove(); }
  });
})();
