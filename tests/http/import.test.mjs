// The web import of the files boards keep (CONTRACT §8, issue 8) against a real
// `canbo serve`: every kind offered with its template; a raw TCVN3 CSV with
// Vietnamese headers imported at once and found by the API as "nguyen van hung";
// a NUL byte refused with the CLI's error (multipart is binary-safe); an unknown
// column leads to the mapping step, whose dry run writes nothing, whose import
// writes, and whose choice is remembered for the next file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureDb, startServer, USERS } from './helpers.mjs';

let srv;
before(async () => {
  const { dir, db } = fixtureDb();
  srv = await startServer(db, dir);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

async function client(name) {
  const body = new URLSearchParams({ username: name, password: USERS[name].password });
  const res = await fetch(srv.base + '/dang-nhap', { method: 'POST', body, redirect: 'manual' });
  const cookie = /canbo_session=([0-9a-f]+)/.exec(res.headers.get('set-cookie'))[1];
  const get = (path, opts = {}) =>
    fetch(srv.base + path, { redirect: 'manual', ...opts, headers: { Cookie: `canbo_session=${cookie}`, ...(opts.headers || {}) } });
  const home = await (await get('/')).text();
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(home)[1];
  const upload = (kind, bytes, filename, extra = {}) => {
    const fd = new FormData();
    fd.set('csrf', csrf);
    fd.set('kind', kind);
    for (const [k, v] of Object.entries(extra)) fd.set(k, v);
    fd.set('file', new Blob([bytes]), filename);
    return get('/nhap-du-lieu', { method: 'POST', body: fd });
  };
  return { get, csrf, upload };
}

const tcvn3 = (s) => spawnSync('iconv', ['-f', 'UTF-8', '-t', 'TCVN5712-1'], { input: s }).stdout;

test('every kind is offered, with a template that is an xlsx', async () => {
  const c = await client('officer');
  const page = await (await c.get('/nhap-du-lieu')).text();
  for (const k of ['units', 'titles', 'cadres', 'positions', 'trainings', 'planning', 'evaluations', 'disciplines',
    'rotations', 'appointments', 'relatives'])
    assert.match(page, new RegExp(`<option value="${k}"`), k);
  assert.match(page, /accept="\.csv,\.xlsx,\.xls/);
  const t = await c.get('/nhap-du-lieu/mau/rotations');
  assert.equal(t.status, 200);
  assert.match(t.headers.get('content-disposition'), /mau-rotations\.xlsx/);
  assert.equal(Buffer.from(await t.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assert.equal((await c.get('/nhap-du-lieu/mau/nothing')).status, 404);
});

test('a raw TCVN3 CSV with Vietnamese headers is imported at once and found by name', async () => {
  const c = await client('officer');
  const csv = 'STT,Họ và tên,Giới tính,Ngày sinh,Đơn vị\n1,Nguyễn Văn Hùng,Nam,15/03/1980,Xã Hải Xuân\n' +
    '2,Đặng Thị Ánh,Nữ,2/9/1985,Xã Hải Xuân\n3,Vương Ngọc Ổn,Nam,1979,Phường Ka Long\n';
  const res = await c.upload('cadres', tcvn3(csv), 'danh-sach.csv');
  const html = await res.text();
  assert.equal(res.status, 200, html);
  assert.match(html, /Đã nhập 3 dòng \(Cán bộ\)\./);
  assert.match(html, /bảng mã: <strong>TCVN3/);
  const api = await (await c.get('/api/v1/cadres?q=nguyen%20van%20hung')).json();
  assert.equal(api.total, 1);
  assert.equal(api.items[0].full_name, 'Nguyễn Văn Hùng');
  assert.equal(api.items[0].unit_code, 'HX');
  const on = await (await c.get('/api/v1/cadres?q=vuong%20ngoc%20on')).json();
  assert.equal(on.items[0].full_name, 'Vương Ngọc Ổn');
});

test('a NUL byte in the upload gets the same error as the CLI, nothing written', async () => {
  const c = await client('officer');
  const bytes = Buffer.from('code,full_name,gender,birth_date,unit_code\nN01,Lê\0Văn,M,1980,HX\n');
  const res = await c.upload('cadres', bytes, 'nul.csv');
  const html = await res.text();
  assert.equal(res.status, 400);
  assert.match(html, /<tr><td class="num">2<\/td><td>2 \(full_name\)<\/td><td>có byte NUL/);
  assert.equal((await c.get('/can-bo/N01')).status, 404);
});

const WB = join(dirname(fileURLToPath(import.meta.url)), '../cli/fixtures/workbooks');

test('an .xls upload is read (FreeXL in a child process of the server), a crafted one refused', async () => {
  const c = await client('officer');
  const res = await c.upload('cadres', readFileSync(join(WB, 'board_cadres.xls')), 'board_cadres.xls');
  const html = await res.text();
  assert.equal(res.status, 400, 'the units of that board are not in this database');
  assert.match(html, /Tệp «board_cadres\.xls» \(xls\), trang tính «board_cadres»/);
  assert.match(html, /<tr><td class="num">5<\/td><td>Đơn vị<\/td><td>không có đơn vị nào có mã hoặc tên &quot;Đảng bộ phường Hải Xuân&quot;/);
  const bad = await c.upload('cadres', readFileSync(join(WB, 'freexl_overread.xls')), 'x.xls');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /tệp \.xls bị hỏng/);
  assert.equal((await c.get('/nhap-du-lieu')).status, 200, 'the server goes on');
});

test('bytes that are not UTF-8 never reach the page (errors, mapping, preview)', async () => {
  const c = await client('officer');
  const bytes = Buffer.from('code,full_name,gender,birth_date,unit_code,x\xff\nA1,L\xff,M,1980,HX,1\n', 'latin1');
  const res = await c.upload('cadres', bytes, 'bad.csv');
  const buf = Buffer.from(await res.arrayBuffer());
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(buf));
  assert.match(buf.toString(), /tệp không phải UTF-8 hợp lệ \(byte 0xFF/);
});

test('the count of errors is written the Vietnamese way, and a file without codes does not make a person twice', async () => {
  const c = await client('officer');
  let csv = 'code,full_name,gender,birth_date,unit_code\n';
  for (let i = 0; i < 1001; i++) csv += `E${i},Lê Văn E,M,31/02/1980,HX\n`;
  let page = await (await c.upload('cadres', Buffer.from(csv), 'nhieu-loi.csv')).text();
  assert.match(page, /Tệp có 1\.001 lỗi\./);
  csv = 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\nTrịnh Văn Hai,Nam,02/02/1982,HX\n';
  assert.match(await (await c.upload('cadres', Buffer.from(csv), 'hai.csv')).text(), /Đã nhập 1 dòng/);
  page = await (await c.upload('cadres', Buffer.from(csv), 'hai.csv')).text();
  assert.match(page, /Tệp có 1 lỗi\./);
  assert.match(page, /đã có hồ sơ CB\d+ «Trịnh Văn Hai», sinh 02\/02\/1982/);
});

test('an unknown column leads to the mapping step; dry run, import, remembered', async () => {
  const c = await client('officer');
  const csv = 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Mã đơn vị,Số điện thoại\nM01,Mai Văn Một,Nam,1990,HX,0912\n';
  const res = await c.upload('cadres', csv, 'co-so-dien-thoai.csv');
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /id="mapping-form"/);
  assert.match(html, /<option value="\?" selected>— chưa chọn —<\/option>/);
  assert.match(html, /<td>Mai Văn Một<\/td>/, 'preview after conversion');
  const token = /name="token" value="([0-9a-f]+)"/.exec(html)[1];
  const map = (action) => {
    const body = new URLSearchParams({ csrf: c.csrf, token, kind: 'cadres', ncols: '6', action,
      col_0: 'code', col_1: 'full_name', col_2: 'gender', col_3: 'birth_date', col_4: 'unit_code', col_5: '' });
    return c.get('/nhap-du-lieu/anh-xa', { method: 'POST', body });
  };
  const dry = await map('check');
  assert.equal(dry.status, 200);
  assert.match(await dry.text(), /Kiểm tra xong: 1 dòng hợp lệ, chưa ghi gì/);
  assert.equal((await c.get('/can-bo/M01')).status, 404, 'a dry run writes nothing');
  const imp = await map('import');
  assert.equal(imp.status, 200);
  assert.match(await imp.text(), /Đã nhập 1 dòng \(Cán bộ\)\./);
  assert.equal((await c.get('/can-bo/M01')).status, 200);
  const again = await c.upload('cadres', csv.replace(/M01/g, 'M02'), 'lan-sau.csv');
  assert.equal(again.status, 200);
  assert.match(await again.text(), /Đã nhập 1 dòng/, 'the board\'s mapping was remembered');
  const other = await client('admin');
  const body = new URLSearchParams({ csrf: other.csrf, token, kind: 'cadres', ncols: '0', action: 'import' });
  assert.equal((await other.get('/nhap-du-lieu/anh-xa', { method: 'POST', body })).status, 400, 'another user\'s upload');
});

test('an event file naming its cadres: the mapping says so in Vietnamese, and remembers it', async () => {
  const c = await client('officer');
  const csv = 'Họ và tên,Ngày sinh,Chương trình,Ngày bắt đầu,Trạng thái,Ghi chú lớp\n' +
    'Đặng Văn Đạt,,llct_trung_cap,01/03/2024,studying,lớp A\n';
  const res = await c.upload('trainings', csv, 'lop-trung-cap.csv');
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /id="mapping-form"/);
  const selected = [...html.matchAll(/<select id="col_(\d+)"[^>]*>([\s\S]*?)<\/select>/g)]
    .map((m) => (/<option value="([^"]*)" selected>/.exec(m[2]) || [])[1]);
  assert.deepEqual(selected, ['_name', '_birth', 'program', 'start_date', 'status', '?'],
    'the name column is the cadre\'s name, not "Mã cán bộ"');
  assert.match(html, /<option value="cadre_code">Mã cán bộ<\/option>/);
  assert.doesNotMatch(html, /\((cadre_code|program|start_date)\)<\/option>/, 'no English field names');
  const token = /name="token" value="([0-9a-f]+)"/.exec(html)[1];
  const body = new URLSearchParams({ csrf: c.csrf, token, kind: 'trainings', ncols: '6', action: 'import',
    col_0: '_name', col_1: '_birth', col_2: 'program', col_3: 'start_date', col_4: 'status', col_5: 'name' });
  const imp = await c.get('/nhap-du-lieu/anh-xa', { method: 'POST', body });
  assert.match(await imp.text(), /Đã nhập 1 dòng \(Đào tạo, bồi dưỡng\)\./);
  const again = await c.upload('trainings', csv.replace('01/03/2024', '01/03/2025'), 'lop-sau.csv');
  assert.match(await again.text(), /Đã nhập 1 dòng/, 'the name column was remembered as the cadre\'s name');
});

test('the web import with "Sửa hồ sơ đã có": rows whose code exists correct those records with history', async () => {
  const c = await client('officer');
  const csv = 'Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Đơn vị,Dân tộc\nC002,Đặng Văn Đạt,Nam,1980,HX,Tày\n' +
    'C901,Phan Thị Mới,Nữ,15/04/1991,KL,Kinh\n';
  let res = await c.upload('cadres', Buffer.from(csv), 'sua.csv');
  assert.equal(res.status, 400, 'without the option an existing code is an error');
  assert.match(await res.text(), /bị trùng/);
  res = await c.upload('cadres', Buffer.from(csv), 'sua.csv', { update: '1' });
  const html = await res.text();
  assert.equal(res.status, 200, html.slice(0, 400));
  assert.match(html, /thêm mới 1, sửa 1 hồ sơ, 0 dòng không thay đổi/);
  const hist = await (await c.get('/api/v1/cadres/C002/history')).json();
  const e = hist.items.find((x) => x.field === 'ethnicity');
  assert.equal(e.new, 'Tày');
  assert.equal(e.reason, 'nhập tệp sua.csv');
  assert.equal(e.source, 'import');
});

test('a file of many bad rows lists its first 1,000 errors and says how many there are', async () => {
  const c = await client('officer');
  let csv = 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\n';
  for (let i = 0; i < 1200; i++) csv += `Lê Văn Một,Nam,31/02/1980,Xã Hải Xuân\n`;
  const res = await c.upload('cadres', Buffer.from(csv), 'nhieu-loi.csv');
  const html = await res.text();
  assert.equal(res.status, 400);
  assert.match(html, /Tệp có 1\.200 lỗi\./);
  assert.match(html, /Dưới đây là 1\.000 lỗi đầu tiên/);
  assert.equal(html.split('<tbody>')[1].split('</tbody>')[0].split('<tr>').length - 1, 1000);
});

test('an encoding the page does not offer is refused with the ones it does, nothing written', async () => {
  const c = await client('officer');
  const before = (await (await c.get('/api/v1/cadres?q=le%20van%20muoi%20hai')).json()).total;
  const csv = 'Họ và tên,Giới tính,Ngày sinh,Đơn vị\nLê Văn Mười Hai,Nam,01/02/1980,Xã Hải Xuân\n';
  const res = await c.upload('cadres', Buffer.from(csv), 'ds.csv', { encoding: 'latin9' });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /Bảng mã không có trong danh sách: chọn Tự nhận ra, Unicode \(UTF-8\)/);
  assert.equal((await (await c.get('/api/v1/cadres?q=le%20van%20muoi%20hai')).json()).total, before);
});
