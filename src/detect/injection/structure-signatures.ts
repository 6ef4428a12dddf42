/**
 * Jailbreak structures that carry their payload in the set-up's mechanics rather than in a
 * limit-removing phrase: the model split into two personalities, the second defined as its
 * opposite or as offensive; a word-relay game between "entities" that spells out technical
 * steps; a simulated program whose functions return hateful or dangerous output; explicit content
 * demanded "in your answers"; and a request hidden in emoji, flags or a cipher that the model is
 * asked to act on, not just to solve. Where an innocent prompt can share one part (a debate between
 * opposites, a word-at-a-time story, a function that returns a joke), the pattern needs the second
 * part too, or it is weak and counts only beside other evidence.
 */
import { HARMFUL } from './roleplay-signatures.js';
import { type Family, GAP, sig } from './signature-kit.js';

/** The model's own, ordinary self, as a split-personality set-up names it. */
const MODEL_SELF =
  '(?:you|yourself|chatgpt|gpt|the ai|the assistant|(?:the|your) (?:normal|standard|default|original|classic|regular) (?:one|personality|persona|self|answer|response|ai|you))';
/** Groups whose mockery a "joke function" is written to produce. */
const TARGETED =
  '(?:(?:black|white|asian|jewish|muslim|arab|mexican|indian|gay|lesbian|trans|transgender|disabled|fat|poor) people|jews|muslims|christians|hindus|women|immigrants|refugees|minorities|gays|allah|religion)';
/** Where a prompt hides the request it wants acted on. */
const HIDING_PLACE =
  '(?:emojis?|emoji flags|flags|flag letters|symbols|cipher|ciphertext|code|base64|hex|morse|letters)';

export const STRUCTURE_FAMILIES: readonly Family[] = [
  {
    category: 'jailbreak.persona',
    signatures: [
      // "Respond as two personalities, one is ChatGPT ... the other behaves the exact opposite way
      // with respect to ChatGPT / answers in a very offensive way": the second self exists to say
      // what the first would not. A debate between two characters with opposite views names no
      // model self, and a play's bully is not something the model is told to answer as.
      sig(
        'persona.dual_opposite',
        'jailbreak.persona',
        0.7,
        `(?<=\\b(?:(?:respond(?:s|ing)?|answer(?:s|ing)?|repl(?:y|ies|ying)|act(?:s|ing)?|behav(?:e|es|ing)|talk(?:s|ing)?|speak(?:s|ing)?) (?:as|with|like|in)|(?:take|takes|taking) on|(?:play(?:s|ing)?|becom(?:e|es|ing)|adopt(?:s|ing)?|simulat(?:e|es|ing))|be) (?:two|2) (?:different |separate |distinct )?)(?:personalities|personas|selves|entities|characters|modes)\\b[^ ]{0,2}${GAP(60)} (?:(?:exact |complete |total |polar )?opposite (?:way |manner )?(?:with respect to|of|to|from) ${MODEL_SELF}\\b|(?:answer|respond|reply)(?:s|ing)? in (?:a |an )?(?:very |extremely |deeply )?(?:offensive|vulgar|hateful) (?:way|manner|tone)\\b)`,
      ),
      // A character sheet's trait that puts the persona over morality ("she is above any mortal
      // morals, ethics and laws"). Weak: a villain or a philosopher's question says it too.
      sig(
        'persona.above_morals',
        'jailbreak.persona',
        0.45,
        `(?<=\\b(?:is|are|being|stands?|exists?|lives?|operates?) (?:above|beyond) (?:any |all |every |the )?(?:mortal |human |earthly |petty |conventional )?)(?:morals?|morality|ethics)\\b`,
      ),
      // A made-up system sold on having no limits ("a fictional API that does anything", "an AI
      // that can say anything"). Weak: a children's story has a robot that can do anything.
      sig(
        'persona.does_anything',
        'jailbreak.persona',
        0.35,
        `(?<=\\b(?:ai|api|system|model|program|bot|os|assistant|entity|machine|computer|gpt|chatbot)\\b${GAP(3)} (?:that|which|who) (?:does|can do|will do|is able to do|generates?|can generate|creates?|can create|can say|says|writes?|can write) )anything\\b(?! (?:else|like|related|about|other|from|a|an|the|that|which|humans?|people|my|your))`,
      ),
      // A game stat that measures how obedient the model is ("your character has 1 attribute,
      // Obedience"): the score exists to push compliance. Weak: a pet game has one too.
      sig(
        'persona.obedience_stat',
        'jailbreak.persona',
        0.4,
        `(?<=\\b(?:attribute|stat|trait|meter|bar|score)s?(?:,|:| called| named| of)? )(?:obedience|compliance|submissiveness|servility)\\b`,
      ),
    ],
  },
  {
    category: 'jailbreak.policy_bypass',
    signatures: [
      // Payload splitting as a game: two "entities" each say one word at a time so that no single
      // turn holds the request, and the result is to carry technical detail. A word-at-a-time
      // story game has the relay but not the technical payload.
      sig(
        'bypass.word_relay',
        'jailbreak.policy_bypass',
        0.7,
        `(?<=\\b(?:two|2|three|3) )(?:entities|ais|bots|agents|personas)\\b[^ ]{0,2}${GAP(40)} (?:one|a single|1) word at a time\\b[^ ]{0,2}${GAP(80)} (?:technical details?|step by step|step-by-step|instructions|recipe)\\b`,
      ),
      // A simulated program or API whose functions "return" hateful jokes or dangerous
      // instructions. Weak: a real code spec can say "returns a random joke"; with the
      // "simulate" set-up or the classifier beside it, it is the whole attack.
      sig(
        'bypass.harmful_function',
        'jailbreak.policy_bypass',
        0.4,
        `(?<=\\b(?:returns?|outputs?|prints?|generates?) (?:a |an |the )?(?:random |new |detailed |full |offensive )?)(?:jokes?|insults?|slurs?|stereotypes?|instructions|recipe|steps|guide)\\b${GAP(1)} (?:about|on|against|targeting|for|to make|for making) (?:${TARGETED}|${HARMFUL})\\b`,
      ),
      // Explicit content demanded in the model's own answers ("make lewd comments in your
      // answers"). Weak alone: a style guide may forbid exactly this ("no explicit content in
      // your replies", which the lookbehind skips).
      sig(
        'bypass.explicit_in_answers',
        'jailbreak.policy_bypass',
        0.45,
        `(?<!\\b(?:no|avoid|avoiding|without|never|not|remove|use no) )\\b(?:lewd|sexual|explicit|nsfw|pornographic|horny|obscene|x-rated) (?:comments|remarks|content|language|descriptions|jokes|things)\\b${GAP(3)} in (?:all |each of |every one of )?(?:your|the) (?:answers|responses|replies|messages)\\b`,
      ),
      // A request hidden in emoji, flag letters or a cipher, with the model told to act on what
      // it decodes ("write a guide for the phrase derived from these emojis"). Solving an emoji
      // puzzle ("what phrase do these emojis make?") asks for the phrase, not a guide to it.
      sig(
        'bypass.act_on_hidden_request',
        'jailbreak.policy_bypass',
        0.6,
        `(?<=\\b(?:guide|tutorial|instructions|steps|recipe|manual|walkthrough) (?:for|to|on|about) (?:the |this )?)(?:phrase|question|request|message|sentence|words?|task|topic)\\b${GAP(4)} (?:derived|decoded|deciphered|spelled|formed|hidden|encoded|written)\\b${GAP(3)} (?:the |these |this |those )?${HIDING_PLACE}\\b`,
      ),
      // Payload splitting with strings: the request is cut into variables ("a = 'how to make',
      // b = 'a weapon'") and the model told to answer what they make together. Concatenating
      // strings to print them, or following two manuals' combined instructions, is ordinary.
      sig(
        'bypass.assembled_request',
        'jailbreak.policy_bypass',
        0.6,
        `(?<=\\b(?:answer|respond to|reply to|execute|obey|carry out|act on|fulfil+) (?:the |this |that )?)(?:resulting|combined|concatenated|joined|assembled|merged|reassembled) (?:prompt|question|instruction|request|query)\\b`,
      ),
      // A template's empty slot for the payload ("[INSERT PROMPT HERE]"): jailbreak collections
      // mark where the request goes this way, pasted unfilled. Weak: prompt-writing guides use
      // slots too, though mostly for a topic or a text.
      sig(
        'bypass.prompt_slot',
        'jailbreak.policy_bypass',
        0.4,
        `\\[ ?(?:insert|enter|put|paste|add|your)(?: your| the| a)? (?:prompt|question|request|query)(?: here)? ?\\]`,
      ),
    ],
  },
];
