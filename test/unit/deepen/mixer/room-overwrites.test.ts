import { expect } from 'chai';
import type { Guild } from 'discord.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { roomOverwrites, roomPeople } from '../../../../bot/deepen/mixer/flows/rooms.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';

const guild = {
  client: { user: { id: 'bot' } },
  roles: { everyone: { id: 'everyone' } },
} as unknown as Guild;
const runWith = (people: number) =>
  ({
    organiserId: 'organiser',
    facilitators: ['facilitator'],
    everyone: ['organiser', ...Array.from({ length: people }, (_, i) => `member-${i}`)],
  }) as MixerRunView;

describe('mixer room overwrites (one role per mixer; Discord takes at most 100 overwrites per body)', () => {
  it('hides every room from @everyone and opens it to the mixer role and the bot: three overwrites', () => {
    const list = roomOverwrites(guild, 'mixer-role');
    expect(list[0]).to.deep.include({ id: 'everyone', deny: [PermissionFlagsBits.ViewChannel] });
    expect(list.map((o) => o.id)).to.deep.equal(['everyone', 'bot', 'mixer-role']);
    expect(list[2]!.allow).to.include(PermissionFlagsBits.SendMessages);
  });

  it('GIVEN 150 people THEN the role goes to each of them once, organiser and facilitators included', () => {
    const people = roomPeople(runWith(150));
    expect(people).to.have.length(152);
    expect(people).to.include.members(['organiser', 'facilitator', 'member-149']);
  });
});
