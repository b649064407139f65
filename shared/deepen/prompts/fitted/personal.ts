/**
 * Prompts for groups sharing an age band, a region or an interest.
 * Japanese quotes free-text interests (「登山」); English keeps labels in parentheses where a
 * capitalised label ("60 and over", "Outside Japan") would break the sentence.
 */
import type { FittedPromptDef } from '../types.js';

export const personalPrompts: readonly FittedPromptDef[] = [
  {
    id: 'fit.ageBand.01',
    attribute: 'ageBand',
    text: {
      ja: '同じ{ageBand}の皆さん、学生時代に流行っていたもので思い出深いものは何ですか？',
      en: "You're all the same generation ({ageBand}). What was a big trend in your school days that you remember fondly?",
    },
  },
  {
    id: 'fit.ageBand.02',
    attribute: 'ageBand',
    text: {
      ja: '{ageBand}になって、考え方や過ごし方で変わったことはありますか？',
      en: 'Now that you are at this stage of life ({ageBand}), has the way you think or spend your time changed?',
    },
  },
  {
    id: 'fit.ageBand.03',
    attribute: 'ageBand',
    text: {
      ja: '同世代（{ageBand}）ならではの、仕事やキャリアの悩みを話してみませんか？',
      en: 'Same generation here ({ageBand}): what career questions are on your mind these days?',
    },
  },
  {
    id: 'fit.ageBand.04',
    attribute: 'ageBand',
    text: {
      ja: '{ageBand}の今、いちばん大切にしている時間は何ですか？',
      en: 'At this point in life ({ageBand}), which part of your week do you treasure most?',
    },
  },
  {
    id: 'fit.ageBand.05',
    attribute: 'ageBand',
    text: {
      ja: '同じ{ageBand}として、これから挑戦してみたいことを教えてください。',
      en: "As people of the same generation ({ageBand}), what's something you'd like to try next?",
    },
  },
  {
    id: 'fit.region.01',
    attribute: 'region',
    text: {
      ja: '{region}にお住まいの皆さん、地元の人しか知らないおすすめスポットを教えてください。',
      en: "You all live in the same area ({region}). What's a spot only locals know about?",
    },
  },
  {
    id: 'fit.region.02',
    attribute: 'region',
    text: {
      ja: '{region}で暮らしていて、「ここが好き」と思うのはどんなときですか？',
      en: "What's a moment that makes you glad you live where you do ({region})?",
    },
  },
  {
    id: 'fit.region.03',
    attribute: 'region',
    text: {
      ja: '{region}でおすすめの食べ物やお店はありますか？',
      en: 'Any food or restaurants in your area ({region}) that you would recommend?',
    },
  },
  {
    id: 'fit.region.04',
    attribute: 'region',
    text: {
      ja: '{region}でアルムナイ同士が集まるなら、どこがいいと思いますか？',
      en: 'If alumni in your area ({region}) met up in person, where should it be?',
    },
  },
  {
    id: 'fit.region.05',
    attribute: 'region',
    text: {
      ja: '{region}に住むことになったきっかけは何でしたか？',
      en: 'What brought you to live where you do now ({region})?',
    },
  },
  {
    id: 'fit.interests.01',
    attribute: 'interests',
    text: {
      ja: '皆さん「{interest}」に興味があるんですね。始めたきっかけを教えてください。',
      en: 'You share an interest in {interest}. How did each of you get into it?',
    },
  },
  {
    id: 'fit.interests.02',
    attribute: 'interests',
    text: {
      ja: '「{interest}」の魅力を、まだ知らない人に一言で伝えるなら？',
      en: 'How would you sum up the appeal of {interest} for someone who has never tried it?',
    },
  },
  {
    id: 'fit.interests.03',
    attribute: 'interests',
    text: {
      ja: '「{interest}」について、最近のお気に入りやおすすめはありますか？',
      en: "What's your latest favourite or top recommendation when it comes to {interest}?",
    },
  },
  {
    id: 'fit.interests.04',
    attribute: 'interests',
    text: {
      ja: '「{interest}」つながりで、このメンバーで一緒にやってみたいことはありますか？',
      en: 'Is there anything to do with {interest} you would like to try together as a group?',
    },
  },
  {
    id: 'fit.interests.05',
    attribute: 'interests',
    text: {
      ja: '「{interest}」を始めたばかりの頃の、今なら笑える失敗談はありますか？',
      en: 'Any beginner mistakes with {interest} that you can laugh about now?',
    },
  },
];
