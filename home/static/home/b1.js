/* B1 check in the Wagtail editor: under every long text field a small panel shows, while the
   editor types, how easy the Dutch text is to read (traffic light, figures, the sentences to
   shorten and the words to replace). It only advises; saving and publishing stay possible.
   The analysis runs on the server (/admin/b1-check/). No inline code: CSP-safe. */
(function () {
    "use strict";
    var script = document.currentScript || document.querySelector("script[data-b1-url]");
    var url = script && script.dataset.b1Url;
    if (!url || !window.fetch) { return; }
    var MIN_LENGTH = 200;  // char fields at least this long count as "long text"
    var DELAY = 700;

    function csrfToken() {
        var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
        if (input) { return input.value; }
        var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : "";
    }

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    function list(title, items) {
        var wrap = el("div", "b1-check__group");
        wrap.appendChild(el("p", "b1-check__group-title", title));
        var ul = el("ul");
        items.forEach(function (item) {
            var li = el("li");
            if (item.mark) {
                li.appendChild(el("mark", "", item.mark));
                if (item.after) { li.appendChild(document.createTextNode(item.after)); }
            } else {
                li.textContent = item;
            }
            ul.appendChild(li);
        });
        wrap.appendChild(ul);
        return wrap;
    }

    function render(panel, data) {
        panel.replaceChildren();
        panel.className = "b1-check b1-check--" + data.light;
        if (data.light === "none") {
            panel.appendChild(el("p", "b1-check__status", "B1-check: " + data.label));
            return;
        }
        var status = el("p", "b1-check__status");
        status.appendChild(el("span", "b1-check__dot"));
        status.appendChild(el("strong", "", "B1-check: " + data.label));
        // The server words the figures (home/b1.py), with "1 zin" and "2 zinnen".
        status.appendChild(document.createTextNode(" · " + data.figures));
        panel.appendChild(status);
        panel.appendChild(el("p", "b1-check__advice", data.advice));
        if (data.long_sentences.length) {
            panel.appendChild(list("Maak deze zinnen korter (meer dan 15 woorden):", data.long_sentences.map(function (s) {
                return { mark: s.text, after: " (" + s.words + " woorden)" };
            })));
        }
        if (data.officialese.length) {
            panel.appendChild(list("Gebruik een gewoner woord:", data.officialese.map(function (o) {
                return { mark: o.word, after: " → " + o.plain };
            })));
        }
        if (data.passive.length) {
            panel.appendChild(list("Lijdende vorm: zeg wie iets doet:", data.passive.map(function (s) {
                return { mark: s };
            })));
        }
        if (data.long_words.length) {
            panel.appendChild(list("Lange woorden (meer dan vier lettergrepen):", [data.long_words.join(", ")]));
        }
        if (data.rare_words.length) {
            panel.appendChild(list("Minder bekende woorden. Kent iedereen ze?", [data.rare_words.join(", ")]));
        }
    }

    var counter = 0;

    // Watch one field: `source` gives its text, `place` is where the panel goes.
    function watch(target, source, place, describedBy) {
        if (target.dataset.b1) { return; }
        target.dataset.b1 = "1";
        counter += 1;
        var panel = el("div", "b1-check b1-check--none");
        panel.setAttribute("aria-live", "polite");
        panel.id = (target.id || "b1-veld-" + counter) + "-b1";
        place(panel);
        if (describedBy) {
            var described = describedBy.getAttribute("aria-describedby");
            describedBy.setAttribute("aria-describedby", (described ? described + " " : "") + panel.id);
        }
        var timer = null;
        var last = null;
        function check() {
            var text = source();
            if (text === last) { return; }
            last = text;
            fetch(url, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
                body: JSON.stringify({ text: text })
            }).then(function (response) {
                return response.ok ? response.json() : null;
            }).then(function (data) {
                if (data) { render(panel, data); }
            }).catch(function () { /* advice only: stay quiet when offline */ });
        }
        target.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(check, DELAY);
        });
        if (source().trim()) { check(); }
    }

    function attach(field) {
        watch(field, function () { return field.value; }, function (panel) {
            field.insertAdjacentElement("afterend", panel);
        }, field);
    }

    // Rich text (Draftail): read the visible text, one paragraph per block. The panel goes
    // outside the editor's own (React) elements, at the end of the field.
    function attachRich(editable) {
        var holder = editable.closest(".w-field__input") || editable.closest(".Draftail-Editor__wrapper").parentElement;
        watch(editable, function () {
            return editable.innerText.split(/\n+/).join("\n\n");
        }, function (panel) {
            holder.appendChild(panel);
        }, null);
    }

    function scan(root) {
        root.querySelectorAll(".Draftail-Editor [contenteditable='true']").forEach(attachRich);
        root.querySelectorAll("textarea, input[type='text'][maxlength]").forEach(function (field) {
            if (!field.form || field.closest(".b1-check")) { return; }
            if (field.tagName === "INPUT" && parseInt(field.getAttribute("maxlength"), 10) < MIN_LENGTH) { return; }
            if (["title", "seo_title", "slug", "search_description"].indexOf(field.name) !== -1) { return; }
            attach(field);
        });
    }

    function start() {
        scan(document);
        // The editor adds fields later (tabs, inline panels, StreamField blocks): watch for them.
        var pending = null;
        new MutationObserver(function () {
            if (pending) { return; }
            pending = window.setTimeout(function () { pending = null; scan(document); }, 300);
        }).observe(document.body, { childList: true, subtree: true });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
