// The menu on a phone: the "Menu" link (which works without JavaScript, see base.html) becomes a
// disclosure button. Escape closes the menu and puts focus back on the button.
(function () {
    "use strict";
    var link = document.querySelector("[data-menu-toggle]");
    var menu = document.getElementById("menu");
    if (!link || !menu) {
        return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "menu");
    link.replaceWith(button);
    document.documentElement.classList.add("js-menu");

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("is-open", open);
    }

    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") {
            return;
        }
        var focusInside = menu.contains(document.activeElement);
        setOpen(false);
        if (focusInside || document.activeElement === button) {
            button.focus();
        }
    });
    // Tabbing out of the open menu, past its last link, closes it: it would otherwise hang over
    // the page the person moved on to.
    menu.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !menu.contains(event.relatedTarget) && event.relatedTarget !== button) {
            setOpen(false);
        }
    });
})();
