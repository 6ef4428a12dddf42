import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { packagePath } from '../util/package-root.js';
import { checkThreat } from './atlas.js';
import { ruleSchema, type Rule } from './schema.js';
import { buildTestEvents } from './test-events.js';

export interface RuleLoadError {
  file: string;
  line?: number;
  path: string;
  message: string;
}

export interface LoadedRules {
  rules: Rule[];
  /** One entry per problem; a broken file costs only its own rule. */
  errors: RuleLoadError[];
  files: Map<string, string>;
}

export function formatLoadError(e: RuleLoadError): string {
  return `${e.file}${e.line ? `:${e.line}` : ''}: ${e.path}: ${e.message}`;
}

/** The shipped rule pack. */
export function builtInRulesDir(): string {
  return packagePath('rules', 'pack');
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Parses one rule file; errors carry the file, the line when known and the path inside the rule. */
export function parseRuleFile(file: string, text: string): { rule?: Rule; errors: RuleLoadError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length)
    return {
      errors: doc.errors.map((e) => ({
        file,
        line: lc.linePos(e.pos[0]).line,
        path: '(yaml)',
        message: e.message.split('\n')[0]!,
      })),
    };
  let raw: unknown;
  try {
    // Aliases are resolved here: an unresolved one or an alias bomb throws, and must cost only
    // this file, named, not the whole rule set.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      errors: [
        { file, path: '(yaml)', message: e instanceof Error ? e.message.split('\n')[0]! : 'unreadable YAML' },
      ],
    };
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as
        { range?: [number] } | undefined;
      if (node?.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = ruleSchema.safeParse(raw);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => ({
        file,
        line: lineOf(i.path),
        path: i.path.length ? i.path.map(String).join('.') : '(root)',
        message: i.message + (i.code === 'unrecognized_keys' ? `: ${i.keys.join(', ')}` : ''),
      })),
    };
  const rule = parsed.data;
  const errors: RuleLoadError[] = [];
  rule.threat.forEach((t, i) => {
    for (const m of checkThreat(t))
      errors.push({ file, line: lineOf(['threat', i]), path: `threat.${i}`, message: m });
  });
  rule.tests.forEach((t, i) => {
    try {
      buildTestEvents(t.events);
    } catch (err) {
      errors.push({
        file,
        line: lineOf(['tests', i]),
        path: `tests.${i}.events`,
        message: (err as Error).message,
      });
    }
  });
  return errors.length ? { errors } : { rule, errors };
}

/** Loads every `*.yaml` under the given folders; checks ids are unique and correlations name known rules. */
export function loadRules(dirs: readonly string[] = [builtInRulesDir()]): LoadedRules {
  const rules: Rule[] = [];
  const errors: RuleLoadError[] = [];
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const path of yamlFiles(dir)) {
      const file = relative(process.cwd(), path) || basename(path);
      const r = parseRuleFile(file, readFileSync(path, 'utf8'));
      errors.push(...r.errors);
      if (!r.rule) continue;
      if (files.has(r.rule.id)) {
        errors.push({
          file,
          path: 'id',
          message: `duplicate rule id ${r.rule.id} (also in ${files.get(r.rule.id)})`,
        });
        continue;
      }
      files.set(r.rule.id, file);
      rules.push(r.rule);
    }
  }
  const ids = new Set(rules.map((r) => r.id));
  for (const r of rules) {
    if (r.type !== 'correlation') continue;
    r.signals.forEach((s, i) => {
      if (!ids.has(s))
        errors.push({ file: files.get(r.id)!, path: `signals.${i}`, message: `no rule with id ${s}` });
    });
  }
  return { rules, errors, files };
}
