import type { ThemePack } from '../types.js';

/** Warm memories of the company: about moments and what people gave us, never about who did wrong. */
export const alumniMemories: ThemePack = {
  id: 'alumni-memories',
  name: { ja: '在籍時の思い出', en: 'Memories of the company' },
  description: {
    ja: '在籍していた頃の楽しかった思い出を、あたたかく振り返りましょう。',
    en: 'Look back warmly on the good times at the company.',
  },
  prompts: [
    {
      id: 'alumni-memories.01',
      text: {
        ja: '入社した日のこと、覚えていますか？ 印象に残っていることを教えてください。',
        en: 'Do you remember your first day? What stuck with you?',
      },
    },
    {
      id: 'alumni-memories.02',
      text: {
        ja: '在籍中にいちばん楽しかったプロジェクトや仕事は何ですか？',
        en: 'What was the most fun project or piece of work you did while you were there?',
      },
    },
    {
      id: 'alumni-memories.03',
      text: {
        ja: 'オフィスの近くで、よく行ったお店やお気に入りのランチはありますか？',
        en: 'Was there a place near the office you often went to, or a favourite lunch spot?',
      },
    },
    {
      id: 'alumni-memories.04',
      text: {
        ja: 'お世話になった先輩や同僚から教わって、今も大切にしていることは？',
        en: 'What did a colleague or mentor teach you that you still hold on to?',
      },
    },
    {
      id: 'alumni-memories.05',
      text: {
        ja: '社内イベントや行事で、印象に残っているものはありますか？',
        en: 'Are there any company events or traditions you remember fondly?',
      },
    },
    {
      id: 'alumni-memories.06',
      text: {
        ja: '在籍中に身について、今も続いている習慣や口ぐせはありますか？',
        en: 'Is there a habit or phrase you picked up there that you still use?',
      },
    },
    {
      id: 'alumni-memories.07',
      text: {
        ja: '「あのときはみんなで乗り越えたな」と思う出来事はありますか？',
        en: 'Was there a tough time that you all got through together?',
      },
    },
    {
      id: 'alumni-memories.08',
      text: {
        ja: '部署や拠点ならではの、ちょっとした名物や文化はありましたか？',
        en: 'Did your team or office have its own little traditions or quirks?',
      },
    },
    {
      id: 'alumni-memories.09',
      text: {
        ja: '在籍中に言われて嬉しかった一言はありますか？',
        en: "What's something someone said to you there that made your day?",
      },
    },
    {
      id: 'alumni-memories.10',
      text: {
        ja: '今だから笑って話せる、新人時代の失敗談はありますか？',
        en: 'Any rookie mistakes that you can laugh about now?',
      },
    },
    {
      id: 'alumni-memories.11',
      text: {
        ja: '会社で出会って、今もつながっている人はいますか？ どんなふうに連絡を取っていますか？',
        en: 'Are you still in touch with anyone you met at the company? How do you keep in touch?',
      },
    },
    {
      id: 'alumni-memories.12',
      text: {
        ja: 'もし一日だけ当時の職場に戻れるなら、何をしたいですか？',
        en: 'If you could go back to your old workplace for one day, what would you do?',
      },
    },
    {
      id: 'alumni-memories.13',
      text: {
        ja: '会社を離れてから改めて「良かったな」と気づいたことはありますか？',
        en: 'What did you only come to appreciate about the company after you left?',
      },
    },
  ],
};
