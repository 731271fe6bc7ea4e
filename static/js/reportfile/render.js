// Draws the report file: the filter bar, the header as measured, the verdict summary and every cell, with the same
// markup and classes as the live report's templates (so app.css applies), and redraws on every filter change.
(function () {
  "use strict";
  var P = window.ProbelabFile, F = window.ProbelabFigures, data = P.data, catalog = data.catalog, meta = data.meta;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") e.textContent = v;
      else if (k === "swatch") e.style.background = v;
      else e.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function swatch(series) { return el("span", { "class": "swatch", swatch: catalog.colors[series] || "#888888" }); }

  function label(id) {
    var fam = catalog.families.filter(function (f) { return f.id === id; })[0];
    if (fam) return fam.label;
    var m = catalog.metrics.filter(function (x) { return x.id === id; })[0];
    return m ? m.label : id;
  }

  function inputId(name, value) { return "f-" + name + "-" + String(value).replace(/[^A-Za-z0-9_-]/g, "_"); }

  // -- the filter bar ------------------------------------------------------------------------------------------------

  function chips(name, legend, labelOf, colorOf) {
    return el("fieldset", { "class": "group" }, [el("legend", { text: legend })].concat(P.choices[name].map(function (v) {
      return el("label", { "class": "chip", title: name === "scenario" ? catalog.scenarios[v] : null }, [
        el("input", { type: "checkbox", id: inputId(name, v), name: name, value: v, checked: P.state[name].indexOf(v) >= 0 }),
        colorOf ? swatch(v) : null, labelOf(v)]);
    })));
  }

  function baselineChoices() {
    var rt = P.state.runtime.length ? P.state.runtime : P.choices.runtime;
    var sc = P.state.scenario.length ? P.state.scenario : P.choices.scenario, out = [];
    data.atoms.forEach(function (a) {
      if (rt.indexOf(a.runtime) >= 0 && sc.indexOf(a.scenario) >= 0 && out.indexOf(a.series) < 0) out.push(a.series);
    });
    return out;
  }

  function filterBar() {
    var bases = baselineChoices(), options = bases.map(function (s) {
      return el("option", { value: s, selected: s === P.state.baseline, text: s });
    });
    if (bases.indexOf(P.state.baseline) < 0) {
      options.unshift(el("option", { value: P.state.baseline, selected: true, text: P.state.baseline + " (not in this view: no ratios)" }));
    }
    var h = P.heat();
    return el("form", { id: "filters", "class": "filters" }, [
      chips("runtime", "Runtime", function (v) { return v; }, true),
      chips("go", "Go", function (v) { return "Go " + v; }),
      chips("size", "Project size", function (v) { return v; }),
      chips("metric", "Metric", label),
      P.choices.scenario.length > 1 ? chips("scenario", "Scenario", function (v) { return v; }) : null,
      el("fieldset", { "class": "group" }, [el("legend", { text: "Compare" }),
        el("label", { "class": "field" }, [el("span", { text: "Baseline" }),
          el("select", { id: inputId("baseline", "select"), name: "baseline" }, options)]),
        el("span", { "class": "hint", text: "Heatmap: " + h.label + (meta.heatmap ? "" : " (follows the metric filter)") })]),
      el("div", { "class": "filter-foot" }, [el("span", { "class": "hint", text: "Nothing ticked means everything this file holds. "
        + "The same view in the live report: ?" + P.query() })])
    ]);
  }

  // -- the header, as measured (the whole file) ----------------------------------------------------------------------

  function header() {
    var h = data.header;
    return el("section", { id: "report-header", "class": "cell header-cell" }, [
      el("div", { "class": "header-top" }, [el("h1", { text: h.scope }),
        h.poolWarning ? el("p", { "class": "warn pool-warning", role: "note", text: h.poolWarning }) : null,
        el("dl", { "class": "facts" }, [
          el("div", {}, [el("dt", { text: "Samples" }), el("dd", {}, [el("b", { text: h.okSamples }), " ok · ", el("b", { text: h.failedSamples }), " failed"])]),
          el("div", {}, [el("dt", { text: "Runs" }), el("dd", { text: h.runs + " in " + h.jobs + " job(s)" })]),
          el("div", {}, [el("dt", { text: "Measured" }), el("dd", { text: h.first + " → " + h.last })])])]),
      el("p", { "class": "muted", text: "These facts describe everything this file holds, whatever its filters show." }),
      el("div", { "class": "env" }, [
        el("div", {}, [el("h3", { text: "Machine" }), el("ul", { "class": "plain" }, h.machines.map(function (m) {
          return el("li", {}, [m.description + " ", el("span", { "class": "muted", text: "· " + m.probelab + " · " + m.runs + " runs" })]);
        }))]),
        el("div", {}, [el("h3", { text: "Runtimes and Go" }), el("ul", { "class": "plain" }, h.software.map(function (s) {
          return el("li", {}, [swatch(s.runtime), el("b", { text: s.runtime }), " " + s.runtimeVersions + " ",
            el("span", { "class": "muted", text: "via " + s.reachedVia + " · " + s.goVersions + " · " + s.runs + " runs" })]);
        }))])]),
      h.engines.length ? el("div", { "class": "engines" }, [el("h3", { text: "Engine configuration (latest selected run of each runtime)" }),
        table(["runtime", "storage driver", "cgroup", "OCI runtime", "network / port driver", "userland proxy", "security", "engine"],
          h.engines.map(function (e) { return [e.runtime, e.storageDriver, e.cgroup, e.ociRuntime, e.network, e.userlandProxy, e.securityOptions, e.engineVersion]; }),
          "plain-table")]) : null,
      h.synthetic ? el("p", { "class": "note warn", text: "Includes synthetic data written by probelab seed (machine commit “synthetic”): not measurements." }) : null
    ]);
  }

  function table(heads, rows, cls) {
    return el("table", { "class": cls }, [el("thead", {}, [el("tr", {}, heads.map(function (t) { return el("th", { text: t }); }))]),
      el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: c }); })); }))]);
  }

  function diagnostics() {
    if (!data.diagnostics.length) return null;
    return el("section", { id: "diagnostics", "class": "cell diagnostics-cell" }, [el("h2", { text: "What may distort these figures" }),
      el("p", { "class": "muted", text: "Known confounders found in the configuration and samples of the runs this file holds, whatever its filters show." }),
      table(["severity", "runtime", "rule", "evidence", "fix"], data.diagnostics.map(function (d) {
        return [d.severity, d.runtime, d.rule, d.evidence, d.fix];
      }))]);
  }

  // -- the verdict summary and the cells -----------------------------------------------------------------------------

  function verdictCell(answers) {
    var body = answers.length === 0 ? [el("p", { "class": "empty", text: "No ok samples match this filter, so there is nothing to compare yet." })]
      : [el("p", { "class": "muted", text: "Each runtime against the baseline: the ratio of medians and a Mann-Whitney U test, "
        + "Holm-corrected over the comparisons of each metric family; \"~\" means the samples cannot tell them apart. The "
        + "interval holds the ratios that same test would not reject at the level Holm gives it (95% for a comparison "
        + "alone, stricter beside others; the cell's table shows each level), so it excludes 1 exactly when the verdict "
        + "is decided." })]
        .concat(answers.map(function (a) {
          return el("div", { "class": "verdict", id: "verdict-" + a.headline.id }, [el("h3", { text: a.headline.question }),
            el("p", { "class": "sentence", text: P.sentence(a) }),
            el("div", { "class": "scroll-x" }, [el("table", { "class": "verdict-table" }, [
              el("thead", {}, [el("tr", {}, ["#", "runtime", "× baseline", "interval", "verdict", "n"].map(function (t, i) {
                return el("th", { "class": i === 0 || i === 2 || i === 5 ? "num" : null, text: t });
              }))]),
              el("tbody", {}, a.runtimes.map(function (l) {
                var interval = l.baseline ? "baseline" : l.ratioLow === null ? (l.comparisons > 1 ? "per comparison in the table" : "—")
                  : F.fixed(l.ratioLow, 2) + " – " + F.fixed(l.ratioHigh, 2);
                return el("tr", { "class": "verdict-" + l.verdict }, [el("td", { "class": "num", text: String(l.rank) }),
                  el("td", {}, [swatch(l.runtime), l.runtime]), el("td", { "class": "num", text: l.ratio === null ? "—" : F.fixed(l.ratio, 2) + "×" }),
                  el("td", { "class": "muted interval", text: interval }), el("td", { "class": "words", text: P.words(a, l) }),
                  el("td", { "class": "num", text: F.count(l.n) })]);
              }))])])]);
        }));
    return el("section", { id: "verdict", "class": "cell verdict-cell" }, [el("h2", { text: "The answer so far" })].concat(body));
  }

  var CHART_LABELS = { box: ": box plots per runtime", cdf: "Request latency CDF per runtime" };

  function cellSection(r, heat) {
    var c = r.cell, kind = c.id, rows = r.rows, baseline = P.state.baseline;
    var gos = rows.map(function (x) { return x.go; }).filter(function (g, i, a) { return a.indexOf(g) === i; }).length;
    // the columns follow the cell's declaration, as OverviewViews.cell has them
    var showGo = gos > 1 || kind === "heatmap", showSize = c.shape === "size_lines";
    var showMetric = c.metrics.length > 1 && c.split === null, showVariant = c.shape === "size_lines";
    var tail = kind === "rtt" ? " requests" : "";
    var children = [el("header", { "class": "cell-head" }, [el("h2", { text: kind === "heatmap" ? c.title + ": " + heat.label : c.title })]),
      el("p", { "class": "desc", text: c.description })];
    if (!rows.length) children.push(el("p", { "class": "empty", text: "No ok samples match this filter." }));
    else {
      children.push(el("div", { "class": "charts" }, Object.keys(r.figures).map(function (fig) {
        return el("figure", { "class": "chart", id: "chart-" + kind + "-" + fig, "data-figure": fig, role: "img",
          "aria-label": fig === "box" ? c.title + CHART_LABELS.box : CHART_LABELS[fig] || c.chartLabel || c.title });
      })));
      var heads = ["runtime"].concat(showGo ? ["Go"] : [], showSize ? ["size"] : [], showMetric ? ["metric"] : [],
        showVariant ? ["variant"] : [], ["n", "median", "95% CI of median", "p90" + tail, "p99" + tail, "mean", "stddev", "min", "max",
          "× " + baseline, "ratio interval", "verdict"]);
      var numeric = { n: 1, median: 1, mean: 1, stddev: 1, min: 1, max: 1 };
      var body = rows.map(function (x) {
        var unit = kind === "heatmap" ? r.unit : (catalog.metrics.filter(function (m) { return m.id === x.metric; })[0] || { unit: r.unit }).unit;
        var w = P.rowWords(x, unit, kind, baseline), sig = x.comparison !== null && x.comparison.significant;
        var tds = [el("td", {}, [swatch(x.runtime), x.runtime])];
        if (showGo) tds.push(el("td", { text: x.go }));
        if (showSize) tds.push(el("td", { text: x.size }));
        if (showMetric) tds.push(el("td", { text: label(x.metric) }));
        if (showVariant) tds.push(el("td", { text: x.variant }));
        tds.push(el("td", { "class": "num", text: w[0] }), el("td", { "class": "num" }, [el("b", { text: w[1] })]),
          el("td", { "class": x.summary.median95 === null ? "ci few" : "ci", text: w[2] }));
        for (var i = 3; i < 9; i++) tds.push(el("td", { "class": "num opt", text: w[i] }));
        tds.push(el("td", { "class": sig ? "num significant" : "num", text: w[9] }), el("td", { "class": "muted ratio-interval", text: w[10] }),
          el("td", { "class": "verdict", text: w[11] }));
        return el("tr", { "class": x.isBaseline ? "baseline" : null }, tds);
      });
      children.push(el("div", { "class": "table-wrap" }, [el("table", { "class": "agg" }, [
        el("thead", {}, [el("tr", {}, heads.map(function (t) {
          return el("th", { "class": numeric[t] || t.indexOf("p9") === 0 || t.indexOf("× ") === 0 ? "num" : null, text: t });
        }))]), el("tbody", {}, body)])]));
    }
    children.push(el("ul", { "class": "notes" }, r.notes.map(function (n) { return el("li", { text: n }); })
      .concat(data.truncated ? [el("li", { "class": "warn", text: "A read limit was reached: narrow the filter for exact figures." })] : [])));
    var f = r.failures;
    if (f.notApplicable.length) {
      children.push(el("p", { "class": "muted not-applicable" }, ["Not applicable (never measurable there, marked once per run, not counted as failures): "]
        .concat(f.notApplicable.map(function (m) {
          return el("span", { "class": "na", text: label(m.metric) + " on " + m.runtime + " (" + F.count(m.runs) + (m.runs === 1 ? " run" : " runs") + "): " + m.reason + " " });
        }))));
    }
    children.push(el("details", { "class": "failures", open: f.reasons.length > 0 }, [el("summary", {}, [el("b", { text: F.count(f.total) }), " failed samples"]),
      f.reasons.length === 0 ? el("p", { "class": "muted", text: "None: every measurement in this selection succeeded." })
        : el("div", { "class": "fail-wrap" }, [el("table", { "class": "fail" }, [
          el("thead", {}, [el("tr", {}, [el("th", { text: "runtime" }), el("th", { "class": "num", text: "samples" }), el("th", { text: "reason" }), el("th", { text: "metrics" })])]),
          el("tbody", {}, f.reasons.map(function (x) {
            return el("tr", {}, [el("td", {}, [swatch(x.runtime), x.runtime]), el("td", { "class": "num", text: F.count(x.count) }),
              el("td", { "class": "reason", text: x.error }), el("td", { "class": "muted", text: x.metrics })]);
          }))])]),
      f.more ? el("p", { "class": "muted", text: "Only the most common reasons are listed." }) : null]));
    return el("section", { id: "cell-" + kind, "class": "cell", "data-cell": kind }, children);
  }

  // -- drawing and redrawing -----------------------------------------------------------------------------------------

  var root = document.getElementById("report");

  function draw() {
    var focused = document.activeElement && document.activeElement.id;
    root.querySelectorAll(".js-plotly-plot").forEach(function (e) { window.Plotly.purge(e); });
    var view = P.compute();
    var report = el("div", { "class": "cells" }, [header(), diagnostics(), verdictCell(view.answers)]);
    Object.keys(view.cells).forEach(function (id) { report.appendChild(cellSection(view.cells[id], view.heat)); });
    root.replaceChildren(filterBar(), report);
    Object.keys(view.cells).forEach(function (id) {
      var r = view.cells[id];
      Object.keys(r.figures).forEach(function (fig) {
        var target = document.getElementById("chart-" + id + "-" + fig), f = r.figures[fig];
        if (target) window.Plotly.newPlot(target, f.data, f.layout, f.config);
      });
    });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    root.setAttribute("data-query", view.query);
  }

  root.addEventListener("change", function (e) {
    var t = e.target;
    if (t.name === "baseline") P.state.baseline = t.value;
    else if (P.state[t.name]) {
      P.state[t.name] = Array.prototype.slice.call(root.querySelectorAll("input[name=" + t.name + "]:checked"))
        .map(function (i) { return i.value; });
    }
    draw();
  });

  draw();
})();
