import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map(); const dt = p.timeDeltas; const idx = new Map(p.nodes.map((n, i) => [n.id, n]));
const cnt = new Map(); for (const s of p.samples) cnt.set(s, (cnt.get(s) ?? 0) + 1);
let total = 0;
for (const [id, c] of cnt) { const n = idx.get(id); const f = n.callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`; self.set(k, (self.get(k) ?? 0) + c); total += c; }
const byFile = new Map();
for (const [k, c] of self) { const f = k.split(' ')[1].split(':')[0]; byFile.set(f, (byFile.get(f) ?? 0) + c); }
console.log('TOP SELF'); [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, c]) => console.log((100 * c / total).toFixed(1).padStart(5), k));
console.log('BY FILE'); [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20).forEach(([k, c]) => console.log((100 * c / total).toFixed(1).padStart(5), k));
