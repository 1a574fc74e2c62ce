// Vigil console: every page is drawn here from the sink's JSON. Strings from producers (keys, tags,
// feature names, explanations) are only ever set as text nodes or attribute values, never as HTML.
'use strict';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const main = document.getElementById('main');
let cleanup = [];

// ---------- helpers ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
const seriesHref = key => '/series/' + key.split('/').map(encodeURIComponent).join('/');
const anomalyHref = id => '/anomaly/' + encodeURIComponent(id);
const sev = s => h('span', { class: 'sev sev-' + s, 'data-severity': s }, s);
const time = t => (t ? new Date(t).toLocaleString() : '—');
const num = (x, d = 3) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
const css = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

async function json(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const error = new Error((body && body.error) || response.status + ' ' + response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}
function failure(where, error) {
  return h('p', { class: 'down' }, where + ': ' + error.message);
}
function card(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}
function setPage(...children) {
  cleanup.forEach(fn => fn());
  cleanup = [];
  main.replaceChildren(...children);
}
function every(ms, fn) {
  const id = setInterval(fn, ms);
  cleanup.push(() => clearInterval(id));
}
let config = null;
async function consoleConfig() {
  if (!config) config = await json('/v1/console/config');
  return config;
}

// ---------- theme ----------
function applyTheme(theme) {
  document.documentElement.setAttribute('data-theme', theme);
}
applyTheme(localStorage.getItem('vigil-theme') ||
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
document.getElementById('theme').addEventListener('click', () => {
  const next = document.documentElement.getAttribute('data-theme') === 'dark' ? 'light' : 'dark';
  localStorage.setItem('vigil-theme', next);
  applyTheme(next);
  route();
});

// ---------- overview ----------
function feedItem(a, live) {
  return h('li', { class: live ? 'new' : null, 'data-id': a.id, 'data-key': a.key, 'data-live': live ? 'true' : null },
    sev(a.severity),
    h('a', { class: 'key', href: seriesHref(a.key) }, a.key),
    h('span', { class: 'muted' }, time(a.timestamp)),
    h('span', null, 'score ' + num(a.score)),
    h('span', { class: 'muted' }, a.detector),
    h('a', { href: anomalyHref(a.id) }, 'details'));
}

function healthCard(health) {
  const rows = [];
  rows.push(h('tr', null, h('td', null, 'Sink'), h('td', null,
    h('span', { class: health.sink.ready ? 'up' : 'down' }, health.sink.ready ? 'ready' : 'not ready'))));
  for (const [name, state] of Object.entries(health.sink.checks)) {
    rows.push(h('tr', null, h('td', { class: 'muted' }, '  ' + name), h('td', null, state)));
  }
  const p = health.processor;
  rows.push(h('tr', null, h('td', null, 'Processor'), h('td', null, !p.configured
    ? h('span', { class: 'muted' }, 'not configured (vigil.console.processor.url)')
    : h('span', { class: p.ready ? 'up' : 'down' }, p.ready ? 'ready' : 'not ready'))));
  if (p.eventsPerSecond != null) {
    rows.push(h('tr', null, h('td', null, 'Events/s'), h('td', { 'data-metric': 'events-per-second' }, num(p.eventsPerSecond, 1))));
  }
  for (const [group, lag] of Object.entries(health.lag)) {
    rows.push(h('tr', null, h('td', null, 'Lag ' + group), h('td', null, String(lag))));
  }
  return card('Pipeline health', h('table', { id: 'health' }, h('tbody', null, rows)));
}

function perMinuteChart(target, perMinute) {
  target.replaceChildren();
  const xs = perMinute.map(m => Date.parse(m.minute) / 1000);
  const data = [xs, ...SEVERITIES.map(s => perMinute.map(m => m.counts[s.toUpperCase()] ?? m.counts[s] ?? 0))];
  const total = data.slice(1).flat().reduce((a, b) => a + b, 0);
  target.setAttribute('data-total', String(total));
  const width = Math.max(280, target.clientWidth || 600);
  new uPlot({
    width, height: 220,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{ stroke: css('--muted'), grid: { stroke: css('--line') } },
      { stroke: css('--muted'), grid: { stroke: css('--line') } }],
    series: [{}, ...SEVERITIES.map(s => ({
      label: s, stroke: css('--' + s), fill: css('--' + s) + '33', width: 1.5,
      paths: uPlot.paths.bars({ size: [0.8, 12] }), points: { show: false },
    }))],
  }, data, target);
}

async function overview() {
  const chart = h('div', { class: 'chart', id: 'per-minute' });
  const top = h('div', { id: 'top' }, h('p', { class: 'muted' }, 'Loading…'));
  const health = h('div', { id: 'health-card' });
  const feed = h('ul', { class: 'feed', id: 'feed' });
  const liveState = h('span', { class: 'muted', id: 'live-state' }, 'connecting…');
  setPage(
    h('h1', null, 'Overview'),
    h('div', { class: 'grid' },
      h('section', { class: 'card wide' }, h('h2', null, 'Anomalies per minute by severity, last hour'), chart),
      card('Live feed ', liveState, feed),
      h('div', null, card('Most anomalies, last hour', top)),
      health));
  const seen = new Set();
  async function refresh(first) {
    let data;
    try {
      data = await json('/v1/console/overview');
    } catch (e) {
      health.replaceChildren(failure('Overview unavailable', e));
      return;
    }
    perMinuteChart(chart, data.perMinute);
    top.replaceChildren(data.top.length === 0 ? h('p', { class: 'muted' }, 'No anomalies in the last hour.')
      : h('table', null, h('thead', null, h('tr', null, h('th', null, 'Series'), h('th', null, 'Anomalies'), h('th', null, 'Highest'))),
        h('tbody', null, data.top.map(t => h('tr', null, h('td', null, h('a', { href: seriesHref(t.key) }, t.key)),
          h('td', null, String(t.anomalies)), h('td', null, sev(String(t.highest).toLowerCase())))))));
    health.replaceChildren(healthCard(data.health));
    if (first) {
      for (const a of data.latest) {
        if (!seen.has(a.id)) { seen.add(a.id); feed.append(feedItem(a, false)); }
      }
      if (data.latest.length === 0) feed.append(h('li', { class: 'muted empty' }, 'No anomalies yet.'));
    }
  }
  await refresh(true);
  every(10000, () => refresh(false));
  const source = new EventSource('/v1/console/live');
  source.onopen = () => { liveState.textContent = 'live'; liveState.className = 'up'; };
  source.onerror = () => { liveState.textContent = 'reconnecting…'; liveState.className = 'down'; };
  source.addEventListener('anomaly', event => {
    let a;
    try { a = JSON.parse(event.data); } catch (e) { return; }
    if (seen.has(a.id)) return;
    seen.add(a.id);
    feed.querySelector('.empty')?.remove();
    feed.prepend(feedItem(a, true));
    while (feed.children.length > 200) feed.lastChild.remove();
  });
  cleanup.push(() => source.close());
}

// ---------- series ----------
function featureChart(target, feature, scores, anomalies) {
  const points = scores.filter(s => s.values && s.values[feature] != null);
  const xs = points.map(s => Date.parse(s.timestamp) / 1000);
  const value = points.map(s => s.values[feature]);
  const band = key => points.map(s => (s.expected && s.expected[feature] ? s.expected[feature][key] : null));
  const lower = band('lower'), upper = band('upper'), expected = band('value');
  const first = xs[0], last = xs[xs.length - 1];
  const markers = anomalies
    .map(a => ({ x: Date.parse(a.timestamp) / 1000, y: a.values ? a.values[feature] : null, severity: a.severity, id: a.id }))
    .filter(m => m.y != null && m.x >= first && m.x <= last);
  target.setAttribute('data-points', String(points.length));
  target.setAttribute('data-band', String(lower.some(v => v != null)));
  target.setAttribute('data-markers', String(markers.length));
  const width = Math.max(280, target.clientWidth || 600);
  const plot = new uPlot({
    width, height: 260,
    scales: { x: { time: true } },
    axes: [{ stroke: css('--muted'), grid: { stroke: css('--line') } },
      { stroke: css('--muted'), grid: { stroke: css('--line') } }],
    series: [{},
      { label: 'lower', stroke: css('--band'), width: 1 },
      { label: 'upper', stroke: css('--band'), width: 1 },
      { label: 'expected', stroke: css('--muted'), dash: [4, 4], width: 1 },
      { label: feature, stroke: css('--accent'), width: 1.5 }],
    bands: [{ series: [2, 1], fill: css('--band') }],
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        for (const m of markers) {
          const cx = u.valToPos(m.x, 'x', true), cy = u.valToPos(m.y, 'y', true);
          ctx.beginPath();
          ctx.fillStyle = css('--' + m.severity);
          ctx.strokeStyle = css('--card');
          ctx.lineWidth = 2;
          ctx.arc(cx, cy, 6 * devicePixelRatio, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
      }],
    },
  }, [xs, lower, upper, expected, value], target);
  return plot;
}

function historyTable(key) {
  const body = h('tbody');
  const more = h('button', { type: 'button', id: 'older' }, 'Older');
  let next = '/v1/anomalies?key=' + encodeURIComponent(key) + '&limit=20';
  async function load() {
    if (!next) return;
    try {
      const page = await json(next);
      for (const a of page.anomalies) {
        body.append(h('tr', { 'data-id': a.id }, h('td', null, h('a', { href: anomalyHref(a.id) }, time(a.timestamp))),
          h('td', null, sev(a.severity)), h('td', null, num(a.score)), h('td', null, a.detector)));
      }
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      body.append(h('tr', null, h('td', { colspan: 4 }, failure('History unavailable', e))));
      more.hidden = true;
    }
  }
  more.addEventListener('click', load);
  load();
  return [h('table', { id: 'history' }, h('thead', null, h('tr', null, h('th', null, 'Event time'), h('th', null, 'Severity'),
    h('th', null, 'Score'), h('th', null, 'Detector'))), body), more];
}

async function modelCard(key) {
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  (async () => {
    const cfg = await consoleConfig();
    if (!cfg.models) { body.replaceChildren(h('p', { class: 'muted' }, 'No processor configured (vigil.console.processor.url).')); return; }
    try {
      const m = await json('/v1/console/model?key=' + encodeURIComponent(key));
      body.replaceChildren(h('dl', { class: 'kv', id: 'model' },
        h('dt', null, 'Detector'), h('dd', null, m.detector),
        h('dt', null, 'Config pattern'), h('dd', null, m.pattern),
        h('dt', null, 'Observations'), h('dd', null, String(m.observations)),
        h('dt', null, 'Last event'), h('dd', null, time(m.lastEventTime)),
        h('dt', null, 'Last anomaly'), h('dd', null, m.lastAnomaly ? h('a', { href: anomalyHref(m.lastAnomaly.id) }, time(m.lastAnomaly.timestamp)) : '—')),
      h('table', null, h('thead', null, h('tr', null, h('th', null, 'Feature'), h('th', null, 'Baseline'), h('th', null, 'Band'))),
        h('tbody', null, Object.entries(m.features || {}).map(([name, f]) =>
          h('tr', null, h('td', null, name), h('td', null, num(f.baseline)), h('td', null, num(f.lower) + ' … ' + num(f.upper)))))));
    } catch (e) {
      body.replaceChildren(e.status === 404 ? h('p', { class: 'muted' }, 'No model for this key (yet).') : failure('Model unavailable', e));
    }
  })();
  return card('Model', body);
}

async function series(key) {
  const charts = h('div', { id: 'charts' }, h('p', { class: 'muted' }, 'Loading…'));
  setPage(
    h('h1', null, 'Series ', h('span', { id: 'series-key' }, key)),
    h('div', { class: 'grid' },
      h('section', { class: 'card wide' }, h('h2', null, 'Recent values, expected value and band'),
        h('div', { class: 'legend' }, SEVERITIES.map(s => h('span', null, h('span', { class: 'dot sev-' + s }), s + ' anomaly'))), charts),
      await modelCard(key),
      card('Anomaly history', ...historyTable(key))));
  async function draw() {
    let data, history;
    try {
      [data, history] = await Promise.all([
        json('/v1/console/series?key=' + encodeURIComponent(key)),
        json('/v1/anomalies?key=' + encodeURIComponent(key) + '&limit=200').catch(() => ({ anomalies: [] }))]);
    } catch (e) {
      charts.replaceChildren(failure('Values unavailable', e));
      return;
    }
    if (data.scores.length === 0) {
      charts.replaceChildren(h('p', { class: 'muted' }, 'No recent values: the scores window is off (vigil.sink.scores.enabled, vigil.processor.scores.enabled) or the series is quiet.'));
      return;
    }
    const features = [...new Set(data.scores.flatMap(s => Object.keys(s.values || {})))].sort().slice(0, 8);
    charts.replaceChildren();
    for (const feature of features) {
      const target = h('div', { class: 'chart', 'data-feature': feature });
      charts.append(h('h3', { class: 'muted' }, feature), target);
      featureChart(target, feature, data.scores, history.anomalies);
    }
  }
  await draw();
  every(10000, draw);
}

// ---------- anomaly ----------
async function feedbackCard(a) {
  const cfg = await consoleConfig();
  if (!cfg.writable) {
    return card('Feedback', h('p', { class: 'muted', id: 'read-only' },
      'Read-only: labelling needs an API key configured on the sink (vigil.console.api.keys).'));
  }
  const keyInput = h('input', { type: 'password', id: 'api-key', placeholder: 'API key', autocomplete: 'off',
    value: sessionStorage.getItem('vigil-api-key') || '' });
  const result = h('p', { id: 'feedback-result', class: 'muted' });
  async function send(label) {
    sessionStorage.setItem('vigil-api-key', keyInput.value);
    try {
      await json('/v1/console/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + keyInput.value },
        body: JSON.stringify({ anomalyId: a.id, label }),
      });
      result.className = 'up';
      result.textContent = 'Labelled ' + label.replace('_', ' ') + '.';
    } catch (e) {
      result.className = 'down';
      result.textContent = 'Not labelled: ' + e.message;
    }
  }
  return card('Feedback', h('div', { class: 'row' }, keyInput,
    h('button', { type: 'button', class: 'primary', id: 'confirm', onclick: () => send('confirmed') }, 'Confirmed'),
    h('button', { type: 'button', class: 'danger', id: 'false-positive', onclick: () => send('false_positive') }, 'False positive')), result);
}

async function anomaly(id) {
  let a;
  try {
    a = await json('/v1/console/anomaly?id=' + encodeURIComponent(id));
  } catch (e) {
    setPage(h('h1', null, 'Anomaly'), failure('Anomaly unavailable', e));
    return;
  }
  const [setup, member] = a.detector.includes('/') ? a.detector.split('/') : [a.detector, null];
  const features = [...new Set([...Object.keys(a.values || {}), ...Object.keys(a.expected || {})])].sort();
  const rows = features.map(f => {
    const e = (a.expected || {})[f] || {};
    const share = (a.attribution || {})[f];
    return h('tr', null, h('td', null, f), h('td', null, num((a.values || {})[f])), h('td', null, num(e.value)),
      h('td', null, num(e.lower) + ' … ' + num(e.upper)),
      h('td', null, share == null ? '—' : h('div', { class: 'row' },
        h('div', { class: 'bar', style: 'width:' + Math.round(Math.max(0, Math.min(1, share)) * 100) + 'px' }), num(share * 100, 0) + ' %')));
  });
  const tags = Object.entries(a.tags || {});
  setPage(
    h('h1', null, 'Anomaly on ', h('a', { href: seriesHref(a.key), id: 'anomaly-key' }, a.key)),
    h('div', { class: 'grid' },
      card('Summary', h('dl', { class: 'kv' },
        h('dt', null, 'Severity'), h('dd', null, sev(a.severity)),
        h('dt', null, 'Score'), h('dd', null, num(a.score, 4)),
        h('dt', null, 'Event time'), h('dd', null, time(a.timestamp)),
        h('dt', null, 'Detected'), h('dd', null, time(a.detectedAt)),
        h('dt', null, 'Detector'), h('dd', null, setup + (a.modelVersion != null ? ' (model v' + a.modelVersion + ')' : '')),
        h('dt', null, 'Member that fired'), h('dd', null, member || '—'),
        h('dt', null, 'Source'), h('dd', null, a.source ? a.source.topic + ' / partition ' + a.source.partition + ' / offset ' + a.source.offset : '—'),
        h('dt', null, 'Id'), h('dd', null, a.id)),
        a.explanation ? h('p', { id: 'explanation' }, a.explanation) : null),
      await feedbackCard(a),
      h('section', { class: 'card wide' }, h('h2', null, 'Values against expected'),
        h('table', { id: 'features' }, h('thead', null, h('tr', null, h('th', null, 'Feature'), h('th', null, 'Value'),
          h('th', null, 'Expected'), h('th', null, 'Band'), h('th', null, 'Attribution'))), h('tbody', null, rows))),
      card('Tags', tags.length === 0 ? h('p', { class: 'muted' }, 'No tags.')
        : h('table', { id: 'tags' }, h('tbody', null, tags.map(([k, v]) => h('tr', null, h('td', null, k), h('td', null, v))))))));
}

// ---------- search ----------
async function search() {
  const params = new URLSearchParams(location.search);
  const field = (name, label, attrs) => h('label', null, label, h('input', { name, value: params.get(name) || '', ...attrs }));
  const severity = h('select', { name: 'severity' }, h('option', { value: '' }, 'any'),
    SEVERITIES.map(s => h('option', { value: s, selected: params.get('severity') === s ? 'selected' : null }, s + ' and up')));
  const results = h('tbody');
  const more = h('button', { type: 'button' }, 'More');
  const form = h('form', { class: 'filters', method: 'get', action: '/search' },
    field('key', 'Exact key'), field('prefix', 'Key prefix'), h('label', null, 'Severity', severity),
    field('from', 'From (ISO time)', { placeholder: '2026-03-01T12:00:00Z' }), field('to', 'To', { placeholder: 'exclusive' }),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  setPage(h('h1', null, 'Search anomalies'), h('section', { class: 'card' }, form,
    h('table', { id: 'results' }, h('thead', null, h('tr', null, h('th', null, 'Event time'), h('th', null, 'Series'),
      h('th', null, 'Severity'), h('th', null, 'Score'))), results), more));
  const query = new URLSearchParams();
  for (const name of ['key', 'prefix', 'severity', 'from', 'to']) {
    if (params.get(name)) query.set(name, params.get(name));
  }
  query.set('limit', '50');
  let next = '/v1/anomalies?' + query;
  async function load() {
    try {
      const page = await json(next);
      for (const a of page.anomalies) {
        results.append(h('tr', { 'data-id': a.id }, h('td', null, h('a', { href: anomalyHref(a.id) }, time(a.timestamp))),
          h('td', null, h('a', { href: seriesHref(a.key) }, a.key)), h('td', null, sev(a.severity)), h('td', null, num(a.score))));
      }
      if (page.anomalies.length === 0 && results.children.length === 0) {
        results.append(h('tr', null, h('td', { colspan: 4, class: 'muted' }, 'No anomalies match.')));
      }
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      results.append(h('tr', null, h('td', { colspan: 4 }, failure('Search failed', e))));
      more.hidden = true;
    }
  }
  more.addEventListener('click', load);
  await load();
}

// ---------- routing ----------
function decodePath(rest) {
  return rest.split('/').map(decodeURIComponent).join('/');
}
async function route() {
  const path = location.pathname;
  try {
    if (path === '/') await overview();
    else if (path.startsWith('/series/')) await series(decodePath(path.slice('/series/'.length)));
    else if (path.startsWith('/anomaly/')) await anomaly(decodeURIComponent(path.slice('/anomaly/'.length)));
    else if (path === '/search') await search();
    else setPage(h('h1', null, 'Not found'));
  } catch (e) {
    setPage(failure('The console failed', e));
  }
  document.body.setAttribute('data-ready', 'true');
}
route();
