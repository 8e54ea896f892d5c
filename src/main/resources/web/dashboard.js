/* The live dashboard: server-sent snapshots from /api/events, rounds from /api/rounds. */
(function () {
  'use strict';
  var C = window.AssayCharts;
  var token = new URLSearchParams(location.search).get('token');
  function url(p) { return token ? p + (p.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token) : p; }
  var COUNTERS = [['proposed', 'problems (seeds + proposed)'], ['valid', 'valid problems (to solve)'], ['attempts', 'attempts verified'],
    ['verified', 'attempts passed'], ['kept', 'kept (round)'], ['kept_total', 'kept (daemon)'], ['tokens', 'tokens'],
    ['model_requests', 'model requests'], ['model_failures', 'model failures'], ['in_model', 'model calls in flight'],
    ['in_verify', 'verifications in flight'], ['queued', 'rounds queued']];
  var box = document.getElementById('counters');
  COUNTERS.forEach(function (c) {
    var d = document.createElement('div');
    d.className = 'counter';
    d.innerHTML = '<div class="v" id="c-' + c[0] + '">0</div><div class="k">' + c[1] + '</div>';
    box.appendChild(d);
  });
  var funnel = C.bar(document.getElementById('funnel'), ['proposed', 'valid', 'attempts', 'verified', 'kept'], [0, 0, 0, 0, 0], {horizontal: true});
  var drops = C.bar(document.getElementById('drops'), [], [], {horizontal: true});
  var hist = C.bar(document.getElementById('hist'), [], [], {colors: '#2563eb'});
  var yieldChart = C.line(document.getElementById('yield'), [], [{label: 'yield (kept/attempts)', data: []},
    {label: 'kept', data: [], axis: 'y2'}]);
  var throughput = C.line(document.getElementById('throughput'), [], [{label: 'verdicts/s', data: []}, {label: 'model requests/s', data: []}]);
  var last = null;
  function text(id, v) { document.getElementById(id).textContent = v; }
  function pill(id, label, cls) { var e = document.getElementById(id); e.textContent = label; e.className = 'pill ' + cls; }

  function onSnapshot(s) {
    var p = s.progress, f = p.funnel, t = p.totals;
    pill('state', s.state, s.state === 'running' ? 'ok' : s.state === 'stopping' ? 'warn' : '');
    text('round', s.round == null ? '-' : s.round);
    text('stage', s.stage == null ? '-' : s.stage);
    text('uptime', s.uptime_seconds + ' s');
    pill('model', p.model.outage ? 'OUTAGE' + (p.model.down_ms ? ' ' + Math.round(p.model.down_ms / 1000) + 's, '
        + p.model.waiting + ' waiting' : '') : 'ok', p.model.outage ? 'bad' : 'ok');
    if (p.model.outage) { document.getElementById('model').title = p.model.last_error; }
    var sbErr = (p.verdicts || {}).sandbox_error || 0;
    pill('sandbox', sbErr > 0 ? sbErr + ' errors' : 'ok', sbErr > 0 ? 'warn' : 'ok');
    var vals = {proposed: f.proposed, valid: f.valid, attempts: f.attempts, verified: f.verified, kept: f.kept,
      kept_total: t.kept, tokens: t.tokens, model_requests: t.model_requests, model_failures: t.model_failures,
      in_model: s.in_flight.model_requests, in_verify: s.in_flight.verifications, queued: s.queues.rounds_queued};
    Object.keys(vals).forEach(function (k) { text('c-' + k, vals[k]); });
    C.set(funnel, ['proposed', 'valid', 'attempts', 'verified', 'kept'], [f.proposed, f.valid, f.attempts, f.verified, f.kept]);
    var d = {};
    Object.keys(p.problem_drops || {}).forEach(function (k) { d[k] = p.problem_drops[k]; });
    Object.keys(p.verdicts || {}).forEach(function (k) { if (k !== 'ok') { d[k] = (d[k] || 0) + p.verdicts[k]; } });
    var e = C.entries(d);
    C.set(drops, e.labels, e.values);
    var now = Date.now();
    if (last) {
      var dt = Math.max(0.001, (now - last.at) / 1000);
      throughput.data.labels.push(new Date(now).toLocaleTimeString());
      throughput.data.datasets[0].data.push(Math.max(0, (t.verdicts - last.verdicts) / dt).toFixed(1));
      throughput.data.datasets[1].data.push(Math.max(0, (t.model_requests - last.requests) / dt).toFixed(1));
      if (throughput.data.labels.length > 120) {
        throughput.data.labels.shift();
        throughput.data.datasets.forEach(function (x) { x.data.shift(); });
      }
      throughput.update();
    }
    last = {at: now, verdicts: t.verdicts, requests: t.model_requests};
  }

  function loadRounds() {
    fetch(url('api/rounds')).then(function (r) { return r.json(); }).then(function (j) {
      var rows = j.rounds || [], body = document.querySelector('#rounds tbody');
      body.innerHTML = '';
      var done = rows.filter(function (r) { return r.summary; });
      C.set(yieldChart, done.map(function (r) { return r.run + ' #' + r.round; }), done.map(function (r) { return r.summary.yield; }));
      yieldChart.data.datasets[1].data = done.map(function (r) { return r.summary.kept; });
      yieldChart.update();
      rows.slice().reverse().forEach(function (r) {
        var s = r.summary || {}, tr = document.createElement('tr');
        [r.id, r.round == null ? '-' : r.round, r.state, s.kept == null ? '' : s.kept, s.yield == null ? '' : s.yield,
          s.tokens_per_kept_sample == null ? '' : s.tokens_per_kept_sample].forEach(function (v) {
          var td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      var lastDone = done.length ? done[done.length - 1] : null;
      if (lastDone) {
        fetch(url('api/rounds/' + lastDone.id)).then(function (r) { return r.json(); }).then(function (rj) {
          if (rj.report) { var h = C.histogram(rj.report); C.set(hist, h.labels, h.values); }
        });
      }
    }).catch(function () {});
  }

  document.getElementById('launch').onclick = function () {
    fetch(url('api/rounds'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'}).then(loadRounds);
  };
  var es = new EventSource(url('api/events'));
  es.addEventListener('snapshot', function (e) { onSnapshot(JSON.parse(e.data)); });
  es.addEventListener('round_state', loadRounds);
  es.onerror = function () { pill('state', 'disconnected', 'bad'); };
  loadRounds();
  setInterval(loadRounds, 10000);
})();
