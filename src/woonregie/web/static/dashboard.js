// Draws the dashboard's charts: every element with data-vega-spec gets the Vega-Lite spec of
// the JSON block it names, rendered by vega-embed as SVG. Runs on load and after htmx swaps the
// figures (a filter changed). Under the app's Content-Security-Policy nothing may be evaluated
// or styled inline, so expressions go through Vega's interpreter (vega-interpreter.js, `ast`)
// and vega-embed adds no style sheet, action menu or tooltip.
(function () {
  "use strict";
  var dutch = {decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""]};
  var views = [];

  function draw(root) {
    var charts = root.querySelectorAll("[data-vega-spec]");
    Array.prototype.forEach.call(charts, function (el) {
      var source = document.getElementById(el.getAttribute("data-vega-spec"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      el.setAttribute("data-drawn", "bezig");
      vegaEmbed(el, spec, {
        renderer: "svg", actions: false, defaultStyle: false, tooltip: false,
        ast: true, expr: window.vegaExpressionInterpreter, formatLocale: dutch
      }).then(function (result) {
        views.push(result);
        el.setAttribute("data-drawn", "ja");
      }).catch(function (error) {
        el.setAttribute("data-drawn", "fout");
        el.textContent = "De grafiek kon niet worden getekend; de tabel hieronder geeft de cijfers.";
        if (window.console) { console.error(error); }
      });
    });
  }

  // Before htmx replaces the figures, release the old views (their timers and listeners).
  function release(event) {
    if (!event.detail.target || event.detail.target.id !== "figuren") { return; }
    views.forEach(function (result) { result.finalize(); });
    views = [];
  }

  // htmx "settles" an element that keeps its id across a swap by copying its old attributes,
  // style among them, with setAttribute: the policy blocks style attributes (Vega sets its
  // styles through the CSSOM, which is allowed), so htmx must not copy style here.
  if (window.htmx) {
    htmx.config.attributesToSettle = ["class", "width", "height"];
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:beforeSwap", release);
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
