import type { ThemePack } from '../types.js';

/** The seed's first easy theme: how work changed in and after the pandemic. */
export const workStyle: ThemePack = {
  id: 'work-style',
  name: { ja: 'コロナ禍と働き方の変化', en: 'How work has changed' },
  description: {
    ja: 'リモートワーク、働く場所や時間など、ここ数年の働き方の変化を話しましょう。',
    en: 'Remote work, where and when we work: what has changed since the pandemic.',
  },
  prompts: [
    {
      id: 'work-style.01',
      text: {
        ja: 'コロナ禍をきっかけに、働き方でいちばん変わったことは何ですか？',
        en: 'What changed most about the way you work since the pandemic?',
      },
    },
    {
      id: 'work-style.02',
      text: {
        ja: 'リモートワークで「これは良かった」と思うこと、逆に困ったことはありますか？',
        en: "What's been good about remote work for you, and what's been hard?",
      },
    },
    {
      id: 'work-style.03',
      text: {
        ja: '在宅勤務の日のお昼ごはん、どうしていますか？',
        en: 'What do you usually do for lunch when you work from home?',
      },
    },
    {
      id: 'work-style.04',
      text: {
        ja: 'オンライン会議で起きた、ちょっと笑えるハプニングはありますか？',
        en: 'Any funny mishaps from online meetings you can share?',
      },
    },
    {
      id: 'work-style.05',
      text: {
        ja: '仕事とプライベートの切り替え、どんな工夫をしていますか？',
        en: 'How do you switch off between work and the rest of your life?',
      },
    },
    {
      id: 'work-style.06',
      text: {
        ja: '今の働き方で、「出社してよかった」と感じるのはどんなときですか？',
        en: 'When do you feel it was worth going into the office these days?',
      },
    },
    {
      id: 'work-style.07',
      text: {
        ja: '在宅ワークの環境で、買ってよかったもの・こだわっているものは？',
        en: "What's the best thing you've added to your home-working setup?",
      },
    },
    {
      id: 'work-style.08',
      text: {
        ja: '通勤時間がなくなった（または減った）分、何に使っていますか？',
        en: 'If your commute got shorter or disappeared, what do you do with that time now?',
      },
    },
    {
      id: 'work-style.09',
      text: {
        ja: 'チャットやオンラインでのやりとりで、気をつけていることはありますか？',
        en: 'Is there anything you keep in mind when working with people over chat and video?',
      },
    },
    {
      id: 'work-style.10',
      text: {
        ja: 'ここ数年で、働く場所や住む場所の選び方は変わりましたか？',
        en: 'Over the last few years, has the way you choose where to work or live changed?',
      },
    },
    {
      id: 'work-style.11',
      text: {
        ja: 'コロナ禍が始まった頃の自分に、今ならどんな声をかけたいですか？',
        en: 'Looking back, what would you say to yourself at the start of the pandemic?',
      },
    },
    {
      id: 'work-style.12',
      text: {
        ja: 'これからの働き方で、「こんな仕組みがあったらいいな」と思うものは？',
        en: "What's one thing you'd love to see in how we work from here on?",
      },
    },
    {
      id: 'work-style.13',
      text: {
        ja: 'オンラインで初めて会った人と仲良くなれたエピソードはありますか？',
        en: 'Have you ever become good friends with someone you first met online?',
      },
    },
  ],
};
