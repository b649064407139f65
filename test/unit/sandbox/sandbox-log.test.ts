import { expect } from 'chai';
import { withNames } from '../../../sandbox/sandbox-log.js';

const names: Record<string, string> = { '1': '佐藤 健太', '2': '田中 美咲' };
const nameOf = (id: string): string | undefined => names[id];

describe("the sandbox terminal's log lines", () => {
  it('GIVEN a line about a member and who nominated them THEN names both after the message', () => {
    expect(withNames('baton passed to this member', { userId: '2', fromUserId: '1' }, nameOf)).to.equal(
      'baton passed to this member · 田中 美咲, from 佐藤 健太',
    );
  });

  it('GIVEN a line that already names the person THEN does not repeat the name', () => {
    expect(withNames('佐藤 健太 shares their invite', { userId: '1' }, nameOf)).to.equal(
      '佐藤 健太 shares their invite',
    );
  });

  it('GIVEN ids nobody knows, or no emulator yet THEN the message stays as it is', () => {
    expect(withNames('member joined', { userId: '9' }, nameOf)).to.equal('member joined');
    expect(withNames('member joined', { userId: '1' }, undefined)).to.equal('member joined');
  });
});
