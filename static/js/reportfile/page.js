// The report file's page: its filters (runtime, Go, size, metric family, scenario, baseline) over the embedded data,
// the verdict summary, each cell's charts, table and failures, all redrawn in the page when a filter changes. Nothing
// is fetched: the data is the JSON block #probelab-data, the statistics are ProbelabStats'.
(function () {
  "use strict";
  var S = window.ProbelabStats, F = window.ProbelabFigures;
  var data = JSON.parse(document.getElementById("probelab-data").textContent);
  var cells = new window.ProbelabCells(data), catalog = data.catalog, meta = data.meta;
  data.histograms.forEach(function (h) {
    var v = 0;
    h.values = h.dv.map(function (d) { v += d; return v; });
  });

  // -- what the filters can pick and what they picked ----------------------------------------------------------------

  function distinct(key, compare) {
    var out = [];
    data.atoms.forEach(function (a) { if (out.indexOf(a[key]) < 0) out.push(a[key]); });
    return compare ? out.sort(compare) : out;
  }

  var choices = {
    runtime: distinct("runtime", function (a, b) { return (a === "native" ? -1 : 0) - (b === "native" ? -1 : 0) || S.compareText(a, b); }),
    go: distinct("go", S.compareGo),
    size: distinct("size", function (a, b) { return catalog.sizes.indexOf(a) - catalog.sizes.indexOf(b); }),
    metric: meta.families.length ? meta.families.slice() : catalog.families.map(function (f) { return f.id; }),
    scenario: distinct("scenario", S.compareText)
  };
  var state = { runtime: meta.runtimes.slice(), go: meta.go.slice(), size: meta.sizes.slice(), metric: meta.families.slice(),
    scenario: meta.scenarios.slice(), baseline: meta.baseline };

  function picked(name) {
    return state[name].length ? state[name] : choices[name];
  }

  function selection() {
    var rt = picked("runtime"), go = picked("go"), size = picked("size"), sc = picked("scenario");
    return { atoms: data.atoms.map(function (a) {
      return rt.indexOf(a.runtime) >= 0 && go.indexOf(a.go) >= 0 && size.indexOf(a.size) >= 0 && sc.indexOf(a.scenario) >= 0;
    }) };
  }

  // HeatMetric.defaultFor: RTT, unless the metric filter leaves it out; then the first metric of a selected family
  function heat() {
    var id = meta.heatmap, families = state.metric.length ? state.metric : meta.families;
    if (id === null) {
      var first = catalog.heat[0];
      id = first.id;
      if (families.length && families.indexOf(first.family) < 0) {
        var found = catalog.heat.filter(function (h) { return families.indexOf(h.family) >= 0; })[0];
        if (found) id = found.id;
      }
    }
    return catalog.heat.filter(function (h) { return h.id === id; })[0];
  }

  // The live report's query string for what the filters show: the same filter there gives the same numbers.
  function query() {
    var parts = [];
    function add(name, values) { values.forEach(function (v) { parts.push(name + "=" + encodeURIComponent(v)); }); }
    add("runtime", state.runtime.length ? state.runtime : meta.runtimes);
    add("go", state.go.length ? state.go : meta.go);
    add("size", state.size.length ? state.size : meta.sizes);
    add("metric", state.metric.length ? state.metric : meta.families);
    add("scenario", state.scenario.length ? state.scenario : meta.scenarios);
    parts.push("job=" + encodeURIComponent(meta.job === null ? "all" : meta.job));
    if (meta.from) parts.push("from=" + meta.from);
    if (meta.to) parts.push("to=" + meta.to);
    if (state.baseline !== "native") parts.push("baseline=" + encodeURIComponent(state.baseline));
    if (meta.heatmap) parts.push("heatmap=" + meta.heatmap);
    return parts.join("&");
  }

  // -- computing the view --------------------------------------------------------------------------------------------

  function compute() {
    var sel = selection(), families = picked("metric"), h = heat(), out = {};
    catalog.cells.forEach(function (c) {
      if (c.family === null || families.indexOf(c.family) >= 0) out[c.id] = cells.cell(c, sel, state.baseline, h);
    });
    return { cells: out, answers: answers(out, state.baseline), heat: h, query: query() };
  }

  // Verdicts.answer over each shown family cell, in the headline order
  function answers(results, baseline) {
    var out = [];
    catalog.headlines.forEach(function (h) {
      var metric = cells.metricById[h.metric];
      Object.keys(results).forEach(function (id) {
        var r = results[id];
        if (r.cell.family !== metric.family) return;
        var a = answer(h, metric, r.rows, baseline);
        if (a) out.push(a);
      });
    });
    return out;
  }

  function answer(h, metric, rows, baseline) {
    var byRuntime = {}, order = [];
    rows.forEach(function (r) {
      if (r.metric !== h.metric || (h.phase !== null && S.phase(r.variant) !== h.phase)) return;
      if (!byRuntime[r.runtime]) { byRuntime[r.runtime] = []; order.push(r.runtime); }
      byRuntime[r.runtime].push(r);
    });
    if (!order.length) return null;
    var lines = order.map(function (rt) { return line(rt, byRuntime[rt]); });
    function ratioKey(l) { return l.ratio === null ? NaN : l.ratio; }
    function compareDouble(a, b) {
      if (isNaN(a) || isNaN(b)) return isNaN(a) === isNaN(b) ? 0 : isNaN(a) ? 1 : -1;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    lines.sort(function (a, b) {
      var x = (a.ratio === null && !a.baseline ? 1 : 0) - (b.ratio === null && !b.baseline ? 1 : 0);
      if (x !== 0) return x;
      var c = compareDouble(ratioKey(a), ratioKey(b));
      return metric.higherIsBetter ? -c : c;
    });
    lines.forEach(function (l, i) { l.rank = i + 1; });
    return { headline: h, metric: metric, baseline: baseline, runtimes: lines };
  }

  function line(runtime, rs) {
    var n = rs.reduce(function (acc, r) { return acc + r.summary.n; }, 0);
    if (rs.some(function (r) { return r.isBaseline; })) {
      return { runtime: runtime, baseline: true, ratio: 1.0, ratioLow: null, ratioHigh: null, pValue: null, pAdjusted: null,
        verdict: "same", difference: 0.0, comparisons: 0, decided: 0, n: n };
    }
    var compared = rs.filter(function (r) { return r.comparison !== null; });
    var diffs = rs.filter(function (r) { return r.baselineMedian !== null; })
      .map(function (r) { return r.summary.median - r.baselineMedian; }).sort(function (a, b) { return a - b; });
    var difference = diffs.length ? S.plainMedian(diffs) : null;
    if (!compared.length) {
      return { runtime: runtime, baseline: false, ratio: null, ratioLow: null, ratioHigh: null, pValue: null, pAdjusted: null,
        verdict: "none", difference: difference, comparisons: 0, decided: 0, n: n };
    }
    var logSum = 0, withRatio = 0, more = 0, less = 0, maxP = 0, minP = 1;
    compared.forEach(function (r) {
      if (r.ratio !== null && r.ratio.value > 0) { logSum += Math.log(r.ratio.value); withRatio++; }
      var c = r.comparison;
      if (c.verdict === "more") more++; else if (c.verdict === "less") less++;
      maxP = Math.max(maxP, c.pAdjusted);
      minP = Math.min(minP, c.pAdjusted);
    });
    var decided = more + less;
    var verdict = decided === 0 ? "same" : more === compared.length ? "more" : less === compared.length ? "less" : "mixed";
    var one = compared.length === 1 ? compared[0].comparison : null;
    return { runtime: runtime, baseline: false, ratio: withRatio === 0 ? null : Math.exp(logSum / withRatio),
      ratioLow: one ? one.ratioLow : null, ratioHigh: one ? one.ratioHigh : null, pValue: one ? one.pValue : null,
      pAdjusted: verdict === "more" || verdict === "less" ? maxP : minP, verdict: verdict, difference: difference,
      comparisons: compared.length, decided: decided, n: n };
  }

  // -- words (VerdictViews, OverviewViews.cell) ----------------------------------------------------------------------

  function unitOf(symbol) {
    return catalog.units.filter(function (u) { return u.symbol === symbol; })[0];
  }

  function pPart(l) {
    if (l.pAdjusted === null) return "";
    var p = "p" + F.formatP(l.pAdjusted);
    if (l.comparisons <= 1 || p.indexOf("p<") === 0) return p;
    return p.replace("p=", l.verdict === "same" ? "p≥" : "p≤");
  }

  function all(l) { return l.comparisons > 1 ? " in all " + l.comparisons + " comparisons" : ""; }

  function factor(a, l) {
    var unit = unitOf(a.metric.unit), more = l.verdict === "more";
    var f = l.ratio === null ? (more ? "+" : "−") + F.value(Math.abs(l.difference), unit.symbol)
      : F.fixed(more ? l.ratio : 1 / l.ratio, 2) + "x " + (more ? unit.moreWord : unit.lessWord);
    return f + all(l);
  }

  function words(a, l) {
    var p = pPart(l);
    switch (l.verdict) {
      case "more": case "less": return factor(a, l) + " (" + p + ")";
      case "same": return l.baseline ? "baseline" : "~" + all(l) + " (" + p + ")";
      case "mixed": return "mixed: " + l.decided + " of " + l.comparisons + " comparisons decided, not all the same way (see the table)";
      default: return "no comparison (too few samples on one side)";
    }
  }

  function joinNames(names) {
    return names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function sentence(a) {
    var parts = [], of = function (v) { return a.runtimes.filter(function (l) { return !l.baseline && l.verdict === v; }); };
    var same = of("same").map(function (l) { return l.runtime; });
    if (same.length) parts.push(joinNames(same) + (same.length === 1 ? " is" : " are") + " indistinguishable from " + a.baseline);
    ["more", "less"].forEach(function (v) {
      of(v).forEach(function (l) {
        var amount = l.difference === null ? "" : " about " + F.value(Math.abs(l.difference), a.metric.unit);
        parts.push(l.runtime + (v === "more" ? " adds" : " saves") + amount + " (" + factor(a, l) + ", " + pPart(l) + ")");
      });
    });
    var mixed = of("mixed").map(function (l) { return l.runtime; });
    if (mixed.length) parts.push(joinNames(mixed) + " differ" + (mixed.length === 1 ? "s" : "") + " by Go version, size or cache mode");
    var none = of("none").map(function (l) { return l.runtime; });
    if (none.length) parts.push(joinNames(none) + (none.length === 1 ? " has" : " have") + " too few samples to compare");
    if (!parts.length) return a.headline.question + ": only " + a.baseline + " was measured.";
    return a.headline.question + ": " + parts.join("; ") + ".";
  }

  function ratioText(r) { return r === null ? "—" : F.fixed(r.value, 2) + "×"; }

  function rowWords(r, unit, kind, baseline) {
    var s = r.summary;
    function tail(v, needed) { return v !== null ? F.value(v, unit) : kind === "rtt" ? "no histograms" : "n < " + needed; }
    var verdict = "";
    if (r.isBaseline) verdict = "baseline";
    else if (r.comparison === null) verdict = r.baselineMedian === null ? "" : "too few samples to test";
    else {
      var c = r.comparison, u = unitOf(unit), p = "(p" + F.formatP(c.pAdjusted) + ")";
      if (c.verdict === "same") verdict = "~ " + p;
      else {
        var word = c.direction > 0 ? u.moreWord : u.lessWord;
        verdict = c.ratio === null || c.ratio <= 0 || !isFinite(c.ratio) ? word + " " + p
          : F.fixed(c.direction > 0 ? c.ratio : 1 / c.ratio, 2) + "x " + word + " " + p;
      }
      if (!c.significant && c.extraRunsToDecide !== null) verdict += "; about " + c.extraRunsToDecide + " more iterations each would likely decide it";
    }
    var ratioInterval = r.isBaseline ? "baseline" : r.ratio !== null ? (r.ratio.low === null ? "too few samples"
      : F.fixed(r.ratio.low, 2) + " – " + F.fixed(r.ratio.high, 2) + " (" + F.fixed(100 * r.ratio.confidence, 1).replace(/\.0$/, "") + "%)")
      : r.baselineMedian === null ? "no " + baseline + " sample to compare" : baseline + " has 0";
    return [String(s.n), F.value(s.median, unit), s.median95 === null ? "too few samples"
      : F.value(s.median95.low, unit) + " – " + F.value(s.median95.high, unit), tail(s.p90, 10), tail(s.p99, 100),
      F.value(s.mean, unit), s.stddev === null ? "—" : F.value(s.stddev, unit), F.value(s.min, unit), F.value(s.max, unit),
      r.isBaseline ? "1×" : ratioText(r.ratio), ratioInterval, verdict];
  }

  window.ProbelabFile = { data: data, state: state, choices: choices, compute: compute, query: query, words: words,
    sentence: sentence, rowWords: rowWords, heat: heat };
})();
