/**
 * Commands and components that exist only in tests: one that throws, one that defers then
 * throws, and one that opens a modal, so the error boundary and the modal loop are exercised
 * through the real registries and router.
 */
import {
  ActionRowBuilder,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { Command } from '../../../bot/core/command.js';
import type { ComponentFamily } from '../../../bot/core/component.js';
import { customId } from '../../../bot/core/custom-id.js';
import { ALL_COMMANDS as commands } from '../../../bot/features.js';
import { ALL_COMPONENTS as componentFamilies } from '../../../bot/features.js';

export const boom: Command = {
  data: new SlashCommandBuilder().setName('boom').setDescription('Throws'),
  async execute() {
    throw new Error('the handler broke');
  },
};

export const slowBoom: Command = {
  data: new SlashCommandBuilder().setName('slow-boom').setDescription('Defers, then throws'),
  async execute(interaction) {
    await interaction.deferReply();
    throw new Error('the handler broke after deferring');
  },
};

export const quietBoom: Command = {
  data: new SlashCommandBuilder().setName('quiet-boom').setDescription('Defers ephemerally, then throws'),
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    throw new Error('the handler broke after deferring ephemerally');
  },
};

export const dmMe: Command = {
  data: new SlashCommandBuilder().setName('dm-me').setDescription('Sends the user a DM'),
  async execute(interaction) {
    await interaction.user.send('hello from the bot');
    await interaction.reply({ content: 'sent', flags: MessageFlags.Ephemeral });
  },
};

export const grant: Command = {
  data: new SlashCommandBuilder()
    .setName('grant')
    .setDescription('Grants the user a role')
    .addRoleOption((o) => o.setName('role').setDescription('Role').setRequired(true)),
  async execute(interaction) {
    const role = interaction.options.getRole('role', true);
    await interaction.guild!.members.addRole({ user: interaction.user.id, role: role.id });
    await interaction.reply({ content: 'granted', flags: MessageFlags.Ephemeral });
  },
};

export const note: Command = {
  data: new SlashCommandBuilder().setName('note').setDescription('Opens a modal'),
  async execute(interaction) {
    const input = new TextInputBuilder()
      .setCustomId('text')
      .setLabel('Note')
      .setStyle(TextInputStyle.Paragraph)
      .setMaxLength(200);
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId(customId('note', 'save', interaction.user.id))
        .setTitle('Note')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
    );
  },
};

export const pick: Command = {
  data: new SlashCommandBuilder().setName('pick').setDescription('Posts a select menu'),
  async execute(interaction) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(customId('pick', 'colour'))
      .addOptions({ label: 'Red', value: 'red' }, { label: 'Blue', value: 'blue' });
    await interaction.reply({
      content: 'pick one',
      components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
    });
  },
};

export const pickFamily: ComponentFamily = {
  prefix: 'pick',
  async select(interaction, [what]) {
    await interaction.update({ content: `${what}: ${interaction.values.join(', ')}`, components: [] });
  },
};

export const noteFamily: ComponentFamily = {
  prefix: 'note',
  async modal(interaction, [action, authorId]) {
    if (action !== 'save' || authorId !== interaction.user.id) throw new Error('unexpected modal');
    await interaction.reply({ content: `saved: ${interaction.fields.getTextInputValue('text')}` });
  },
};

export const testCommands: readonly Command[] = [
  ...commands,
  boom,
  slowBoom,
  quietBoom,
  dmMe,
  grant,
  note,
  pick,
];
export const testComponents: readonly ComponentFamily[] = [...componentFamilies, noteFamily, pickFamily];
