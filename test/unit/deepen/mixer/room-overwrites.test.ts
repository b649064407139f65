import { expect } from 'chai';
import type { Guild } from 'discord.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { MAX_ROOM_PEOPLE, roomOverwrites } from '../../../../bot/deepen/mixer/flows/rooms.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';

const guild = {
  client: { user: { id: 'bot' } },
  roles: { everyone: { id: 'everyone' } },
} as unknown as Guild;
const runWith = (people: number) =>
  ({
    organiserId: 'organiser',
    facilitators: ['facilitator'],
    everyone: Array.from({ length: people }, (_, i) => `member-${i}`),
  }) as MixerRunView;

describe('mixer room overwrites (Discord takes at most 100 per channel)', () => {
  it('hides every room from @everyone and names the organiser, facilitators and members', () => {
    const list = roomOverwrites(guild, runWith(10));
    expect(list[0]).to.deep.include({ id: 'everyone', deny: [PermissionFlagsBits.ViewChannel] });
    expect(list.map((o) => o.id)).to.include.members(['bot', 'organiser', 'facilitator', 'member-9']);
    expect(list).to.have.length(2 + 12);
  });

  it('GIVEN more people than the cap (late joiners) THEN the room stays hidden, within 100 overwrites', () => {
    const list = roomOverwrites(guild, runWith(150));
    expect(list).to.have.length(100);
    expect(list.some((o) => o.id === 'everyone')).to.equal(true);
    expect(list.map((o) => o.id)).to.include.members(['organiser', 'facilitator']);
    expect(MAX_ROOM_PEOPLE).to.equal(98);
  });
});
