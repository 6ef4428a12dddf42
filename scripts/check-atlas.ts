/**
 * Checks the vendored ATLAS list (rules/atlas/techniques.json) against a release of MITRE's
 * ATLAS data: every vendored tactic and technique must exist there with the same name and
 * tactics. Exits 1 on any difference.
 *
 *   npx tsx scripts/check-atlas.ts PATH/TO/dist/ATLAS.yaml   (from github.com/mitre-atlas/atlas-data)
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface AtlasTechnique {
  id: string;
  name: string;
  tactics?: string[];
  'subtechnique-of'?: string;
}
interface AtlasFile {
  version: string;
  matrices: { tactics: { id: string; name: string }[]; techniques: AtlasTechnique[] }[];
}
interface Vendored {
  tactics: Record<string, string>;
  techniques: Record<string, { name: string; tactics?: string[] }>;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: check-atlas ATLAS.yaml');
  process.exit(2);
}
const atlas = parse(readFileSync(file, 'utf8')) as AtlasFile;
const ours = JSON.parse(
  readFileSync(new URL('../rules/atlas/techniques.json', import.meta.url), 'utf8'),
) as Vendored;
const matrix = atlas.matrices[0]!;
const tactics = new Map(matrix.tactics.map((t) => [t.id, t.name]));
const techniques = new Map(matrix.techniques.map((t) => [t.id, t]));
const problems: string[] = [];
const sorted = (a: readonly string[]) => JSON.stringify([...a].sort());

for (const [id, name] of Object.entries(ours.tactics))
  if (tactics.get(id) !== name)
    problems.push(`tactic ${id}: vendored "${name}", ATLAS "${tactics.get(id) ?? 'absent'}"`);
for (const [id, t] of Object.entries(ours.techniques)) {
  const a = techniques.get(id);
  if (!a) {
    problems.push(`technique ${id} (${t.name}): absent from ATLAS ${atlas.version}`);
    continue;
  }
  if (a.name !== t.name) problems.push(`technique ${id}: vendored "${t.name}", ATLAS "${a.name}"`);
  // Sub-techniques inherit their parent's tactics.
  const theirs = a.tactics ?? techniques.get(a['subtechnique-of'] ?? '')?.tactics ?? [];
  if (t.tactics && sorted(t.tactics) !== sorted(theirs))
    problems.push(`technique ${id}: vendored tactics ${t.tactics.join(',')}, ATLAS ${theirs.join(',')}`);
}
console.log(
  `ATLAS ${atlas.version}: ${tactics.size} tactics, ${techniques.size} techniques; vendored ${Object.keys(ours.tactics).length} tactics, ${Object.keys(ours.techniques).length} techniques`,
);
for (const p of problems) console.log(`  ${p}`);
console.log(problems.length ? `${problems.length} difference(s)` : 'no differences');
process.exit(problems.length ? 1 : 0);
