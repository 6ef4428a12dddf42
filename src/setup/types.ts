import type { z } from 'zod';

/** One block of generated configuration: what it is for, and the text to paste. */
export interface Section {
  title: string;
  /** Fence language: json, sh or hcl. */
  lang: 'json' | 'sh' | 'hcl';
  /** Why the block exists or what to watch for, printed above it. */
  note?: string;
  body: string;
}

export interface SetupProvider<S extends z.ZodType = z.ZodType> {
  name: 'aws' | 'azure' | 'gcp';
  /** Command-line options, validated by `params`; values come from --flag VALUE. */
  options: Record<string, { description: string; default?: string }>;
  params: S;
  heading(p: z.output<S>): string;
  render(p: z.output<S>): Section[];
}

/** JSON as it should be pasted: two-space indentation. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A single-quoted shell word; inputs are validated first, this is the second line of defence. */
export function shq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** An HCL string literal; `${` and `%{` would start a template, so they are escaped. */
export function hcl(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/**
 * A Terraform `jsonencode(...)` of a policy document. JSON object and array syntax is valid HCL,
 * so the policy stays readable; template sequences are escaped as in `hcl`.
 */
export function jsonencode(value: unknown, indent = '  '): string {
  const body = JSON.stringify(value, null, 2)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `jsonencode(${body.split('\n').join(`\n${indent}`)})`;
}
