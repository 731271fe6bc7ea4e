// Plotly figures and number formats of the report file: the same figures as probelab.analysis.Figures and the same
// words as probelab.web.Format, built in the page from the rows the file's statistics computed.
(function () {
  "use strict";

  // -- numbers as people read them (Format) --------------------------------------------------------------------------

  // Java's %.Nf rounds the shortest decimal form of a double half up; toFixed would round its exact binary value
  function fixed(v, digits) {
    var s = Math.abs(v).toString();
    if (s.indexOf("e") >= 0) return v.toFixed(digits);
    var parts = s.split("."), whole = parts[0], frac = (parts[1] || "") + "0".repeat(digits + 1);
    var keep = whole + frac.substring(0, digits), next = frac.charAt(digits);
    var digitsArr = keep.split("").map(Number);
    if (next >= "5") {
      for (var i = digitsArr.length - 1; i >= 0; i--) {
        if (digitsArr[i] < 9) { digitsArr[i]++; break; }
        digitsArr[i] = 0;
        if (i === 0) digitsArr.unshift(1);
      }
    }
    var joined = digitsArr.join(""), cut = joined.length - digits;
    var out = digits > 0 ? joined.substring(0, cut) + "." + joined.substring(cut) : joined;
    // as Java: a negative value keeps its sign when it rounds to zero ("-0.00"), and so does -0.0
    var negative = v < 0 || (v === 0 && 1 / v < 0);
    return (negative ? "-" : "") + out;
  }

  // Java's %.3g below 1e-4, as fixed: the shortest decimal form's first three digits rounded half up (toExponential(2)
  // would round the exact binary value: 8.985e-6 is 8.98e-06 there, 8.99e-06 in Java), an exponent of two digits at least
  function exponential3(v) {
    var m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(v).toExponential());
    var digits = (m[1] + (m[2] || "") + "000").split("").map(Number), keep = digits.slice(0, 3), exp = Number(m[3]);
    if (digits[3] >= 5) {
      for (var i = 2; i >= 0; i--) {
        if (keep[i] < 9) { keep[i]++; break; }
        keep[i] = 0;
        if (i === 0) { keep[0] = 1; exp++; }
      }
    }
    var e = Math.abs(exp);
    return { text: (v < 0 ? "-" : "") + keep[0] + "." + keep[1] + keep[2] + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e,
      exponent: exp };
  }

  // Java's %.3g for 0 < |v| < 1: three significant digits, plain notation when the rounded value is 1e-4 or more
  function sig3(v) {
    var a = Math.abs(v);
    if (a < 1e-4) {
      var e = exponential3(v);
      if (e.exponent < -4) return e.text;
    }
    var decimals = 2 - Math.floor(Math.log10(a));
    var s = fixed(v, decimals);
    // rounding up may reach the next decade (0.09995 -> 0.100): keep three significant digits
    if (Math.abs(parseFloat(s)) >= Math.pow(10, 3 - decimals)) s = fixed(v, decimals - 1);
    return s;
  }

  function num(v) {
    var a = Math.abs(v);
    if (a === 0) return "0";
    if (a >= 100) return fixed(v, 0);
    if (a >= 10) return fixed(v, 1);
    if (a >= 1) return fixed(v, 2);
    return sig3(v);
  }

  function bytes(v) {
    var a = Math.abs(v);
    if (a >= 1024 * 1024 * 1024) return num(v / (1024 * 1024 * 1024)) + " GiB";
    if (a >= 1024 * 1024) return num(v / (1024 * 1024)) + " MiB";
    if (a >= 1024) return num(v / 1024) + " KiB";
    return fixed(v, 0) + " B";
  }

  function value(v, unit) {
    if (v === null || v === undefined || isNaN(v)) return "—";
    var a = Math.abs(v);
    switch (unit) {
      case "us": return a >= 1000 ? num(v / 1000) + " ms" : num(v) + " µs";
      case "ms": return a >= 1000 ? num(v / 1000) + " s" : num(v) + " ms";
      case "bytes": return bytes(v);
      case "rps": return a >= 1000 ? num(v / 1000) + "k/s" : num(v) + "/s";
      case "pct": return num(v) + "%";
      case "count": return num(v);
      default: return num(v) + " " + unit;
    }
  }

  function count(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  }

  // Comparison.formatP: "<0.001", else two significant digits of the exact value, half up, trailing zeros dropped
  function formatP(p) {
    if (p < 0.001) return "<0.001";
    return "=" + String(parseFloat(p.toPrecision(2)));
  }

  // -- Plotly figures (Figures) --------------------------------------------------------------------------------------

  var RAW_POINTS_MAX = 50;

  function scale(unit) {
    switch (unit) {
      case "us": return { factor: 1, label: "µs" };
      case "ms": return { factor: 1, label: "ms" };
      case "bytes": return { factor: 1.0 / (1024 * 1024), label: "MiB" };
      case "rps": return { factor: 1, label: "requests/s" };
      case "pct": return { factor: 1, label: "%" };
      case "count": return { factor: 1, label: "" };
      default: return { factor: 1, label: unit };
    }
  }

  function round(v) {
    if (v === 0 || !isFinite(v)) return v;
    var s = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * s) / s;
  }

  function layout(title) {
    return {
      title: { text: title, x: 0.01, font: { size: 14 } },
      font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12, color: "#222222" },
      margin: { l: 64, r: 16, t: 40, b: 48 }, height: 340, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "#ffffff",
      legend: { orientation: "h", y: -0.22, x: 0 }
    };
  }

  function axis(l, name, title, type) {
    var a = {};
    if (title !== null) a.title = { text: title };
    if (type !== null) a.type = type;
    a.gridcolor = "#e6e6e6";
    a.zeroline = false;
    a.automargin = true;
    l[name] = a;
    return a;
  }

  function oneTwoFive(a, from, to) {
    a.tickvals = [];
    for (var d = from; d <= to * 1.0001; d *= 10) [1, 2, 5].forEach(function (m) { a.tickvals.push(round(m * d)); });
  }

  function figure(data, l, empty) {
    if (empty) {
      l.annotations = [{ text: "no samples match this filter", showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5,
        font: { size: 14, color: "#777777" } }];
      Object.keys(l).forEach(function (k) { if (/^[xy]axis/.test(k)) l[k].visible = false; });
    }
    return { data: data, layout: l, config: { responsive: true, displaylogo: false } };
  }

  function byRuntime(rows) {
    var out = {}, order = [];
    rows.forEach(function (r, i) {
      if (!out[r.runtime]) { out[r.runtime] = []; order.push(r.runtime); }
      out[r.runtime].push(i);
    });
    return { out: out, order: order };
  }

  function boxes(title, yTitle, sc, rows, values, color) {
    var g = byRuntime(rows), data = [];
    g.order.forEach(function (runtime) {
      var idx = g.out[runtime], t = { type: "box", name: runtime };
      var raw = values && idx.every(function (i) { return values[i].length <= RAW_POINTS_MAX; });
      if (raw) {
        t.x = []; t.y = [];
        idx.forEach(function (i) {
          values[i].forEach(function (v) { t.x.push("Go " + rows[i].go); t.y.push(round(v * sc.factor)); });
        });
        t.boxpoints = "all"; t.jitter = 0.3; t.pointpos = 0;
      } else {
        ["x", "q1", "median", "q3", "lowerfence", "upperfence", "mean", "hovertext"].forEach(function (k) { t[k] = []; });
        idx.forEach(function (i) {
          var r = rows[i], s = r.summary;
          t.x.push("Go " + r.go); t.q1.push(round(s.q1 * sc.factor)); t.median.push(round(s.median * sc.factor));
          t.q3.push(round(s.q3 * sc.factor)); t.lowerfence.push(round(s.lowerFence * sc.factor));
          t.upperfence.push(round(s.upperFence * sc.factor)); t.mean.push(round(s.mean * sc.factor));
          t.hovertext.push(r.runtime + ", Go " + r.go + ", n=" + s.n);
        });
        t.boxpoints = false;
      }
      t.boxmean = true;
      t.marker = { color: color(runtime) };
      t.line = { color: color(runtime) };
      data.push(t);
    });
    var l = layout(title);
    l.boxmode = "group";
    if (g.order.length === 1) l.boxgap = 0.6;
    axis(l, "yaxis", yTitle + " (" + sc.label + ")", null);
    axis(l, "xaxis", null, null);
    return figure(data, l, rows.length === 0);
  }

  function cdf(title, byRt, color) {
    var data = [];
    byRt.forEach(function (e) {
      var t = { type: "scatter", name: e.runtime, mode: "lines", x: [], y: [] };
      e.points.forEach(function (p) { t.x.push(round(p.latencyUs)); t.y.push(Math.round(p.fraction * 1e6) / 1e4); });
      t.line = { color: color(e.runtime), width: 2, shape: "hv" };
      t.hovertemplate = e.runtime + ": %{y:.2f}% of requests ≤ %{x} µs<extra></extra>";
      data.push(t);
    });
    var l = layout(title);
    oneTwoFive(axis(l, "xaxis", "request latency (µs, log scale)", "log"), 1, 1e7);
    axis(l, "yaxis", "requests at or below (%)", null).range = [0, 100.5];
    return figure(data, l, byRt.length === 0);
  }

  function memory(title, runtimes, server, overhead, color) {
    var mib = scale("bytes");
    function bar(name, ys) {
      return { type: "bar", name: name, x: runtimes.slice(),
        marker: { color: runtimes.map(color), line: { color: "#333333", width: 0.5 } },
        y: ys.map(function (v) { return v === null || v === undefined ? null : round(v * mib.factor); }) };
    }
    var s = bar("server RSS (median)", server), o = bar("runtime overhead (median)", overhead);
    o.marker.opacity = 0.55;
    o.marker.pattern = { shape: "/", solidity: 0.3 };
    s.hovertemplate = "%{x}: server %{y:.1f} MiB<extra></extra>";
    o.hovertemplate = "%{x}: runtime processes %{y:.1f} MiB<extra></extra>";
    var l = layout(title);
    l.barmode = "stack";
    l.bargap = runtimes.length < 3 ? 0.6 : 0.3;
    axis(l, "yaxis", "resident memory (MiB)", null);
    axis(l, "xaxis", null, null);
    return figure([s, o], l, runtimes.length === 0);
  }

  function builds(title, rows, color, phaseOf) {
    var phases = [];
    ["cold", "warm", "incremental"].forEach(function (p) {
      if (rows.some(function (r) { return phaseOf(r.variant) === p; })) phases.push(p);
    });
    rows.forEach(function (r) { var p = phaseOf(r.variant); if (phases.indexOf(p) < 0) phases.push(p); });
    var lines = {}, order = [];
    rows.forEach(function (r) {
      var k = r.runtime + "\u0000" + r.variant;
      if (!lines[k]) { lines[k] = []; order.push(k); }
      lines[k].push(r);
    });
    var data = [], inLegend = {};
    order.forEach(function (k) {
      var line = lines[k].slice().sort(function (a, b) { return a.workloadLines - b.workloadLines; }), first = line[0];
      var ph = phaseOf(first.variant), slash = first.variant.indexOf("/");
      var mode = slash >= 0 ? first.variant.substring(slash + 1) : "", panel = phases.indexOf(ph) + 1;
      var t = { type: "scatter", name: first.runtime, legendgroup: first.runtime, showlegend: !inLegend[first.runtime],
        mode: "lines+markers", xaxis: panel === 1 ? "x" : "x" + panel, yaxis: panel === 1 ? "y" : "y" + panel,
        x: [], y: [], text: [] };
      inLegend[first.runtime] = true;
      var err = { type: "data", symmetric: false, thickness: 1, width: 3, array: [], arrayminus: [] };
      line.forEach(function (r) {
        var s = r.summary, ci = s.median95;
        t.x.push(r.workloadLines); t.y.push(round(s.median / 1000));
        t.text.push(r.size + ", " + r.workloadLines + " lines, n=" + s.n);
        err.array.push(ci === null ? 0 : round((ci.high - s.median) / 1000));
        err.arrayminus.push(ci === null ? 0 : round((s.median - ci.low) / 1000));
      });
      var c = color(first.runtime);
      err.color = c;
      t.error_y = err;
      t.line = { color: c, width: 1.5 };
      t.marker = { color: c, size: 7, symbol: { volume: "square", bind: "diamond", none: "x" }[mode] || "circle" };
      t.hovertemplate = first.runtime + " " + first.variant + ": %{y:.2f} s (%{text})<extra></extra>";
      data.push(t);
    });
    var l = layout(title);
    l.height = 390;
    l.margin.t = 60;
    l.annotations = [];
    var panels = Math.max(1, phases.length), gap = 0.06, width = (1 - gap * (panels - 1)) / panels;
    for (var i = 0; i < panels; i++) {
      var suffix = i === 0 ? "" : String(i + 1), from = i * (width + gap);
      var xa = axis(l, "xaxis" + suffix, i === Math.floor(phases.length / 2) ? "project size (lines of Go, log scale)" : null, "log");
      xa.domain = [round(from), round(Math.min(1, from + width))];
      xa.anchor = "y" + suffix;
      xa.dtick = 1;
      var ya = axis(l, "yaxis" + suffix, i === 0 ? "median build time (s, log scale)" : null, "log");
      ya.anchor = "x" + suffix;
      oneTwoFive(ya, 0.001, 1e4);
      if (i < phases.length) {
        l.annotations.push({ text: "<b>" + phases[i] + "</b>", showarrow: false, xref: "paper", yref: "paper",
          x: round(from + width / 2), y: 1.0, yanchor: "bottom", xanchor: "center" });
      }
    }
    l.annotations.push({ text: "markers: ● host cache · ✕ no cache · ■ volume · ◆ bind mount", showarrow: false,
      xref: "paper", yref: "paper", x: 1, y: -0.3, xanchor: "right", font: { size: 11, color: "#667085" } });
    return figure(data, l, rows.length === 0);
  }

  function heatmap(title, runtimes, gos, z, text, colorbarTitle) {
    var t = { type: "heatmap", x: gos.map(function (g) { return "Go " + g; }), y: runtimes.slice(),
      z: z.map(function (row) { return row.map(function (v) { return v === null ? null : round(v); }); }),
      text: text.map(function (row) { return row.map(function (v) { return v === null ? "" : v; }); }),
      texttemplate: "%{text}", hovertemplate: "%{y}, %{x}: %{text}<extra></extra>", colorscale: "Blues",
      reversescale: true, colorbar: { title: { text: colorbarTitle } }, xgap: 2, ygap: 2 };
    var l = layout(title);
    axis(l, "xaxis", null, null).type = "category";
    var ya = axis(l, "yaxis", null, null);
    ya.type = "category";
    ya.autorange = "reversed";
    l.height = Math.max(220, 70 + 48 * runtimes.length);
    return figure([t], l, runtimes.length === 0 || gos.length === 0);
  }

  window.ProbelabFigures = {
    value: value, num: num, count: count, fixed: fixed, formatP: formatP, scale: scale,
    boxes: boxes, cdf: cdf, memory: memory, builds: builds, heatmap: heatmap
  };
})();
