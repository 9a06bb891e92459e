/* Subscribe page: a "Kopieer" button next to each feed address. Without JavaScript the
   address can still be selected and copied by hand. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".agenda-copy").forEach(function (block) {
    var input = block.querySelector("input");
    if (!input) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary agenda-copy__button";
    button.textContent = "Kopieer het adres";
    var status = document.createElement("span");
    status.className = "agenda-copy__status";
    status.setAttribute("role", "status");
    block.appendChild(button);
    block.appendChild(status);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = "Gekopieerd. Plak het adres in uw agenda-app.";
      }, function () {
        input.select();
        status.textContent = "Kopiëren lukte niet. Het adres is nu geselecteerd.";
      });
    });
  });
})();
