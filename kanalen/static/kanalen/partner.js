/* "Zet de agenda op uw website": a "Kopieer" button under each line to copy. Without
   JavaScript the text can still be selected and copied by hand. */
(function () {
  "use strict";
  document.querySelectorAll(".partner__copy").forEach(function (block) {
    var field = block.querySelector("textarea");
    if (!field) { return; }
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary partner__copy-button";
    button.textContent = "Kopieer";
    var status = document.createElement("span");
    status.className = "partner__copy-status";
    status.setAttribute("role", "status");
    block.appendChild(button);
    block.appendChild(status);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = "Gekopieerd. Plak het nu op uw website.";
      }, function () {
        field.select();
        status.textContent = "Kopiëren lukte niet. De tekst is nu geselecteerd. Kopieer hem zelf.";
      });
    });
  });
})();
