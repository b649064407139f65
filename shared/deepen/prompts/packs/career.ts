import type { ThemePack } from '../types.js';

/** Where careers went after leaving; questions leave room to share only what one wants. */
export const career: ThemePack = {
  id: 'career',
  name: { ja: 'キャリアのその後', en: 'Life after the company' },
  description: {
    ja: '退職後のキャリアや今のお仕事について、話せる範囲で気軽に話しましょう。',
    en: 'Where your career went after leaving, and what you do now.',
  },
  prompts: [
    {
      id: 'career.01',
      text: {
        ja: '会社を離れてから、今はどんなお仕事をしていますか？ 話せる範囲でどうぞ。',
        en: "What do you do these days? Share as much as you're comfortable with.",
      },
    },
    {
      id: 'career.02',
      text: {
        ja: '次のキャリアを選ぶとき、決め手になったことは何でしたか？',
        en: 'What made you decide on your next step after leaving?',
      },
    },
    {
      id: 'career.03',
      text: {
        ja: '今の仕事で、前の会社での経験が活きていると感じるのはどんな場面ですか？',
        en: 'When do you notice your experience at the company helping you in your work now?',
      },
    },
    {
      id: 'career.04',
      text: {
        ja: '転職や独立をしてみて、意外だったことはありますか？',
        en: 'What surprised you after changing jobs or going independent?',
      },
    },
    {
      id: 'career.05',
      text: {
        ja: '今の職場で「これはいい文化だな」と思うことを教えてください。',
        en: "What's something about your current workplace culture that you really like?",
      },
    },
    {
      id: 'career.06',
      text: {
        ja: 'キャリアの転機になった出来事や出会いはありますか？',
        en: 'Was there a moment or a person that turned your career in a new direction?',
      },
    },
    {
      id: 'career.07',
      text: {
        ja: '5年後、どんな働き方をしていたいですか？',
        en: 'How would you like to be working five years from now?',
      },
    },
    {
      id: 'career.08',
      text: {
        ja: '仕事選びで大事にしていることは、在籍していた頃から変わりましたか？',
        en: 'Has what matters to you in a job changed since you were at the company?',
      },
    },
    {
      id: 'career.09',
      text: {
        ja: '今の仕事で、やりがいを感じるのはどんな瞬間ですか？',
        en: 'When do you feel your work is most worthwhile these days?',
      },
    },
    {
      id: 'career.10',
      text: {
        ja: 'ここにいる皆さんと、いつか一緒にできそうなことはありますか？',
        en: 'Is there anything you could imagine working on together with the people here someday?',
      },
    },
    {
      id: 'career.11',
      text: {
        ja: 'これから挑戦してみたい仕事や役割はありますか？',
        en: "Is there a job or role you'd like to try next?",
      },
    },
    {
      id: 'career.12',
      text: {
        ja: '退職を考えていた頃の自分に、今ならどんなアドバイスをしますか？',
        en: 'What advice would you give yourself back when you were thinking of leaving?',
      },
    },
    {
      id: 'career.13',
      text: {
        ja: '今のお仕事の「一日の流れ」をざっくり教えてください。',
        en: 'Walk us through a typical day in your work now.',
      },
    },
  ],
};
