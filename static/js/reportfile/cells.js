// The report's cells for the report file, computed from the embedded groups for what the file's filters select: the
// same steps as probelab.web.overview (ReportCells, RttCell, CellFailures, SamplingNotes) and the verdict summary
// (probelab.analysis.Verdicts, VerdictViews), on top of ProbelabStats and ProbelabFigures.
(function () {
  "use strict";
  var S = window.ProbelabStats, F = window.ProbelabFigures;
  var FAILURE_REASONS = 12, CDF_POINTS = 160;
  var SIZES_POOLED = "Project sizes pooled: every size runs the same echo server.";

  function Cells(data) {
    this.data = data;
    this.catalog = data.catalog;
    this.metricIds = data.catalog.metrics.map(function (m) { return m.id; });
    this.metricById = {};
    var self = this;
    data.catalog.metrics.forEach(function (m) { self.metricById[m.id] = m; });
  }

  // a metric's unit symbol and a family's words, from the catalog the file embeds
  Cells.prototype.unitOf = function (metric) {
    return this.metricById[metric].unit;
  };

  Cells.prototype.familyLabel = function (family) {
    return this.catalog.families.filter(function (f) { return f.id === family; })[0].label;
  };

  Cells.prototype.color = function (series) {
    var c = this.catalog.colors[series];
    return c || "#888888";
  };

  // -- reading order (ReportCells.ordered) ---------------------------------------------------------------------------

  function rank(order, value) {
    var i = order.indexOf(value);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  }

  Cells.prototype.ordered = function (sets, baseline) {
    var c = this.catalog, metricIds = this.metricIds;
    return sets.slice().sort(function (a, b) {
      var x = (a.runtime === baseline ? 0 : 1) - (b.runtime === baseline ? 0 : 1);
      if (x === 0) x = S.compareText(a.runtime, b.runtime);
      if (x === 0) x = S.compareGo(a.go, b.go);
      if (x === 0) x = rank(c.sizes, a.size) - rank(c.sizes, b.size);
      if (x === 0) x = rank(metricIds, a.metric) - rank(metricIds, b.metric);
      if (x === 0) x = rank(c.phases, S.phase(a.variant)) - rank(c.phases, S.phase(b.variant));
      if (x === 0) x = S.compareText(a.variant, b.variant);
      return x;
    });
  };

  // -- the selected groups -------------------------------------------------------------------------------------------

  // sel.atoms: a boolean per atom. Returns the value sets of one metric, in the order the report reads them.
  Cells.prototype.of = function (sel, metric) {
    var data = this.data, m = this.metricIds.indexOf(metric), out = [];
    data.groups.forEach(function (g) {
      if (g.m !== m || !sel.atoms[g.a]) return;
      var a = data.atoms[g.a];
      out.push({ runtime: a.series, go: a.go, size: a.size, metric: metric, variant: g.v, workloadLines: g.lines, sorted: g.x });
    });
    return out;
  };

  function poolSizes(sets) {
    return S.pool(sets, function (s) { return { runtime: s.runtime, go: s.go, size: "", metric: s.metric, variant: s.variant }; });
  }

  function values(sets) {
    return sets.map(function (s) { return s.sorted; });
  }

  // -- failures (CellFailures.of): the report's query order, then grouped by runtime and reason ----------------------

  Cells.prototype.failures = function (sel, metrics) {
    var data = this.data, ids = this.metricIds, merged = {}, order = [];
    data.failures.forEach(function (f) {
      if (!sel.atoms[f.a]) return;
      var metric = ids[f.m], k = [data.atoms[f.a].series, metric, f.v, f.reason].join("\u0000");
      if (!merged[k]) { merged[k] = { runtime: data.atoms[f.a].series, metric: metric, variant: f.v, reason: f.reason, count: 0 }; order.push(k); }
      merged[k].count += f.n;
    });
    var counts = order.map(function (k) { return merged[k]; });
    counts.sort(function (a, b) {
      return (b.count - a.count) || S.compareText(a.runtime, b.runtime) || S.compareText(a.metric, b.metric)
        || S.compareText(a.variant, b.variant) || S.compareText(a.reason, b.reason);
    });
    var totals = {}, affected = {}, keys = [], total = 0;
    counts.forEach(function (c) {
      if (metrics.indexOf(c.metric) < 0) return;
      var key = c.runtime + "\u0000" + c.reason;
      if (!totals[key]) { totals[key] = { runtime: c.runtime, reason: c.reason, count: 0 }; affected[key] = []; keys.push(key); }
      totals[key].count += c.count;
      var name = c.metric + (c.variant === "" ? "" : "[" + c.variant + "]");
      if (affected[key].indexOf(name) < 0) affected[key].push(name);
      total += c.count;
    });
    var reasons = keys.map(function (key) {
      var list = affected[key].sort(S.compareText).join(", ");
      return { runtime: totals[key].runtime, metrics: list.length > 200 ? list.substring(0, 200) + "…" : list,
        error: totals[key].reason, count: totals[key].count };
    });
    reasons.sort(function (a, b) { return b.count - a.count; });
    var na = {}, naOrder = [];
    data.notApplicable.forEach(function (x) {
      var metric = ids[x.m];
      if (!sel.atoms[x.a] || metrics.indexOf(metric) < 0) return;
      var k = [data.atoms[x.a].series, metric, x.reason].join("\u0000");
      if (!na[k]) { na[k] = { runtime: data.atoms[x.a].series, metric: metric, reason: x.reason, runs: 0 }; naOrder.push(k); }
      na[k].runs += x.runs;
    });
    var marks = naOrder.map(function (k) { return na[k]; }).sort(function (a, b) {
      return S.compareText(a.runtime, b.runtime) || S.compareText(a.metric, b.metric) || S.compareText(a.reason, b.reason);
    });
    return { total: total, reasons: reasons.slice(0, FAILURE_REASONS), more: reasons.length > FAILURE_REASONS, notApplicable: marks };
  };

  // -- how far sampling got (SamplingNotes.of) -----------------------------------------------------------------------

  var STOPS = { precision: "precise enough", max_runs: "stopped at max runs", repeat: "fixed count",
    budget: "stopped by the budget", cancelled: "cancelled", unusable: "could not measure",
    failing: "stopped: no value in its first iterations", job_failed: "job failed" };

  function pct1(v) { return F.fixed(v, 1); }

  Cells.prototype.samplingNotes = function (sel, family) {
    var byRuntime = {}, order = [];
    this.data.sampling.forEach(function (o) {
      if (!sel.atoms[o.a] || o.families.split(",").indexOf(family) < 0) return;
      if (!byRuntime[o.runtime]) { byRuntime[o.runtime] = []; order.push(o.runtime); }
      byRuntime[o.runtime].push(o);
    });
    if (order.length === 0) return [];
    var parts = order.map(function (runtime) {
      var os = byRuntime[runtime], min = Infinity, max = -Infinity;
      os.forEach(function (o) { min = Math.min(min, o.iterations); max = Math.max(max, o.iterations); });
      var n = (min === max ? String(min) : min + "–" + max) + (max === 1 ? " iteration" : " iterations")
        + (os.length > 1 ? " in " + os.length + " runs" : "");
      var reasons = {}, rOrder = [];
      os.forEach(function (o) {
        var r = STOPS[o.stop] || o.stop;
        if (!reasons[r]) { reasons[r] = 0; rOrder.push(r); }
        reasons[r]++;
      });
      var why = rOrder.map(function (r) { return os.length > 1 ? r + " ×" + reasons[r] : r; });
      var widest = null;
      os.forEach(function (o) {
        if (o.halfWidthPct !== null && (widest === null || o.halfWidthPct > widest.halfWidthPct)) widest = o;
      });
      var spread = widest === null ? ", no interval yet" : ", widest interval ±" + pct1(widest.halfWidthPct) + "% ("
        + widest.widestSeries + ")" + (widest.targetPct === null ? "" : " against ±" + F.fixed(widest.targetPct, 0) + "% asked");
      return runtime + " " + n + ", " + why.join(", ") + spread;
    });
    return ["How far sampling got: " + parts.join("; ") + "."];
  };

  // -- latency histograms (LatencyHistograms) ------------------------------------------------------------------------

  function merge(parts) {
    var counts = new Map(), total = 0;
    parts.forEach(function (h) {
      total += h.total;
      for (var i = 0; i < h.values.length; i++) counts.set(h.values[i], (counts.get(h.values[i]) || 0) + h.counts[i]);
    });
    var vs = Array.from(counts.keys()).sort(function (a, b) { return a - b; });
    return { values: vs, counts: vs.map(function (v) { return counts.get(v); }), total: total };
  }

  function nextDown(x) {
    var buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, x);
    var hi = buf.getUint32(0), lo = buf.getUint32(4);
    if (lo === 0) { hi -= 1; lo = 0xffffffff; } else lo -= 1;
    buf.setUint32(0, hi); buf.setUint32(4, lo);
    return buf.getFloat64(0);
  }

  function valueAtPercentile(s, percentile) {
    if (s.total === 0) return 0;
    var requested = Math.min(Math.max(nextDown(percentile), 0.0), 100.0);
    var countAt = Math.max(1, Math.ceil(requested * s.total / 100.0)), cumulative = 0;
    for (var i = 0; i < s.values.length; i++) {
      cumulative += s.counts[i];
      if (cumulative >= countAt) return s.values[i];
    }
    return s.values[s.values.length - 1];
  }

  function cdfPoints(s, maxPoints) {
    var out = [], tail = [], total = s.total;
    if (total === 0) return out;
    var step = 1.0 / Math.max(1, Math.floor(maxPoints / 2)), nextFraction = 0, cumulative = 0;
    for (var i = 0; i < s.values.length; i++) {
      cumulative += s.counts[i];
      var fraction = cumulative / total, p = { latencyUs: s.values[i] / 1e3, fraction: fraction };
      if (fraction >= 0.99) tail.push(p);
      else if (fraction >= nextFraction) { out.push(p); nextFraction = fraction + step; }
    }
    var keepEvery = Math.max(1, Math.ceil(tail.length / (maxPoints / 2.0)));
    tail.forEach(function (p, k) { if (k % keepEvery === 0 || k === tail.length - 1) out.push(p); });
    return out;
  }

  // -- the cells -----------------------------------------------------------------------------------------------------

  function withTail(summary, p90, p99) {
    var s = Object.assign({}, summary);
    s.p90 = p90; s.p99 = p99;
    return s;
  }

  Cells.prototype.rtt = function (sel, baseline) {
    var self = this, data = this.data;
    var sets = this.ordered(poolSizes(this.of(sel, "rtt_p50_us")), baseline), rows = S.summarize(sets, baseline);
    var byGroup = {}, gOrder = [], requests = 0, runs = 0;
    data.histograms.forEach(function (h) {
      if (!sel.atoms[h.a]) return;
      var a = data.atoms[h.a], key = a.series + "\u0000" + a.go;
      if (!byGroup[key]) { byGroup[key] = { runtime: a.series, parts: [] }; gOrder.push(key); }
      byGroup[key].parts.push(h);
      requests += h.total;
      runs += h.runs;
    });
    var merged = {}, byRuntime = {}, rtOrder = [];
    gOrder.forEach(function (key) {
      var m = merge(byGroup[key].parts), rt = byGroup[key].runtime;
      merged[key] = m;
      if (!byRuntime[rt]) { byRuntime[rt] = []; rtOrder.push(rt); }
      byRuntime[rt].push(m);
    });
    var withTails = rows.map(function (r) {
      var m = merged[r.runtime + "\u0000" + r.go], out = Object.assign({}, r);
      out.summary = m ? withTail(r.summary, valueAtPercentile(m, 90) / 1e3, valueAtPercentile(m, 99) / 1e3)
        : withTail(r.summary, null, null);
      return out;
    });
    var cdfs = [];
    runtimeOrder(rows, rtOrder).forEach(function (rt) {
      if (byRuntime[rt]) cdfs.push({ runtime: rt, points: cdfPoints(merge(byRuntime[rt]), CDF_POINTS) });
    });
    var color = this.color.bind(this);
    return { rows: withTails, unit: "us", notes: [SIZES_POOLED, "p90 and p99 are over every request (" + F.count(requests)
        + " in " + F.count(runs) + " runs), from merged HdrHistograms; the other columns are over per-iteration medians."],
      figures: { box: F.boxes("Median latency per iteration", "latency", F.scale("us"), withTails, values(sets), color),
        cdf: F.cdf("Latency of every request (merged histograms)", cdfs, color) } };
  };

  function runtimeOrder(rows, extra) {
    var order = [];
    rows.forEach(function (r) { if (order.indexOf(r.runtime) < 0) order.push(r.runtime); });
    extra.forEach(function (r) { if (order.indexOf(r) < 0) order.push(r); });
    return order;
  }

  // As ReportCells.seriesBoxes: every metric of the cell per series (sizes pooled), boxes of the first one
  Cells.prototype.seriesBoxes = function (sel, baseline, cell) {
    var self = this, sets = [];
    cell.metrics.forEach(function (m) { sets = sets.concat(poolSizes(self.of(sel, m))); });
    sets = this.ordered(sets, baseline);
    var rows = S.summarize(sets, baseline), lead = cell.metrics[0], unit = this.unitOf(lead);
    var charted = sets.filter(function (v) { return v.metric === lead; });
    var chartedRows = rows.filter(function (r) { return r.metric === lead; });
    var notes = [SIZES_POOLED].concat(cell.notes);
    if (cell.parts !== null) notes = notes.concat(this.parts(cell, sets));
    return { rows: rows, unit: unit, notes: notes,
      figures: { box: F.boxes(cell.chartTitle, cell.axis, F.scale(unit), chartedRows, values(charted), this.color.bind(this)) } };
  };

  // As ReportCells.parts: each runtime's median parts of the cell's first metric, when every part is measured
  Cells.prototype.parts = function (cell, sets) {
    var metric = cell.parts.metric, variants = this.metricById[metric].phases, out = [];
    var perRuntime = function (v) { return { runtime: v.runtime, go: "", size: "", metric: v.metric, variant: v.variant }; };
    var medians = medianPer(sets, metric, perRuntime).values;
    runtimeOrder(sets, []).forEach(function (runtime) {
      var words = [];
      for (var i = 0; i < variants.length; i++) {
        var key = runtime + ", " + variants[i];
        if (!(key in medians)) break;
        words.push(F.value(medians[key], "ms") + " " + cell.parts.words[i]);
      }
      if (words.length === variants.length) out.push(runtime + ": " + words.join(", "));
    });
    return out.length ? ["Where the median " + this.familyLabel(cell.family) + " goes, by the server's own clock ("
      + out.join("; ") + ")."] : [];
  };

  function medianPer(sets, metric, keyOf) {
    var out = {}, order = [];
    S.pool(sets.filter(function (s) { return s.metric === metric; }), keyOf).forEach(function (s) {
      out[s.runtime + (s.variant ? ", " + s.variant : "")] = S.summary(s.sorted).median;
      order.push(s.runtime + (s.variant ? ", " + s.variant : ""));
    });
    return { values: out, order: order };
  }

  Cells.prototype.memory = function (sel, baseline, cell) {
    var self = this, sets = [];
    cell.metrics.forEach(function (m) { sets = sets.concat(poolSizes(self.of(sel, m))); });
    sets = this.ordered(sets, baseline);
    var rows = S.summarize(sets, baseline);
    var perRuntime = function (s) { return { runtime: s.runtime, go: "", size: "", metric: s.metric, variant: "" }; };
    var server = medianPer(sets, "server_rss_bytes", perRuntime), overhead = medianPer(sets, "runtime_overhead_bytes", perRuntime);
    var runtimes = server.order.slice();
    overhead.order.forEach(function (r) { if (runtimes.indexOf(r) < 0) runtimes.push(r); });
    return { rows: rows, unit: "bytes", notes: [SIZES_POOLED].concat(cell.notes),
      figures: { bars: F.memory(cell.chartTitle, runtimes,
        runtimes.map(function (r) { return r in server.values ? server.values[r] : null; }),
        runtimes.map(function (r) { return r in overhead.values ? overhead.values[r] : null; }), this.color.bind(this)) } };
  };

  // As ReportCells.sizeLines: every metric per size and variant, lines of the first across sizes (Go versions pooled);
  // a cell that declares noBaselineWords compares with the first runtime that has samples when the baseline has none
  Cells.prototype.sizeLines = function (sel, baseline, cell) {
    var self = this, lead = cell.metrics[0], time = this.of(sel, lead), all = [];
    cell.metrics.forEach(function (m) { all = all.concat(self.of(sel, m)); });
    var base = cell.noBaselineWords === null || all.length === 0 || all.some(function (s) { return s.runtime === baseline; })
      ? baseline : this.ordered(all, baseline)[0].runtime;
    var rows = S.summarize(this.ordered(all, base), base);
    var pooled = S.pool(this.ordered(time, base), function (s) {
      return { runtime: s.runtime, go: "", size: s.size, metric: s.metric, variant: s.variant };
    });
    var notes = cell.notes.slice();
    if (cell.split !== null) {
      var perPhase = function (v) { return { runtime: v.runtime, go: "", size: "", metric: v.metric, variant: S.phase(v.variant) }; };
      var w = medianPer(this.ordered(time, base), lead, perPhase);
      var i = medianPer(this.of(sel, cell.split.innerMetric), cell.split.innerMetric, perPhase), parts = [];
      w.order.forEach(function (key) {
        if (!(key in i.values)) return;
        parts.push(key + ": " + F.value(i.values[key], "ms") + " of " + cell.split.innerWords + ", "
          + F.value(Math.max(0, w.values[key] - i.values[key]), "ms") + " around it");
      });
      if (parts.length) notes.push("Where the median " + this.familyLabel(cell.family) + " goes (" + parts.join("; ") + ").");
    }
    if (base !== baseline) notes.push(baseline + " has no " + cell.noBaselineWords + ": ratios in this cell are to " + base + ".");
    return { rows: rows, unit: this.unitOf(lead), notes: notes,
      figures: { lines: F.builds(cell.chartTitle, S.summarize(pooled, base), this.color.bind(this), S.phase) } };
  };

  Cells.prototype.heatmap = function (sel, baseline, heat) {
    var of = this.of(sel, heat.metric).filter(function (v) { return heat.phase === null || S.phase(v.variant) === heat.phase; });
    var sets = this.ordered(S.pool(of, function (s) {
      return { runtime: s.runtime, go: s.go, size: "", metric: s.metric, variant: heat.phase === null ? s.variant : heat.phase };
    }), baseline);
    var rows = S.summarize(sets, baseline), runtimes = [], gos = [];
    rows.forEach(function (r) { if (runtimes.indexOf(r.runtime) < 0) runtimes.push(r.runtime); if (gos.indexOf(r.go) < 0) gos.push(r.go); });
    gos.sort(S.compareGo);
    var sc = F.scale(heat.unit);
    var z = runtimes.map(function () { return gos.map(function () { return null; }); });
    var text = runtimes.map(function () { return gos.map(function () { return null; }); });
    rows.forEach(function (r) {
      var i = runtimes.indexOf(r.runtime), j = gos.indexOf(r.go);
      z[i][j] = r.summary.median * sc.factor;
      var ratio = r.isBaseline ? "baseline" : r.ratio === null ? "" : F.fixed(r.ratio.value, 2) + "×";
      text[i][j] = F.value(r.summary.median, heat.unit) + (ratio === "" ? "" : "<br>" + ratio);
    });
    return { rows: rows, unit: heat.unit, notes: ["Showing " + heat.label + " (" + heat.metric + (heat.phase === null ? ""
        : ", " + heat.phase + " phase, all cache modes") + ", sizes pooled); ratios are to " + baseline + " with the same Go version."],
      figures: { heatmap: F.heatmap(heat.label + ": median per runtime and Go version", runtimes, gos, z, text, sc.label) } };
  };

  // One cell for the selection: rows, figures, failures and notes, as the cell's .json twin holds them.
  Cells.prototype.cell = function (cell, sel, baseline, heat) {
    var r;
    switch (cell.shape) {
      case "rtt": r = this.rtt(sel, baseline); break;
      case "series_boxes": r = this.seriesBoxes(sel, baseline, cell); break;
      case "stacked_bars": r = this.memory(sel, baseline, cell); break;
      case "size_lines": r = this.sizeLines(sel, baseline, cell); break;
      default: r = this.heatmap(sel, baseline, heat);
    }
    r.failures = this.failures(sel, cell.family === null ? [heat.metric] : cell.familyMetrics);
    if (cell.family !== null) r.notes = r.notes.concat(this.samplingNotes(sel, cell.family));
    r.cell = cell;
    return r;
  };

  window.ProbelabCells = Cells;
})();
