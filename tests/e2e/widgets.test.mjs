// The widgets of issue 14 in Debian's Chromium through playwright-core, on
// `canbo demo --cadres 300 --seed 7`: a date field reads and shows
// DD/MM/YYYY in an English-language browser; its calendar (Vietnamese days,
// months by PageUp/PageDown, arrows, Enter, Escape) writes DD/MM/YYYY;
// without JavaScript the field alone works and 31/02 comes back with its
// reason next to it. The cadre picker suggests as one types a name without
// diacritics (arrows, Enter, Escape) and fills the code; without JavaScript
// the typed name is resolved on the server, several matches come back as
// radio buttons to choose from.
// Not for: what the pages compute (tests/http).
// Env: CANBO = path of the binary (required), CANBO_TOP = source top (optional).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CANBO, demoSession } from './lib.mjs';

let demo, browser, base, password;

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  demo = await demoSession(300, 7);
  ({ browser, base, password } = demo);
});

after(async () => { if (demo) await demo.stop(); });

/** A logged-in page of the officer in a new context with `opts` (locale, javaScriptEnabled). */
async function officerPage(opts) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[04]/.test(m.text())) errors.push(m.text()); });
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('canbo');
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  return { ctx, page, errors };
}

test('dates: DD/MM/YYYY in an English browser, the calendar by keyboard, 31/02 refused without JavaScript',
  { timeout: 60000 }, async () => {
    const { ctx, page, errors } = await officerPage({ locale: 'en-US' });
    await page.goto(base + '/quy-hoach/ra-soat?date=2026-12-04');
    const field = page.getByLabel('Ngày rà soát');
    assert.equal(await field.inputValue(), '04/12/2026');
    assert.equal(await field.getAttribute('placeholder'), 'dd/mm/yyyy');
    assert.match(await page.locator('.page-head').innerText(), /ngày rà soát 04\/12\/2026/);

    // the calendar: opens on the field's month, days of week in Vietnamese, keyboard moves, Enter writes DD/MM/YYYY
    const button = page.locator('.field-date', { has: field }).getByRole('button', { name: 'Mở lịch chọn ngày' });
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('.dp-title').innerText(), 'Tháng 12/2026');
    assert.deepEqual(await dialog.locator('thead th').allInnerTexts(), ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.date), '04/12/2026');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await dialog.count(), 0);
    assert.equal(await field.inputValue(), '12/12/2026');
    await button.click();
    await page.keyboard.press('PageDown');
    assert.equal(await dialog.locator('.dp-title').innerText(), 'Tháng 1/2027');
    await page.keyboard.press('Escape');
    assert.equal(await dialog.count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Mở lịch chọn ngày');
    await button.click();
    await dialog.getByRole('button', { name: 'Thứ Năm, 31/12/2026' }).click();
    assert.equal(await field.inputValue(), '31/12/2026');
    await Promise.all([page.waitForURL(/date=31%2F12%2F2026/), page.getByRole('button', { name: 'Rà soát' }).click()]);
    assert.match(await page.locator('.page-head').innerText(), /ngày rà soát 31\/12\/2026/);
    assert.deepEqual(errors, []);
    await ctx.close();

    // without JavaScript: no calendar button, the text field alone; 31/02 comes back with its reason
    const nojs = await officerPage({ locale: 'en-US', javaScriptEnabled: false });
    await nojs.page.goto(base + '/quy-hoach/ra-soat');
    assert.equal(await nojs.page.getByRole('button', { name: 'Mở lịch chọn ngày' }).count(), 0);
    await nojs.page.getByLabel('Ngày rà soát').fill('31/02/2026');
    await nojs.page.getByRole('button', { name: 'Rà soát' }).click();
    await nojs.page.waitForLoadState('load');
    const err = nojs.page.locator('#f-date-err');
    assert.match(await err.innerText(), /không có ngày 31\/02\/2026 \(tháng 2\/2026 có 28 ngày\)/);
    assert.equal(await nojs.page.getByLabel('Ngày rà soát').getAttribute('aria-invalid'), 'true');
    await nojs.ctx.close();
  });

test('the cadre picker: suggestions by keyboard with JavaScript, the server resolves the name without', { timeout: 60000 },
  async () => {
    const { ctx, page, errors } = await officerPage({ locale: 'vi-VN' });
    const people = await (await page.request.get(base + '/api/v1/cadres?limit=500')).json();
    const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    const names = people.items.map((c) => c.full_name);
    const unique = people.items.find((c) => names.filter((n) => n === c.full_name).length === 1 &&
      names.filter((n) => fold(n).startsWith(fold(c.full_name))).length === 1);
    const other = people.items.find((c) => c !== unique && names.filter((n) => n === c.full_name).length === 1);

    await page.goto(base + '/quan-he-gia-dinh');
    await page.locator('#relative-details summary').click();
    const box = page.getByRole('combobox', { name: 'Cán bộ', exact: true });
    await box.fill(fold(unique.full_name));
    const list = page.locator('#f-cadre-list');
    await list.getByRole('option', { name: new RegExp(`^${unique.full_name}`) }).waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    assert.ok(await box.getAttribute('aria-activedescendant'));
    await page.keyboard.press('Enter');
    assert.equal(await box.inputValue(), unique.full_name);
    assert.equal(await page.locator('#relative-form input[type="hidden"][name="cadre"]').inputValue(), unique.code);
    assert.equal(await list.isHidden(), true);
    await box.fill('zz');
    await box.fill(fold(other.full_name).split(' ').slice(0, 2).join(' '));
    await list.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await list.isHidden(), true);
    assert.equal(await page.locator('#relative-form input[type="hidden"][name="cadre"]').inputValue(), '', 'typing clears the code');
    assert.deepEqual(errors, []);
    await ctx.close();

    // without JavaScript: a family name alone matches several people -> radio buttons; one chosen -> recorded
    const nojs = await officerPage({ locale: 'vi-VN', javaScriptEnabled: false });
    const p = nojs.page;
    await p.goto(base + '/quan-he-gia-dinh');
    await p.locator('#relative-details summary').click();
    await p.getByRole('textbox', { name: 'Cán bộ', exact: true }).fill('nguyen');
    await p.getByLabel('Người thân là … của cán bộ').selectOption('sibling');
    await p.getByRole('textbox', { name: 'Người thân (cũng là cán bộ)' }).fill(fold(unique.full_name));
    await p.getByRole('button', { name: 'Ghi', exact: true }).click();
    await p.waitForLoadState('load');
    const cands = p.locator('fieldset#f-cadre');
    assert.match(await cands.locator('legend').innerText(), /Cán bộ: chọn một người/);
    assert.match(await p.locator('#error-summary').innerText(), /Chưa lưu: 1 trường chưa hợp lệ/);
    const radios = cands.getByRole('radio');
    assert.ok(await radios.count() >= 2);
    const chosen = await radios.first().getAttribute('value');
    await radios.first().check();
    assert.equal(await p.locator('input[type="hidden"][name="relative"]').inputValue(), unique.code, 'the resolved relative is kept');
    await p.getByRole('button', { name: 'Ghi', exact: true }).click();
    await p.waitForURL(/\/quan-he-gia-dinh\?ghi=\d+/);
    const pairs = await p.locator('#pairs').innerText();
    assert.ok(pairs.includes(unique.full_name), 'the pair is listed');
    assert.ok((await p.locator(`#pairs a[href="/can-bo/${chosen}"]`).count()) >= 1);
    await nojs.ctx.close();
  });
