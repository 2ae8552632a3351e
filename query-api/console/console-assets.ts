/** The console's stylesheet and script, served from `/console/assets/` (the CSP allows nothing inline). */

export const CONSOLE_CSS = `
:root { --fg: #1d2125; --muted: #5b6570; --line: #d7dce1; --accent: #0b5cad; --bad: #b42318; --ok: #067647; --warn: #b54708; --bg: #fff; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f79009; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: center; padding: 10px 18px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; margin-right: 12px; }
header.top nav { display: flex; flex-wrap: wrap; gap: 4px 14px; }
header.top nav a[aria-current="page"] { font-weight: 700; text-decoration: none; }
header.top nav.languages { margin-left: auto; }
header.top nav.languages a[aria-current] { font-weight: 700; text-decoration: none; color: var(--fg); }
header.top .who { color: var(--muted); font-size: 13px; }
main { padding: 16px 18px 40px; max-width: 1400px; }
h1 { font-size: 22px; margin: 4px 0 14px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px 14px; align-items: end; padding: 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); }
form.filters fieldset { border: 0; padding: 0; margin: 0; }
form.filters legend, label { font-size: 13px; color: var(--muted); display: block; margin-bottom: 2px; }
fieldset label { display: inline-flex; gap: 4px; margin-right: 8px; color: var(--fg); font-size: 14px; }
input[type="text"], input[type="search"], input[type="password"], input[type="date"], input[type="datetime-local"], select, textarea { width: 100%; padding: 6px 8px; border: 1px solid #aab4be; border-radius: 4px; font: inherit; }
button, .button { display: inline-block; padding: 6px 12px; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; font: inherit; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; align-items: center; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-size: 13px; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.message { max-width: 420px; overflow-wrap: anywhere; }
.status { font-weight: 600; }
.status-error { color: var(--bad); }
.status-success { color: var(--ok); }
.status-warning, .status-pending { color: var(--warn); }
.flag { font-size: 12px; padding: 0 5px; border: 1px solid var(--warn); border-radius: 3px; color: var(--warn); }
.hashed, .masked { font-size: 12px; padding: 0 5px; border: 1px dashed currentColor; border-radius: 3px; }
.muted { color: var(--muted); }
dl.record { display: grid; grid-template-columns: minmax(140px, 220px) 1fr; gap: 4px 14px; }
dl.record dt { color: var(--muted); }
dl.record dd { margin: 0; overflow-wrap: anywhere; }
ul.tree, ul.tree ul { list-style: none; padding-left: 18px; margin: 2px 0; }
ul.tree > li { padding: 1px 0; }
ul.tree .key { color: var(--muted); }
pre.value { display: inline; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
.notice { padding: 8px 12px; border-left: 4px solid var(--accent); background: var(--soft); margin: 10px 0; }
.error-box { border-left-color: var(--bad); }
.login { max-width: 420px; margin: 60px auto; }
@media (max-width: 640px) {
  main { padding: 12px; }
  dl.record { grid-template-columns: 1fr; }
  dl.record dt { margin-top: 6px; }
  th.optional, td.optional { display: none; }
  header.top nav.languages { margin-left: 0; }
}
`;

/**
 * The console's script. It stores the browser's time zone in `synclog_tz` when none is set (and
 * reloads once when the page was written in another zone), and runs the live tail, whose texts
 * come in the page's `data-` attributes and whose rows come worded from the server.
 */
export const CONSOLE_JS = `
(function () {
  var root = document.documentElement;
  var hasZone = document.cookie.split('; ').some(function (c) { return c.indexOf('synclog_tz=') === 0; });
  if (!hasZone) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
    if (zone) {
      document.cookie = 'synclog_tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
      var kept = document.cookie.split('; ').some(function (c) { return c.indexOf('synclog_tz=') === 0; });
      // Only when the cookie stuck: a browser refusing cookies would otherwise reload for ever.
      if (kept && zone !== root.getAttribute('data-time-zone') && !document.querySelector('form input[type=password]')) location.reload();
    }
  }
})();
(function () {
  var tail = document.getElementById('tail');
  if (!tail) return;
  var rows = document.getElementById('tail-rows');
  var state = document.getElementById('tail-state');
  var toggle = document.getElementById('tail-toggle');
  var text = function (name) { return tail.getAttribute('data-' + name) || ''; };
  var plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  var number = new Intl.NumberFormat(document.documentElement.lang || 'en');
  var paused = false;
  var held = [];
  function cell(value, cls) { var td = document.createElement('td'); td.textContent = value == null ? '' : String(value); if (cls) td.className = cls; return td; }
  function data(td) { td.setAttribute('translate', 'no'); return td; }
  function show(r) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-event-id', r.event_id);
    var time = document.createElement('td');
    var link = document.createElement('a');
    link.href = '/console/logs/' + encodeURIComponent(r.event_id);
    link.textContent = r.time;
    time.appendChild(link);
    tr.appendChild(time);
    tr.appendChild(cell(r.operation_type));
    var status = cell(r.status_label, 'status status-' + r.status);
    status.setAttribute('data-code', r.status);
    tr.appendChild(status);
    tr.appendChild(data(cell(r.customer, 'optional')));
    tr.appendChild(data(cell(r.text, 'message')));
    rows.insertBefore(tr, rows.firstChild);
    while (rows.children.length > 500) rows.removeChild(rows.lastChild);
  }
  function waiting(count) {
    return (text('waiting-' + plural.select(count)) || text('waiting-other')).replace('{count}', number.format(count));
  }
  function label() { state.textContent = paused ? text('paused') + (held.length ? ': ' + waiting(held.length) : '') : text('live'); }
  toggle.addEventListener('click', function () {
    paused = !paused;
    toggle.textContent = paused ? text('resume') : text('pause');
    toggle.setAttribute('aria-pressed', String(paused));
    if (!paused) { held.forEach(show); held = []; }
    label();
  });
  var source = new EventSource(tail.getAttribute('data-events'));
  source.addEventListener('record', function (e) {
    var r = JSON.parse(e.data);
    if (paused) held.push(r); else show(r);
    label();
  });
  source.addEventListener('open', function () { tail.setAttribute('data-connected', 'true'); label(); });
  source.addEventListener('error', function () { state.textContent = text('reconnecting'); });
})();
`;
