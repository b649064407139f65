/**
 * Prompts for groups sharing where they work now or how they were at the company: industry,
 * tenure band, leave year, joined as new graduates (or mid-career).
 * English puts band-like labels in parentheses so "Freelance" or "Less than 1 year" read well.
 */
import type { FittedPromptDef } from '../types.js';

export const workHistoryPrompts: readonly FittedPromptDef[] = [
  {
    id: 'fit.industry.01',
    attribute: 'industry',
    text: {
      ja: '皆さん今、{industry}のお仕事をされているんですね。ここ一年で、仕事まわりでいちばん変わったと感じることは何ですか？',
      en: 'You all work in the same field ({industry}). What has changed most in your work over the past year?',
    },
  },
  {
    id: 'fit.industry.02',
    attribute: 'industry',
    text: {
      ja: '{industry}のお仕事をしている人なら思わずうなずく「あるある」を教えてください。',
      en: "What's a classic moment that only people in your field ({industry}) would recognise?",
    },
  },
  {
    id: 'fit.industry.03',
    attribute: 'industry',
    text: {
      ja: '{industry}のお仕事を始める前のイメージと、実際にやってみて違ったことはありますか？',
      en: 'What turned out differently from what you imagined before you started in your field ({industry})?',
    },
  },
  {
    id: 'fit.industry.04',
    attribute: 'industry',
    text: {
      ja: '{industry}のお仕事で、最近役に立った本やニュース、イベントがあれば教えてください。',
      en: 'Same field here ({industry}): which book, news source or event has been most useful to you lately?',
    },
  },
  {
    id: 'fit.industry.05',
    attribute: 'industry',
    text: {
      ja: '{industry}のお仕事で、これから伸びそう・注目していることは何ですか？',
      en: "What's something in your field ({industry}) that you think is about to take off?",
    },
  },
  {
    id: 'fit.industry.06',
    attribute: 'industry',
    text: {
      ja: '前の会社での経験が、今の{industry}のお仕事で活きていると感じるのはどんなときですか？',
      en: 'When does your experience from the company help you in your current field ({industry})?',
    },
  },
  {
    id: 'fit.tenure.01',
    attribute: 'tenure',
    text: {
      ja: '在籍期間が同じくらい（{tenure}）の皆さん、在籍中にいちばん成長したと感じるのはいつ頃でしたか？',
      en: 'You spent a similar time at the company ({tenure}). When did you feel you grew the most?',
    },
  },
  {
    id: 'fit.tenure.02',
    attribute: 'tenure',
    text: {
      ja: '在籍{tenure}の間に経験したことで、今も活きていることは何ですか？',
      en: 'What from your time there ({tenure}) still helps you today?',
    },
  },
  {
    id: 'fit.tenure.03',
    attribute: 'tenure',
    text: {
      ja: '在籍{tenure}を振り返って、いちばん印象に残っている仕事は何ですか？',
      en: 'Looking back on your time at the company ({tenure}), which piece of work stays with you most?',
    },
  },
  {
    id: 'fit.tenure.04',
    attribute: 'tenure',
    text: {
      ja: '在籍期間が近い（{tenure}）皆さん、入社したときと辞めるときで、会社の見え方は変わりましたか？',
      en: 'You were all there for a similar stretch ({tenure}). Did the company look different when you left compared with when you joined?',
    },
  },
  {
    id: 'fit.leaveYear.01',
    attribute: 'leaveYear',
    text: {
      ja: '{year}年に会社を卒業した皆さん、退職した頃はどんな時期でしたか？',
      en: 'You all left the company in {year}. What was going on in your life back then?',
    },
  },
  {
    id: 'fit.leaveYear.02',
    attribute: 'leaveYear',
    text: {
      ja: '{year}年に退職してから今までで、いちばん大きな変化は何ですか？',
      en: "What's the biggest change for you since leaving in {year}?",
    },
  },
  {
    id: 'fit.leaveYear.03',
    attribute: 'leaveYear',
    text: {
      ja: '{year}年の退職当時、次の一歩をどうやって決めましたか？',
      en: 'When you left in {year}, how did you decide on your next step?',
    },
  },
  {
    id: 'fit.leaveYear.04',
    attribute: 'leaveYear',
    text: {
      ja: '同じ{year}年卒業組として、当時の職場で流行っていたことや雰囲気で覚えていることはありますか？',
      en: 'As fellow {year} leavers, what do you remember about the mood at work back then?',
    },
  },
  {
    id: 'fit.leaveYear.05',
    attribute: 'leaveYear',
    text: {
      ja: '{year}年の自分に一言かけるとしたら、何と言いますか？',
      en: 'If you could say one thing to yourself in {year}, what would it be?',
    },
  },
  {
    id: 'fit.newGraduate.01',
    attribute: 'newGraduate',
    when: 'true',
    text: {
      ja: '新卒で入社した皆さん、入社式や新人研修で印象に残っていることはありますか？',
      en: 'You all joined straight after graduating. What do you remember from your welcome ceremony or new-hire training?',
    },
  },
  {
    id: 'fit.newGraduate.02',
    attribute: 'newGraduate',
    when: 'true',
    text: {
      ja: '社会人一年目の自分に教えてあげたいことは何ですか？',
      en: 'What would you tell yourself in your very first year of work?',
    },
  },
  {
    id: 'fit.newGraduate.03',
    attribute: 'newGraduate',
    when: 'true',
    text: {
      ja: '新卒のとき、配属先が決まった瞬間の気持ちを覚えていますか？',
      en: 'Do you remember how you felt when you found out which team you would join as a new graduate?',
    },
  },
  {
    id: 'fit.newGraduate.04',
    attribute: 'newGraduate',
    when: 'true',
    text: {
      ja: '同期とのつながりで、今も続いているものはありますか？',
      en: 'Are you still in touch with people who joined in the same intake? How do you stay connected?',
    },
  },
  {
    id: 'fit.newGraduate.05',
    attribute: 'newGraduate',
    when: 'true',
    text: {
      ja: '新卒で入った会社を離れるとき、いちばん迷ったことは何でしたか？',
      en: 'Leaving the first company you joined after graduating: what was the hardest part to decide?',
    },
  },
  {
    id: 'fit.midCareer.01',
    attribute: 'newGraduate',
    when: 'false',
    text: {
      ja: '中途で入社した皆さん、入社したばかりの頃に驚いたことや戸惑ったことはありますか？',
      en: 'You all joined mid-career. What surprised or puzzled you in your first few weeks?',
    },
  },
  {
    id: 'fit.midCareer.02',
    attribute: 'newGraduate',
    when: 'false',
    text: {
      ja: '中途入社で、早く職場になじむためにしていた工夫はありますか？',
      en: 'Joining mid-career, what did you do to settle in quickly?',
    },
  },
  {
    id: 'fit.midCareer.03',
    attribute: 'newGraduate',
    when: 'false',
    text: {
      ja: '前職の経験が、この会社で役に立ったのはどんな場面でしたか？',
      en: 'When did experience from your previous job come in handy at the company?',
    },
  },
  {
    id: 'fit.midCareer.04',
    attribute: 'newGraduate',
    when: 'false',
    text: {
      ja: '転職を経験して、会社選びで大事にするようになったことは何ですか？',
      en: 'Having changed jobs, what do you now look for first in a company?',
    },
  },
];
