/* Copy buttons, site-wide (loaded by base.html). A template switches one on with a button:
     <span hidden><button type="button" data-copy-target="field-id">Kopieer</button></span>
   copies the text of that input or textarea; data-copy-text="…" copies the text itself.
   Optional: data-copy-done="…" a sentence after "Gekopieerd.", data-copy-status="id" the
   aria-live element that says it (else one is made after the button).
   Without JavaScript the button stays hidden (the `hidden` attribute on it or on an element
   around it): the text can still be selected and copied by hand. Where the Clipboard API is
   missing (an old browser, a page not on https), the text is selected and copied the old way,
   or left selected for the visitor to copy. */
(function () {
  "use strict";

  function say(status, text) {
    // Emptied first, so a second click is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copySelected() {
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }

  function copyByHand(field, text, button) {
    // The fallback: select the field's text (or a short-lived one holding it) and copy that.
    var temporary = null;
    if (!field) {
      temporary = field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
    }
    field.focus();
    field.select();
    var copied = copySelected();
    if (temporary) { temporary.remove(); button.focus(); }
    return copied;
  }

  document.querySelectorAll("[data-copy-target], [data-copy-text]").forEach(function (button) {
    if (button.dataset.copyReady) { return; }
    button.dataset.copyReady = "1";
    var field = button.dataset.copyTarget ? document.getElementById(button.dataset.copyTarget) : null;
    if (button.dataset.copyTarget && !field) { return; }
    var status = button.dataset.copyStatus ? document.getElementById(button.dataset.copyStatus) : null;
    if (!status) {
      status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      button.insertAdjacentElement("afterend", status);
    }
    if (field) {
      field.addEventListener("focus", function () { field.select(); });
    }
    var done = "Gekopieerd." + (button.dataset.copyDone ? " " + button.dataset.copyDone : "");

    function fallback(text) {
      if (copyByHand(field, text, button)) {
        say(status, done);
      } else if (field) {
        say(status, "Kopiëren lukte niet. De tekst is nu geselecteerd. Kopieer hem zelf.");
      } else {
        say(status, "Kopiëren lukte niet. Kopieer dit zelf: " + text);
      }
    }

    button.addEventListener("click", function () {
      var text = field ? field.value : button.dataset.copyText;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(status, done); }, function () {
          fallback(text);
        });
      } else {
        fallback(text);
      }
    });
    button.hidden = false;
    var holder = button.closest("[hidden]");
    if (holder) { holder.hidden = false; }
  });
})();
