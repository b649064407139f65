/**
 * Components on EPHEMERAL messages through the REAL discord.js Client: a deferred update
 * (callback 6) followed by `editReply()` edits the ephemeral message the component sits on, as on
 * Discord, however that message was made and however long ago (within the token window).
 */
import { expect } from 'chai';
import sinon from 'sinon';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { driversFor, type Drivers } from '../../../sandbox/discord/drivers.js';
import {
  InteractionStore,
  interactionsOf,
  type InteractionRecord,
} from '../../../sandbox/discord/rest/interactions.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

type Handler = (interaction: Interaction) => Promise<void>;

const nextRow = () =>
  new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId('wizard:next').setLabel('Next').setStyle(ButtonStyle.Secondary),
  );

describe('emulator: components on ephemeral messages through discord.js', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let client: Client;
  let drivers: Drivers;
  let handler: Handler;
  const errors: unknown[] = [];

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 3 });
    drivers = driversFor(emu);
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
    client.on(Events.InteractionCreate, (interaction) => {
      handler(interaction).catch((error: unknown) => errors.push(error));
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emu.botToken);
    await ready;
    const guild = await client.guilds.fetch(seeded.guild.id);
    await guild.commands.set([new SlashCommandBuilder().setName('wizard').setDescription('Wizard').toJSON()]);
  });

  after(async () => {
    await client?.destroy();
    await emu?.stop();
  });

  beforeEach(() => {
    errors.length = 0;
  });

  const member = () => seeded.members[0]!;
  const general = () => seeded.channels['general']!;

  /** The button handler every scenario shares: deferred update, then edit @original. */
  const deferThenEdit = async (i: Interaction) => {
    if (!i.isButton()) return;
    await i.deferUpdate();
    await i.editReply({ content: 'Step 2', components: [] });
  };

  /** Clicks Next on `panelId` and returns the edited message (or fails with the bot's error). */
  const clickNext = async (panelId: string) => {
    const click = drivers.clickButton(panelId, 'wizard:next', member().id);
    const edited = await drivers.waitFor(
      () => click.responses().find((e) => e.kind === 'edit')?.message ?? (errors[0] as never),
      5000,
      'the edit',
    );
    expect(errors).to.deep.equal([]);
    return edited;
  };

  const expectStepTwo = (edited: { id: string; content: string; flags?: number }, panelId: string) => {
    expect(edited.id).to.equal(panelId);
    expect(edited.content).to.equal('Step 2');
    expect(edited.flags! & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
    expect(drivers.messagesIn(general().id).map((m) => m.id)).not.to.include(panelId);
  };

  it('edits an ephemeral panel made by a deferred ephemeral reply', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        await i.editReply({ content: 'Step 1', components: [nextRow()] });
      } else await deferThenEdit(i);
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard')
      .waitForReply();
    expectStepTwo(await clickNext(panel.id), panel.id);
  });

  it('edits an ephemeral panel sent as a follow-up', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'Starting' });
        await i.followUp({ content: 'Step 1', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else await deferThenEdit(i);
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard')
      .waitForFollowUp();
    expectStepTwo(await clickNext(panel.id), panel.id);
  });

  it('edits an ephemeral panel that a button on a public message replied with', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        const open = new ButtonBuilder().setCustomId('wizard:open').setLabel('Open').setStyle(1);
        await i.reply({
          content: 'Public',
          components: [new ActionRowBuilder<ButtonBuilder>().addComponents(open)],
        });
      } else if (i.isButton() && i.customId === 'wizard:open') {
        await i.reply({ content: 'Step 1', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else await deferThenEdit(i);
    };
    const pub = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard')
      .waitForReply();
    const panel = await drivers.clickButton(pub.id, 'wizard:open', member().id).waitForReply();
    expectStepTwo(await clickNext(panel.id), panel.id);
  });

  it('edits an ephemeral panel again on a second click after an update', async () => {
    let clicks = 0;
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'Step 0', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else if (i.isButton() && ++clicks === 1) {
        await i.update({ content: 'Step 1', components: [nextRow()] });
      } else await deferThenEdit(i);
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard')
      .waitForReply();
    await drivers.clickButton(panel.id, 'wizard:next', member().id).waitForReply();
    expectStepTwo(await clickNext(panel.id), panel.id);
  });

  it('edits the ephemeral panel from a modal opened by its button (deferUpdate on the submit)', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'Step 1', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else if (i.isButton()) {
        const input = new TextInputBuilder()
          .setCustomId('answer')
          .setLabel('Answer')
          .setStyle(TextInputStyle.Short);
        await i.showModal(
          new ModalBuilder()
            .setCustomId('wizard:form')
            .setTitle('Form')
            .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (i.isModalSubmit()) {
        await i.deferUpdate();
        await i.editReply({ content: `Step 2`, components: [] });
      }
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard')
      .waitForReply();
    const click = drivers.clickButton(panel.id, 'wizard:next', member().id);
    await click.waitForModal();
    const submit = drivers.submitModal(click, 'wizard:form', { answer: 'yes' });
    const edited = await drivers.waitFor(
      () => submit.responses().find((e) => e.kind === 'edit')?.message ?? (errors[0] as never),
      5000,
      'the edit',
    );
    expect(errors).to.deep.equal([]);
    expectStepTwo(edited, panel.id);
  });

  it('edits an ephemeral panel whose own interaction is pruned between the click and the edit', async () => {
    const store = interactionsOf(emu.state);
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'Step 1', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else if (i.isButton()) {
        // The store prunes every 100 interactions; here it does so while the bot handles the click.
        store.prune();
        await deferThenEdit(i);
      }
    };
    const slash = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard');
    const panel = await slash.waitForReply();
    // The command that posted the panel is past every window of its own token.
    slash.record.createdAt = Date.now() - 3 * 60 * 60 * 1000;
    expectStepTwo(await clickNext(panel.id), panel.id);
    expect(store.find(slash.id)).to.equal(undefined);
  });

  it('lets a person use an ephemeral panel after its interaction was pruned, while it is in use', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'Step 1', components: [nextRow()], flags: MessageFlags.Ephemeral });
      } else await deferThenEdit(i);
    };
    const slash = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'wizard');
    const panel = await slash.waitForReply();
    slash.record.createdAt = Date.now() - 3 * 60 * 60 * 1000;
    const store = interactionsOf(emu.state);
    store.prune();
    expect(store.find(slash.id)).to.equal(undefined);
    expectStepTwo(await clickNext(panel.id), panel.id);
  });
});

describe('emulator: InteractionStore keeps ephemeral messages while they are in use', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date'] });
  });
  afterEach(() => clock.restore());

  const panel = (store: InteractionStore) => {
    const record = store.add({
      id: '1',
      token: 't1',
      applicationId: 'app',
      type: 2,
      payload: {} as InteractionRecord['payload'],
      channelId: 'c',
      userId: 'u',
      createdAt: Date.now(),
    });
    const message = { id: 'm1', content: 'Step 1' } as Parameters<InteractionStore['keepEphemeral']>[1];
    store.keepEphemeral(record, message);
    return message;
  };

  it('forgets an ephemeral message nobody used for an hour past the follow-up window', () => {
    const store = new InteractionStore();
    panel(store);
    clock.tick(store.settings.followUpMs + 60 * 60 * 1000 + 1);
    store.prune();
    expect(store.find('1')).to.equal(undefined);
    expect(store.ephemeralMessage('m1')).to.equal(undefined);
  });

  it('keeps an ephemeral message used recently even when the interaction that made it is pruned', () => {
    const store = new InteractionStore();
    const message = panel(store);
    clock.tick(store.settings.followUpMs + 30 * 60 * 1000);
    expect(store.ephemeralMessage('m1')).to.equal(message); // a click on it
    clock.tick(40 * 60 * 1000);
    store.prune();
    expect(store.find('1')).to.equal(undefined);
    expect(store.ephemeralMessage('m1')).to.equal(message);
  });

  it('drops a deleted ephemeral message from the store and from its interaction', () => {
    const store = new InteractionStore();
    panel(store);
    store.forgetEphemeral('m1');
    expect(store.ephemeralMessage('m1')).to.equal(undefined);
    expect(store.find('1')!.ephemeral.size).to.equal(0);
  });
});
