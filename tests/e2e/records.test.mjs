// Browser walk of issue 7 (canbo as the board's system of record) in Debian's
// Chromium, as the demo officer "canbo" on `canbo demo --cadres 400 --seed 3`:
// add a cadre through the form (a refused first try keeps what was typed),
// find them by typing the name without diacritics, correct their LLCT level
// with an effective date and a reason and see the history on the profile,
// record a rotation that moves them (picked by name, keyboard) and see the new
// post on the profile and in the unit's list, then void a wrongly added cadre
// (a VNI name that went in as "Nguyeãn Vaên Huøng") and see them leave the
// list and the dashboard count. Screenshots in $CANBO_TOP/build/e2e/records-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CANBO, SHOTS, demoSession } from './lib.mjs';

let s, page;

const today = new Date();
const dd = (n) => String(n).padStart(2, '0');
const TODAY = `${dd(today.getDate())}/${dd(today.getMonth() + 1)}/${today.getFullYear()}`;

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  mkdirSync(SHOTS, { recursive: true });
  s = await demoSession(400, 3);
  page = await s.browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(s.base + '/dang-nhap');
  await page.fill('input[name=username]', 'canbo');
  await page.fill('input[name=password]', s.password);
  await Promise.all([page.waitForURL(s.base + '/'), page.click('form[action="/dang-nhap"] button[type=submit]')]);
});

after(async () => s && (await s.stop()));

const shot = (name) => page.screenshot({ path: join(SHOTS, `records-${name}.png`), fullPage: false });
const save = (form) => Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type=submit]`)]);

/** The number on the dashboard's "Tổng số cán bộ" card. */
async function cadreCount() {
  await page.goto(s.base + '/');
  const card = page.locator('.stat', { hasText: 'Tổng số cán bộ' }).locator('.stat-value');
  return Number((await card.innerText()).replace(/\./g, ''));
}

test('an officer keeps a file in the browser: add, find, correct with history, rotate, void', async () => {
  const before = await cadreCount();

  // 1. add a cadre through the form; a first try with a wrong date keeps the typed values
  await page.goto(s.base + '/can-bo');
  await Promise.all([page.waitForURL(/\/them-can-bo$/), page.click('#add-cadre')]);
  await page.fill('#f-full_name', 'Lương Thị Ngọc Ánh');
  await page.fill('#f-birth_date', '31/02/1988');
  await page.selectOption('#f-gender', 'F');
  await page.selectOption('#f-unit_code', 'HX');
  await page.selectOption('#f-llct_level', 'so_cap');
  await save('form.record-form');
  assert.match(await page.locator('#f-birth_date-err').innerText(), /không có ngày 31\/02\/1988/);
  assert.equal(await page.inputValue('#f-full_name'), 'Lương Thị Ngọc Ánh', 'the typed name is kept');
  await shot('add-refused');
  await page.fill('#f-birth_date', '12/05/1988');
  await save('form.record-form');
  assert.match(page.url(), /\/can-bo\/CB\d{6}\?da-luu=1$/);
  const code = /\/can-bo\/(CB\d{6})/.exec(page.url())[1];
  assert.match(await page.locator('.form-lines').innerText(), /LƯƠNG THỊ NGỌC ÁNH/);

  // 2. find them by typing the name without diacritics
  await page.goto(s.base + '/can-bo');
  await page.fill('input[name=q]', 'luong thi ngoc anh');
  await Promise.all([page.waitForLoadState('load'), page.press('input[name=q]', 'Enter')]);
  await page.waitForSelector(`a[href="/can-bo/${code}"]`);
  await Promise.all([page.waitForURL(new RegExp(`/can-bo/${code}$`)), page.click(`a[href="/can-bo/${code}"]`)]);

  // 3. correct the LLCT level from a date, with a reason; the history shows it
  await Promise.all([page.waitForURL(/\/sua$/), page.click('a[href$="/sua"]')]);
  await page.selectOption('#f-llct_level', 'trung_cap');
  await page.fill('#f-effective_date', '01/06/2025');
  await page.fill('#f-reason', 'Bằng tốt nghiệp Trung cấp LLCT số 88/2025');
  await save('form.record-form');
  assert.match(await page.locator('.form-lines').innerText(), /Lý luận chính trị: Trung cấp/);
  const hist = await page.locator('#bo-sung table.history').innerText();
  assert.match(hist, /Lý luận chính trị\s+Sơ cấp\s+Trung cấp\s+01\/06\/2025\s+Bằng tốt nghiệp Trung cấp LLCT số 88\/2025/);
  await shot('profile-history');

  // 4. record a rotation that moves them: the cadre picked by typing a name, with the keyboard
  await page.goto(s.base + '/luan-chuyen');
  await page.click('#rotation-details > summary');
  await page.fill('#f-cadre', 'luong thi ngoc');
  await page.waitForSelector('#f-cadre-list li[role=option]');
  await page.press('#f-cadre', 'ArrowDown');
  await page.press('#f-cadre', 'Enter');
  assert.equal(await page.inputValue('input[name=cadre][data-picker-code]'), code);
  await page.selectOption('#f-kind', 'rotation');
  await page.selectOption('#f-to_unit', 'KL');
  await page.selectOption('#f-to_title', 'PCT_UBND_XA');
  await page.fill('#f-date', TODAY);
  await page.fill('#f-decision_no', '123-QĐ/TU');
  await page.fill('#f-planned_months', '36');
  await save('#rotation-form');
  if (await page.locator('#f-override_reason').count()) { // a rule failed: the officer gives the reason and records it
    await page.fill('#f-override_reason', 'Ban Thường vụ quyết định luân chuyển để đào tạo');
    await save('#rotation-form');
  }
  assert.match(page.url(), /\/luan-chuyen\?ghi=\d+/);
  await page.goto(`${s.base}/can-bo/${code}`);
  const lines = await page.locator('.form-lines').innerText();
  assert.match(lines, /Chức vụ hiện tại: Phó Chủ tịch UBND/);
  assert.match(await page.locator('.form-head').innerText(), /Đơn vị cơ sở: Phường Ka Long/);
  const work = await page.locator('#qua-trinh-cong-tac').innerText();
  assert.match(work, /123-QĐ\/TU/);
  await shot('profile-moved');
  await page.goto(`${s.base}/can-bo?unit=KL&q=luong`);
  assert.equal(await page.locator(`a[href="/can-bo/${code}"]`).count(), 1, 'in the new unit\'s list');
  await page.goto(`${s.base}/can-bo?unit=HX&q=luong`);
  assert.equal(await page.locator(`a[href="/can-bo/${code}"]`).count(), 0, 'no longer in the old unit\'s list');

  // 5. a wrongly added cadre is voided with a reason and leaves the list and the dashboard count
  await page.goto(s.base + '/them-can-bo');
  await page.fill('#f-full_name', 'Nguyeãn Vaên Huøng');
  await page.fill('#f-birth_date', '1970');
  await page.selectOption('#f-gender', 'M');
  await page.selectOption('#f-unit_code', 'HX');
  await save('form.record-form');
  const wrong = /\/can-bo\/(CB\d{6})/.exec(page.url())[1];
  assert.equal(await cadreCount(), before + 2);
  await page.goto(`${s.base}/can-bo/${wrong}/huy`);
  assert.equal(await page.getAttribute('#f-reason', 'required'), '', 'the reason is required');
  await page.fill('#f-reason', 'Tên bị lỗi phông VNI khi nhập từ tệp cũ');
  await save('form[action$="/huy"]');
  assert.match(page.url(), /\/can-bo\?da-huy=/);
  await page.goto(`${s.base}/can-bo?q=nguyeãn`);
  assert.equal(await page.locator(`a[href="/can-bo/${wrong}"]`).count(), 0, 'gone from the list and search');
  assert.equal(await cadreCount(), before + 1, 'and from the dashboard count');
  const gone = await page.goto(`${s.base}/can-bo/${wrong}`);
  assert.equal(gone.status(), 404);
  await shot('voided');
});
