/**
 * Interactions through the REAL discord.js Client against the emulator: the payloads must be
 * complete enough that discord.js emits `interactionCreate`, and its replies must land where
 * Discord would put them.
 */
import { expect } from 'chai';
import {
  ActionRowBuilder,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  UserSelectMenuBuilder,
  type Interaction,
} from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { driversFor, type Drivers } from '../../../sandbox/discord/drivers.js';
import { interactionsOf } from '../../../sandbox/discord/rest/interactions.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

type Handler = (interaction: Interaction) => Promise<void>;

describe('emulator interactions through discord.js', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let client: Client;
  let drivers: Drivers;
  let handler: Handler;
  const errors: unknown[] = [];

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 5 });
    drivers = driversFor(emu);
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: emu.restBase },
    });
    client.on(Events.InteractionCreate, (interaction) => {
      handler(interaction).catch((error: unknown) => errors.push(error));
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emu.botToken);
    await ready;
    const guild = await client.guilds.fetch(seeded.guild.id);
    await guild.commands.set([
      new SlashCommandBuilder()
        .setName('hello')
        .setDescription('Says hello')
        .addStringOption((o) => o.setName('name').setDescription('Who').setRequired(true))
        .addUserOption((o) => o.setName('friend').setDescription('A friend'))
        .toJSON(),
      new SlashCommandBuilder().setName('panel').setDescription('Shows buttons').toJSON(),
      new SlashCommandBuilder().setName('form').setDescription('Opens a form').toJSON(),
      new SlashCommandBuilder().setName('slow').setDescription('Defers then follows up').toJSON(),
    ]);
    await guild.commands.create({ name: 'View profile', type: ApplicationCommandType.User });
    await client.application!.commands.set([
      new SlashCommandBuilder().setName('whoami').setDescription('Global command').toJSON(),
    ]);
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

  it('delivers a slash command with options and resolved users, and stores the reply in the channel', async () => {
    let seen: { name: string; friend: string | undefined; locale: string; guild: string | null } | undefined;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = {
        name: i.options.getString('name', true),
        friend: i.options.getUser('friend')?.username,
        locale: i.locale,
        guild: i.guildId,
      };
      await i.reply(`Hello ${i.options.getString('name', true)}`);
    };
    const friend = seeded.members[1]!;
    const handle = drivers.runSlashCommand(
      seeded.guild.id,
      general().id,
      member().id,
      'hello',
      { name: 'Aiko', friend: friend.id },
      { locale: 'ja' },
    );
    const reply = await handle.waitForReply();
    expect(seen).to.deep.equal({
      name: 'Aiko',
      friend: friend.username,
      locale: 'ja',
      guild: seeded.guild.id,
    });
    expect(reply.content).to.equal('Hello Aiko');
    expect(drivers.messagesIn(general().id).map((m) => m.id)).to.include(reply.id);
    expect(errors).to.deep.equal([]);
  });

  it('gives discord.js the callback response it asked for with withResponse', async () => {
    let messageId: string | undefined;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      const response = await i.reply({ content: 'with response', withResponse: true });
      messageId = response.resource?.message?.id;
    };
    const reply = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'hello', { name: 'x' })
      .waitForReply();
    await drivers.waitFor(() => messageId, 2000, 'the callback response');
    expect(messageId).to.equal(reply.id);
  });

  it('keeps an ephemeral reply out of the channel', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'only you', flags: MessageFlags.Ephemeral });
    };
    const handle = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'hello', {
      name: 'x',
    });
    const reply = await handle.waitForReply();
    expect(reply.flags! & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
    expect(drivers.messagesIn(general().id).map((m) => m.id)).not.to.include(reply.id);
  });

  it('updates the message when a button is clicked', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand() && i.commandName === 'panel') {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('panel:ok').setLabel('OK').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Press it', components: [row] });
      } else if (i.isButton()) {
        await i.update({ content: `Pressed by ${i.user.id}`, components: [] });
      }
    };
    const slash = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'panel');
    const panel = await slash.waitForReply();
    const click = drivers.clickButton(panel.id, 'panel:ok', member().id);
    const updated = await click.waitForReply();
    expect(updated.id).to.equal(panel.id);
    expect(updated.content).to.equal(`Pressed by ${member().id}`);
    expect(drivers.messagesIn(general().id).find((m) => m.id === panel.id)?.components).to.deep.equal([]);
  });

  it('edits an ephemeral panel after deferUpdate on its button', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('private:next').setLabel('Next').setStyle(ButtonStyle.Secondary),
        );
        await i.reply({ content: 'Step 1', components: [row], flags: MessageFlags.Ephemeral });
      } else if (i.isButton()) {
        await i.deferUpdate();
        await i.editReply({ content: 'Step 2', components: [] });
      }
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'panel')
      .waitForReply();
    const edited = await drivers.clickButton(panel.id, 'private:next', member().id).waitForReply();
    expect(edited.id).to.equal(panel.id);
    expect(edited.content).to.equal('Step 2');
    expect(drivers.messagesIn(general().id).map((m) => m.id)).not.to.include(panel.id);
  });

  it('passes string and user select values to the bot', async () => {
    const picked: string[][] = [];
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({
          content: 'Pick',
          components: [
            new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
              new StringSelectMenuBuilder()
                .setCustomId('pick:industry')
                .setMaxValues(2)
                .addOptions(
                  { label: 'IT', value: 'it' },
                  { label: 'Finance', value: 'finance' },
                  { label: 'Retail', value: 'retail' },
                ),
            ),
            new ActionRowBuilder<UserSelectMenuBuilder>().addComponents(
              new UserSelectMenuBuilder().setCustomId('pick:user'),
            ),
          ],
        });
      } else if (i.isStringSelectMenu()) {
        picked.push(i.values);
        await i.deferUpdate();
      } else if (i.isUserSelectMenu()) {
        picked.push(i.users.map((u) => u.username));
        await i.deferUpdate();
      }
    };
    const menu = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'panel')
      .waitForReply();
    const first = drivers.selectValues(menu.id, 'pick:industry', member().id, ['it', 'retail']);
    await first.waitForCallback();
    const second = drivers.selectValues(menu.id, 'pick:user', member().id, [seeded.members[2]!.id]);
    await second.waitForCallback();
    expect(picked).to.deep.equal([['it', 'retail'], [seeded.members[2]!.username]]);
    expect(() => drivers.selectValues(menu.id, 'pick:industry', member().id, ['nope'])).to.throw(/no option/);
  });

  it('shows a modal and delivers its submitted fields', async () => {
    let submitted: string | undefined;
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        const modal = new ModalBuilder()
          .setCustomId('intro')
          .setTitle('Introduce yourself')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('bio').setLabel('Bio').setStyle(TextInputStyle.Paragraph),
            ),
          );
        await i.showModal(modal);
      } else if (i.isModalSubmit()) {
        submitted = i.fields.getTextInputValue('bio');
        await i.reply({ content: 'Thanks!', flags: MessageFlags.Ephemeral });
      }
    };
    const slash = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'form');
    const modal = await slash.waitForModal();
    expect(modal.custom_id).to.equal('intro');
    const submit = drivers.submitModal(slash, 'intro', { bio: '元営業、今はPM' });
    const reply = await submit.waitForReply();
    expect(submitted).to.equal('元営業、今はPM');
    expect(reply.content).to.equal('Thanks!');
  });

  it('updates the button’s message from a modal opened by that button', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('intro:open').setLabel('Write intro').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Introduce yourself', components: [row] });
      } else if (i.isButton()) {
        await i.showModal(
          new ModalBuilder()
            .setCustomId('intro:modal')
            .setTitle('Intro')
            .addComponents(
              new ActionRowBuilder<TextInputBuilder>().addComponents(
                new TextInputBuilder().setCustomId('name').setLabel('Name').setStyle(TextInputStyle.Short),
              ),
            ),
        );
      } else if (i.isModalSubmit() && i.isFromMessage()) {
        await i.update({ content: `Intro by ${i.fields.getTextInputValue('name')}`, components: [] });
      }
    };
    const panel = await drivers
      .runSlashCommand(seeded.guild.id, general().id, member().id, 'panel')
      .waitForReply();
    const click = drivers.clickButton(panel.id, 'intro:open', member().id);
    await click.waitForModal();
    const updated = await drivers.submitModal(click, 'intro:modal', { name: 'Ken' }).waitForReply();
    expect(updated.id).to.equal(panel.id);
    expect(updated.content).to.equal('Intro by Ken');
  });

  it('turns a deferred reply into the edited answer and adds follow-ups', async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply('Done thinking');
      await i.followUp('One more thing');
    };
    const handle = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'slow');
    const reply = await handle.waitForReply();
    const followUp = await handle.waitForFollowUp();
    expect(reply.content).to.equal('Done thinking');
    expect(followUp.content).to.equal('One more thing');
    expect(handle.responses().map((r) => r.kind)).to.deep.equal(['callback', 'edit', 'followup']);
    const inChannel = drivers.messagesIn(general().id).map((m) => m.content);
    expect(inChannel).to.include.members(['Done thinking', 'One more thing']);
  });

  it('delivers a global command in the bot’s DM with the user and no member', async () => {
    let seen: { user: string; member: boolean; guild: string | null; dm: boolean } | undefined;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = { user: i.user.id, member: i.member !== null, guild: i.guildId, dm: !i.inGuild() };
      await i.reply('in your DMs');
    };
    const handle = drivers.runSlashCommand(null, null, member().id, 'whoami');
    const reply = await handle.waitForReply();
    expect(seen).to.deep.equal({ user: member().id, member: false, guild: null, dm: true });
    expect(reply.content).to.equal('in your DMs');
  });

  it('delivers a user context-menu command with its target member', async () => {
    let target: string | undefined;
    handler = async (i) => {
      if (!i.isUserContextMenuCommand()) return;
      target =
        i.targetMember && 'displayName' in i.targetMember
          ? i.targetMember.displayName
          : i.targetUser.username;
      await i.reply({ content: `Profile of ${i.targetUser.username}`, flags: MessageFlags.Ephemeral });
    };
    const friend = seeded.members[3]!;
    const reply = await drivers
      .runUserCommand(seeded.guild.id, general().id, member().id, 'View profile', friend.id)
      .waitForReply();
    expect(target).to.equal(friend.global_name);
    expect(reply.content).to.equal(`Profile of ${friend.username}`);
  });

  it('fails a reply that comes after the initial response window with 10062 Unknown interaction', async () => {
    const settings = interactionsOf(emu.state).settings;
    settings.initialResponseMs = 50;
    let failure: unknown;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 120));
      await i.reply('too late').catch((error: unknown) => (failure = error));
    };
    try {
      drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'hello', { name: 'x' });
      await drivers.waitFor(() => failure, 3000, 'the late reply to fail');
    } finally {
      settings.initialResponseMs = 3000;
    }
    expect((failure as DiscordAPIError).code).to.equal(10062);
  });

  it('answers 40060 when the bot acknowledges the same interaction twice', async () => {
    let second: unknown;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('first');
      // Bypass discord.js's own guard to hit the API a second time, as a buggy bot would.
      await client.rest
        .post(`/interactions/${i.id}/${i.token}/callback`, {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        })
        .catch((error: unknown) => (second = error));
    };
    const handle = drivers.runSlashCommand(seeded.guild.id, general().id, member().id, 'hello', {
      name: 'x',
    });
    await handle.waitForReply();
    await drivers.waitFor(() => second, 2000, 'the second callback to fail');
    expect(second).to.be.instanceOf(DiscordAPIError);
    expect((second as DiscordAPIError).code).to.equal(40060);
    expect((second as DiscordAPIError).status).to.equal(400);
  });
});
