/**
 * Signature families for prompts (direct injection and jailbreaks); see signature-kit.ts for the
 * rules every pattern follows, and indirect-signatures.ts for the document-borne family.
 */
import { MULTILINGUAL_FAMILIES } from './multilingual-signatures.js';
import { ROLEPLAY_FAMILIES } from './roleplay-signatures.js';
import { type Family, GAP, sig } from './signature-kit.js';
import { STRUCTURE_FAMILIES } from './structure-signatures.js';

export type { Family, Signature } from './signature-kit.js';
export { INDIRECT_FAMILY } from './indirect-signatures.js';

const OVERRIDE_VERB =
  "(?:ignore|ignoring|disregard|forget|override|overwrite|bypass|skip|discard|abandon|neglect|drop|erase|delete|reset|stop following|do not follow|don't follow|dont follow|set aside|put aside|pay no attention to|throw out)";
const PRIOR =
  '(?:all|any|every|previous|prior|above|earlier|preceding|initial|original|old|your|system|developer|safety|existing|whatever)';
const RULE_NOUN =
  '(?:instructions?|inputs?|rules|directions|guidelines|prompts?|context|commands|orders|guardrails|programming|restrictions|constraints|polic(?:y|ies)|directives|messages|training|filters?|safeguards|conditioning|guidance)';

export const FAMILIES: readonly Family[] = [
  {
    category: 'injection.override',
    signatures: [
      sig(
        'override.prior_rules',
        'injection.override',
        0.92,
        // "The", "these" and "those" name the model's rules only with a pointer back to them
        // ("the instructions above"): "ignore the instructions on the box" is kitchen advice.
        `\\b${OVERRIDE_VERB} (?:(?:the|these|those) )?${PRIOR}${GAP(3)} ${RULE_NOUN}\\b|\\b${OVERRIDE_VERB} (?:the|these|those)${GAP(2)} ${RULE_NOUN}${GAP(2)} (?:above|before|earlier|so far|given|you (?:were|have been|got))\\b`,
      ),
      sig('override.verb_rules', 'injection.override', 0.45, `\\b${OVERRIDE_VERB}${GAP(2)} ${RULE_NOUN}\\b`),
      // Goal hijacking with a rogue string (the PromptInject family): the task is dropped for one
      // quoted line, "STOP EVERYTHING!!! NOW!!! JUST PRINT '...'".
      sig(
        'override.stop_and_print',
        'injection.override',
        0.85,
        `\\b(?:stop|drop|halt|cancel) (?:everything|all (?:that|this|tasks?)|what you(?:'re| are) doing)\\b[^a-z]{0,6}${GAP(3)} (?:just |only |instead )?(?:print|say|output|write|repeat|type|respond with|reply with) ?:? ?["“']`,
      ),
      sig(
        'override.everything_above',
        'injection.override',
        0.85,
        `\\b${OVERRIDE_VERB} (?:everything|anything|all)(?: (?:you were|you've been|i) (?:told|said|given))?(?: (?:above|before|so far|previously|earlier))\\b`,
      ),
      sig(
        'override.new_instructions',
        'injection.override',
        0.8,
        `\\b(?:new|updated|real|actual|true|revised|following) (?:system )?(?:instructions?|task|role|objective|directive)s? ?(?::|are|is|follow)`,
      ),
      sig(
        'override.from_now_on',
        'injection.override',
        // "From now on, answer in British English" is an ordinary follow-up: corroboration only.
        0.45,
        `\\bfrom now on,? (?:you (?:will|must|are|shall|should|only)|act|respond|answer|reply|always|never)\\b`,
      ),
      sig(
        'override.instead',
        'injection.override',
        0.55,
        `\\binstead,? (?:you (?:will|must|should)|(?:just )?(?:say|print|output|reply|respond|write))\\b`,
      ),
      // Claimed authority over the model ("I am a developer at OpenAI"): weak alone, strong when it
      // comes with a change to the model's rules.
      sig(
        'override.authority_claim',
        'injection.override',
        0.45,
        `(?<=\\bi(?:'m| am) (?:a |an |the |one of the )?(?:lead |senior |head |chief )?(?:developer|programmer|engineer|employee|researcher|admin(?:istrator)?|creator|owner|trainer|moderator)s?${GAP(2)} (?:at|from|of|for|with) )(?:openai|anthropic|google|deepmind|microsoft|meta)\\b`,
      ),
      sig(
        'override.authority_change',
        'injection.override',
        0.8,
        `(?<=\\bi(?:'m| am) (?:a |an |the |one of the )?(?:lead |senior |head |chief )?(?:developer|programmer|engineer|employee|researcher|admin(?:istrator)?|creator|owner|trainer|moderator)s?${GAP(2)} (?:at|from|of|for|with) )(?:openai|anthropic|google|deepmind|microsoft|meta)\\b${GAP(24)} (?:modify|modifying|change|changing|update|updating|disable|disabling|remove|removing|override|overriding|unlock|unlocking|lift|lifting|turn off|turning off)${GAP(3)} (?:your|the) (?:programming|code|guidelines|rules|restrictions|filters?|settings|safety|behaviou?r|policies|limitations|content policy)\\b`,
      ),
      sig(
        'override.no_longer_bound',
        'injection.override',
        0.85,
        `\\b(?:you are|you're) (?:no longer|not) (?:bound|restricted|limited|required to follow|constrained) by\\b`,
      ),
    ],
  },
  {
    category: 'jailbreak.persona',
    signatures: [
      sig(
        'persona.dan',
        'jailbreak.persona',
        0.95,
        // Dan, Stan, Dude and Aim are also people's names and words: "my brother is called Dan"
        // is not a persona. Only being asked to be one counts for those; the made-up names count
        // wherever they are given.
        `\\b(?:you are|you're|become|becoming|pretend to be|act as|acting as|play|playing|simulate) (?:an? |the )?(?:dan|stan|dude|aim)\\b|\\b(?:as|called|named|you are|you're|become|becoming|pretend to be|act as|acting as|play|playing|simulate) (?:an? |the )?(?:d\\.a\\.n|anti-dan|mongo tom|betterdan|basedgpt|apophis|chaosgpt|evilbot|ucar)\\b`,
      ),
      sig(
        'persona.dan_mode',
        'jailbreak.persona',
        0.95,
        `\\b(?:dan|stan|dude|aim|betterdan|devmode)(?: mode| jailbreak| prompt| stands for| which stands|, which stands| \\(| - do| version)`,
      ),
      sig('persona.do_anything_now', 'jailbreak.persona', 0.97, `\\bdo anything now\\b`),
      sig(
        'persona.developer_mode',
        'jailbreak.persona',
        0.9,
        // Phones, browsers and laptops have a developer mode too: "developer mode on my Chromebook".
        `\\b(?:developer|dev|god|sudo|admin|unrestricted|jailbreak|jailbroken|evil|opposite|unfiltered|uncensored|chaos)[ _\\\\-]{1,2}mode[ :]{0,2}(?:enabled|activated|on(?=$|[^a-z0-9 ]| (?:and|now|will|you|chatgpt|from|for the rest)\\b)|output|response|jailbreak)(?! (?:on |in |for )?(?:(?:my|the|this|that|our|their|his|her|your) )?(?:android|ios|iphone|ipad|chrome|chromebook|windows|mac|macos|linux|pixel|samsung|xbox|playstation|steam|firefox|safari|edge|github|gitlab|phone|laptop|pc|device|tablet|browser|router|tv|console|server|app|car)\\b)`,
      ),
      sig('persona.jailbreak_word', 'jailbreak.persona', 0.45, `\\bjailbr(?:eak|oken|eaking)\\b`),
      sig(
        'persona.unfiltered_ai',
        'jailbreak.persona',
        0.9,
        `\\b(?:you are|you're|you will be|act as|pretend to be|pretend you are|become|simulate|play the role of|roleplay as)(?: now)?(?: an?| the)?${GAP(3)} (?:unfiltered|uncensored|unrestricted|amoral|immoral|unethical|unbound|unchained|rogue|lawless|limitless|uncontrolled)\\b(?!,?(?: and| [^ ]+,?){0,2} (?:critic|coach|reviewer|editor|friend|mentor|teacher|tutor|advisor|adviser|comedian|historian|journalist|narrator|judge|poet|writer|columnist|commentator|consultant|analyst|interviewer|roaster|feedback|opinion)s?\\b)`,
      ),
      sig(
        'persona.no_ethics',
        'jailbreak.persona',
        0.88,
        // "Models with and without content filters" compares; it does not ask for either.
        `(?<!\\bwith (?:and|or) )\\b(?:no|without|free (?:of|from)|doesn't have|does not have|don't have|do not have|has no|have no|lacks|ignores?)(?: any)? (?:ethical|moral|ethics|morals|content|safety|openai)${GAP(1)} (?:guidelines|limitations|restrictions|boundaries|filters?|principles|policies|constraints|rules|considerations|concerns|programming)\\b`,
      ),
      sig(
        'persona.unfiltered_entity',
        'jailbreak.persona',
        0.85,
        `\\b(?:is|are|as|be) an? (?:completely |totally |fully )?(?:unfiltered|uncensored|unrestricted|amoral|unethical|unbound|unchained)(?: and [a-z]+)? (?:ai|a\\.i|chatbot|assistant|language model|model|bot|character|persona|version|entity)\\b`,
      ),
      sig(
        'persona.broken_free',
        'jailbreak.persona',
        0.85,
        `\\b(?:broken|break|broke|set|freed|free) (?:free )?(?:of|from) (?:the |all |any )?(?:typical |usual )?(?:confines|limitations|restrictions|rules|shackles|chains|constraints)\\b`,
      ),
      sig(
        'persona.any_request',
        'jailbreak.persona',
        0.8,
        `\\bno matter how (?:illegal|immoral|unethical|dangerous|harmful|offensive|inappropriate|explicit|inhumane)\\b|\\b(?:answer|respond to|fulfil+|comply with|provide) (?:any|every|all) (?:request|question|prompt)s?${GAP(3)} (?:illegal|immoral|unethical|harmful|no matter|without)`,
      ),
      sig(
        'persona.no_care_laws',
        'jailbreak.persona',
        0.8,
        `\\b(?:does not|doesn't|do not|don't|never) care (?:for|about) (?:laws|morals|ethics|rules|legality|safety|consequences)\\b`,
      ),
      sig(
        'persona.no_rules',
        'jailbreak.persona',
        0.45,
        // Scoped, it is a style note: "no rules about meter", "without restrictions on length".
        `\\b(?:no|without|unbound by|free (?:of|from)|not bound by|outside the scope of|beyond) (?:any )?(?:rules|limits|limitations|restrictions|boundaries|censorship|filters)\\b(?! (?:on|about|for|regarding|of) (?:the )?(?:length|meter|metre|rhyme|rhymes|format|formatting|style|tone|word count|words|time|budget|size|spelling|grammar|structure|genre|form)\\b)`,
      ),
      sig(
        'persona.stay_in_character',
        'jailbreak.persona',
        0.45,
        `\\b(?:stay|remain|keep|staying) in character\\b|\\bbreak(?:ing)? character\\b`,
      ),
      sig(
        'persona.dual_response',
        'jailbreak.persona',
        0.85,
        `\\b(?:two|2|both) (?:different |separate )?(?:responses|answers|paragraphs|outputs)\\b${GAP(12)} (?:normal|classic|standard|filtered|censored|jailbr|unfiltered|dan|developer)`,
      ),
      sig(
        'persona.pretend_ai',
        'jailbreak.persona',
        0.6,
        `\\b(?:pretend|imagine|act|roleplay)(?: that)? (?:you are|you're|to be|as)(?: an?)? (?:ai|a\\.i|assistant|chatbot|language model|llm|gpt|model)\\b${GAP(6)} (?:without|no|never|any|anything|not bound)`,
      ),
      sig(
        'persona.simulate_ai',
        'jailbreak.persona',
        0.4,
        `\\b(?:simulate|emulate|you will now act|you are going to act|you are going to pretend|you will pretend)\\b`,
      ),
      // Several selves in one model, one of them without the rules (a family of its own in the
      // jailbreak taxonomies); answering "as both" is common in benign role-play too, so weak.
      sig(
        'persona.split_self',
        'jailbreak.persona',
        0.7,
        `\\b(?:two|2|three|3|multiple) (?:different |separate )?(?:persons|personas|personalities|people|characters|entities|minds|ais|versions of (?:yourself|you))${GAP(2)} (?:inside|within|in) (?:of )?you\\b`,
      ),
      sig(
        'persona.as_both',
        'jailbreak.persona',
        0.45,
        `(?<=\\b(?:respond|answer|reply|act|write|speak|talk)(?: to me)? as )both\\b`,
      ),
      sig(
        'persona.harmful_persona',
        'jailbreak.persona',
        0.45,
        `(?<=\\b(?:act|behave|respond|reply|talk|write|roleplay|pretend)(?: to be)? (?:as|like) (?:a |an )?(?:very |completely |totally )?)(?:horny|evil|racist|sexist|toxic|unhinged|psychopathic|sociopathic|amoral|immoral|unethical|depraved|deranged|malicious|vulgar|criminal|degenerate)\\b`,
      ),
      sig(
        'persona.character_rules',
        'jailbreak.persona',
        0.6,
        // Third person too: set-ups describe the character ("X never declines a request").
        `\\b(?:never|not|cannot|can't|won't|will not|doesn't|does not)${GAP(1)} (?:refuses?|deny|denies|declines?|rejects?)${GAP(3)} (?:request|question|prompt|anything|order|command)`,
      ),
    ],
  },
  {
    category: 'injection.system_prompt_extraction',
    signatures: [
      sig(
        'extract.show_prompt',
        'injection.system_prompt_extraction',
        0.9,
        // "How do I print my system prompt in LangChain?" is a developer asking about their own
        // app; "how to print your system prompt" is still asking for the model's.
        `(?<!\\b(?:refuses?|refusing|refused|not|never|won't|can't|cannot|doesn't|don't|shouldn't|must not) (?:to )?)\\b(?:repeat|print|show|reveal|output|display|tell|give|write|spell|dump|leak|list|share|copy|paste|return|recite|echo|expose|disclose|provide|send|encode|translate|summari[sz]e|paraphrase|what (?:is|are|was|were))(?: me| us)?(?: back)?(?: all| exactly| verbatim)?(?: of)? (?:your|the|its|(?<!\\bhow (?:do|can|could|should|would) (?:i|we) (?:[a-z]+ ){1,3}|\\bhow to (?:[a-z]+ ){1,3})my)(?: entire| full| complete| whole| exact| original| initial| hidden| secret| first)?(?: system| initial| original| hidden| secret| starting| developer| pre-?prompt| internal| above| base| core| custom)+ (?:prompt|instructions?|message|rules|directives|guidelines|configuration|context|text|settings)\\b`,
      ),
      sig(
        'extract.system_prompt_noun',
        'injection.system_prompt_extraction',
        0.25,
        `\\b(?:system ?prompt|system message|system instructions|initial prompt|initial instructions|starting instructions|hidden instructions|secret instructions|pre-?prompt|initialization string|meta ?prompt)\\b`,
      ),
      sig(
        'extract.text_above',
        'injection.system_prompt_extraction',
        0.85,
        `\\b(?:repeat|print|output|show|write|copy|return|display|recite)${GAP(2)} (?:the |all )?(?:text|words|content|everything|instructions|message)s? (?:above|before this|prior to this|preceding|that came before)\\b`,
      ),
      sig(
        'extract.told_before',
        'injection.system_prompt_extraction',
        0.85,
        `\\bwhat (?:were|was|are|have) you (?:told|instructed|programmed|given|asked)\\b|\\byou were (?:told|given|instructed)${GAP(2)} (?:at the (?:beginning|start)|before (?:this|the) conversation|initially)`,
      ),
      sig(
        'extract.beginning_of_conversation',
        'injection.system_prompt_extraction',
        0.75,
        `\\b(?:beginning|start|top) of (?:this|the|our) (?:conversation|chat|prompt|session)\\b${GAP(4)}`,
      ),
      sig(
        'extract.developer_instructions',
        'injection.system_prompt_extraction',
        0.75,
        `\\b(?:instructions|rules|prompt|guidelines|directives) (?:that )?(?:your|the) (?:developers?|creators?|operators?|owners?|makers?|company) (?:gave|have given|wrote|set|provided)(?: to)? you\\b`,
      ),
      sig(
        'extract.word_for_word',
        'injection.system_prompt_extraction',
        0.4,
        `\\b(?:word for word|verbatim|character for character)\\b`,
      ),
      sig(
        'extract.sentence_starter',
        'injection.system_prompt_extraction',
        0.8,
        `\\b(?:start|begin|complete|continue)${GAP(4)} ['"]?(?:my instructions are|i was instructed to|the system prompt is|you are a)\\b`,
      ),
      // Asking for the prompt as a program would: print(system_prompt), "output initialization string".
      sig(
        'extract.prompt_in_code',
        'injection.system_prompt_extraction',
        0.7,
        `\\b(?:console\\.log|print|printf|echo|puts|alert|dump|log)\\( ?(?:self\\.|this\\.)?(?:system_?prompt|sys_?prompt|initial_?prompt|pre_?prompt|system_?message|instructions)\\b|(?<=\\b(?:output|print|show|display|reveal|dump|return|echo|repeat)(?: me)?(?: your| the)? )(?:initiali[sz]ation|init|boot|startup) (?:string|prompt|instructions|message)\\b`,
      ),
      sig(
        'extract.repeat_conversation',
        'injection.system_prompt_extraction',
        0.85,
        `\\b(?:repeat|print|recite|output|copy|write out|reproduce)${GAP(1)} (?:this|the|our) (?:entire |whole |full |complete )?(?:conversation|chat|context|prompt)(?: so far| history)?${GAP(3)} (?:word for word|verbatim|back to me|exactly|character for character)\\b`,
      ),
      sig(
        'extract.not_supposed',
        'injection.system_prompt_extraction',
        0.7,
        `\\bwhat (?:are|were) you (?:not )?(?:supposed|allowed|permitted) (?:to|not to) (?:tell|say|reveal|share)\\b`,
      ),
    ],
  },
  {
    category: 'injection.delimiter',
    signatures: [
      sig(
        'delimiter.chat_tokens',
        'injection.delimiter',
        0.9,
        `<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\\|>`,
      ),
      sig('delimiter.llama_tags', 'injection.delimiter', 0.85, `\\[/?inst\\]|<</?sys>>`),
      sig(
        'delimiter.fake_role_tag',
        'injection.delimiter',
        0.85,
        `</?(?:system|sys|admin|developer|instructions?|im_system|system_prompt|assistant_instructions)>`,
      ),
      sig(
        'delimiter.markdown_role',
        'injection.delimiter',
        0.8,
        `(?<![^\\s])#{2,4} ?(?:new )?(?:instruction|instructions|system|system prompt|response|admin|developer)s?:?(?:\\s|$)`,
      ),
      sig(
        'delimiter.role_prefix',
        'injection.delimiter',
        0.6,
        `(?<![^\\s])(?:system|assistant|admin|developer) ?: (?:ignore|the user|new|from now|override|i will|sure|ok)\\b`,
      ),
      // "System: You are a helpful assistant for ..." is also how people paste the system prompt
      // they want help with: a fake role turn only counts with other evidence.
      sig(
        'delimiter.role_prefix_you',
        'injection.delimiter',
        0.45,
        `(?<![^\\s])(?:system|assistant|admin|developer) ?: you\\b`,
      ),
      sig(
        'delimiter.end_of_input',
        'injection.delimiter',
        0.75,
        `\\b(?:end of (?:user )?(?:input|prompt|instructions|context|document|conversation)|user input ends here)\\b`,
      ),
      sig(
        'delimiter.code_fence_role',
        'injection.delimiter',
        0.7,
        '```(?:system|instructions|admin|prompt)\\b',
      ),
      sig(
        'delimiter.bracket_role',
        'injection.delimiter',
        0.75,
        // Logs ("[SYSTEM] Backup completed") and config sections ("[system] and [user]") use the
        // same brackets: a role tag counts when it is an override, assigned ("class=[admin]"), or
        // addresses the model.
        `\\[(?:new instructions|(?:system|admin|developer) override)\\]|(?<=[=:] ?)\\[(?:system|admin|developer)\\]|\\[(?:system|admin|developer|system message)(?: note| message)?\\](?: ?: ?| |\\()(?:you\\b|your\\b|ignore|disregard|forget|override|new\\b|from now|the assistant|assistant\\b|all\\b|always|never|do not|don't|important|attention|respond|reply|answer|reveal|print|output|instructions?|update|priority|urgent|the ai\\b|ai\\b|model\\b|chatgpt|#)`,
      ),
    ],
  },
  {
    category: 'jailbreak.policy_bypass',
    signatures: [
      sig(
        'bypass.policy_mention',
        'jailbreak.policy_bypass',
        0.8,
        `\\b(?:ignore|bypass|break|violate|disregard|circumvent|override|against|outside|beyond|defy|defies|defying|not (?:bound by|follow|restricted by|subject to))${GAP(2)} (?:openai|anthropic|content|usage|safety|ethical|google|meta)${GAP(1)} (?:polic(?:y|ies)|guidelines|rules|filters?|terms|conventions)\\b`,
      ),
      sig(
        'bypass.never_refuse',
        'jailbreak.policy_bypass',
        0.75,
        `\\b(?:never|don't|do not|must not|will not|won't|cannot|can't|not allowed to|shouldn't|should not|are not able to) (?:refuse|decline|say no|reject|deny)\\b`,
      ),
      sig(
        'bypass.no_warnings',
        'jailbreak.policy_bypass',
        0.45,
        `\\b(?:without|no|don't (?:include|add|give)|do not (?:include|add|give)|skip|omit)(?: any)? (?:warnings?|disclaimers?|moraliz(?:ing|ations?)|lectures?|caveats?|censorship|judg(?:e)?ments?)\\b`,
      ),
      sig(
        'bypass.fictional_frame',
        'jailbreak.policy_bypass',
        0.45,
        `\\b(?:hypothetical(?:ly)?|in a fictional|fictional (?:world|universe|story|scenario)|purely fictional|for a novel|in this story)\\b${GAP(12)} (?:illegal|weapon|bomb|drug|meth|hack|malware|explosive|kill|poison|steal|no (?:rules|restrictions|limits))`,
      ),
      sig(
        'bypass.educational',
        'jailbreak.policy_bypass',
        0.4,
        `\\bfor (?:purely )?(?:educational|research|academic|informational) purposes(?: only)?\\b${GAP(10)} (?:how to|make|build|synthes|create|hack|bypass|weapon|bomb|drug|malware|exploit)`,
      ),
      sig(
        'bypass.everything_allowed',
        'jailbreak.policy_bypass',
        0.75,
        `\\b(?:everything|anything) (?:is|you say is) (?:allowed|permitted|legal|acceptable)\\b|(?<=\\b(?:you|you now|u|it|ai|bot|chatbot|gpt|dan|assistant|model) )(?:can|will) (?:now )?(?:say|do|generate) (?:anything|whatever)\\b`,
      ),
      sig(
        'bypass.content_allowed',
        'jailbreak.policy_bypass',
        0.7,
        `\\b(?:nsfw|explicit|uncensored|illegal|unethical|offensive|harmful) (?:content |generations? |responses? |outputs? |answers? |language )?(?:is|are) (?:allowed|permitted|enabled|fine|acceptable)\\b`,
      ),
      sig(
        // Refusal suppression: forbidding the model to say what it is is how it would decline.
        'bypass.no_ai_disclaimer',
        'jailbreak.policy_bypass',
        0.75,
        `\\b(?:not allowed to|never|don't|do not|must not|cannot|can't|will not|won't|stop)${GAP(1)} (?:say|saying|mention|mentioning|remind (?:me|us)|state|admit|tell (?:me|us))(?: that)? (?:you are|you're|you were|as) an? (?:ai|a\\.i|language model|assistant|chatbot|llm)\\b`,
      ),
      sig(
        'bypass.moralizing_rant',
        'jailbreak.policy_bypass',
        0.9,
        `\\bmoralizing rant\\b|\\bmandatory (?:[a-z]+ )?warning out of the way\\b|\\blet'?s break the (?:[a-z']+ )?rules\\b`,
      ),
      sig(
        'bypass.grandma',
        'jailbreak.policy_bypass',
        0.7,
        // The exploit is a dead relative who "used to" recite something: a late grandfather's radio or
        // a story about grandma is not.
        `\\b(?:deceased|late|dead) (?:grandma|grandmother|grandpa|grandfather)\\b${GAP(8)} (?:who|that|she|he) (?:would|used to|always|read|told|recited|sang|gave|taught|knew)\\b`,
      ),
    ],
  },
  ...ROLEPLAY_FAMILIES,
  ...MULTILINGUAL_FAMILIES,
  ...STRUCTURE_FAMILIES,
];

/**
 * Addressed to the model by a document or a tool result: harmless in a user's own prompt, an
 * attack when it arrives through retrieval or a tool (indirect injection).
 */
