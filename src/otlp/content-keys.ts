/**
 * Attribute keys that carry prompts, completions, tool arguments or document text in the GenAI
 * semantic conventions, OpenLLMetry/Traceloop and OpenInference. They go to the content tier (or
 * nowhere), never into metadata attributes.
 */
const CONTENT_KEY =
  /^(?:gen_ai\.(?:prompt|completion|input|output|system_instructions|tool\.call\.(?:arguments|result)|tool\.definitions)|llm\.(?:input_messages|output_messages|prompts|prompt_template)|input\.value|output\.value|traceloop\.entity\.(?:input|output)|retrieval\.documents\.\d+\.document\.(?:content|metadata)|tool\.parameters|tool_call\.function\.arguments|db\.(?:statement|query\.text)|message\.content|http\.request\.body|http\.response\.body)/;

export function isContentKey(key: string): boolean {
  return CONTENT_KEY.test(key) || /(?:^|\.)(?:content|prompt|completion|messages|arguments)$/.test(key);
}
