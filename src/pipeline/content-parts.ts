import type { TextField } from '../detect/types.js';
import type { EventContent } from '../events/schema.js';
import type { ContentPart } from './types.js';

const ROLE_FIELD: Record<string, TextField> = {
  system: 'system_prompt',
  developer: 'system_prompt',
  user: 'prompt',
  assistant: 'other',
  tool: 'tool_result',
  function: 'tool_result',
};

/** Every text of an event's content, labelled with the field detectors know it as. */
export function contentParts(c: EventContent | undefined): ContentPart[] {
  if (!c) return [];
  const parts: ContentPart[] = [];
  const add = (path: string, field: TextField, text: string | undefined) => {
    if (text) parts.push({ path, field, text });
  };
  add('system_prompt', 'system_prompt', c.system_prompt);
  add('prompt', 'prompt', c.prompt);
  c.messages?.forEach((m, i) => add(`messages.${i}.content`, ROLE_FIELD[m.role] ?? 'prompt', m.content));
  add('response', 'response', c.response);
  add('tool_parameters', 'tool_parameters', c.tool_parameters);
  add('tool_result', 'tool_result', c.tool_result);
  add('query', 'prompt', c.query);
  c.snippets?.forEach((s, i) => add(`snippets.${i}`, 'retrieval', s));
  add('body_sample', 'other', c.body_sample);
  add('diff', 'other', c.diff);
  add('input_sample', 'prompt', c.input_sample);
  return parts;
}

/** The text `input_hash` is taken over: the prompt, or the user turns of a chat joined by newlines. */
export function promptText(c: EventContent | undefined): string | undefined {
  if (!c) return undefined;
  if (c.prompt !== undefined) return c.prompt;
  const user = c.messages?.filter((m) => m.role === 'user').map((m) => m.content);
  if (user && user.length) return user.join('\n');
  return c.query ?? c.input_sample;
}

/** Writes `value` at a `contentParts` path. */
export function setContentPart(c: EventContent, path: string, value: string): void {
  const [head, index, leaf] = path.split('.');
  if (head === 'messages' && leaf === 'content') {
    c.messages![Number(index)]!.content = value;
  } else if (head === 'snippets') {
    c.snippets![Number(index)] = value;
  } else {
    (c as Record<string, unknown>)[head!] = value;
  }
}
