// RFC 4180 rows of a CSV text (a leading BOM must have been taken off): the
// reader the export tests share.
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false, started = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"' && cell === '') { quoted = true; started = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; started = true; continue; }
    if (c === '\r' || c === '\n') {
      if (started || cell !== '' || row.length) { row.push(cell); rows.push(row); }
      row = []; cell = ''; started = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += c; started = true; i++;
  }
  if (started || cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
