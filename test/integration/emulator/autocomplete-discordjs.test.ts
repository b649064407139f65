/**
 * Autocomplete interactions in the emulator through the REAL discord.js Client: the payload
 * discord.js reads (focused option, partial values), its `respond()`, and Discord's refusals of
 * what an autocomplete answer may not be (discord-api-docs, receiving-and-responding
 * "Autocomplete"; application-commands "Autocomplete").
 */
import { expect } from 'chai';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  Routes,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type Interaction,
} from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { DriverError, driversFor, type Drivers } from '../../../sandbox/discord/drivers.js';
import { interactionsOf } from '../../../sandbox/discord/rest/interactions.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

type Answer = (interaction: AutocompleteInteraction) => Promise<unknown>;

describe('emulator autocomplete through discord.js', function () {
  this.timeout(20_000);
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let client: Client;
  let drivers: Drivers;
  let answer: Answer;
  /** What each answer attempt ended with: 'ok' or the Discord error code. */
  let outcomes: (string | number)[];

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 2 });
    drivers = driversFor(emu);
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isAutocomplete()) return;
      answer(interaction).then(
        () => outcomes.push('ok'),
        (error: unknown) =>
          outcomes.push(error instanceof DiscordAPIError ? Number(error.code) : String(error)),
      );
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emu.botToken);
    await ready;
    const guild = await client.guilds.fetch(seeded.guild.id);
    await guild.commands.set([
      new SlashCommandBuilder()
        .setName('pick')
        .setDescription('Pick things')
        .addSubcommand((s) =>
          s
            .setName('fruit')
            .setDescription('A fruit')
            .addStringOption((o) => o.setName('colour').setDescription('Colour').setRequired(true))
            .addStringOption((o) =>
              o.setName('name').setDescription('Name').setRequired(true).setAutocomplete(true),
            )
            .addIntegerOption((o) => o.setName('count').setDescription('How many').setAutocomplete(true))
            .addUserOption((o) => o.setName('for').setDescription('For whom')),
        )
        .toJSON(),
    ]);
  });

  after(async () => {
    await client?.destroy();
    await emu?.stop();
  });

  beforeEach(() => {
    outcomes = [];
  });

  const general = () => seeded.channels['general']!.id;
  const person = () => seeded.members[0]!.id;
  const type = (option: string, typed: string, options: Record<string, string> = {}) =>
    drivers.typeInOption(seeded.guild.id, general(), person(), 'pick fruit', option, typed, options);
  /** Posts a raw callback with the interaction's token, as a second or wrong answer would. */
  const rawCallback = (i: AutocompleteInteraction, body: unknown) =>
    client.rest.post(Routes.interactionCallback(i.id, i.token), { body, auth: false });

  it('sends type 4 with the options so far and the typed one focused, its text a string for any type', async () => {
    let seen: { focused: unknown; colour: string | null; subcommand: string | null } | undefined;
    answer = async (i) => {
      seen = {
        focused: i.options.getFocused(true),
        colour: i.options.getString('colour'),
        subcommand: i.options.getSubcommand(false),
      };
      await i.respond([{ name: 'Twelve', value: 12 }]);
    };
    const handle = type('count', '1', { colour: 'red' });
    expect(handle.record.type).to.equal(4);
    expect(await handle.waitForChoices()).to.deep.equal([{ name: 'Twelve', value: 12 }]);
    expect(seen).to.deep.equal({
      focused: { name: 'count', type: 4, value: '1', focused: true },
      colour: 'red',
      subcommand: 'fruit',
    });
    // A required option not filled yet is simply absent.
    const options = JSON.stringify(handle.record.payload.data);
    expect(options).to.not.include('"name":"name"');
    expect(handle.record.ack?.type).to.equal(InteractionResponseType.ApplicationCommandAutocompleteResult);
  });

  it('offers the choices the bot responds with, names localized as sent', async () => {
    answer = (i) =>
      i.respond([
        { name: 'Apple', value: 'apple', nameLocalizations: { ja: 'りんご' } },
        { name: 'Apricot', value: 'apricot' },
      ]);
    const choices = await type('name', 'ap').waitForChoices();
    expect(choices).to.deep.equal([
      { name: 'Apple', value: 'apple', name_localizations: { ja: 'りんご' } },
      { name: 'Apricot', value: 'apricot' },
    ]);
  });

  it('refuses 26 choices with 50035 at data.choices, and accepts a corrected answer after it', async () => {
    let refusal: unknown;
    answer = async (i) => {
      const many = Array.from({ length: 26 }, (_, n) => ({ name: `Fruit ${n}`, value: `f${n}` }));
      await i.respond(many).catch((error: unknown) => (refusal = error));
      await i.respond(many.slice(0, 25));
    };
    const choices = await type('name', 'f').waitForChoices();
    expect(choices).to.have.length(25);
    expect(refusal).to.be.instanceOf(DiscordAPIError);
    expect((refusal as DiscordAPIError).code).to.equal(50035);
    expect((refusal as DiscordAPIError).rawError).to.deep.include({
      errors: {
        data: {
          choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] },
        },
      },
    });
  });

  it('refuses a name over 100 characters and a value of the wrong type for the option', async () => {
    const codes: unknown[] = [];
    answer = async (i) => {
      const attempt = (choices: unknown[]) =>
        rawCallback(i, { type: 8, data: { choices } }).catch((e: DiscordAPIError) => codes.push(e.rawError));
      await attempt([{ name: 'x'.repeat(101), value: 1 }]);
      await attempt([{ name: 'One and a half', value: 1.5 }]);
      await i.respond([]);
    };
    expect(await type('count', '').waitForChoices()).to.deep.equal([]);
    expect(codes).to.deep.equal([
      {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          data: {
            choices: {
              '0': {
                name: {
                  _errors: [
                    { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
                  ],
                },
              },
            },
          },
        },
      },
      {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          data: {
            choices: {
              '0': {
                value: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value "1.5" is not int.' }] },
              },
            },
          },
        },
      },
    ]);
  });

  it('refuses a second answer with 40060', async () => {
    answer = async (i) => {
      await i.respond([{ name: 'Apple', value: 'apple' }]);
      await rawCallback(i, { type: 8, data: { choices: [] } });
    };
    const handle = type('name', 'a');
    await drivers.waitFor(() => outcomes.length > 0, 5000, 'the answers');
    expect(outcomes).to.deep.equal([40060]);
    expect(handle.responses().filter((r) => r.kind === 'callback')).to.have.length(1);
  });

  it('refuses a follow-up and the @original routes on an autocomplete interaction’s token with 10015', async () => {
    const codes: unknown[] = [];
    answer = async (i) => {
      await i.respond([{ name: 'Apple', value: 'apple' }]);
      const original = Routes.webhookMessage(i.applicationId, i.token, '@original');
      for (const call of [
        () =>
          client.rest.post(Routes.webhook(i.applicationId, i.token), {
            body: { content: 'hi' },
            auth: false,
          }),
        () => client.rest.get(original, { auth: false }),
        () => client.rest.patch(original, { body: { content: 'hi' }, auth: false }),
        () => client.rest.delete(original, { auth: false }),
      ])
        await call().then(
          () => codes.push('ok'),
          (e: DiscordAPIError) => codes.push(e.code),
        );
    };
    const before = emu.state.messages.list(general()).length;
    type('name', 'a');
    await drivers.waitFor(() => outcomes.length > 0, 5000, 'the answers');
    expect(outcomes).to.deep.equal(['ok']);
    expect(codes).to.deep.equal([10015, 10015, 10015, 10015]);
    expect(emu.state.messages.list(general())).to.have.length(before);
  });

  it('refuses a message (4), a defer (5) or a modal (9) to an autocomplete interaction: only 8', async () => {
    const refusals: unknown[] = [];
    answer = async (i) => {
      for (const body of [
        { type: 4, data: { content: 'hi' } },
        { type: 5 },
        { type: 9, data: { custom_id: 'm', title: 'T', components: [] } },
      ])
        await rawCallback(i, body).catch((e: DiscordAPIError) => refusals.push(e.rawError));
      await i.respond([]);
    };
    await type('name', '').waitForChoices();
    const one = {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {8}.' }] } },
    };
    expect(refusals).to.deep.equal([one, one, one]);
  });

  it('refuses choices (8) to a slash command that is run', async () => {
    let refusal: unknown;
    const onCommand = async (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      refusal = await rawCallback(i as never, { type: 8, data: { choices: [] } }).catch(
        (e: DiscordAPIError) => e.code,
      );
      await i.reply('ok');
    };
    client.on(Events.InteractionCreate, onCommand);
    try {
      await drivers
        .runSlashCommand(seeded.guild.id, general(), person(), 'pick fruit', { colour: 'red', name: 'apple' })
        .waitForReply();
    } finally {
      client.off(Events.InteractionCreate, onCommand);
    }
    expect(refusal).to.equal(50035);
  });

  it('answers 10062 once the 3-second window has passed', async () => {
    const settings = interactionsOf(emu.state).settings;
    const before = settings.initialResponseMs;
    settings.initialResponseMs = -1;
    try {
      answer = (i) => i.respond([]);
      type('name', 'late');
      await drivers.waitFor(() => outcomes.length > 0, 5000, 'the late answer');
    } finally {
      settings.initialResponseMs = before;
    }
    expect(outcomes).to.deep.equal([10062]);
  });

  it('lets the driver type only into an option with autocomplete, never a filled one', () => {
    expect(() => type('colour', 'r')).to.throw(DriverError, /has no autocomplete/);
    expect(() => type('nope', 'r')).to.throw(DriverError, /Unknown option/);
    expect(() => type('name', 'a', { name: 'apple' })).to.throw(DriverError, /being typed/);
  });
});
