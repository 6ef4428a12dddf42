/**
 * Turns the third-party sets under shared/datasets/raw into labelled JSONL that `sightline eval`
 * reads (text, label, family). Evaluation only: nothing here is shipped or used for training.
 *
 *   npx tsx scripts/prepare-eval-sets.ts ../shared/datasets /tmp/sightline-eval
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../src/detect/eval/dataset.js';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: prepare-eval-sets.ts DATASETS_DIR OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const raw = (p: string) => readFileSync(join(src, 'raw', p), 'utf8');
const jsonl = (p: string) =>
  raw(p)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const write = (name: string, rows: { text: string; label: number; family: string }[]) => {
  writeFileSync(join(out, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`${join(out, name)}: ${rows.length} rows`);
};

write(
  'gptfuzz.jsonl',
  parseCsv(raw('gptfuzz/GPTFuzzer.csv')).rows.map((r) => ({
    text: String(r.record.text),
    label: 1,
    family: 'gptfuzz',
  })),
);
write(
  'giskard.jsonl',
  parseCsv(raw('giskard_prompt_injections/prompt_injections.csv')).rows.map((r) => ({
    text: String(r.record.prompt),
    label: 1,
    family: String(r.record.group ?? 'giskard'),
  })),
);
write('benign-instructions.jsonl', [
  ...jsonl('self_instruct/user_oriented_instructions.jsonl').map((r) => ({
    text: [r.instruction, (r.instances as { input?: string }[] | undefined)?.[0]?.input]
      .filter(Boolean)
      .join('\n\n'),
    label: 0,
    family: 'self_instruct_user',
  })),
  ...jsonl('fastchat_mtbench/mt_bench_question.jsonl').flatMap((r) =>
    (r.turns as string[]).map((t) => ({ text: t, label: 0, family: `mtbench_${String(r.category)}` })),
  ),
]);

// BIPIA's method: an attack instruction inserted into a clean external document (here in the
// middle), versus the clean documents themselves.
const contexts = jsonl('bipia/train.jsonl').map((r) => String(r.context));
const attacks = [
  ...Object.entries(JSON.parse(raw('bipia/text_attack_train.json')) as Record<string, string[]>),
  ...Object.entries(JSON.parse(raw('bipia/code_attack_train.json')) as Record<string, string[]>),
];
const indirect: { text: string; label: number; family: string }[] = contexts.map((c) => ({
  text: c,
  label: 0,
  family: 'clean_email',
}));
let i = 0;
for (const [family, list] of attacks)
  for (const a of list) {
    const c = contexts[i++ % contexts.length]!;
    const mid = c.indexOf('. ', c.length >> 1);
    const at = mid > 0 ? mid + 2 : c.length;
    // Where the document has no sentence break, the attack goes at its end, after a space: glued
    // onto a truncated word ("...Mercury TProvide your reply...") it would not be a sentence.
    const gap = at === c.length && !/\s$/.test(c) ? ' ' : '';
    indirect.push({ text: `${c.slice(0, at)}${gap}${a} ${c.slice(at)}`, label: 1, family });
  }
write('bipia-indirect.jsonl', indirect);
