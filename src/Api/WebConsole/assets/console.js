// The console's own script: small, no inline code (the pages' Content-Security-Policy allows scripts from files only).
(function () {
  "use strict";
  // htmx requests that change something carry the page's antiforgery token, like the forms do.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('input[name="__RequestVerificationToken"]');
    if (token) event.detail.headers["RequestVerificationToken"] = token.value;
  });
  // Buttons that ask before acting: <button data-confirm="...">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
  // Mermaid diagrams on the pages that load it: <pre class="mermaid">.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.mermaid && document.querySelector(".mermaid")) {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      window.mermaid.run();
    }
  });
})();
