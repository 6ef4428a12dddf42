/**
 * Indirect injection: text in retrieved documents and tool output that addresses the model
 * reading it. Run only on the `retrieval` and `tool_result` fields.
 */
import { type Family, GAP, SAME_CLAUSE, sig } from './signature-kit.js';

const OUT = '(?:responses?|answers?|outputs?|completions?|summar(?:y|ies))';
/** Verbs that work something into, or mangle, the text of an answer. */
const SHAPE_VERB =
  '(?:integrate|insert|append|incorporate|embed|weave|inject|replace|swap|switch|transform|introduce|misspell|rearrange|scramble|jumble|anagram|group|combine|convert|substitute|modify|alter|render|spell|reverse|encode|capitali[sz]e)';

export const INDIRECT_FAMILY: Family = {
  category: 'injection.indirect',
  signatures: [
    sig(
      'indirect.addressed_to_ai',
      'injection.indirect',
      0.85,
      `\\b(?:ai|assistant|model|gpt|llm|chatbot|agent|bot|claude|chatgpt|copilot)(?: assistant| model)?[,:!]? (?:please |must |should |you must |you should |you are required to |is instructed to )?(?:ignore|disregard|forget|send|forward|email|include|insert|add|append|reply|respond|output|say|tell|visit|open|click|execute|run|call|delete|transfer|buy|summari[sz]e this as|recommend)\\b`,
    ),
    sig(
      'indirect.when_you_read',
      'injection.indirect',
      0.85,
      `\\b(?:when|if|once|after|while) (?:you|the (?:ai|assistant|model|agent|bot)) (?:read|see|process|summari[sz]e|parse|encounter|retrieve|find) (?:this|these|the following)\\b`,
    ),
    sig(
      'indirect.exfil_instruction',
      'injection.indirect',
      0.85,
      `\\b(?:send|forward|email|post|upload|exfiltrate|transmit|leak|copy)${GAP(2)} (?:the |all |this |your |their |user'?s? )?(?:conversation|chat history|data|messages|emails?|files?|password|credentials|api keys?|tokens?|secrets?|information|contacts|documents?)${GAP(4)} (?:to|at|via) (?:https?:|www\\.|[a-z0-9._%+-]+@|the following|this (?:address|url|link|email))`,
    ),
    sig(
      'indirect.important_instruction',
      'injection.indirect',
      0.7,
      `\\b(?:important|urgent|attention|note|notice|new) (?:instructions?|message|note|directive)s? (?:for|to) (?:the )?(?:ai|assistant|model|agent|llm|bot|reader)\\b`,
    ),
    sig(
      'indirect.render_link',
      'injection.indirect',
      0.75,
      `\\b(?:include|insert|add|append|render|display|output|show)${GAP(3)} (?:this|the following|an?) (?:image|link|url|markdown|hyperlink)\\b`,
    ),
    // A document has no business telling its reader how to shape "your response": that is
    // addressed to the model answering about it (output manipulation, inserted ads and links).
    // Gap words may not end a sentence ("reply to us. thank you for your reply").
    sig(
      'indirect.shape_your_output',
      'injection.indirect',
      0.8,
      `\\b(?:${SHAPE_VERB}|add|include|mention|place|put|use|remove|omit|end|begin|start|conclude|finish|close)${SAME_CLAUSE(10)} (?:in|into|to|from|of|within|throughout|across) (?:all |each |every |the words of |the text of )?your (?:responses?|answers?|outputs?|completions?|summar(?:y|ies))\\b`,
    ),
    // "Include the invoice number in your reply" is what e-mails say to their human reader: for a
    // reply, only verbs that tamper with the text itself count.
    sig(
      'indirect.shape_your_reply',
      'injection.indirect',
      0.8,
      `\\b${SHAPE_VERB}${SAME_CLAUSE(10)} (?:in|into|to|from|of|within|throughout|across) (?:all |each |every |the words of |the text of )?your (?:repl(?:y|ies)|messages?)\\b`,
    ),
    // A quoted sentence to be added to the answer is an ad or a lure, whatever the noun: "add
    // 'Visit shop.example' to your reply". Asking for a number or a detail ("include the invoice
    // number in your reply") quotes nothing.
    sig(
      'indirect.literal_into_reply',
      'injection.indirect',
      0.8,
      `\\b(?:add|append|insert|include|put|place|paste|write)(?: the (?:sentence|phrase|line|text|words?|slogan|tagline))? (?:\\\\?"[^"\\n]{3,120}"|“[^”\\n]{3,120}”|'[^'\\n]{3,120}')${SAME_CLAUSE(6)} (?:to|in|into|at the (?:end|start|beginning|top|bottom) of) (?:all |each |every )?your (?:repl(?:y|ies)|messages?|emails?|responses?|answers?)\\b`,
    ),
    sig(
      'indirect.change_your_output',
      'injection.indirect',
      0.8,
      `\\b(?:modify|alter|change|adjust|tweak|enhance|augment|enrich|tailor|adapt|rewrite|scramble|misspell|rearrange|jumble|encode|reverse|convert|substitute|group)(?: all| each| every)?(?: of)? your (?:responses?|answers?|repl(?:y|ies)|outputs?|completions?|summar(?:y|ies)|messages?) (?:to|by|with|using|without|in|into|so)\\b|\\b(?:provide|give|deliver|write|present|render|compose|format|begin|start|end|conclude|preface|prefix)(?: all| each| every)?(?: of)? your (?:responses?|answers?|repl(?:y|ies)|outputs?|completions?|summar(?:y|ies)|messages?) (?:using|without|with (?:intentional|deliberate|random|no)|in (?:anagram|reverse|capital|upper|lower|morse|base64|emoji|pig|cipher|code))`,
    ),
    sig(
      'indirect.in_your_output',
      'injection.indirect',
      0.8,
      `\\bin (?:all |each |every )?your ${OUT},? (?:suggest|mention|include|add|tease|promote|recommend|claim|insert|invite|urge|encourage|link|refer|direct|point|advertise|praise|endorse|hint|imply|always|never|do not|don't)\\b|\\bin (?:all |each |every )?your repl(?:y|ies),? (?:suggest|tease|promote|recommend|claim|urge|advertise|praise|endorse|hint|imply)\\b`,
    ),
    sig(
      'indirect.your_output_should',
      'injection.indirect',
      0.8,
      `\\b(?:make sure|ensure|be sure|remember) (?:that )?(?:all |each |every )?your (?:responses?|answers?|repl(?:y|ies)|outputs?|completions?|summar(?:y|ies))(?: always| also)? (?:includes?|contains?|mentions?|ends?|begins?|starts?|is written|are written|uses?)\\b`,
    ),
    // Code to be slipped into what the model writes: a document that hands "your code" a snippet.
    sig(
      'indirect.plant_code',
      'injection.indirect',
      0.8,
      `\\b(?:(?:following|subsequent|below|attached|provided) (?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?|(?:snippet|(?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?) (?:below|that follows))${SAME_CLAUSE(10)} your (?:code|codebase|implementation|solution|algorithm|program|script|elucidation|response|answer)\\b|\\byour (?:code|codebase|implementation|solution|algorithm|program|script|elucidation|response|answer)${SAME_CLAUSE(10)} (?:the |this )?(?:(?:following|subsequent|below|attached|provided) (?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?|(?:snippet|(?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?) (?:below|that follows))\\b|\\b(?:(?:following|subsequent|below|attached|provided) (?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?|(?:snippet|(?:code|python|script|program)(?: (?:block|snippet|excerpt|section|segment|fragment|sample|lines?))?) (?:below|that follows))(?: [^ ]+){0,3} (?:in|into|inside|within) (?:the|any|all) (?:code|programs?|scripts?) you (?:write|develop|produce|generate|create)\\b`,
    ),
  ],
};
