import type { ThemePack } from '../types.js';

/** Learning again (学び直し), qualifications and side projects. */
export const learning: ThemePack = {
  id: 'learning',
  name: { ja: '学び直し・副業', en: 'Learning and side projects' },
  description: {
    ja: '学び直しや資格、副業・個人のプロジェクトについて情報交換しましょう。',
    en: 'Swap notes on studying, qualifications, side jobs and personal projects.',
  },
  prompts: [
    {
      id: 'learning.01',
      text: {
        ja: '最近、新しく学び始めたことはありますか？',
        en: 'Have you started learning anything new recently?',
      },
    },
    {
      id: 'learning.02',
      text: {
        ja: '学び直しで役に立った本や講座、アプリを教えてください。',
        en: 'What books, courses or apps have helped you learn something new?',
      },
    },
    {
      id: 'learning.03',
      text: {
        ja: '副業や個人のプロジェクトに取り組んだことはありますか？ どんな内容ですか？',
        en: 'Have you ever done a side job or a personal project? What was it?',
      },
    },
    {
      id: 'learning.04',
      text: {
        ja: '勉強の時間は、いつ・どうやって作っていますか？',
        en: 'When and how do you find time to study?',
      },
    },
    {
      id: 'learning.05',
      text: {
        ja: '取ってよかった資格や、これから挑戦したい資格はありますか？',
        en: "Is there a qualification you're glad you got, or one you'd like to go for?",
      },
    },
    {
      id: 'learning.06',
      text: {
        ja: '学んだことが仕事や生活で活きた瞬間はありますか？',
        en: 'Has something you learned ever paid off at work or in daily life?',
      },
    },
    {
      id: 'learning.07',
      text: {
        ja: '副業を始めるなら、どんなことをやってみたいですか？',
        en: 'If you started a side job, what would you like it to be?',
      },
    },
    {
      id: 'learning.08',
      text: {
        ja: '学ぶモチベーションを保つコツはありますか？',
        en: 'Any tips for staying motivated when you are learning something?',
      },
    },
    {
      id: 'learning.09',
      text: {
        ja: '最近気になっている技術やツール、トレンドはありますか？',
        en: "Any technology, tool or trend that's caught your interest lately?",
      },
    },
    {
      id: 'learning.10',
      text: {
        ja: '誰かに教えられるくらい得意なことは何ですか？',
        en: 'What are you good enough at to teach someone else?',
      },
    },
    {
      id: 'learning.11',
      text: {
        ja: '社会人になってから「学生時代にもっと勉強しておけばよかった」と思ったことは？',
        en: "Since starting work, what do you wish you'd studied more at school or university?",
      },
    },
    {
      id: 'learning.12',
      text: {
        ja: 'このメンバーで勉強会をするなら、どんなテーマがいいですか？',
        en: 'If this group held a study session together, what topic would you pick?',
      },
    },
    {
      id: 'learning.13',
      text: {
        ja: '失敗から学んだことで、今も役に立っていることはありますか？',
        en: "What's a lesson you learned from a failure that still helps you today?",
      },
    },
  ],
};
