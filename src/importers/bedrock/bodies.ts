import { isObject, nonNegativeInt } from '../common.js';

/**
 * Reading prompts and responses out of Bedrock request and response bodies. Each vendor's native
 * InvokeModel shape differs; Converse has one shape for all. Unknown shapes yield nothing rather
 * than a guess, and the event still carries its metadata.
 */

export interface Message {
  role: string;
  content: string;
}

export interface InputView {
  system?: string;
  messages?: Message[];
  prompt?: string;
  guardrailId?: string;
  guardrailVersion?: string;
  shape?: string;
}

export interface OutputView {
  response?: string;
  finishReason?: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  ttftMs?: number;
  guardrail?: 'intervened' | 'none';
  shape?: string;
}

/** Text of a content value: a string, or blocks such as `{text}`, `{type:"text",text}`, tool results. */
export function blockText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const b of content) {
    if (typeof b === 'string') parts.push(b);
    else if (isObject(b)) {
      if (typeof b.text === 'string') parts.push(b.text);
      else if (isObject(b.toolResult)) {
        const t = blockText(b.toolResult.content);
        if (t) parts.push(t);
      } else if (b.type === 'tool_result') {
        const t = blockText(b.content);
        if (t) parts.push(t);
      }
    }
  }
  return parts.length ? parts.join('\n') : undefined;
}

function messagesOf(list: unknown[]): { messages: Message[]; system?: string } {
  const messages: Message[] = [];
  const system: string[] = [];
  for (const m of list) {
    if (!isObject(m)) continue;
    const role = typeof m.role === 'string' ? m.role.toLowerCase() : 'user';
    const text = blockText(m.content) ?? (typeof m.message === 'string' ? m.message : undefined);
    if (text === undefined) continue;
    if (role === 'system') system.push(text);
    else messages.push({ role: role === 'chatbot' ? 'assistant' : role.slice(0, 32), content: text });
  }
  return { messages, system: system.length ? system.join('\n') : undefined };
}

export function readInput(body: unknown): InputView {
  if (!isObject(body)) return {};
  const view: InputView = {};
  const guard = isObject(body.guardrailConfig) ? body.guardrailConfig : undefined;
  if (guard) {
    if (typeof guard.guardrailIdentifier === 'string') view.guardrailId = guard.guardrailIdentifier;
    if (typeof guard.guardrailVersion === 'string') view.guardrailVersion = guard.guardrailVersion;
  }
  const topSystem = blockText(body.system) ?? (typeof body.preamble === 'string' ? body.preamble : undefined);
  if (Array.isArray(body.messages)) {
    // Converse, Anthropic Messages, Amazon Nova, Mistral chat, OpenAI-compatible models.
    const { messages, system } = messagesOf(body.messages);
    view.messages = messages;
    view.system = [topSystem, system].filter(Boolean).join('\n') || undefined;
    view.shape = 'messages';
  } else if (typeof body.message === 'string') {
    // Cohere Command R: the new turn, earlier turns in chat_history, the system prompt in preamble.
    const history = Array.isArray(body.chat_history) ? messagesOf(body.chat_history).messages : [];
    view.messages = [...history, { role: 'user', content: body.message }];
    view.system = topSystem;
    view.shape = 'cohere-chat';
  } else if (typeof body.prompt === 'string') {
    // Anthropic text completions, Meta Llama, Mistral, Cohere Command, AI21.
    view.prompt = body.prompt;
    view.system = topSystem;
    view.shape = 'prompt';
  } else if (typeof body.inputText === 'string') {
    view.prompt = body.inputText; // Amazon Titan text and embeddings
    view.shape = 'titan';
  } else if (Array.isArray(body.texts)) {
    view.prompt = body.texts.filter((t): t is string => typeof t === 'string').join('\n'); // Cohere embed
    view.shape = 'embed';
  }
  return view;
}

export function readOutput(body: unknown): OutputView {
  if (Array.isArray(body)) return readStream(body);
  if (!isObject(body)) return {};
  const view: OutputView = {};
  const usage = isObject(body.usage) ? body.usage : undefined;
  if (usage) {
    view.inputTokens = nonNegativeInt(usage.inputTokens ?? usage.input_tokens ?? usage.prompt_tokens);
    view.outputTokens = nonNegativeInt(usage.outputTokens ?? usage.output_tokens ?? usage.completion_tokens);
  }
  const output = isObject(body.output) && isObject(body.output.message) ? body.output.message : undefined;
  if (output) {
    view.response = blockText(output.content); // Converse, Amazon Nova
    view.shape = 'converse';
  } else if (Array.isArray(body.content)) {
    view.response = blockText(body.content); // Anthropic Messages
    view.shape = 'anthropic';
  } else if (typeof body.completion === 'string') {
    view.response = body.completion; // Anthropic text completions
    view.shape = 'anthropic-text';
  } else if (typeof body.generation === 'string') {
    view.response = body.generation; // Meta Llama
    view.inputTokens ??= nonNegativeInt(body.prompt_token_count);
    view.outputTokens ??= nonNegativeInt(body.generation_token_count);
    view.shape = 'meta';
  } else if (Array.isArray(body.results)) {
    const r = body.results.filter(isObject);
    view.response = r.map((x) => (typeof x.outputText === 'string' ? x.outputText : '')).join('\n'); // Titan
    view.finishReason = typeof r[0]?.completionReason === 'string' ? r[0].completionReason : undefined;
    view.inputTokens ??= nonNegativeInt(body.inputTextTokenCount);
    view.outputTokens ??= nonNegativeInt(r.reduce((n, x) => n + (nonNegativeInt(x.tokenCount) ?? 0), 0));
    view.shape = 'titan';
  } else if (Array.isArray(body.generations)) {
    const g = body.generations.filter(isObject); // Cohere Command
    view.response = g.map((x) => (typeof x.text === 'string' ? x.text : '')).join('\n');
    view.finishReason = typeof g[0]?.finish_reason === 'string' ? g[0].finish_reason : undefined;
    view.shape = 'cohere';
  } else if (Array.isArray(body.outputs)) {
    const o = body.outputs.filter(isObject); // Mistral text
    view.response = o.map((x) => (typeof x.text === 'string' ? x.text : '')).join('\n');
    view.finishReason = typeof o[0]?.stop_reason === 'string' ? o[0].stop_reason : undefined;
    view.shape = 'mistral';
  } else if (Array.isArray(body.choices)) {
    const c = body.choices.filter(isObject); // Mistral chat, OpenAI-compatible
    view.response = c
      .map((x) => (isObject(x.message) ? (blockText(x.message.content) ?? '') : ''))
      .join('\n');
    view.finishReason = typeof c[0]?.finish_reason === 'string' ? c[0].finish_reason : undefined;
    view.shape = 'chat-completions';
  } else if (typeof body.text === 'string') {
    view.response = body.text; // Cohere Command R
    view.shape = 'cohere-chat';
  }
  const stop = body.stopReason ?? body.stop_reason;
  if (typeof stop === 'string') view.finishReason ??= stop;
  else if (typeof body.finish_reason === 'string') view.finishReason ??= body.finish_reason;
  if (isObject(body.metrics)) view.latencyMs = nonNegativeInt(body.metrics.latencyMs);
  view.guardrail = guardrailOf(body, view.finishReason);
  return view;
}

function guardrailOf(body: Record<string, unknown>, finish: string | undefined): OutputView['guardrail'] {
  const action = body['amazon-bedrock-guardrailAction'];
  if (action === 'INTERVENED' || finish === 'guardrail_intervened') return 'intervened';
  if (action === 'NONE') return 'none';
  return undefined;
}

/** A streamed response is logged as the list of its chunks; their text is joined. */
function readStream(chunks: unknown[]): OutputView {
  const view: OutputView = { shape: 'stream' };
  const text: string[] = [];
  for (const c of chunks) {
    if (!isObject(c)) continue;
    const delta = isObject(c.delta) ? c.delta : undefined;
    const cbd =
      isObject(c.contentBlockDelta) && isObject(c.contentBlockDelta.delta)
        ? c.contentBlockDelta.delta
        : undefined;
    const piece =
      (typeof cbd?.text === 'string' && cbd.text) ||
      (typeof delta?.text === 'string' && delta.text) ||
      (typeof c.outputText === 'string' && c.outputText) ||
      (typeof c.generation === 'string' && c.generation) ||
      (typeof c.completion === 'string' && c.completion) ||
      (Array.isArray(c.outputs) &&
        isObject(c.outputs[0]) &&
        typeof c.outputs[0].text === 'string' &&
        c.outputs[0].text) ||
      (Array.isArray(c.choices) &&
        isObject(c.choices[0]) &&
        isObject(c.choices[0].delta) &&
        typeof c.choices[0].delta.content === 'string' &&
        c.choices[0].delta.content) ||
      undefined;
    if (piece) text.push(piece);
    const stop =
      (isObject(c.messageStop) && c.messageStop.stopReason) ||
      delta?.stop_reason ||
      c.stop_reason ||
      c.completionReason;
    if (typeof stop === 'string') view.finishReason = stop;
    const meta = isObject(c.metadata) ? c.metadata : undefined;
    if (meta && isObject(meta.usage)) {
      view.inputTokens = nonNegativeInt(meta.usage.inputTokens);
      view.outputTokens = nonNegativeInt(meta.usage.outputTokens);
    }
    if (meta && isObject(meta.metrics)) view.latencyMs = nonNegativeInt(meta.metrics.latencyMs);
    const m = c['amazon-bedrock-invocationMetrics'];
    if (isObject(m)) {
      view.inputTokens ??= nonNegativeInt(m.inputTokenCount);
      view.outputTokens ??= nonNegativeInt(m.outputTokenCount);
      view.latencyMs ??= nonNegativeInt(m.invocationLatency);
      view.ttftMs = nonNegativeInt(m.firstByteLatency);
    }
    if (c['amazon-bedrock-guardrailAction'] === 'INTERVENED') view.guardrail = 'intervened';
  }
  if (text.length) view.response = text.join('');
  if (view.finishReason === 'guardrail_intervened') view.guardrail = 'intervened';
  return view;
}
