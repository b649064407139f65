import { expect } from 'chai';
import { DiscordAPIError, MessageFlags, type Interaction } from 'discord.js';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { handleInteractionError } from '../../../bot/core/interaction-error-boundary.js';
import { fakeContext } from '../../support/fake-context.js';

interface Sent {
  via: 'reply' | 'followUp' | 'editReply' | 'deleteReply';
  content: string;
  flags: number;
}

function fakeCommand(options: {
  locale: string;
  replied?: boolean;
  deferred?: boolean;
  ephemeral?: boolean;
  failReply?: boolean;
}) {
  const sent: Sent[] = [];
  const send =
    (via: Sent['via']) =>
    async (payload: { content: string; flags?: number } = { content: '' }) => {
      if (options.failReply) throw new Error('Unknown interaction');
      sent.push({ via, content: payload.content, flags: payload.flags ?? 0 });
    };
  const interaction = {
    locale: options.locale,
    guildLocale: 'en-US',
    guildId: '100000000000000001',
    user: { id: '200000000000000002' },
    replied: options.replied ?? false,
    deferred: options.deferred ?? false,
    ephemeral: options.ephemeral ?? null,
    commandName: 'about',
    isChatInputCommand: () => true,
    options: { getSubcommand: () => null },
    isRepliable: () => true,
    reply: send('reply'),
    followUp: send('followUp'),
    editReply: send('editReply'),
    deleteReply: send('deleteReply'),
  } as unknown as Interaction;
  return { interaction, sent };
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const missingPermission = new DiscordAPIError(
  { code: 50013, message: 'Missing Permissions' },
  50013,
  403,
  'PUT',
  'u',
  {
    body: undefined,
  },
);

describe('interaction error boundary', () => {
  it('replies ephemerally in Japanese to a ja user when nothing was sent yet', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'ja' });
    await handleInteractionError(interaction, new Error('boom'), fakeContext());
    expect(sent).to.deep.equal([
      {
        via: 'reply',
        content: '問題が発生しました。時間をおいてもう一度お試しください。',
        flags: MessageFlags.Ephemeral,
      },
    ]);
  });

  it('replies in English to an en-US user', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'en-US' });
    await handleInteractionError(interaction, missingPermission, fakeContext());
    expect(sent[0]?.content).to.match(/^I am missing a permission/);
  });

  it('uses the guild setting when the user locale is neither Japanese nor English', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'fr' });
    await handleInteractionError(
      interaction,
      missingPermission,
      fakeContext({ guilds: { locale: async () => 'ja' } }),
    );
    expect(sent[0]?.content).to.match(/権限がボットにありません/);
  });

  it('GIVEN a public deferral THEN deletes the "thinking…" message and follows up ephemerally', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'en-US', deferred: true, ephemeral: false });
    await handleInteractionError(interaction, new Error('boom'), fakeContext());
    expect(sent.map((s) => s.via)).to.deep.equal(['deleteReply', 'followUp']);
    expect(sent[1]?.flags).to.equal(MessageFlags.Ephemeral);
  });

  it('GIVEN a deferred update on a component THEN leaves the message alone and follows up ephemerally', async () => {
    // discord.js keeps `ephemeral` null after deferUpdate(); the original is then e.g. a role panel.
    const { interaction, sent } = fakeCommand({ locale: 'en-US', deferred: true });
    await handleInteractionError(interaction, new Error('boom'), fakeContext());
    expect(sent.map((s) => s.via)).to.deep.equal(['followUp']);
    expect(sent[0]?.flags).to.equal(MessageFlags.Ephemeral);
  });

  it('GIVEN an ephemeral deferral THEN edits it with the error', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'en-US', deferred: true, ephemeral: true });
    await handleInteractionError(interaction, new Error('boom'), fakeContext());
    expect(sent).to.deep.equal([
      { via: 'editReply', content: 'Something went wrong. Please try again in a moment.', flags: 0 },
    ]);
  });

  it('follows up when the handler already replied', async () => {
    const { interaction, sent } = fakeCommand({ locale: 'en-US', replied: true });
    await handleInteractionError(interaction, new Error('boom'), fakeContext());
    expect(sent.map((s) => s.via)).to.deep.equal(['followUp']);
  });

  it('logs the failure with guild, user and command', async () => {
    const { logger, lines } = capturingLogger();
    const { interaction } = fakeCommand({ locale: 'en-US' });
    await handleInteractionError(interaction, new Error('boom'), fakeContext({ logger }));
    expect(lines[0]).to.include({
      level: 50,
      guildId: '100000000000000001',
      userId: '200000000000000002',
      command: '/about',
      msg: 'interaction handler failed',
    });
  });

  it('logs and gives up when even the error reply fails', async () => {
    const { logger, lines } = capturingLogger();
    const { interaction } = fakeCommand({ locale: 'en-US', failReply: true });
    await handleInteractionError(interaction, new Error('boom'), fakeContext({ logger }));
    expect(lines.map((l) => l.msg)).to.include('could not tell the user about the error');
  });
});
