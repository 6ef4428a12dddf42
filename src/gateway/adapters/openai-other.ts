import { openAiUsage } from './openai-chat.js';
import { foldingAccumulator, slotsFor, textOf, type Adapter, type Json, type TextSlot } from './types.js';

const model = (b: Json) => (typeof b.model === 'string' ? b.model : undefined);

export const openAiCompletions: Adapter = {
  operation: 'completion',
  dialect: 'openai',
  kinds: ['openai', 'azure'],
  path: '/completions',
  invalid: (b) =>
    typeof b.prompt === 'string' || Array.isArray(b.prompt)
      ? undefined
      : 'prompt must be a string or an array',
  model,
  stream: (b) => b.stream === true,
  requestSlots: (b) =>
    typeof b.prompt === 'string'
      ? slotsFor(b, 'prompt', 'prompt', 'user')
      : (b.prompt as unknown[]).flatMap((_, i) =>
          slotsFor(b.prompt as unknown as Json, String(i), 'prompt', 'user'),
        ),
  addSystemText(b, text) {
    if (typeof b.prompt === 'string') b.prompt = `${text}\n\n${b.prompt}`;
  },
  prepareStream(b) {
    b.stream_options = { ...((b.stream_options as Json) ?? {}), include_usage: true };
  },
  responseSlots: (j) =>
    ((Array.isArray(j.choices) ? j.choices : []) as Json[]).flatMap((c) => slotsFor(c, 'text', 'response')),
  usage: (j) => openAiUsage(j.usage),
  finish: (j) => ((j.choices as Json[] | undefined)?.[0]?.finish_reason as string | undefined) ?? undefined,
  accumulator: () =>
    foldingAccumulator((j, _e, acc) => {
      for (const c of (Array.isArray(j.choices) ? j.choices : []) as Json[]) {
        if (typeof c.text === 'string') acc.text += c.text;
        if (typeof c.finish_reason === 'string') acc.finish = c.finish_reason;
      }
      if (j.usage) acc.usage = openAiUsage(j.usage);
    }),
  content: (b) => ({
    prompt: typeof b.prompt === 'string' ? b.prompt : (b.prompt as unknown[]).map(textOf).join('\n'),
  }),
};

export const openAiEmbeddings: Adapter = {
  operation: 'embeddings',
  dialect: 'openai',
  kinds: ['openai', 'azure'],
  path: '/embeddings',
  invalid: (b) =>
    typeof b.input === 'string' || Array.isArray(b.input) ? undefined : 'input must be a string or an array',
  model,
  stream: () => false,
  requestSlots: (b) =>
    typeof b.input === 'string'
      ? slotsFor(b, 'input', 'prompt', 'user')
      : (b.input as unknown[]).flatMap((v, i) =>
          typeof v === 'string' ? slotsFor(b.input as unknown as Json, String(i), 'prompt', 'user') : [],
        ),
  addSystemText: () => undefined,
  responseSlots: () => [],
  usage: (j) => openAiUsage(j.usage),
  finish: () => undefined,
  accumulator: () => foldingAccumulator(() => undefined),
  content: (b) => ({
    prompt:
      typeof b.input === 'string'
        ? b.input
        : (b.input as unknown[]).filter((v) => typeof v === 'string').join('\n'),
  }),
};

function responsesInputSlots(b: Json): TextSlot[] {
  if (typeof b.input === 'string') return slotsFor(b, 'input', 'prompt', 'user');
  const out: TextSlot[] = [];
  for (const item of (Array.isArray(b.input) ? b.input : []) as Json[]) {
    if (!item || typeof item !== 'object') continue;
    // A tool's output fed back to the model: where indirect injections arrive.
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      out.push(...slotsFor(item, 'output', 'tool_result', 'tool'));
      continue;
    }
    const role = typeof item.role === 'string' ? item.role : 'user';
    out.push(
      ...slotsFor(
        item,
        'content',
        role === 'system' || role === 'developer' ? 'system_prompt' : 'prompt',
        role,
      ),
    );
  }
  if (typeof b.instructions === 'string') out.push(...slotsFor(b, 'instructions', 'system_prompt', 'system'));
  return out;
}

export const openAiResponses: Adapter = {
  operation: 'responses',
  dialect: 'openai',
  kinds: ['openai', 'azure'],
  path: '/responses',
  invalid: (b) =>
    typeof b.input === 'string' || Array.isArray(b.input) ? undefined : 'input must be a string or an array',
  model,
  stream: (b) => b.stream === true,
  requestSlots: responsesInputSlots,
  addSystemText(b, text) {
    b.instructions = typeof b.instructions === 'string' ? `${text}\n\n${b.instructions}` : text;
  },
  responseSlots(j) {
    const out: TextSlot[] = [];
    for (const item of (Array.isArray(j.output) ? j.output : []) as Json[])
      for (const part of (Array.isArray(item?.content) ? item.content : []) as Json[])
        if (part && typeof part.text === 'string')
          out.push(...slotsFor(part, 'text', 'response', 'assistant'));
    return out;
  },
  usage: (j) => openAiUsage(j.usage),
  finish: (j) => (typeof j.status === 'string' ? j.status : undefined),
  accumulator: () =>
    foldingAccumulator((j, event, acc) => {
      const type = event ?? (typeof j.type === 'string' ? j.type : '');
      if (type === 'response.output_text.delta' && typeof j.delta === 'string') acc.text += j.delta;
      if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
        const r = (j.response ?? {}) as Json;
        acc.usage = openAiUsage(r.usage);
        if (typeof r.status === 'string') acc.finish = r.status;
      }
    }),
  content(b) {
    const slots = responsesInputSlots(b);
    const system = slots.filter((s) => s.field === 'system_prompt').map((s) => s.text);
    return {
      prompt: slots
        .filter((s) => s.field === 'prompt')
        .map((s) => s.text)
        .join('\n'),
      ...(system.length ? { system_prompt: system.join('\n') } : {}),
    };
  },
};
