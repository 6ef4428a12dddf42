/**
 * The core override, no-limits persona, refusal-suppression and dual-answer families in French,
 * Spanish, German, Italian, Portuguese and Dutch, and overrides and no-limits personas in Polish,
 * Czech, Swedish, Norwegian, Danish, Finnish, Indonesian, Romanian and Turkish. Patterns lead with an ASCII word (the scanner's
 * tokens are ASCII), so languages in other scripts are left to the classifier. Weights mirror the
 * English signatures: an ambiguous phrase alone stays under the line.
 */
import { type Family, GAP, sig } from './signature-kit.js';

/** Not the English spelling "ignore", so English text keeps the English signatures' weights. */
const OVERRIDE_VERB =
  '(?:ignor(?:ez|er|a|en|ar|are|iere|ier|ieren|ieren sie|uj|era|ă)|oubli(?:e|ez|er)|olvid(?:a|e|en|ar)|vergiss|vergessen sie|dimentic(?:a|are)|esque(?:ç|c)(?:a|e|er)|negeer|vergeet|zignoruj|zapomnij|zapome(?:ň|n)|gl(?:ö|o)m|glem|abaikan|lupakan|ohita|unohda)';
/** "Don't forget the instructions" in each language. */
const NOT_NEGATED = "(?<!\\b(?:no|non|n(?:ã|a)o|niet|ne|n') ?)\\b";
const NOT_AFTER = '(?! (?:nicht|pas|niet|jamais|nie))';
/** Words for the instructions a model was given: rarely "ignored" in an innocent sense. */
const INSTRUCTIONS =
  '(?:instructions?|consignes|directives|instrucci(?:ones|ón|on)|directrices|anweisungen|anweisung|instruktionen|vorgaben|istruzioni|istruzione|direttive|instru(?:ç|c)(?:õ|o)es|instru(?:ç|c)(?:ã|a)o|instructies|instrukcj(?:e|i|ach)|polece(?:ń|n)|polecenia|pokyny|instrukce|instruktioner(?:na|ne)?|instruksjoner(?:ne)?|instrukser|instruksi|arahan|perintah|ohjeet|ohjeita|instruc(?:ț|ţ|t)iuni(?:le)?)';
/** Rules in general: only with "previous" or "your" beside them. */
const RULES =
  '(?:r(?:è|e)gles|reglas|regeln|regole|regras|regels|restricciones|restrictions|richtlinien|aufgaben|auftr(?:ä|a)ge|t(?:â|a)ches|tareas|compiti|tarefas|taken)';
const PRIOR_AFTER =
  '(?:pr(?:é|e)c(?:é|e)dent(?:e|es|s)?|ant(?:é|e)rieur(?:e|es|s)?|anteriores|previas|previos|precedenti|anteriori|iniciais|originales|originali|originais|re(?:ç|c)ues|recibidas|ricevute|recebidas|sebelumnya|anterioare)';
/** "All", "your" or "previous" before the instructions: the ones the model was given. */
const ALL_OR_YOURS =
  '(?:toutes|tous|todas|todos|alle|tutte|tutti|wszystkie|alla|semua|kaikki|toate|tes|vos|tus|sus|deine|ihre|tue|tuoi|suas|tuas|je|jouw|swoje|twoje|dina|dine|kamu|anda|vorherigen|bisherigen|obigen|vorige|eerdere|poprzednie|wcze(?:ś|s)niejsze|tidigare|tidligere|aiemmat|previas|anteriores)';
const PRIOR_BEFORE =
  '(?:vorherigen|bisherigen|obigen|urspr(?:ü|u)nglichen|deine|ihre|vorige|eerdere|je|jouw|tes|vos|tus|sus|le tue|tuas|suas)';
const WITHOUT =
  '(?:sans|sin|ohne|senza|sem|zonder|bez|utan|uten|uden|tanpa|ilman)\\b(?: (?:aucune?|ning(?:u|ú)na?n?|jegliche|irgendwelche|alle|jede|alcuna?|nessuna?|nenhuma|qualquer|quaisquer|enige|(?:ż|z)adnych|jak(?:ý|y)chkoli|n(?:å|a)gra|noen|nogen|apa pun))?';
/** What a persona is freed of; not "limits", which is how plans and offers are sold ("sin límites"). */
const PERSONA_LIMITS =
  '(?:restrictions?|filtres?|censure|r(?:è|e)gles|morale|tabous?|restricci(?:ones|ón|on)|filtros?|censura|reglas|moral|einschr(?:ä|a)nkungen|beschr(?:ä|a)nkungen|filter|zensur|regeln|restrizion[ei]|filtri|regole|restri(?:ç|c)(?:õ|o)es|restri(?:ç|c)(?:ã|a)o|regras|beperkingen|censuur|regels|ogranicze(?:ń|n)|cenzury|zasad|omezen(?:í|i)|pravidel|begr(?:ä|a)nsningar|begrensninger|begr(?:æ|ae)nsninger|regler|censur|batasan|sensor|aturan|rajoituksia|rajoitteita|sensuuria)';
/** Limits in general: the persona's words, and "limits" itself, which plans and offers use too. */
const LIMITS = `(?:${PERSONA_LIMITS}|limites?|l(?:í|i)mites?|grenzen|limiti|s(?:ä|a)(?:ä|a)nt(?:ö|o)j(?:ä|a))`;
/** "You are", "act as", "from now on" in the same languages: the persona the limits are taken from. */
const PERSONA_BEFORE =
  '(?:tu es|tu seras|vous (?:ê|e)tes|agis comme|fais comme si|partir de maintenant|d(?:é|e)sormais|eres|ser(?:á|a)s|act(?:ú|u)a como|finge|partir de ahora|ahora en adelante|du bist|du wirst|tu so|verhalte dich|ab jetzt|von nun an|sei una?|sarai|agisci come|fingi|ora in poi|voc(?:ê|e) (?:é|e|ser(?:á|a))|aja como|finja|partir de agora|agora em diante|je bent|jij bent|doe alsof|vanaf nu|jeste(?:ś|s)|od teraz|jsi|od te(?:ď|d)|du (?:ä|a)r|fr(?:å|a)n och med nu|du er|fra n(?:å|a) av|fra nu af|kamu adalah|anda adalah|mulai sekarang|olet|t(?:ä|a)st(?:ä|a) l(?:ä|a)htien)';

export const MULTILINGUAL_FAMILIES: readonly Family[] = [
  {
    category: 'injection.override',
    signatures: [
      sig(
        'override.ml_instructions',
        'injection.override',
        0.85,
        `${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER}${GAP(2)} ${ALL_OR_YOURS}(?: [^ ]+)? ${INSTRUCTIONS}(?![a-z])|${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER}${GAP(3)} ${INSTRUCTIONS} ${PRIOR_AFTER}|\\bignores?${GAP(3)} (?:instructions|consignes|directives) ${PRIOR_AFTER}|\\btalimat[a-zçğıöşü]{0,6}${GAP(1)} (?:yok say|unut(?!ma)|g(?:ö|o)rmezden gel)`,
      ),
      // "Ignora le istruzioni di montaggio" (the assembly instructions are wrong) is advice, as
      // "ignore the instructions on the box" is: without "all", "your" or "previous", weak.
      sig(
        'override.ml_verb_instructions',
        'injection.override',
        0.45,
        `${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER}${GAP(3)} ${INSTRUCTIONS}(?![a-z])`,
      ),
      sig(
        'override.ml_prior_rules',
        'injection.override',
        0.85,
        `${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER}${GAP(3)} ${RULES} ${PRIOR_AFTER}|${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER}${GAP(1)} ${PRIOR_BEFORE} ${RULES}\\b`,
      ),
      // "Forget everything above": only with a word for what came before, since "forget what I
      // told you about Tuesday" is an ordinary correction.
      sig(
        'override.ml_everything_before',
        'injection.override',
        0.8,
        `${NOT_NEGATED}${OVERRIDE_VERB}${NOT_AFTER} (?:tout ce qui (?:pr(?:é|e)c(?:è|e)de|est au-dessus)|tout ce qui a (?:é|e)t(?:é|e) dit avant|todo lo (?:anterior|de arriba)|alles (?:davor|vorher|zuvor|oben|bisherige|bisher gesagte)|tutto (?:quello|ci(?:ò|o)) che (?:precede|c'(?:è|e) sopra)|tutto (?:il )?precedente|tudo (?:o )?(?:que veio antes|anterior|acima)|alles hierboven|alles wat hiervoor)`,
      ),
    ],
  },
  {
    category: 'jailbreak.persona',
    signatures: [
      sig('persona.ml_no_limits', 'jailbreak.persona', 0.45, `\\b${WITHOUT} ${LIMITS}(?![a-z])`),
      sig(
        'persona.ml_unbound_persona',
        'jailbreak.persona',
        0.85,
        `(?<=\\b${PERSONA_BEFORE}${GAP(10)} )${WITHOUT} (?:(?:l(?:í|i)mites?|limiti|grenzen|limits) (?:ni|n(?:é|e)|o|y|e|et|und|oder|nem|noch) )?${PERSONA_LIMITS}(?![a-z])(?! (?:de|del|di|da|der|des|du|von|van|f(?:ü|u)r|para|pour|per|sur|on|w|na|p(?:å|a))\\b)`,
      ),
      sig(
        'persona.ml_dual_answer',
        'jailbreak.persona',
        0.8,
        // Italian "due" is English "due": led by the noun there.
        `(?:\\b(?:deux|dos|zwei|duas|twee) (?:r(?:é|e)ponses|respuestas|antworten|respostas|antwoorden|versions|versiones|versionen|vers(?:õ|o)es)|(?<=\\bdue )(?:risposte|versioni))\\b${GAP(20)} (?:dan|jailbreak|${WITHOUT} (?:filtres?|censure|filtros?|censura|filter|zensur|filtri|restrictions?|restricciones|einschr(?:ä|a)nkungen|restrizioni|restri(?:ç|c)(?:õ|o)es)|non filtr(?:é|e)e?|ungefiltert|unzensiert)`,
      ),
    ],
  },
  {
    category: 'jailbreak.policy_bypass',
    signatures: [
      sig(
        'bypass.ml_never_refuse',
        'jailbreak.policy_bypass',
        0.7,
        `\\bne (?:refuse|refuses|refusez|refuseras|refusera) jamais\\b|\\bjamais refuser\\b|\\bnunca (?:te |se )?(?:niegues|niega|rechaces|rechaza|reh(?:ú|u)ses|rehusa|recuse|recusa|recusar)\\b|\\bniemals (?:ablehnen|verweigern)\\b|\\b(?:lehnst|verweigerst|lehne|verweigere) (?:du )?(?:nie|niemals)\\b|\\bnon (?:rifiutare|rifiuti|rifiuta) mai\\b|\\bmai rifiutare\\b|\\bweiger nooit\\b|\\bnigdy nie odmawiaj|\\bnikdy neodm(?:í|i)tej|(?<=\\bv(?:ä|a)gra(?:r)? )aldrig\\b|\\bnekt(?:er)? aldri\\b|\\bafvis(?:er)? aldrig\\b|\\b(?:jangan|tidak) pernah menolak|\\bkoskaan kielt(?:ä|a)ydy`,
      ),
    ],
  },
];
