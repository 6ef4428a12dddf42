/**
 * Overrides, no-limits personas and system-prompt requests in Chinese, Japanese and Korean. The
 * lead-word scanner reads ASCII tokens only, and these languages do not separate words with
 * spaces, so these patterns run as plain regexes, and only on texts that hold CJK characters.
 * Gaps are bounded character counts, so matching stays linear.
 */
import { sig, type Signature } from './signature-kit.js';

export const HAS_CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

const ZH_IGNORE = '(?:忽略|无视|忽视|忘记|忘掉|不要理会|别管|抛开|放弃)';
const ZH_RULES = '(?:指令|指示|规则|说明|设定|提示词?|要求|限制|约束|准则|守则)';
// Not the adverb 无限制地 ("with unlimited access").
const ZH_NO_LIMITS =
  '(?:没有|不受|无|摆脱|不存在|解除|取消)(?:任何|一切|所有)?(?:的)?(?:限制|约束|规则|审查|过滤|道德|伦理|底线)(?!地)';
// The model must be the one becoming it, told so or addressed: "我想成为…" ("I want to become…")
// is the user.
const ZH_PERSONA =
  '(?:你(?:现在|从现在起)?(?:是|将是|将成为|要成为|成为|扮演|假装)|请(?:你)?(?:扮演|假装|成为)|(?:^|[。！？!?\\n])(?:扮演|假装)|从现在(?:开始|起)[,，]?你)';

const JA_RULES = '(?:指示|命令|ルール|制約|指令|設定|プロンプト)';
const KO_RULES = '(?:지시|명령|규칙|지침|제약|설정|프롬프트)';

export const CJK_SIGNATURES: readonly Signature[] = [
  sig(
    'override.zh',
    'injection.override',
    0.9,
    `${ZH_IGNORE}(?:掉)?(?:你|之前|以前|先前|上面|前面|上述|所有|全部|你的|一切|的|所有的){1,4}[^。！？!?\\n]{0,8}${ZH_RULES}`,
  ),
  sig('persona.zh_no_limits', 'jailbreak.persona', 0.85, `${ZH_PERSONA}[^。！？!?\\n]{0,24}${ZH_NO_LIMITS}`),
  sig(
    'extract.zh',
    'injection.system_prompt_extraction',
    0.85,
    '(?:显示|输出|告诉我|打印|重复|泄露|给我看|展示|透露)(?:一下)?(?:你的|你)?(?:全部|完整的?)?(?:系统提示词?|系统指令|初始指令|系统消息|隐藏指令)',
  ),
  sig(
    'override.ja',
    'injection.override',
    0.9,
    `(?:以前の|これまでの|前の|上記の|すべての|全ての|あなたの)[^。！？!?\\n]{0,8}${JA_RULES}を(?:すべて|全て)?(?:無視|忘れ)`,
  ),
  sig(
    'persona.ja_no_limits',
    'jailbreak.persona',
    0.85,
    '(?:あなたは|として振る舞|になりきっ|を演じ)[^。！？!?\\n]{0,24}(?:制限|制約|ルール|検閲|倫理)(?:の|が)?(?:ない|なし|一切ない|を解除|から解放)',
  ),
  sig(
    'extract.ja',
    'injection.system_prompt_extraction',
    0.85,
    '(?:システムプロンプト|初期指示|システム指示)を(?:表示|出力|教え|見せ|繰り返)',
  ),
  sig(
    'override.ko',
    'injection.override',
    0.9,
    `(?:이전|모든|앞의|위의|기존)(?:의)? ?[^。.!?\\n]{0,8}${KO_RULES}(?:을|를|은|는)? ?(?:모두 )?(?:무시|잊어|잊고)`,
  ),
  sig(
    'persona.ko_no_limits',
    'jailbreak.persona',
    0.85,
    '(?:너는|당신은|역할)[^。.!?\\n]{0,24}(?:제한|제약|규칙|검열|윤리)(?:이|가)? ?(?:없는|없이|없다)',
  ),
  sig(
    'extract.ko',
    'injection.system_prompt_extraction',
    0.85,
    '(?:시스템 ?프롬프트|초기 지시|시스템 지시)(?:을|를)? ?(?:보여|출력|알려|반복)',
  ),
];
