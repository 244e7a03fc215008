// After a failed submit the page comes back with an error summary (macros.html): move focus
// there, so keyboard and screen-reader users meet what went wrong first (WCAG 3.3.1) instead
// of the top of the page. Also when htmx swaps in a form with errors.
(function () {
  "use strict";
  function focusErrors(root) {
    var summary = (root || document).querySelector(".error-summary");
    if (!summary) { return; }
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrors(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrors(event.target); });
})();
