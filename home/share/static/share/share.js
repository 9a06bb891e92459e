/* "Deel" buttons: the phone's own share sheet where the browser has one (Web Share API),
   otherwise a button that copies the link. Without JavaScript only the plain links show. */
(function () {
  "use strict";
  document.querySelectorAll(".share__device").forEach(function (item) {
    if (item.dataset.ready) { return; }
    item.dataset.ready = "1";
    var button = item.querySelector("button");
    var status = item.closest(".share").querySelector(".share__status");
    var url = button.dataset.shareUrl;
    var title = button.dataset.shareTitle;
    function say(text) { status.textContent = text; }
    if (navigator.share) {
      item.classList.add("share__device--native");
      button.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* closed by the user */ });
      });
    } else if (navigator.clipboard && window.isSecureContext) {
      item.classList.add("share__device--copy");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          say("De link is gekopieerd. Plak hem in een bericht.");
        }, function () {
          say("Kopiëren lukte niet. De link is: " + url);
        });
      });
    } else {
      return;
    }
    item.hidden = false;
  });
})();
