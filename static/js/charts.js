// Draws every chart on the page from its cell's .json twin: <figure data-src="/cells/rtt.json?..." data-figure="box">.
// The server builds the whole Plotly figure; this file only fetches it and calls Plotly.newPlot.
(function () {
  "use strict";

  function render(root) {
    var figures = (root.querySelectorAll ? root : document).querySelectorAll("figure.chart[data-src]");
    var requests = {}; // one fetch per .json twin, shared by the cell's charts
    figures.forEach(function (el) {
      var src = el.getAttribute("data-src");
      if (el.getAttribute("data-drawn") === src) return;
      el.setAttribute("data-drawn", src);
      if (!requests[src]) {
        requests[src] = fetch(src, { headers: { Accept: "application/json" } }).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
      }
      requests[src].then(function (doc) {
        var fig = doc.figures && doc.figures[el.getAttribute("data-figure")];
        if (!fig) throw new Error("no figure " + el.getAttribute("data-figure"));
        if (!document.body.contains(el)) return; // swapped out while loading
        return Plotly.newPlot(el, fig.data, fig.layout, fig.config);
      }).catch(function (err) {
        el.removeAttribute("data-drawn");
        el.textContent = "The chart could not be drawn (" + err.message + "); the table holds the same figures.";
        el.classList.add("chart-failed");
      });
    });
  }

  // Plots are big SVG trees: drop them before htmx snapshots the page for history, redraw when it comes back.
  function purge() {
    document.querySelectorAll("figure.chart[data-drawn]").forEach(function (el) {
      if (window.Plotly) Plotly.purge(el);
      el.innerHTML = "";
      el.removeAttribute("data-drawn");
    });
  }

  htmx.onLoad(render);
  document.body.addEventListener("htmx:beforeHistorySave", purge);
  document.body.addEventListener("htmx:historyRestore", function () { render(document); });
})();
