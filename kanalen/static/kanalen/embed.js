/* Inside the partner's iframe: tell the page around it how tall the agenda is, so the optional
   script there (inpassen.js) can fit the frame. Only a number goes out; nothing comes in. */
(function () {
  "use strict";
  if (window.parent === window || !window.parent.postMessage) { return; }
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ type: "stevenshof-agenda:hoogte", height: height }, "*");
  }
  send();
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) { new ResizeObserver(send).observe(document.documentElement); }
})();
