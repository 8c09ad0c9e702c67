// The auditor's replay slider: shows the chosen event number and marks it in the timeline; htmx swaps the state panel.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var slider = document.getElementById("version");
    var out = document.getElementById("version-out");
    if (!slider) return;
    slider.addEventListener("input", function () {
      out.value = slider.value;
      document.querySelectorAll(".timeline li").forEach(function (item) {
        if (item.getAttribute("data-version") === slider.value) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
    });
  });
})();
