import { expect } from 'chai';
import { PermissionsBitField } from 'discord.js';
import {
  describeProblems,
  missingPermissions,
  REQUIRED_PERMISSIONS,
  ungrantableRoles,
} from '../../../bot/core/startup-checks.js';

describe('start-up permission checks', () => {
  it('GIVEN every required permission THEN nothing is missing', () => {
    expect(missingPermissions(new PermissionsBitField([...REQUIRED_PERMISSIONS]))).to.deep.equal([]);
  });

  it('GIVEN Administrator alone THEN nothing is missing', () => {
    expect(missingPermissions(new PermissionsBitField(['Administrator']))).to.deep.equal([]);
  });

  it('GIVEN Send Messages and View Channels only THEN lists the others in order', () => {
    expect(missingPermissions(new PermissionsBitField(['SendMessages', 'ViewChannel']))).to.deep.equal([
      'EmbedLinks',
      'ManageRoles',
      'ManageChannels',
      'MoveMembers',
      'CreateInstantInvite',
      'ManageGuild',
      'CreateEvents',
    ]);
  });

  it('GIVEN Manage Events without Create Events THEN Create Events is missing (the bot creates its own events)', () => {
    const granted = new PermissionsBitField([
      ...REQUIRED_PERMISSIONS.filter((p) => p !== 'CreateEvents'),
      'ManageEvents',
    ]);
    expect(missingPermissions(granted)).to.deep.equal(['CreateEvents']);
  });

  it('asks for exactly the permissions Tsunagu uses', () => {
    expect([...REQUIRED_PERMISSIONS].sort()).to.deep.equal(
      [
        'CreateEvents',
        'CreateInstantInvite',
        'EmbedLinks',
        'ManageChannels',
        'ManageGuild',
        'ManageRoles',
        'MoveMembers',
        'SendMessages',
        'ViewChannel',
      ].sort(),
    );
  });

  it('GIVEN the bot at position 5 THEN roles at 5 or above and managed roles cannot be granted', () => {
    const roles = [
      { id: 'below', name: 'Alumni', position: 2, managed: false },
      { id: 'same', name: 'Same', position: 5, managed: false },
      { id: 'above', name: 'Admin', position: 9, managed: false },
      { id: 'bot', name: 'OtherBot', position: 1, managed: true },
    ];
    expect(ungrantableRoles(5, roles).map((r) => r.id)).to.deep.equal(['same', 'above', 'bot']);
  });

  it('describes missing permissions and where to grant them in one sentence', () => {
    const text = describeProblems('Acme', [
      { kind: 'missing-permission', subject: 'ManageRoles' },
      { kind: 'missing-permission', subject: 'MoveMembers' },
    ]);
    expect(text).to.equal(
      `Tsunagu in "Acme": missing permissions ManageRoles, MoveMembers (grant them to the bot's role in Server Settings → Roles)`,
    );
  });
});
