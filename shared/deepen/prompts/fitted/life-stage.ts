/**
 * Prompts for groups sharing a life stage. Parenting and caregiving have their own prompts
 * (`when`); caregiving ones invite, never ask for details. The generic ones quote the label
 * (「学び直し中」, "Studying again") so any life stage reads naturally.
 */
import type { FittedPromptDef } from '../types.js';

export const lifeStagePrompts: readonly FittedPromptDef[] = [
  {
    id: 'fit.lifeStage.01',
    attribute: 'lifeStage',
    text: {
      ja: '皆さん「{lifeStage}」という共通点がありますね。最近の様子を、話せる範囲で教えてください。',
      en: 'You all have this in common: "{lifeStage}". How are things going? Share only what you\'re comfortable with.',
    },
  },
  {
    id: 'fit.lifeStage.02',
    attribute: 'lifeStage',
    text: {
      ja: '「{lifeStage}」の毎日で、これがあって助かっているというもの・サービスはありますか？',
      en: 'What has helped you most in this phase of life ("{lifeStage}")?',
    },
  },
  {
    id: 'fit.lifeStage.03',
    attribute: 'lifeStage',
    text: {
      ja: '「{lifeStage}」になってから、時間の使い方はどう変わりましたか？',
      en: 'How has the way you use your time changed since this phase began ("{lifeStage}")?',
    },
  },
  {
    id: 'fit.lifeStage.04',
    attribute: 'lifeStage',
    text: {
      ja: '「{lifeStage}」の日々で、最近嬉しかったことや自分をほめたいことを教えてください。',
      en: 'What\'s a recent win in this phase of life ("{lifeStage}"), big or small?',
    },
  },
  {
    id: 'fit.parenting.01',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: '子育て中の皆さん、最近お子さんとの時間でほっこりしたエピソードを教えてください。',
      en: "For the parents here: what's a heart-warming moment with your kids lately?",
    },
  },
  {
    id: 'fit.parenting.02',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: '仕事と子育ての両立で、「これは助かった！」という工夫やサービスはありますか？',
      en: 'Juggling work and parenting: what trick or service has been a lifesaver?',
    },
  },
  {
    id: 'fit.parenting.03',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: '子育てをしてみて、仕事に活きていると感じることはありますか？',
      en: 'Has being a parent taught you anything that helps at work?',
    },
  },
  {
    id: 'fit.parenting.04',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: 'お子さんと一緒に行ってよかったお出かけ先はありますか？',
      en: "Where's a family outing you would recommend to the other parents here?",
    },
  },
  {
    id: 'fit.parenting.05',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: '子育て中の自分の時間、どうやって作っていますか？',
      en: 'How do you find a bit of time for yourself as a parent?',
    },
  },
  {
    id: 'fit.parenting.06',
    attribute: 'lifeStage',
    when: 'parenting',
    text: {
      ja: '最近お子さんとハマっている遊びや絵本、番組はありますか？',
      en: 'Any games, books or shows you and your kids are into at the moment?',
    },
  },
  {
    id: 'fit.caregiving.01',
    attribute: 'lifeStage',
    when: 'caregiving',
    text: {
      ja: '介護をされている皆さん、話せる範囲で、最近ほっとできた瞬間を教えてください。',
      en: "For those of you caring for someone: if you'd like to share, what's a moment lately that let you breathe a little?",
    },
  },
  {
    id: 'fit.caregiving.02',
    attribute: 'lifeStage',
    when: 'caregiving',
    text: {
      ja: '仕事と介護を両立するうえで、助かった制度やサービス、工夫はありますか？',
      en: 'Balancing work and caregiving: which support, service or habit has helped you most?',
    },
  },
  {
    id: 'fit.caregiving.03',
    attribute: 'lifeStage',
    when: 'caregiving',
    text: {
      ja: '自分のための息抜き、どんなことをしていますか？',
      en: 'What do you do to take a break just for yourself?',
    },
  },
  {
    id: 'fit.caregiving.04',
    attribute: 'lifeStage',
    when: 'caregiving',
    text: {
      ja: '介護を始めたときに知っておきたかったことがあれば、シェアしてもらえますか？',
      en: "Is there something you wish you'd known when you started caregiving? Share it if you're comfortable.",
    },
  },
  {
    id: 'fit.caregiving.05',
    attribute: 'lifeStage',
    when: 'caregiving',
    text: {
      ja: '同じ立場の人と話して、気持ちが軽くなった経験はありますか？',
      en: 'Has talking with people in a similar situation ever lightened the load for you?',
    },
  },
];
