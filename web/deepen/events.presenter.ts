/** View models of the events pages: dates in the guild's zone, names, localized labels. */
import { dateFormatter, personNamer, type PresentContext } from '../core/format.js';
import { listThemes, themeName } from '../../shared/deepen/prompts/index.js';
import type { OccurrenceView } from '../../shared/deepen/events/event-view.js';
import type { RequestView } from '../../shared/deepen/events/request.service.js';
import type { FeedbackSummary } from '../../shared/deepen/events/mixer-links.js';
import type { VoiceChannelView } from '../../shared/deepen/events/lobby-channels.js';
import { ENGLISH } from '../../shared/i18n/catalogues.js';
import type { MessageKey, Translator, Vars } from '../../shared/i18n/index.js';

export interface FormState {
  values: Record<string, string>;
  errors: string[];
}

function row(o: OccurrenceView, ctx: PresentContext, guildId: string) {
  const when = dateFormatter(ctx, true)(o.start)!;
  return {
    id: o.occurrenceId,
    title: o.title,
    when,
    theme: themeName(o.theme, ctx.locale),
    status: ctx.t(`deepen.events.status.${o.status}`),
    statusKind: o.status,
    going: o.counts.yes,
    maybe: o.counts.maybe,
    no: o.counts.no,
    waitlist: o.counts.waitlist,
    interested: o.interested.length,
    attended: o.attendance.length,
    capacity: o.capacity ?? '—',
    problems: o.problems.map((key) => ctx.t(key as MessageKey)),
    href: `/guilds/${guildId}/events/${o.occurrenceId}`,
  };
}

function requestLine(r: RequestView, ctx: PresentContext) {
  const text =
    r.status === 'pending'
      ? ctx.t('deepen.events.request.pending')
      : r.resultKey
        ? ctx.t(r.resultKey, r.resultVars)
        : ctx.t('deepen.events.request.working');
  return { id: r.requestId, kind: ctx.t(`deepen.events.request.kind.${r.kind}`), status: r.status, text };
}

export function presentEventsPage(
  input: {
    guildId: string;
    upcoming: OccurrenceView[];
    past: OccurrenceView[];
    requests: RequestView[];
    form: FormState;
    reminders: readonly number[];
    feedback: ReadonlyMap<string, FeedbackSummary>;
    canAct: boolean;
  },
  ctx: PresentContext,
) {
  const rating = (id: string) => {
    const f = input.feedback.get(id);
    return f?.average != null
      ? ctx.t('deepen.events.web.rating', { average: f.average, count: f.count })
      : null;
  };
  return {
    reminders: input.reminders.join(', '),
    upcoming: input.upcoming.map((o) => row(o, ctx, input.guildId)),
    past: input.past.map((o) => ({ ...row(o, ctx, input.guildId), rating: rating(o.occurrenceId) })),
    requests: input.requests.map((r) => requestLine(r, ctx)),
    themes: listThemes(ctx.locale),
    form: input.form,
    canAct: input.canAct,
    zone: ctx.timeZone,
    previewUrl: `/guilds/${input.guildId}/events/preview`,
  };
}

export function presentOccurrence(
  input: {
    guildId: string;
    occ: OccurrenceView;
    names: ReadonlyMap<string, string>;
    form: FormState;
    canAct: boolean;
    /** The guild's voice channels (null: the worker has not listed them yet). */
    lobbies?: readonly VoiceChannelView[] | null;
  },
  ctx: PresentContext,
) {
  const { occ } = input;
  const lobbies = input.lobbies ?? [];
  const current =
    lobbies.find((c) => c.id === occ.lobbyChannelId)?.name ?? ctx.t('deepen.events.web.lobbyUnknown');
  const chosen = input.form.values.lobbyChannelId ?? '';
  const lobbyOptions = [
    {
      value: '',
      label: ctx.t('deepen.events.web.lobbyUnchanged', { name: current }),
      selected: chosen === '',
    },
    ...lobbies
      .filter((c) => c.id !== occ.lobbyChannelId)
      .map((c) => ({ value: c.id, label: c.name, selected: chosen === c.id })),
  ];
  const name = personNamer(ctx, input.names);
  const fmt = dateFormatter(ctx, true);
  const by = (answer: 'yes' | 'maybe' | 'no', waitlisted = false) =>
    occ.rsvps.filter((r) => r.answer === answer && r.waitlisted === waitlisted).map((r) => name(r.userId));
  return {
    ...row(occ, ctx, input.guildId),
    description: occ.description,
    durationMinutes: occ.durationMinutes,
    lobbyChannelId: occ.lobbyChannelId,
    organiser: name(occ.organiserId),
    going: by('yes'),
    waiting: by('yes', true),
    maybe: by('maybe'),
    notGoing: by('no'),
    interested: occ.interested.map(name),
    attendance: occ.attendance.map((a) => ({ name: name(a.userId), at: fmt(a.firstSeenAt)! })),
    mixer: occ.mixer
      ? ctx.t('deepen.events.mixer.line', {
          groupSize: occ.mixer.groupSize,
          rounds: occ.mixer.rounds,
          minutes: occ.mixer.minutesPerRound,
          strategies: occ.mixer.strategies.join(' → '),
        })
      : ctx.t('deepen.events.mixer.none'),
    mixerOutcome: occ.mixerOutcome.state === 'none' ? null : mixerOutcomeLine(ctx.t, occ.mixerOutcome),
    editable: occ.status === 'scheduled' && input.canAct,
    lobbyOptions,
    form: input.form,
    people: [...new Set([occ.organiserId, ...occ.rsvps.map((r) => r.userId), ...occ.interested])],
  };
}

/** "Mixer did not run — A mixer needs at least 3 people…" (the refusal's own words when there is one). */
function mixerOutcomeLine(t: Translator, outcome: OccurrenceView['mixerOutcome']): string {
  const state = t(`deepen.events.mixerOutcome.${outcome.state}` as MessageKey);
  if (outcome.state !== 'notRun' || !outcome.detail || !(outcome.detail in ENGLISH)) return state;
  return `${state} — ${t(outcome.detail as MessageKey, (outcome.detailVars ?? {}) as Vars)}`;
}
