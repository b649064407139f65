import {
  VISIBILITY_FIELDS,
  type Visibility,
  type VisibilityField,
} from '../../../shared/kernel/profile-attributes.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';

/** A complete profile for presenter tests; override what the test is about. */
export function profileFixture(overrides: Partial<ProfileData> = {}): ProfileData {
  return {
    guildId: '100000000000000001',
    userId: '100000000000000002',
    displayName: 'Aiko Tanaka',
    leaveYear: 2019,
    tenureBand: '5to10',
    joinedAsNewGraduate: true,
    departmentThen: 'Sales',
    industry: 'it',
    roleNow: 'Product manager',
    region: 'kanto',
    ageBand: null,
    lifeStages: ['parenting'],
    interests: ['hiking', 'coffee'],
    skills: [],
    needs: [],
    greeting: 'Hello everyone!',
    visibility: Object.fromEntries(VISIBILITY_FIELDS.map((f) => [f, 'alumni'])) as Record<
      VisibilityField,
      Visibility
    >,
    introducedAt: new Date('2026-01-01T00:00:00Z'),
    introChannelId: null,
    introMessageId: null,
    invitedBy: null,
    inviteCode: null,
    joinedAt: null,
    leftAt: null,
    rejoinCount: 0,
    createdAt: null,
    updatedAt: null,
    ...overrides,
  };
}
