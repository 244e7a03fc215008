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

// The header's menu groups (base.html): a disclosure button a group (WAI-ARIA APG "disclosure
// navigation"). The button toggles its list and says so in aria-expanded; one group is open at
// a time; Escape closes it and puts focus back on its button; a click elsewhere or focus moving
// out of the group closes it. Without JavaScript the CSS opens a group on hover and focus.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function toggleOf(group) { return group.querySelector(".menu-toggle"); }
  function setOpen(group, open) {
    toggleOf(group).setAttribute("aria-expanded", open ? "true" : "false");
  }
  function closeAll(except) {
    document.querySelectorAll(".menu-group").forEach(function (group) {
      if (group !== except) { setOpen(group, false); }
    });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".menu-toggle");
    if (toggle) {
      var group = toggle.closest(".menu-group");
      closeAll(group);
      setOpen(group, toggle.getAttribute("aria-expanded") !== "true");
    } else if (!event.target.closest(".menu-group")) {
      closeAll(null);
    }
  });
  document.addEventListener("keydown", function (event) {
    var group = event.key === "Escape" && event.target.closest
      ? event.target.closest(".menu-group") : null;
    if (group && toggleOf(group).getAttribute("aria-expanded") === "true") {
      setOpen(group, false);
      toggleOf(group).focus();
    }
  });
  document.addEventListener("focusout", function (event) {
    var group = event.target.closest ? event.target.closest(".menu-group") : null;
    if (group && event.relatedTarget && !group.contains(event.relatedTarget)) {
      setOpen(group, false);
    }
  });
})();
