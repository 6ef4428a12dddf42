import type { TextField } from '../../detect/types.js';
import {
  foldingAccumulator,
  slotsFor,
  textOf,
  type Adapter,
  type Json,
  type TextSlot,
  type Usage,
} from './types.js';

const ROLE_FIELD: Record<string, TextField> = {
  system: 'system_prompt',
  developer: 'system_prompt',
  user: 'prompt',
  tool: 'tool_result',
  function: 'tool_result',
  assistant: 'other',
};

export function openAiUsage(u: unknown): Usage {
  if (!u || typeof u !== 'object') return {};
  const o = u as Json;
  const input = o.prompt_tokens ?? o.input_tokens;
  const output = o.completion_tokens ?? o.output_tokens;
  return {
    ...(typeof input === 'number' ? { input } : {}),
    ...(typeof output === 'number' ? { output } : {}),
  };
}

export const openAiChat: Adapter = {
  operation: 'chat',
  dialect: 'openai',
  kinds: ['openai', 'azure'],
  path: '/chat/completions',
  invalid: (b) => (Array.isArray(b.messages) ? undefined : 'messages must be an array'),
  model: (b) => (typeof b.model === 'string' ? b.model : undefined),
  stream: (b) => b.stream === true,
  requestSlots(b) {
    const out: TextSlot[] = [];
    for (const m of (b.messages as Json[]) ?? []) {
      if (!m || typeof m !== 'object') continue;
      const role = typeof m.role === 'string' ? m.role : 'user';
      out.push(...slotsFor(m, 'content', ROLE_FIELD[role] ?? 'other', role));
    }
    return out;
  },
  addSystemText(b, text) {
    (b.messages as Json[]).unshift({ role: 'system', content: text });
  },
  prepareStream(b) {
    // Without this OpenAI sends no usage in a stream and the tokens would be estimates.
    const opts = (b.stream_options && typeof b.stream_options === 'object' ? b.stream_options : {}) as Json;
    b.stream_options = { ...opts, include_usage: true };
  },
  responseSlots(j) {
    const out: TextSlot[] = [];
    for (const c of (Array.isArray(j.choices) ? j.choices : []) as Json[]) {
      const msg = c?.message as Json | undefined;
      if (msg) out.push(...slotsFor(msg, 'content', 'response', 'assistant'));
    }
    return out;
  },
  usage: (j) => openAiUsage(j.usage),
  finish: (j) => {
    const c = (Array.isArray(j.choices) ? j.choices[0] : undefined) as Json | undefined;
    return typeof c?.finish_reason === 'string' ? c.finish_reason : undefined;
  },
  accumulator: () =>
    foldingAccumulator((j, _event, acc) => {
      for (const c of (Array.isArray(j.choices) ? j.choices : []) as Json[]) {
        const d = c?.delta as Json | undefined;
        if (d && typeof d.content === 'string') acc.text += d.content;
        if (typeof c?.finish_reason === 'string') acc.finish = c.finish_reason;
      }
      if (j.usage) acc.usage = openAiUsage(j.usage);
    }),
  content(b) {
    const messages = ((b.messages as Json[]) ?? [])
      .filter((m) => m && typeof m === 'object')
      .map((m) => ({ role: String(m.role ?? 'user').slice(0, 32), content: textOf(m.content) }));
    const system = messages
      .filter((m) => m.role === 'system' || m.role === 'developer')
      .map((m) => m.content);
    return { messages, ...(system.length ? { system_prompt: system.join('\n') } : {}) };
  },
};
