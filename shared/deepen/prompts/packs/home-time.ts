import type { ThemePack } from '../types.js';

/** The seed's second easy theme: fun ways to spend time at home. */
export const homeTime: ThemePack = {
  id: 'home-time',
  name: { ja: 'おうち時間の楽しみ方', en: 'Fun at home' },
  description: {
    ja: '家で過ごす時間の楽しみ方を、気軽に交換しましょう。',
    en: 'Swap ideas for enjoying the time you spend at home.',
  },
  prompts: [
    {
      id: 'home-time.01',
      text: {
        ja: 'おうち時間の過ごし方で、最近のお気に入りを教えてください。',
        en: "What's your favourite way to spend time at home lately?",
      },
    },
    {
      id: 'home-time.02',
      text: {
        ja: '家でよく作る得意料理や、最近挑戦したレシピはありますか？',
        en: 'Do you have a go-to dish you cook at home, or a recipe you tried recently?',
      },
    },
    {
      id: 'home-time.03',
      text: {
        ja: 'おうち時間に始めて、今も続いている趣味はありますか？',
        en: "Did you pick up a hobby at home that you've kept up?",
      },
    },
    {
      id: 'home-time.04',
      text: {
        ja: '休みの日に家でゆっくり観たい、おすすめの作品は？',
        en: 'What would you recommend watching on a slow day at home?',
      },
    },
    {
      id: 'home-time.05',
      text: {
        ja: '家の中でいちばんお気に入りの場所やモノは何ですか？',
        en: "What's your favourite spot or thing in your home?",
      },
    },
    {
      id: 'home-time.06',
      text: {
        ja: '家でできるリフレッシュ方法を教えてください。',
        en: 'How do you recharge without leaving the house?',
      },
    },
    {
      id: 'home-time.07',
      text: {
        ja: '最近読んでよかった本や漫画はありますか？',
        en: 'Read any good books or manga lately?',
      },
    },
    {
      id: 'home-time.08',
      text: {
        ja: '植物やペットなど、家で一緒に暮らしている「仲間」はいますか？',
        en: 'Do you share your home with any plants or pets?',
      },
    },
    {
      id: 'home-time.09',
      text: {
        ja: 'おうちで楽しめる、おすすめのお取り寄せグルメはありますか？',
        en: 'Is there any food you love ordering in from somewhere special?',
      },
    },
    {
      id: 'home-time.10',
      text: {
        ja: '家で体を動かすとき、どんなことをしていますか？',
        en: 'How do you stay active at home?',
      },
    },
    {
      id: 'home-time.11',
      text: {
        ja: '雨の日の過ごし方、皆さんはどうしていますか？',
        en: 'How do you like to spend a rainy day?',
      },
    },
    {
      id: 'home-time.12',
      text: {
        ja: '片づけや模様替えで、やってよかったことはありますか？',
        en: 'Any tidying or redecorating you were glad you did?',
      },
    },
    {
      id: 'home-time.13',
      text: {
        ja: '家族や友だちとオンラインで楽しんだことはありますか？ ゲームやビデオ通話など、何でもどうぞ。',
        en: 'Have you enjoyed anything online with family or friends, like games or video calls?',
      },
    },
  ],
};
