/** Synthetic llm.call events of about 1.5 KB, varied enough that no cache makes them free. */
const WORDS =
  'the customer asked about their order status and whether the refund for invoice was processed yesterday please summarise the policy on returns for electronics bought online in the last thirty days'.split(
    ' ',
  );

export function syntheticEvent(i: number): Record<string, unknown> {
  let prompt = '';
  for (let k = 0; prompt.length < 900; k++) prompt += WORDS[(i * 7 + k * 13) % WORDS.length] + ' ';
  let response = '';
  for (let k = 0; response.length < 250; k++) response += WORDS[(i * 3 + k * 11) % WORDS.length] + ' ';
  return {
    kind: 'llm.call',
    caller: `arn:aws:iam::123456789012:role/app-${i % 50}`,
    team: `team-${i % 7}`,
    source_ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
    user_agent: 'openai-node/6.0.0',
    model: i % 3 ? 'gpt-4o-mini' : 'claude-3-5-sonnet-20241022',
    provider: i % 3 ? 'openai' : 'anthropic',
    latency_ms: 200 + (i % 900),
    trace_id: `t${i}`,
    llm: { operation: 'chat', input_tokens: 220 + (i % 80), output_tokens: 60 + (i % 40) },
    content: { prompt, response },
  };
}
