/**
 * The dashboard page: static HTML and one static script. Chain data never enters the HTML; the
 * script renders it with textContent only, so a memo with markup shows as text, and the CSP
 * (script-src 'self') would stop an injected inline script even if it did.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workbench live dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:13px system-ui,sans-serif;margin:16px;color:#222}h1{font-size:18px;margin:0 0 8px}h2{font-size:14px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top;max-width:360px;overflow-wrap:anywhere}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}.ok{color:#070}.outage{color:#b00;font-weight:bold}.starting{color:#777}
#health span{margin-right:14px}.num{text-align:right;font-variant-numeric:tabular-nums}
</style></head>
<body>
<h1>Live dashboard <small>(follows a Midgard feed; simulator data is labelled by its server)</small></h1>
<div id="health"><span>feed: <b id="h-status" class="starting">starting</b></span><span>stream: <b id="h-stream">connecting</b></span><span>head height <b id="h-height">–</b></span><span>actions <b id="h-actions">0</b></span><span>errors <b id="h-errors">0</b></span><span>retries <b id="h-retries">0</b></span><span>last poll <b id="h-fetch">–</b> ms</span><span>fetch→screen <b id="h-latency">–</b> ms</span><span id="h-error"></span></div>
<div class="grid">
<div><h2>Pool price vs external (gap, bps)</h2><div id="gap-plot" style="height:300px"></div>
<h2>Open opportunities</h2><table><thead><tr><th>pool</th><th>trade</th><th class="num">gap bps</th><th class="num">size USD</th><th class="num">profit USD</th><th class="num">moves pool bps</th></tr></thead><tbody id="opps"></tbody></table>
<h2>Prices</h2><table><thead><tr><th>pool</th><th class="num">pool USD</th><th class="num">external USD</th><th class="num">gap bps</th></tr></thead><tbody id="prices"></tbody></table>
<div id="model" hidden><h2>Next-action model</h2><div>running type accuracy <b id="m-acc">–</b> over <b id="m-n">0</b></div><table><thead><tr><th>height</th><th>actual</th><th>predicted</th><th></th></tr></thead><tbody id="preds"></tbody></table></div>
</div>
<div><h2>Newest actions</h2><table><thead><tr><th>#</th><th>height</th><th>type</th><th>pools</th><th>from</th><th>in</th><th>out</th><th>memo</th></tr></thead><tbody id="actions"></tbody></table></div>
</div>
<script src="assets/plotly.min.js"></script>
<script src="app.js"></script>
</body></html>
`;

export const APP_JS = `'use strict';
(function () {
  var KEEP = 200;
  var dash = (window.__dash = { rows: 0, lastSeq: 0, latencies: [], snapshots: 0 });
  var token = new URLSearchParams(location.search).get('token');
  var q = token ? '?token=' + encodeURIComponent(token) : '';
  function $(id) { return document.getElementById(id); }
  function text(el, v) { el.textContent = v == null ? '' : String(v); }
  function cell(tr, v, cls) { var td = document.createElement('td'); td.textContent = v == null ? '' : String(v); if (cls) td.className = cls; tr.appendChild(td); return td; }
  function fmt(x, d) { return x == null || !isFinite(x) ? '–' : Number(x).toFixed(d == null ? 2 : d); }
  function actionRow(a) {
    var tr = document.createElement('tr');
    tr.dataset.seq = a.seq;
    cell(tr, a.seq); cell(tr, a.height); cell(tr, a.type + (a.status === 'success' ? '' : ' (' + a.status + ')'));
    cell(tr, a.pools.join(' → ')); cell(tr, a.from); cell(tr, a.inCoins); cell(tr, a.outCoins);
    var m = cell(tr, a.memo); m.className = 'memo';
    return tr;
  }
  function addActions(list, live) {
    var body = $('actions');
    for (var i = 0; i < list.length; i++) {
      var a = list[i];
      if (a.seq <= dash.lastSeq) continue;
      body.insertBefore(actionRow(a), body.firstChild);
      dash.lastSeq = a.seq; dash.rows++;
    }
    while (body.children.length > KEEP) body.removeChild(body.lastChild);
    if (live && list.length) {
      var lat = Date.now() - list[list.length - 1].fetchedAtMs;
      dash.latencies.push(lat); text($('h-latency'), lat);
    }
  }
  function setHealth(h) {
    if (!h) return;
    var s = $('h-status'); text(s, h.status); s.className = h.status;
    text($('h-height'), h.height); text($('h-actions'), h.actions); text($('h-errors'), h.errors); text($('h-retries'), h.retries);
    text($('h-fetch'), h.fetchMs); text($('h-error'), h.status === 'outage' ? 'last error: ' + h.lastError : '');
  }
  function setPools(p) {
    var body = $('prices'); body.textContent = '';
    p.prices.forEach(function (r) { var tr = document.createElement('tr'); cell(tr, r.pool); cell(tr, fmt(r.poolUsd, 4), 'num'); cell(tr, fmt(r.externalUsd, 4), 'num'); cell(tr, fmt(r.gapBps, 1), 'num'); body.appendChild(tr); });
    var ob = $('opps'); ob.textContent = '';
    p.opportunities.forEach(function (o) { var tr = document.createElement('tr'); cell(tr, o.pool); cell(tr, o.direction); cell(tr, fmt(o.gapBps, 1), 'num'); cell(tr, fmt(o.sizeUsd, 0), 'num'); cell(tr, fmt(o.profitUsd), 'num'); cell(tr, fmt(o.moveBps, 1), 'num'); ob.appendChild(tr); });
    plot(p.gapSeries);
  }
  function plot(series) {
    if (!window.Plotly || !series.length) return;
    var pools = {};
    series.forEach(function (pt) { Object.keys(pt.gaps).forEach(function (k) { pools[k] = true; }); });
    var data = Object.keys(pools).map(function (k) {
      return { type: 'scatter', mode: 'lines', name: k.length > 16 ? k.slice(0, 16) + '…' : k, x: series.map(function (p) { return p.height; }), y: series.map(function (p) { return p.gaps[k] == null ? null : p.gaps[k]; }) };
    });
    window.Plotly.react('gap-plot', data, { margin: { t: 10, r: 10, b: 30, l: 40 }, xaxis: { title: { text: 'height' } }, legend: { orientation: 'h' } }, { displayModeBar: false, staticPlot: false });
  }
  function addPrediction(p) {
    $('model').hidden = false;
    var tr = document.createElement('tr'); cell(tr, p.height); cell(tr, p.actual); cell(tr, p.predicted); cell(tr, p.correct ? '✓' : '✗');
    var b = $('preds'); b.insertBefore(tr, b.firstChild); while (b.children.length > 30) b.removeChild(b.lastChild);
    text($('m-acc'), fmt(100 * p.typeAccuracy, 1) + '%'); text($('m-n'), p.scored);
  }
  var es = new EventSource('events' + q);
  es.onopen = function () { text($('h-stream'), 'live'); };
  es.onerror = function () { text($('h-stream'), 'reconnecting'); };
  es.addEventListener('snapshot', function (e) {
    var s = JSON.parse(e.data); dash.snapshots++;
    addActions(s.actions, false); setHealth(s.health);
    setPools({ prices: s.prices, opportunities: s.opportunities, gapSeries: s.gapSeries });
    if (s.model) $('model').hidden = false;
    s.predictions.forEach(addPrediction);
  });
  es.addEventListener('actions', function (e) { addActions(JSON.parse(e.data), true); });
  es.addEventListener('pools', function (e) { setPools(JSON.parse(e.data)); });
  es.addEventListener('health', function (e) { setHealth(JSON.parse(e.data)); });
  es.addEventListener('prediction', function (e) { addPrediction(JSON.parse(e.data)); });
})();
`;
