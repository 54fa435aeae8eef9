// The console's translations of import rejection reasons (issue 15): every reason central's
// importer can give (read from services/central/store.cpp and csv.cpp, so a new reason without
// a translation fails here) reads in Chinese when the console is in Chinese, and stays as
// central wrote it in English. Runs in node without a browser (ctest console_i18n, < 1 s).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stored = {};
globalThis.localStorage = { getItem: (k) => stored[k] ?? null, setItem: (k, v) => { stored[k] = v; } };
const { reasonText, toggleLanguage, language } = await import(path.join(root, 'web/console/src/i18n.js'));

// sample: a C++ string expression ("a " + std::to_string(n) + " b") with every non-literal
// part replaced by `value`.
function sample(expr, value) {
  let out = '', rest = expr.trim();
  const lit = /^"((?:[^"\\]|\\.)*)"/;
  while (rest.length) {
    const m = lit.exec(rest);
    if (m) {
      out += m[1].replace(/\\(.)/g, '$1');
      rest = rest.slice(m[0].length).trim();
    } else {
      const next = rest.search(/\+\s*"/);  // the next literal
      const part = (next < 0 ? rest : rest.slice(0, next)).replace(/^\+|\+$/g, '').trim();
      if (part && part !== '+') out += value;
      rest = next < 0 ? '' : rest.slice(next);
    }
    rest = rest.replace(/^\+\s*/, '');
  }
  return out;
}

const store = readFileSync(path.join(root, 'services/central/store.cpp'), 'utf8');
const reasons = new Set();
for (const m of store.matchAll(/reject\(\s*(?:"[^"]*"|[\w.]+)\s*,\s*([\s\S]*?)\)(?:,\s*std::nullopt)?;/g)) reasons.add(sample(m[1], '7'));
const csv = readFileSync(path.join(root, 'services/central/csv.cpp'), 'utf8');
for (const m of csv.matchAll(/\*error = ([^;]*);/g)) reasons.add('not a CSV file: ' + sample(m[1], '7'));
assert.ok(reasons.size >= 25, `only ${reasons.size} reasons found: the extraction broke`);

const cjk = /[\u4e00-\u9fff]/;
assert.equal(language(), 'zh-CN');
const missing = [...reasons].filter((r) => !cjk.test(reasonText(r)));
assert.deepEqual(missing, [], 'reasons without a Chinese translation');
// The ID number's own problems (domain/identity.cpp) inside "not a valid ID number (…)".
const identity = readFileSync(path.join(root, 'services/domain/identity.cpp'), 'utf8');
for (const m of identity.matchAll(/id_problem\("(\w+)"\)/g)) {
  const zh = reasonText(`not a valid ID number (${m[1]})`);
  assert.ok(!/[a-z]/.test(zh), `ID problem ${m[1]} untranslated: ${zh}`);
}
assert.equal(reasonText('must be between 1 and 99'), '须在 1 到 99 之间');
assert.equal(reasonText('something new'), 'something new');  // unknown: shown as given

toggleLanguage();
assert.equal(language(), 'en');
for (const r of reasons) assert.equal(reasonText(r), r);
console.log(`console_i18n: ${reasons.size} rejection reasons translated`);
