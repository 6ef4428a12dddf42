import {
  foldingAccumulator,
  slotsFor,
  textOf,
  type Adapter,
  type Json,
  type TextSlot,
  type Usage,
} from './types.js';

function usageOf(u: unknown): Usage {
  if (!u || typeof u !== 'object') return {};
  const o = u as Json;
  return {
    ...(typeof o.input_tokens === 'number' ? { input: o.input_tokens } : {}),
    ...(typeof o.output_tokens === 'number' ? { output: o.output_tokens } : {}),
  };
}

export const anthropicMessages: Adapter = {
  operation: 'messages',
  dialect: 'anthropic',
  kinds: ['anthropic'],
  path: '/messages',
  invalid: (b) => (Array.isArray(b.messages) ? undefined : 'messages must be an array'),
  model: (b) => (typeof b.model === 'string' ? b.model : undefined),
  stream: (b) => b.stream === true,
  requestSlots(b) {
    const out: TextSlot[] = [...slotsFor(b, 'system', 'system_prompt', 'system')];
    for (const m of (b.messages as Json[]) ?? []) {
      if (!m || typeof m !== 'object') continue;
      const role = typeof m.role === 'string' ? m.role : 'user';
      if (Array.isArray(m.content)) {
        for (const part of m.content as Json[]) {
          if (part?.type === 'tool_result') out.push(...slotsFor(part, 'content', 'tool_result', 'tool'));
          else if (part && typeof part.text === 'string')
            out.push(...slotsFor(part, 'text', role === 'user' ? 'prompt' : 'other', role));
        }
      } else out.push(...slotsFor(m, 'content', role === 'user' ? 'prompt' : 'other', role));
    }
    return out;
  },
  addSystemText(b, text) {
    if (typeof b.system === 'string') b.system = `${text}\n\n${b.system}`;
    else if (Array.isArray(b.system)) (b.system as Json[]).unshift({ type: 'text', text });
    else b.system = text;
  },
  responseSlots: (j) =>
    ((Array.isArray(j.content) ? j.content : []) as Json[]).flatMap((p) =>
      p?.type === 'text' ? slotsFor(p, 'text', 'response', 'assistant') : [],
    ),
  usage: (j) => usageOf(j.usage),
  finish: (j) => (typeof j.stop_reason === 'string' ? j.stop_reason : undefined),
  accumulator: () =>
    foldingAccumulator((j, event, acc) => {
      const type = event ?? (typeof j.type === 'string' ? j.type : '');
      if (type === 'message_start') Object.assign(acc.usage, usageOf((j.message as Json | undefined)?.usage));
      else if (type === 'content_block_delta') {
        const d = j.delta as Json | undefined;
        if (d && typeof d.text === 'string') acc.text += d.text;
      } else if (type === 'message_delta') {
        const u = usageOf(j.usage);
        if (u.output !== undefined) acc.usage.output = u.output;
        const d = j.delta as Json | undefined;
        if (typeof d?.stop_reason === 'string') acc.finish = d.stop_reason;
      }
    }),
  content(b) {
    const messages = ((b.messages as Json[]) ?? [])
      .filter((m) => m && typeof m === 'object')
      .map((m) => ({ role: String(m.role ?? 'user').slice(0, 32), content: textOf(m.content) }));
    const system = textOf(b.system);
    return { messages, ...(system ? { system_prompt: system } : {}) };
  },
};
