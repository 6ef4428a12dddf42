/**
 * Token estimate when the provider reports no usage (some streaming modes, errors): about four
 * characters a token for English under the GPT and Claude tokenizers. Marked as estimated.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.round(text.length / 4));
}
