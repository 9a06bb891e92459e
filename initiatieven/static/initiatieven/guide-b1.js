/* B1 check in the Wagtail editor: under every long text field a small panel shows, while the
   editor types, how easy the Dutch text is to read (traffic light, figures, the sentences to
   shorten and the words to replace). It only advises; saving and publishing stay possible.
   The analysis runs on the server (/admin/gids/b1-check/). No inline code: CSP-safe. */
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

    function number(value) {
        return value === null || value === undefined ? "–" : String(value).replace(".", ",");
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
        status.appendChild(document.createTextNode(
            " · leesgemak " + number(data.flesch_douma) + " (Flesch-Douma; 60 of hoger is makkelijk)" +
            " · " + number(data.average_sentence_length) + " woorden per zin · " + data.sentences + " zinnen"
        ));
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

    function attach(field) {
        if (field.dataset.b1) { return; }
        field.dataset.b1 = "1";
        var panel = el("div", "b1-check b1-check--none");
        panel.setAttribute("aria-live", "polite");
        panel.id = (field.id || "veld") + "-b1";
        field.insertAdjacentElement("afterend", panel);
        var described = field.getAttribute("aria-describedby");
        field.setAttribute("aria-describedby", (described ? described + " " : "") + panel.id);
        var timer = null;
        var last = null;
        function check() {
            var text = field.value;
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
        field.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(check, DELAY);
        });
        if (field.value.trim()) { check(); }
    }

    function scan(root) {
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
