// The report's statistics for the self-contained report file, the same computations as probelab.analysis (Summary with
// Tablesaw's/commons-math's definitions, MedianInterval, Ratio, MannWhitney as commons-statistics computes it, Holm,
// SampleSizeAdvisor, Aggregates.summarize, Verdicts), so that the file shows the numbers the live report shows for
// the same filter. Doubles are doubles in both languages: the operations are kept in the same order on purpose.
(function () {
  "use strict";

  // -- descriptive statistics (Summary.of) --------------------------------------------------------------------------

  // commons-math3 Percentile, LEGACY estimation (what Tablesaw's median and percentiles call)
  function percentile(sorted, p) {
    var n = sorted.length;
    if (n === 1) return sorted[0];
    var pos = (p / 100) * (n + 1);
    var fpos = Math.floor(pos), dif = pos - fpos;
    if (pos < 1) return sorted[0];
    if (pos >= n) return sorted[n - 1];
    var lower = sorted[fpos - 1], upper = sorted[fpos];
    return lower + dif * (upper - lower);
  }

  // commons-math3 Mean: the sum's mean plus a correction term
  function mean(values) {
    var n = values.length, sum = 0, i;
    for (i = 0; i < n; i++) sum += values[i];
    var xbar = sum / n, correction = 0;
    for (i = 0; i < n; i++) correction += values[i] - xbar;
    return xbar + correction / n;
  }

  // commons-math3 Variance, bias-corrected
  function variance(values) {
    var n = values.length;
    if (n === 1) return 0;
    var m = mean(values), accum = 0, accum2 = 0;
    for (var i = 0; i < n; i++) {
      var dev = values[i] - m;
      accum += dev * dev;
      accum2 += dev;
    }
    return (accum - (accum2 * accum2 / n)) / (n - 1);
  }

  // MedianInterval: order statistics [x(j), x(n-j+1)] of a Binomial(n, 1/2)
  function lowRank(n, confidence) {
    if (n < 1) return 0;
    var tail = (1 - confidence) / 2, logPmf = n * Math.log(0.5), cdf = 0, j = 0;
    for (var i = 0; i <= Math.floor(n / 2); i++) {
      cdf += Math.exp(logPmf);
      if (cdf > tail) break;
      j = i + 1;
      logPmf += Math.log((n - i) / (i + 1));
    }
    return j;
  }

  function medianInterval(sorted, confidence) {
    var n = sorted.length, j = lowRank(n, confidence);
    if (j === 0) return null;
    var k = n - j + 1;
    return { low: sorted[j - 1], high: sorted[k - 1], lowRank: j, highRank: k };
  }

  function summary(sorted) {
    // as Summary.of: no statistic of nothing (undefined would become NaN everywhere)
    if (sorted.length === 0) throw new Error("no values to summarise");
    var n = sorted.length, q1 = percentile(sorted, 25), q3 = percentile(sorted, 75), iqr = q3 - q1;
    var lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr, lowerFence = sorted[n - 1], upperFence = sorted[0], i;
    for (i = 0; i < n; i++) if (sorted[i] >= lo) { lowerFence = sorted[i]; break; }
    for (i = n - 1; i >= 0; i--) if (sorted[i] <= hi) { upperFence = sorted[i]; break; }
    return {
      n: n, median: percentile(sorted, 50),
      p90: n >= 10 ? percentile(sorted, 90) : null, p99: n >= 100 ? percentile(sorted, 99) : null,
      mean: mean(sorted), stddev: n >= 2 ? Math.sqrt(variance(sorted)) : null,
      min: sorted[0], max: sorted[n - 1], q1: q1, q3: q3, lowerFence: lowerFence, upperFence: upperFence,
      median95: medianInterval(sorted, 0.95), median975: medianInterval(sorted, 0.975)
    };
  }

  // PrecisionRule.median: the plain middle (or mean of the two middles)
  function plainMedian(sorted) {
    var n = sorted.length, h = Math.floor(n / 2);
    return n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  }

  // Ratio.of: the value alone; the interval comes with the test (rankRatio below)
  function ratio(group, base) {
    if (base.median <= 0) return null;
    return { value: group.median / base.median, low: null, high: null, confidence: null };
  }

  // -- the normal distribution (erfc to ~1e-15 relative where p-values live) -----------------------------------------

  function erfc(x) {
    if (x < 0) return 2 - erfc(-x);
    if (x < 2.5) {
      // Maclaurin series of erf: alternating, terms shrink fast below 2.5
      var term = x, sum = x, x2 = x * x;
      for (var n = 1; n < 200; n++) {
        term *= -x2 / n;
        var add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
      }
      return 1 - (2 / Math.sqrt(Math.PI)) * sum;
    }
    // continued fraction of erfc (modified Lentz): converges in a few dozen steps beyond 2.5
    var tiny = 1e-300, f = x, c = x, d = 0;
    for (var k = 1; k < 500; k++) {
      var ak = k / 2;
      d = x + ak * d;
      d = d === 0 ? tiny : 1 / d;
      c = x + ak / c;
      if (c === 0) c = tiny;
      var delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }

  function normalSurvival(z) {
    return 0.5 * erfc(z / Math.SQRT2);
  }

  // the z whose upper tail is q: a rough start, then Newton steps on the survival function
  function inverseSurvival(q) {
    var z = q < 0.5 ? Math.sqrt(-2 * Math.log(q)) : -Math.sqrt(-2 * Math.log(1 - q));
    z = q < 0.5 ? z - (2.515517 + 0.802853 * z + 0.010328 * z * z) / (1 + 1.432788 * z + 0.189269 * z * z + 0.001308 * z * z * z)
      : z + (2.515517 - 0.802853 * z + 0.010328 * z * z) / (1 - 1.432788 * z + 0.189269 * z * z - 0.001308 * z * z * z);
    for (var i = 0; i < 8; i++) {
      var err = normalSurvival(z) - q, density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      var step = err / density;
      z += step;
      if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    return z;
  }

  // -- Mann-Whitney U (commons-statistics 1.1: exact without ties below 50 values a side, else normal) --------------

  function kahanSum(values) {
    var sum = 0, compensation = 0, simple = 0;
    for (var i = 0; i < values.length; i++) {
      var tmp = values[i] - compensation, velvel = sum + tmp;
      compensation = (velvel - sum) - tmp;
      sum = velvel;
      simple += values[i];
    }
    var total = sum + compensation;
    return isNaN(total) && !isFinite(simple) ? simple : total;
  }

  function binomial(n, k) {
    var r = 1n;
    for (var i = 1; i <= k; i++) r = r * BigInt(n - k + i) / BigInt(i);
    return Number(r);
  }

  // f(m, n, k): subsets of {0..n} with m elements summing to k, by f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k). The
  // library memoises the recursion; here the table is filled one n at a time (a layer needs only itself and the one
  // before), which adds the same terms: the recursion through a Map took seconds for 49 values a side. The counts
  // f(m, n, c) for c = 0..k, which the exact p-value and the ratio interval's table (exactCdfTable) both sum.
  function exactCounts(k, m, n) {
    var width = k + 1, prev = new Float64Array((m + 1) * width), cur = new Float64Array((m + 1) * width), swap;
    for (var nn = 0; nn <= n; nn++) {
      swap = prev; prev = cur; cur = swap;
      for (var mm = 0; mm <= m; mm++) {
        // f is 0 beyond mm * nn: those entries are never written, in this layer or an earlier (smaller) one
        var row = mm * width, below = row - width, top = Math.min(k, mm * nn), split = Math.min(top, nn - 1), kk;
        cur[row] = 1;
        for (kk = 1; kk <= split; kk++) cur[row + kk] = prev[row + kk];
        for (kk = Math.max(1, nn); kk <= top; kk++) cur[row + kk] = cur[below + kk - nn] + prev[row + kk];
      }
    }
    return Array.from(cur.subarray(m * width, m * width + width));
  }

  function exactCdf(k, m, n, binom) {
    return k < 0 ? 0 : kahanSum(exactCounts(k, m, n)) / binom;
  }

  function mannWhitney(a, b) {
    if (a.length === 0 || b.length === 0) throw new Error("the Mann-Whitney test needs at least one value on each side");
    var all = [], i;
    for (i = 0; i < a.length; i++) all.push({ v: a[i], x: true });
    for (i = 0; i < b.length; i++) all.push({ v: b[i], x: false });
    all.sort(function (p, q) { return p.v - q.v; });
    var sumRankX = 0, c = 0, ties = false;
    for (i = 0; i < all.length;) {
      var j = i;
      while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
      var t = j - i + 1, rank = (i + 1 + j + 1) / 2;
      if (t > 1) { ties = true; c += t * t * t - t; }
      for (var k = i; k <= j; k++) if (all[k].x) sumRankX += rank;
      i = j + 1;
    }
    var n = a.length, m = b.length, u = sumRankX - (n * (n + 1)) * 0.5, p = -1;
    var exact = !ties && Math.max(n, m) < 50;
    if (exact) {
      var u2 = n * m - u, n1 = Math.min(n, m), n2 = Math.max(n, m);
      p = Math.min(1, 2 * exactCdf(Math.min(u, u2), n1, n2, binomial(n + m, m)));
    } else {
      var nm = n * m, N = n + m, e = nm * 0.5, vari = (nm / 12.0) * ((N + 1.0) - c / N / (N - 1));
      var z = u - e;
      z -= Math.sign(z) * 0.5;
      z /= Math.sqrt(vari);
      p = 2 * normalSurvival(Math.abs(z));
      // every value the same on both sides: no evidence of a difference (MannWhitney.test)
      if (isNaN(p) && all[0].v === all[all.length - 1].v) p = 1;
    }
    return { u: u, pValue: p, exact: exact, nA: n, nB: m, tieSum: c, direction: Math.sign(u - n * m / 2) };
  }

  // -- RankRatioInterval: the ratio interval that inverts the verdict's own test at its Holm level ----------------------

  function effectiveAlpha(alpha, p, pAdjusted, tests) {
    if (pAdjusted <= 0 || p <= 0) return alpha / Math.max(1, tests);
    var level = Math.min(alpha, alpha * p / pAdjusted);
    return pAdjusted >= alpha ? level * (1 - 1e-9) : level;
  }

  // ExactU.cdf: P(U <= c) for c = 0..k, the counts of exactCdf summed cumulatively
  function exactCdfTable(k, m, n) {
    var counts = exactCounts(k, m, n), all = binomial(n + m, m), out = new Array(k + 1), sum = 0, compensation = 0;
    for (var c = 0; c <= k; c++) {
      var y = counts[c] - compensation, t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
      out[c] = sum / all;
    }
    return out;
  }

  function exactK(n, m, alpha, tables) {
    var half = Math.floor(n * m / 2), key = Math.min(n, m) + "x" + Math.max(n, m);
    if (!tables[key]) tables[key] = exactCdfTable(half, Math.min(n, m), Math.max(n, m));
    var cdf = tables[key];
    for (var c = 0; c <= half; c++) if (Math.min(1, 2 * cdf[c]) >= alpha) return c;
    return half;
  }

  function normalK(test, alpha) {
    var n = test.nA, m = test.nB, total = n + m;
    var variance = (n * m / 12.0) * ((total + 1.0) - test.tieSum / total / (total - 1));
    var reach = 0.5 + inverseSurvival(alpha / 2) * Math.sqrt(Math.max(0, variance));
    return Math.ceil(n * m / 2.0 - reach);
  }

  function countAtMost(a, b, t) {
    var count = 0, p = 0;
    for (var i = 0; i < a.length; i++) {
      while (p < b.length && a[i] / b[p] > t) p++;
      count += b.length - p;
    }
    return count;
  }

  function kthRatio(a, b, k) {
    var lo = a[0] / b[b.length - 1], hi = a[a.length - 1] / b[0];
    if (countAtMost(a, b, lo) >= k) return lo;
    for (;;) {
      var mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) break;
      if (countAtMost(a, b, mid) >= k) hi = mid; else lo = mid;
    }
    var best = -Infinity, p = 0;
    for (var i = 0; i < a.length; i++) {
      while (p < b.length && a[i] / b[p] > hi) p++;
      if (p < b.length) best = Math.max(best, a[i] / b[p]);
    }
    return best;
  }

  function rankRatio(value, a, b, test, alpha, tables) {
    if (b[0] <= 0 || a[0] < 0) return { value: value, low: null, high: null, confidence: null };
    var k = test.exact ? exactK(a.length, b.length, alpha, tables) : normalK(test, alpha);
    if (k < 1) return { value: value, low: null, high: null, confidence: null };
    return { value: value, low: kthRatio(a, b, k), high: kthRatio(a, b, a.length * b.length - k + 1), confidence: 1 - alpha };
  }

  function holm(pValues) {
    var m = pValues.length, order = pValues.map(function (_, i) { return i; });
    order.sort(function (x, y) { return pValues[x] - pValues[y]; });
    var adjusted = new Array(m), runningMax = 0;
    for (var rank = 0; rank < m; rank++) {
      var i = order[rank];
      runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[i]));
      adjusted[i] = runningMax;
    }
    return adjusted;
  }

  var ALPHA = 0.05, MIN_FOR_TEST = 2, POWER = 0.8, CAP = 500, MAD_TO_SD = 1.4826, EFFICIENCY = 3 / Math.PI;

  function mad(sorted) {
    var m = plainMedian(sorted), dev = sorted.map(function (v) { return Math.abs(v - m); });
    dev.sort(function (x, y) { return x - y; });
    return plainMedian(dev);
  }

  function smallestDeciding(alpha) {
    var binom = 1;
    for (var n = 1; ; n++) {
      binom = binom * (2.0 * n) * (2.0 * n - 1) / (n * n);
      if (2 / binom < alpha) return n;
    }
  }

  // SampleSizeAdvisor.extraPerSide: null when the medians are equal or more than CAP would be needed
  function extraPerSide(a, b, alpha) {
    if (!(alpha > 0 && alpha < 1)) throw new Error("alpha must lie in (0, 1): " + alpha);
    if (a.length === 0 || b.length === 0) throw new Error("both sides need values");
    var d = plainMedian(a) - plainMedian(b);
    if (d === 0) return null;
    var sa = MAD_TO_SD * mad(a), sb = MAD_TO_SD * mad(b);
    var z = inverseSurvival(alpha / 2) + inverseSurvival(1 - POWER);
    var n = z * z * (sa * sa + sb * sb) / (d * d) / EFFICIENCY;
    var needed = Math.max(Math.ceil(n), smallestDeciding(alpha)), extra = needed - Math.min(a.length, b.length);
    if (extra > CAP) return null;
    return Math.max(1, extra);
  }

  // -- Aggregates.summarize ------------------------------------------------------------------------------------------

  function phase(variant) {
    var slash = variant.indexOf("/");
    return slash < 0 ? variant : variant.substring(0, slash);
  }

  function comparableKey(s) {
    return s.go + "\u0000" + s.size + "\u0000" + s.metric + "\u0000" + phase(s.variant);
  }

  function summarize(sets, baseline) {
    var summaries = [], baselines = {}, i;
    for (i = 0; i < sets.length; i++) {
      summaries.push(summary(sets[i].sorted));
      if (sets[i].runtime === baseline) baselines[comparableKey(sets[i])] = i;
    }
    var tests = new Array(sets.length), tested = [];
    for (i = 0; i < sets.length; i++) {
      var b = baselines[comparableKey(sets[i])];
      if (sets[i].runtime === baseline || b === undefined) continue;
      if (sets[i].sorted.length < MIN_FOR_TEST || sets[b].sorted.length < MIN_FOR_TEST) continue;
      tests[i] = mannWhitney(sets[i].sorted, sets[b].sorted);
      tested.push(i);
    }
    var adjusted = holm(tested.map(function (k) { return tests[k].pValue; })), pAdjusted = new Array(sets.length);
    tested.forEach(function (k, j) { pAdjusted[k] = adjusted[j]; });
    var undecided = tested.filter(function (k) { return pAdjusted[k] >= ALPHA; }).length;
    var adviceAlpha = ALPHA / Math.max(1, undecided), rows = [], exactTables = {};
    for (i = 0; i < sets.length; i++) {
      var s = sets[i], sum = summaries[i], isBaseline = s.runtime === baseline, bi = baselines[comparableKey(s)];
      var base = bi === undefined ? null : summaries[bi];
      var r = isBaseline ? { value: 1.0, low: null, high: null, confidence: null } : base === null ? null : ratio(sum, base);
      if (r && tests[i]) {
        r = rankRatio(r.value, s.sorted, sets[bi].sorted, tests[i],
          effectiveAlpha(ALPHA, tests[i].pValue, pAdjusted[i], tested.length), exactTables);
      }
      var comparison = null;
      if (tests[i]) {
        var t = tests[i], direction = r && r.value !== 1 ? (r.value > 1 ? 1 : -1) : t.direction;
        comparison = { ratio: r ? r.value : null, ratioLow: r ? r.low : null, ratioHigh: r ? r.high : null,
          pValue: t.pValue, pAdjusted: pAdjusted[i], direction: direction, extraRunsToDecide: null };
        comparison.significant = comparison.pAdjusted < ALPHA;
        comparison.verdict = !comparison.significant || direction === 0 ? "same" : direction > 0 ? "more" : "less";
        if (!comparison.significant) comparison.extraRunsToDecide = extraPerSide(s.sorted, sets[bi].sorted, adviceAlpha);
      }
      rows.push({ runtime: s.runtime, go: s.go, size: s.size, metric: s.metric, variant: s.variant,
        workloadLines: s.workloadLines, summary: sum, ratio: r, baselineMedian: base === null ? null : base.median,
        isBaseline: isBaseline, comparison: comparison });
    }
    return rows;
  }

  // -- ValueSet.pool, ordering ---------------------------------------------------------------------------------------

  function mergeSorted(parts) {
    var round = parts.slice();
    while (round.length > 1) {
      var next = [];
      for (var i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
      round = next;
    }
    return round[0];
  }

  function mergeTwo(a, b) {
    var out = new Array(a.length + b.length), i = 0, j = 0, n = 0;
    while (i < a.length && j < b.length) out[n++] = a[i] <= b[j] ? a[i++] : b[j++];
    while (i < a.length) out[n++] = a[i++];
    while (j < b.length) out[n++] = b[j++];
    return out;
  }

  // sets sharing keyOf(set)'s dimensions become one, first-seen order, the largest workload line count
  function pool(sets, keyOf) {
    var keys = {}, members = {}, order = [];
    sets.forEach(function (s) {
      var key = keyOf(s), k = [key.runtime, key.go, key.size, key.metric, key.variant].join("\u0000");
      if (!keys[k]) { keys[k] = key; members[k] = []; order.push(k); }
      members[k].push(s);
    });
    return order.map(function (k) {
      var key = keys[k], ms = members[k];
      var lines = ms.reduce(function (acc, s) { return Math.max(acc, s.workloadLines); }, 0);
      return { runtime: key.runtime, go: key.go, size: key.size, metric: key.metric, variant: key.variant,
        workloadLines: lines, sorted: mergeSorted(ms.map(function (s) { return s.sorted; })) };
    });
  }

  var VERSION = /^(\d+(?:\.\d+)*)(?:([a-z]+)(\d*))?$/;

  function compareNumbers(a, b) {
    var x = a.split(".").map(Number), y = b.split(".").map(Number);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var c = (i < x.length ? x[i] : 0) - (i < y.length ? y[i] : 0);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
    return 0;
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // GoVersion.compare: numerically per component, a pre-release before its release, non-versions last by text
  function compareGo(a, b) {
    var x = VERSION.exec(a), y = VERSION.exec(b);
    if (!!x !== !!y) return x ? -1 : 1;
    if (x) {
      var c = compareNumbers(x[1], y[1]);
      if (c === 0) {
        if (x[2] === undefined || y[2] === undefined) c = x[2] === undefined ? (y[2] === undefined ? 0 : 1) : -1;
        else {
          c = compareText(x[2], y[2]);
          if (c === 0) c = compareNumbers(x[3] || "0", y[3] || "0");
        }
      }
      if (c !== 0) return c;
    }
    return compareText(a, b);
  }

  window.ProbelabStats = {
    summary: summary, plainMedian: plainMedian, mannWhitney: mannWhitney, holm: holm, extraPerSide: extraPerSide,
    summarize: summarize, pool: pool, phase: phase, compareGo: compareGo, compareText: compareText, ALPHA: ALPHA
  };
})();
