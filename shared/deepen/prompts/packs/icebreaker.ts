import type { ThemePack } from '../types.js';

/** Light questions anyone can answer: the default theme and the fallback for unknown ids. */
export const icebreaker: ThemePack = {
  id: 'icebreaker',
  name: { ja: 'はじめましての話題', en: 'Easy starters' },
  description: {
    ja: '初対面でも気軽に話せる、やさしい話題です。',
    en: 'Light, easy questions for people meeting for the first time.',
  },
  prompts: [
    {
      id: 'icebreaker.01',
      text: {
        ja: 'まずは自己紹介から。呼ばれたい名前と、最近ちょっと嬉しかったことを教えてください。',
        en: "Let's start with introductions: what would you like to be called, and what's something small that made you happy recently?",
      },
    },
    {
      id: 'icebreaker.02',
      text: {
        ja: '今日はどこから参加していますか？ 窓の外に何が見えるかも教えてください。',
        en: 'Where are you joining from today? Tell us what you can see out of the window.',
      },
    },
    {
      id: 'icebreaker.03',
      text: {
        ja: '最近ハマっている食べ物や飲み物はありますか？',
        en: "Any food or drink you've been hooked on lately?",
      },
    },
    {
      id: 'icebreaker.04',
      text: {
        ja: '休みの日の朝、いちばん最初にすることは何ですか？',
        en: "What's the first thing you do on a day-off morning?",
      },
    },
    {
      id: 'icebreaker.05',
      text: {
        ja: '最近観て面白かった映画・ドラマ・動画を一つおすすめするなら？',
        en: 'If you could recommend one film, series or video you enjoyed recently, what would it be?',
      },
    },
    {
      id: 'icebreaker.06',
      text: {
        ja: '子どもの頃、何になりたかったですか？',
        en: 'What did you want to be when you were a kid?',
      },
    },
    {
      id: 'icebreaker.07',
      text: {
        ja: '行ってよかった旅行先と、そこでの一番の思い出は？',
        en: "Where's a trip you're glad you took, and what's your favourite memory from it?",
      },
    },
    {
      id: 'icebreaker.08',
      text: {
        ja: 'ちょっと自慢できる特技や、意外と知られていない一面はありますか？',
        en: 'Do you have a small talent or a side of you that people might not guess?',
      },
    },
    {
      id: 'icebreaker.09',
      text: {
        ja: '今年中にやってみたいことを一つ教えてください。',
        en: "Tell us one thing you'd like to try before the year is out.",
      },
    },
    {
      id: 'icebreaker.10',
      text: {
        ja: '朝型ですか、夜型ですか？ 一日のうちで好きな時間帯はいつですか？',
        en: "Are you a morning person or a night owl? What's your favourite time of day?",
      },
    },
    {
      id: 'icebreaker.11',
      text: {
        ja: '最近買ってよかったものは何ですか？',
        en: "What's the best thing you've bought recently?",
      },
    },
    {
      id: 'icebreaker.12',
      text: {
        ja: '好きな季節と、その理由を教えてください。',
        en: "What's your favourite season, and why?",
      },
    },
    {
      id: 'icebreaker.13',
      text: {
        ja: 'もし予定のない一日を丸ごともらえたら、何をしますか？',
        en: 'If you were handed a whole day with nothing planned, how would you spend it?',
      },
    },
  ],
};
