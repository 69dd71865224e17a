/*
 * canbo: the little JavaScript the pages use. Everything works without it
 * (the list is searched on the server through a normal GET form); this adds
 * instant search on the cadre list and the "In hồ sơ" print button.
 * Loaded with `defer` from /assets/app.js (CSP: script-src 'self').
 * Text is inserted with textContent only, never innerHTML.
 */
(function () {
  'use strict';

  var PAGE_SIZE = 50;

  function gender(g) { return g === 'F' ? 'Nữ' : g === 'M' ? 'Nam' : '—'; }

  /* "1988-03-07" -> "07/03/1988", "1988-03" -> "03/1988"; anything else unchanged. */
  function vnDate(iso) {
    if (!iso) return '—';
    var p = String(iso).split('-');
    return p.reverse().join('/');
  }

  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function listUrl(q, unit, sort, page) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    if (unit) params.set('unit', unit);
    if (sort) params.set('sort', sort);
    if (page > 1) params.set('page', String(page));
    var s = params.toString();
    return '/can-bo' + (s ? '?' + s : '');
  }

  function renderRows(tbody, items) {
    var frag = document.createDocumentFragment();
    items.forEach(function (c, i) {
      var tr = el('tr');
      tr.appendChild(el('td', String(i + 1), 'num'));
      var name = el('td');
      var a = el('a', c.full_name);
      a.href = '/can-bo/' + encodeURIComponent(c.code);
      name.appendChild(a);
      tr.appendChild(name);
      tr.appendChild(el('td', c.code));
      tr.appendChild(el('td', gender(c.gender)));
      tr.appendChild(el('td', vnDate(c.birth_date)));
      tr.appendChild(el('td', c.current_title || c.title || '—'));
      tr.appendChild(el('td', c.unit_name || c.unit_code || '—'));
      frag.appendChild(tr);
    });
    if (!items.length) {
      var tr0 = el('tr');
      var td = el('td', 'Không có cán bộ nào phù hợp.', 'empty');
      td.colSpan = 7;
      tr0.appendChild(td);
      frag.appendChild(tr0);
    }
    tbody.replaceChildren(frag);
  }

  function renderCount(box, total) {
    box.replaceChildren(document.createTextNode('Tìm thấy '), el('strong', count(total)),
                        document.createTextNode(' cán bộ'));
  }

  /* The pager for page 1 of a new result: "1 2 3 … N Sau ›". */
  function renderPager(nav, total, q, unit, sort) {
    var pages = Math.ceil(total / PAGE_SIZE);
    if (pages <= 1) { nav.replaceChildren(); return; }
    var ul = el('ul');
    function item(node) { var li = el('li'); li.appendChild(node); ul.appendChild(li); }
    function link(p, label) { var a = el('a', label, 'pg'); a.href = listUrl(q, unit, sort, p); item(a); }
    var cur = el('span', '1', 'pg pg-on');
    cur.setAttribute('aria-current', 'page');
    item(cur);
    for (var p = 2; p <= Math.min(3, pages); p++) link(p, String(p));
    if (pages > 4) item(el('span', '…', 'pg-gap'));
    if (pages > 3) link(pages, String(pages));
    link(2, 'Sau ›');
    nav.replaceChildren(ul);
  }

  function updateLinks(q, unit, sort) {
    document.querySelectorAll('#sorts a').forEach(function (a) {
      var u = new URL(a.href, location.href);
      var s = u.searchParams.get('sort');
      a.href = listUrl(q, unit, s, 1);
    });
    ['xlsx', 'csv'].forEach(function (f) {
      var a = document.getElementById('export-' + f);
      if (!a) return;
      a.href = '/xuat/cadres?format=' + f + (unit ? '&unit=' + encodeURIComponent(unit) : '');
    });
  }

  function instantSearch() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var unitSel = document.getElementById('unit');
    var tbody = document.getElementById('results');
    var countBox = document.getElementById('count');
    var pager = document.getElementById('pager');
    if (!form || !input || !tbody || !countBox || !window.fetch) return;
    var sortInput = form.querySelector('input[name="sort"]');
    var timer = null, seq = 0, ctrl = null;

    function run() {
      var q = input.value.trim(), unit = unitSel ? unitSel.value : '';
      var sort = sortInput ? sortInput.value : '';
      var mine = ++seq;
      if (ctrl) ctrl.abort();
      ctrl = window.AbortController ? new AbortController() : null;
      var api = '/api/v1/cadres?limit=' + PAGE_SIZE + (q ? '&q=' + encodeURIComponent(q) : '') +
                (unit ? '&unit=' + encodeURIComponent(unit) : '') + (sort ? '&sort=' + encodeURIComponent(sort) : '');
      form.setAttribute('aria-busy', 'true');
      fetch(api, { credentials: 'same-origin', headers: { Accept: 'application/json' },
                   signal: ctrl ? ctrl.signal : undefined })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (data) {
          if (mine !== seq) return;
          renderRows(tbody, data.items || []);
          renderCount(countBox, data.total || 0);
          if (pager) renderPager(pager, data.total || 0, q, unit, sort);
          updateLinks(q, unit, sort);
          history.replaceState(null, '', listUrl(q, unit, sort, 1));
        })
        .catch(function () { /* keep the server-rendered list; the form still works */ })
        .then(function () { if (mine === seq) form.removeAttribute('aria-busy'); });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    }
    input.addEventListener('input', later);
    if (unitSel) unitSel.addEventListener('change', later);
  }

  function printButton() {
    var b = document.getElementById('print-btn');
    if (b) b.addEventListener('click', function () { window.print(); });
  }

  instantSearch();
  printButton();
})();

/* ---- Congress plan page (helper cong): the cadre box of "add member" suggests cadres
   from /api/v1/cadres into <datalist id="congress-cadres">; the form works without it. ---- */
(function () {
  'use strict';
  var list = document.getElementById('congress-cadres');
  if (!list) return;
  var timer = null, seq = 0;
  function fill(items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (c) {
      var o = document.createElement('option');
      o.value = c.code + ' ' + c.full_name;
      list.appendChild(o);
    });
  }
  function lookup(q) {
    var mine = ++seq;
    fetch('/api/v1/cadres?limit=12&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (d) { if (mine === seq) fill(d.items || []); })
      .catch(function () { /* suggestions are optional */ });
  }
  Array.prototype.forEach.call(document.querySelectorAll('input.congress-cadre'), function (input) {
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(function () { lookup(q); }, 150);
    });
  });
})();

/* Navigation dropdowns (pages_layout.c, helper dash): they open and close without JavaScript (<details>);
   this only keeps one group open at a time, closes it on Escape (focus back on its button) and on a
   click elsewhere. */
(function () {
  'use strict';
  var groups = document.querySelectorAll('.mainnav .nav-group > details');
  if (!groups.length) return;
  function closeAll(except) {
    Array.prototype.forEach.call(groups, function (d) { if (d !== except) d.open = false; });
  }
  Array.prototype.forEach.call(groups, function (d) {
    d.addEventListener('toggle', function () { if (d.open) closeAll(d); });
    d.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !d.open) return;
      d.open = false;
      d.querySelector('summary').focus();
    });
  });
  document.addEventListener('click', function (e) {
    if (!e.target.closest || !e.target.closest('.mainnav .nav-group')) closeAll(null);
  });
})();
