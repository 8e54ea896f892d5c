/* Assay charts: thin helpers over Chart.js, shared by the live dashboard and the HTML report. */
(function (global) {
  'use strict';
  var COLORS = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];
  function base(extra) {
    var o = {responsive: true, maintainAspectRatio: false, animation: false, plugins: {legend: {display: false}}};
    for (var k in (extra || {})) { o[k] = extra[k]; }
    return o;
  }
  function bar(canvas, labels, data, opts) {
    opts = opts || {};
    return new Chart(canvas, {
      type: 'bar',
      data: {labels: labels, datasets: [{label: opts.label || '', data: data,
        backgroundColor: opts.colors || labels.map(function (_, i) { return COLORS[i % COLORS.length]; })}]},
      options: base({indexAxis: opts.horizontal ? 'y' : 'x', scales: {x: {beginAtZero: true}, y: {beginAtZero: true}}})
    });
  }
  function line(canvas, labels, datasets) {
    return new Chart(canvas, {
      type: 'line',
      data: {labels: labels, datasets: datasets.map(function (d, i) {
        return {label: d.label, data: d.data, borderColor: COLORS[i], backgroundColor: COLORS[i], yAxisID: d.axis || 'y',
          tension: 0.2, spanGaps: true};
      })},
      options: base({plugins: {legend: {display: datasets.length > 1}},
        scales: {y: {beginAtZero: true, position: 'left'}, y2: {beginAtZero: true, position: 'right', display: datasets.some(function (d) { return d.axis === 'y2'; }), grid: {drawOnChartArea: false}}}})
    });
  }
  function set(chart, labels, data) {
    chart.data.labels = labels;
    chart.data.datasets[0].data = data;
    if (chart.config.type === 'bar' && Array.isArray(chart.data.datasets[0].backgroundColor)) {
      chart.data.datasets[0].backgroundColor = labels.map(function (_, i) { return COLORS[i % COLORS.length]; });
    }
    chart.update();
  }
  function entries(obj) {
    var keys = Object.keys(obj || {}).sort(function (a, b) { return obj[b] - obj[a]; });
    return {labels: keys, values: keys.map(function (k) { return obj[k]; })};
  }
  /** Funnel of a finished round's report: proposed -> valid -> attempts -> verified -> kept. */
  function reportFunnel(report) {
    var s = report.stages || {};
    return {labels: ['proposed', 'valid', 'attempts', 'verified', 'kept'],
      values: [s.proposed || 0, s.valid_problems || 0, s.attempts || 0, s.verified || 0, s.kept || 0]};
  }
  /** Every drop of a report, problems and attempts, by reason. */
  function reportDrops(report) {
    var out = {}, d = report.drops || {};
    ['problems', 'attempts'].forEach(function (k) {
      var o = d[k] || {};
      Object.keys(o).forEach(function (r) { out[r] = (out[r] || 0) + o[r]; });
    });
    return out;
  }
  function histogram(report) {
    var h = report.pass_rate_histogram || [];
    return {labels: h.map(function (b) { return b.bucket; }), values: h.map(function (b) { return b.problems; })};
  }
  global.AssayCharts = {bar: bar, line: line, set: set, entries: entries, reportFunnel: reportFunnel,
    reportDrops: reportDrops, histogram: histogram};
})(window);
