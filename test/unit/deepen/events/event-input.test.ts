import { expect } from 'chai';
import { checkEventInput, readRepeat } from '../../../../shared/deepen/events/event-input.js';
import { localizeIssue } from '../../../../shared/errors.js';

const LOBBY = '123456789012345678';

describe('event input checks', () => {
  it('fills the defaults: icebreaker theme, 60 minutes, the guild lobby, no capacity, no mixer', () => {
    const { value, issues } = checkEventInput({ title: ' Chat ', when: 'x' }, { lobbyChannelId: LOBBY });
    expect(issues).to.deep.equal([]);
    expect(value).to.deep.equal({
      title: 'Chat',
      theme: 'icebreaker',
      description: '',
      durationMinutes: 60,
      lobbyChannelId: LOBBY,
      capacity: null,
      mixer: null,
    });
  });

  it('reports every problem at once, each with its text in both languages', () => {
    const { issues } = checkEventInput(
      {
        title: '',
        when: 'x',
        theme: 'karaoke',
        durationMinutes: 5,
        capacity: 1,
        mixer: { groupSize: 20, strategy: 'mixed,zodiac' },
      },
      { lobbyChannelId: null },
    );
    expect(issues.map((i) => i.field)).to.deep.equal([
      'title',
      'theme',
      'durationMinutes',
      'capacity',
      'lobbyChannelId',
      'groupSize',
      'strategy',
    ]);
    const duration = issues.find((i) => i.field === 'durationMinutes')!;
    expect(localizeIssue('en', duration)).to.equal('Duration must be a whole number from 15 to 480.');
    expect(localizeIssue('ja', duration)).to.equal('長さは15〜480の整数にしてください。');
  });

  it('takes mixer settings with one strategy per round', () => {
    const { value } = checkEventInput(
      {
        title: 'Mix',
        when: 'x',
        mixer: { groupSize: 4, rounds: 2, minutesPerRound: 12, strategy: 'industry, mixed' },
      },
      { lobbyChannelId: LOBBY },
    );
    expect(value.mixer).to.deep.equal({
      groupSize: 4,
      rounds: 2,
      minutesPerRound: 12,
      strategies: ['industry', 'mixed'],
    });
  });

  it('reads the repeat words of point 4 and refuses what it cannot repeat', () => {
    expect(readRepeat('第2土曜', '2027-01-09').recurrence).to.deep.equal({
      kind: 'monthlyNthWeekday',
      nth: 2,
      weekday: 6,
    });
    expect(readRepeat('every two weeks', '2027-01-08').recurrence).to.deep.equal({
      kind: 'weekly',
      interval: 2,
      weekday: 5,
    });
    expect(readRepeat('平日', '2027-01-08').recurrence).to.deep.equal({ kind: 'weekdays' });
    expect(readRepeat('', '2027-01-08')).to.deep.equal({ recurrence: null });
    expect(readRepeat('毎日', '2027-01-08').issue?.i18nKey).to.equal('deepen.events.error.repeat');
  });
});
