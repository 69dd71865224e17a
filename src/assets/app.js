/*
 * canbo: the little JavaScript the pages use. Everything works without it
 * (the list is searched on the server through a normal GET form); this adds
 * instant search on the cadre list, the "In hồ sơ" print button, the
 * navigation dropdowns' keyboard touches, the calendar of date fields and
 * the suggestions of the cadre picker (web/widgets.c).
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
      tr.appendChild(el('td', c.title_display || c.current_title || c.title || '—'));
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

  /* The pager for page 1 of a new result (as web/widgets.c writes it): "Trang 1/N", then "1 2 3 … N Sau ›". */
  function renderPager(box, total, q, unit, sort) {
    var pages = Math.ceil(total / PAGE_SIZE);
    var nav = el('nav', null, 'pager');
    nav.setAttribute('aria-label', 'Phân trang');
    if (pages <= 1) { box.replaceChildren(nav); return; }
    var ul = el('ul');
    function item(node) { var li = el('li'); li.appendChild(node); ul.appendChild(li); }
    function link(p, label) { var a = el('a', label, 'pg'); a.href = listUrl(q, unit, sort, p); item(a); return a; }
    var cur = el('span', '1', 'pg pg-on');
    cur.setAttribute('aria-current', 'page');
    item(cur);
    for (var p = 2; p <= Math.min(3, pages); p++) link(p, String(p));
    if (pages > 4) item(el('span', '…', 'pg-gap'));
    if (pages > 3) link(pages, String(pages));
    link(2, 'Sau ›').rel = 'next';
    nav.append(el('p', 'Trang 1/' + count(pages) + ' (' + count(total) + ' dòng)', 'pager-info'), ul);
    box.replaceChildren(nav);
  }

  function updateLinks(q, unit, sort) {
    document.querySelectorAll('#sorts a').forEach(function (a) {
      var u = new URL(a.href, location.href);
      var s = u.searchParams.get('sort');
      a.href = listUrl(q, unit, s, 1);
    });
    /* issue 10 exports: the list's files follow the search; the filters the server put in the links stay */
    ['xlsx', 'csv'].forEach(function (f) {
      var a = document.getElementById('export-' + f);
      if (!a) return;
      var u = new URL(a.href, location.href);
      [['q', q], ['unit', unit], ['sort', sort]].forEach(function (kv) {
        if (kv[1]) u.searchParams.set(kv[0], kv[1]); else u.searchParams.delete(kv[0]);
      });
      u.searchParams.set('format', f);
      a.href = u.pathname + u.search;
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

/* ---- Widgets (issue 14, web/widgets.c). Without this code every field still works: a date is typed
   dd/mm/yyyy, a cadre's name is typed and resolved on the server. ---- */

/* The calendar of a date field: the button beside input[data-date] opens a small dialog showing a month
   (week from Monday, days named in Vietnamese); arrows move a day or a week, PageUp/PageDown a month,
   Home/End the week's ends, Enter or Space picks, Escape closes; the field gets DD/MM/YYYY. */
(function () {
  'use strict';
  var DAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
  var DAY_NAMES = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fmt(d) { return pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear(); }
  function same(a, b) { return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate(); }
  /* "30/4/2026", "30/04/2026" or "2026-04-30" -> Date, else null. */
  function parse(s) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s || ''), y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    else if ((m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(s || ''))) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else return null;
    var t = new Date(y, mo - 1, d);
    return t.getFullYear() === y && t.getMonth() === mo - 1 && t.getDate() === d ? t : null;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var open = null; /* {box, input, button} of the calendar shown */

  function close(focusButton) {
    if (!open) return;
    var o = open;
    open = null;
    o.box.remove();
    o.button.setAttribute('aria-expanded', 'false');
    if (focusButton) o.button.focus();
  }

  function show(input, button) {
    close(false);
    var chosen = parse(input.value), today = new Date();
    var focus = chosen || today;
    var box = el('div', 'datepicker');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'false');
    var title = el('span', 'dp-title');
    title.id = input.id + '-dp-title';
    title.setAttribute('aria-live', 'polite');
    box.setAttribute('aria-labelledby', title.id);
    var prev = el('button', '', '‹'), next = el('button', '', '›');
    prev.type = next.type = 'button';
    prev.setAttribute('aria-label', 'Tháng trước');
    next.setAttribute('aria-label', 'Tháng sau');
    var head = el('div', 'dp-head');
    head.append(prev, title, next);
    var table = el('table', 'dp-grid');
    table.setAttribute('role', 'grid');
    var thead = el('thead'), hr = el('tr');
    DAYS.forEach(function (d, i) {
      var th = el('th', '', d);
      th.scope = 'col';
      th.abbr = DAY_NAMES[i];
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    var tbody = el('tbody');
    table.append(thead, tbody);
    var foot = el('div', 'dp-foot'), todayBtn = el('button', '', 'Hôm nay'), closeBtn = el('button', '', 'Đóng');
    todayBtn.type = closeBtn.type = 'button';
    foot.append(todayBtn, closeBtn);
    box.append(head, table, foot);

    function pick(d) {
      input.value = fmt(d);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      close(false);
      input.focus();
    }

    function render(moveFocus) {
      title.textContent = 'Tháng ' + (focus.getMonth() + 1) + '/' + focus.getFullYear();
      var first = new Date(focus.getFullYear(), focus.getMonth(), 1);
      var start = new Date(first);
      start.setDate(1 - ((first.getDay() + 6) % 7)); /* back to Monday */
      tbody.replaceChildren();
      for (var w = 0; w < 6; w++) {
        var tr = el('tr');
        for (var k = 0; k < 7; k++) {
          var d = new Date(start.getFullYear(), start.getMonth(), start.getDate() + w * 7 + k);
          var td = el('td'), b = el('button', '', String(d.getDate()));
          b.type = 'button';
          td.setAttribute('role', 'gridcell');
          b.setAttribute('aria-label', DAY_NAMES[k] + ', ' + fmt(d));
          b.dataset.date = fmt(d);
          if (d.getMonth() !== focus.getMonth()) b.classList.add('dp-out');
          if (same(d, today)) b.classList.add('dp-today');
          b.setAttribute('aria-selected', same(d, chosen) ? 'true' : 'false');
          b.tabIndex = same(d, focus) ? 0 : -1;
          td.appendChild(b);
          tr.appendChild(td);
        }
        tbody.appendChild(tr);
        if (w >= 3 && new Date(start.getFullYear(), start.getMonth(), start.getDate() + (w + 1) * 7).getMonth() !== focus.getMonth()) break;
      }
      if (moveFocus) {
        var cur = tbody.querySelector('button[tabindex="0"]');
        if (cur) cur.focus();
      }
    }

    function move(days, months) {
      var d = new Date(focus.getFullYear(), focus.getMonth() + (months || 0), 1);
      var last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
      focus = months ? new Date(d.getFullYear(), d.getMonth(), Math.min(focus.getDate(), last))
                     : new Date(focus.getFullYear(), focus.getMonth(), focus.getDate() + days);
      render(true);
    }

    prev.addEventListener('click', function () { move(0, -1); });
    next.addEventListener('click', function () { move(0, 1); });
    todayBtn.addEventListener('click', function () { pick(new Date()); });
    closeBtn.addEventListener('click', function () { close(true); });
    tbody.addEventListener('click', function (e) {
      var b = e.target.closest('button');
      if (b) pick(parse(b.dataset.date));
    });
    box.addEventListener('keydown', function (e) {
      var inGrid = e.target.closest && e.target.closest('.dp-grid');
      var keys = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (e.key === 'Escape') { e.preventDefault(); close(true); return; }
      if (!inGrid) return;
      if (keys[e.key]) { e.preventDefault(); move(keys[e.key]); }
      else if (e.key === 'PageUp') { e.preventDefault(); move(0, e.shiftKey ? -12 : -1); }
      else if (e.key === 'PageDown') { e.preventDefault(); move(0, e.shiftKey ? 12 : 1); }
      else if (e.key === 'Home') { e.preventDefault(); move(-((focus.getDay() + 6) % 7)); }
      else if (e.key === 'End') { e.preventDefault(); move(6 - ((focus.getDay() + 6) % 7)); }
      else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(focus); }
    });
    button.parentNode.appendChild(box);
    button.setAttribute('aria-expanded', 'true');
    open = { box: box, input: input, button: button };
    render(true);
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[data-date]'), function (input) {
    var button = input.parentNode.querySelector('.date-btn');
    if (!button) return;
    button.hidden = false;
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', function () {
      if (open && open.input === input) close(true);
      else show(input, button);
    });
  });
  document.addEventListener('mousedown', function (e) {
    if (open && !open.box.contains(e.target) && e.target !== open.button && !open.button.contains(e.target)) close(false);
  });
})();

/* The cadre picker: typing two letters or more of a name (diacritics optional) asks
   /api/v1/cadres?q=&limit=8 and lists the matches under the field (an ARIA combobox: arrows move,
   Enter picks, Escape closes); the pick fills the hidden code and the name. Typing again clears the code. */
(function () {
  'use strict';
  function vnDate(iso) {
    var p = String(iso || '').split('-');
    return p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : p.reverse().join('/');
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[data-picker]'), function (input) {
    var field = input.closest('.field');
    var code = field && field.querySelector('input[data-picker-code]');
    var list = document.getElementById(input.getAttribute('data-picker'));
    var status = document.getElementById(input.id + '-status');
    if (!code || !list || !window.fetch) return;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    var items = [], active = -1, timer = null, seq = 0;

    function say(text) { if (status) status.textContent = text; }
    function hide() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, k) { li.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      if (i >= 0 && list.children[i]) {
        input.setAttribute('aria-activedescendant', list.children[i].id);
        list.children[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function choose(i) {
      var c = items[i];
      if (!c) return;
      code.value = c.code;
      input.value = c.full_name;
      hide();
      say('Đã chọn ' + c.full_name);
    }
    function render() {
      list.replaceChildren();
      items.forEach(function (c, i) {
        var li = document.createElement('li');
        li.id = input.id + '-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.append(document.createTextNode(c.full_name));
        var small = document.createElement('small');
        small.textContent = (c.unit_name || c.unit_code || '—') + (c.birth_date ? ' · sinh ' + vnDate(c.birth_date) : '') +
                            (c.title_display || c.title ? ' · ' + (c.title_display || c.title) : '');
        li.appendChild(small);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!items.length) {
        var none = document.createElement('li');
        none.setAttribute('role', 'option');
        none.setAttribute('aria-disabled', 'true');
        none.textContent = 'Không tìm thấy cán bộ nào';
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
      say(items.length ? items.length + ' gợi ý; dùng phím mũi tên để chọn' : 'Không tìm thấy cán bộ nào');
    }
    function lookup() {
      var q = input.value.trim(), mine = ++seq;
      if (q.length < 2) { hide(); return; }
      fetch('/api/v1/cadres?limit=8&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (d) { if (mine !== seq) return; items = d.items || []; render(); })
        .catch(function () { /* the server resolves the typed name */ });
    }
    input.addEventListener('input', function () {
      code.value = '';
      clearTimeout(timer);
      timer = setTimeout(lookup, 150);
    });
    input.addEventListener('keydown', function (e) {
      var shown = !list.hidden && items.length;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (list.hidden) { lookup(); return; }
        if (shown) mark(active + 1 < items.length ? active + 1 : 0);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (shown) mark(active > 0 ? active - 1 : items.length - 1);
      } else if (e.key === 'Enter') {
        if (shown && active >= 0) { e.preventDefault(); choose(active); }
        else if (shown && items.length === 1) { e.preventDefault(); choose(0); }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); hide(); }
      } else if (e.key === 'Tab') hide();
    });
    input.addEventListener('blur', function () { setTimeout(hide, 150); });
  });
})();
