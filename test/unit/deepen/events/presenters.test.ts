import { expect } from 'chai';
import { translator } from '../../../../shared/i18n/index.js';
import {
  announcement,
  confirmPrompt,
  suggestionsText,
} from '../../../../bot/deepen/events/presenters/event.presenter.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { countRsvps } from '../../../../shared/deepen/events/event-view.js';

const en = translator('en');
const ja = translator('ja');
const start = new Date('2027-01-14T11:00:00Z');

function occurrence(over: Partial<OccurrenceView> = {}): OccurrenceView {
  const rsvps = over.rsvps ?? [
    { userId: '1', answer: 'yes' as const, waitlisted: false, at: start },
    { userId: '2', answer: 'yes' as const, waitlisted: true, at: start },
    { userId: '3', answer: 'maybe' as const, waitlisted: false, at: start },
  ];
  return {
    occurrenceId: 'a'.repeat(24),
    seriesId: 'b'.repeat(24),
    guildId: '9',
    localDate: '2027-01-14',
    title: 'Career *chat*',
    theme: 'career',
    description: '',
    organiserId: '5',
    lobbyChannelId: '7',
    durationMinutes: 60,
    capacity: 1,
    mixer: null,
    start,
    end: new Date(start.getTime() + 3_600_000),
    status: 'scheduled',
    discordEventId: '11',
    announcement: { channelId: null, messageId: null },
    interested: ['8'],
    attendance: [],
    remindersSent: [],
    mixerOutcome: { state: 'none', detail: null, detailVars: null, mixerId: null },
    problems: [],
    startedAt: null,
    endedAt: null,
    ...over,
    rsvps,
    counts: countRsvps(rsvps),
  };
}

describe('event presenters', () => {
  it('shows counts on the RSVP buttons, the waitlist, Interested beside, and the Discord event link', () => {
    const { embeds, components } = announcement(en, 'en', occurrence(), '9');
    const json = embeds[0]!.toJSON();
    expect(json.title).to.equal('Career \\*chat\\*');
    expect(json.url).to.equal('https://discord.com/events/9/11');
    expect(json.fields?.map((f) => f.name)).to.include.members([
      'Going (1)',
      'Interested on Discord (1)',
      'Waitlist',
    ]);
    const labels = components[0]!.toJSON().components.map((c) => ('label' in c ? c.label : ''));
    expect(labels).to.deep.equal(['Going (1)', 'Maybe (1)', 'Not going (0)']);
    const jaLabels = announcement(ja, 'ja', occurrence(), '9')
      .components[0]!.toJSON()
      .components.map((c) => ('label' in c ? c.label : ''));
    expect(jaLabels).to.deep.equal(['参加 (1)', '未定 (1)', '不参加 (0)']);
  });

  it('greys out a cancelled occurrence and disables its buttons', () => {
    const { embeds, components } = announcement(en, 'en', occurrence({ status: 'cancelled' }), '9');
    expect(embeds[0]!.toJSON().title).to.match(/^Cancelled: /);
    expect(components[0]!.toJSON().components.every((c) => 'disabled' in c && c.disabled)).to.equal(true);
  });

  it('says when the hour was taken as pm, and offers typeable times for an unreadable one', () => {
    const prompt = confirmPrompt(en, 'en', {
      ...occurrence(),
      draftId: 'c'.repeat(24),
      zone: 'Asia/Tokyo',
      assumed: ['pm'],
    });
    expect(prompt.embeds[0]!.toJSON().description).to.include('<t:1799924400:F>').and.include('evening (pm)');
    const text = suggestionsText(ja, 'unparseable', 'いつか', [{ at: start, typeable: '2027-01-14 20:00' }]);
    expect(text).to.include('「いつか」から日時を読み取れませんでした。').and.include('`2027-01-14 20:00`');
  });
});
