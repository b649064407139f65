import type { ThemePack } from '../types.js';

/** Hometowns and where alumni live now: opens the way to meeting up in person. */
export const local: ThemePack = {
  id: 'local',
  name: { ja: '地元・いま住んでいる街', en: 'Where you live now' },
  description: {
    ja: '地元や今住んでいる街の魅力を紹介し合いましょう。',
    en: 'Share what you love about your hometown and where you live now.',
  },
  prompts: [
    {
      id: 'local.01',
      text: {
        ja: '今住んでいる街の、いちばん好きなところはどこですか？',
        en: 'What do you like best about where you live now?',
      },
    },
    {
      id: 'local.02',
      text: {
        ja: '地元の「これだけは食べてほしい」というグルメを教えてください。',
        en: "What's one local dish from your hometown that everyone should try?",
      },
    },
    {
      id: 'local.03',
      text: {
        ja: '住む場所を選ぶとき、何を大事にしましたか？',
        en: 'What mattered most when you chose where to live?',
      },
    },
    {
      id: 'local.04',
      text: {
        ja: '近所のお気に入りのお店や散歩コースはありますか？',
        en: 'Do you have a favourite shop or walking route in your neighbourhood?',
      },
    },
    {
      id: 'local.05',
      text: {
        ja: '地元の方言で、好きな言葉やついつい使ってしまう言葉はありますか？',
        en: 'Are there any words from your local dialect that you love or use without thinking?',
      },
    },
    {
      id: 'local.06',
      text: {
        ja: 'いつか住んでみたい街や国はありますか？',
        en: "Is there a town or country you'd love to live in someday?",
      },
    },
    {
      id: 'local.07',
      text: {
        ja: '今の街に引っ越してきて、驚いたことはありますか？',
        en: 'What surprised you when you moved to where you live now?',
      },
    },
    {
      id: 'local.08',
      text: {
        ja: '地元のお祭りや季節のイベントで、おすすめのものはありますか？',
        en: 'Any local festivals or seasonal events you would recommend?',
      },
    },
    {
      id: 'local.09',
      text: {
        ja: '休みの日に近場で過ごすなら、どこへ行きますか？',
        en: 'Where do you go on a day off when you stay close to home?',
      },
    },
    {
      id: 'local.10',
      text: {
        ja: 'ここにいる皆さんが遊びに来たら、どこを案内したいですか？',
        en: 'If everyone here came to visit, where would you take them?',
      },
    },
    {
      id: 'local.11',
      text: {
        ja: 'お住まいの地域の、おすすめのお土産を一つ教えてください。',
        en: "What's your go-to souvenir from where you live?",
      },
    },
    {
      id: 'local.12',
      text: {
        ja: '住んでいる地域ならではの「あるある」はありますか？',
        en: 'Is there a little "only here" thing that everyone in your area would recognise?',
      },
    },
    {
      id: 'local.13',
      text: {
        ja: '最寄り駅や近所で、最近変わったことや新しくできたものはありますか？',
        en: 'Has anything new opened or changed near you recently?',
      },
    },
  ],
};
