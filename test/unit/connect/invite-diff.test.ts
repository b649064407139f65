import { expect } from 'chai';
import { diffInviteUses, type InviteSnapshot } from '../../../shared/connect/invite-diff.js';

const snap = (entries: Record<string, [number, number?]>): InviteSnapshot =>
  Object.fromEntries(
    Object.entries(entries).map(([code, [uses, maxUses]]) => [code, { uses, maxUses: maxUses ?? 0 }]),
  );

describe('invite diff', () => {
  it('finds the one invite whose uses went up by one', () => {
    expect(diffInviteUses(snap({ a: [3], b: [7] }), snap({ a: [3], b: [8] }))).to.deep.equal({
      kind: 'matched',
      code: 'b',
    });
  });

  it('counts an invite that vanished one use short of max_uses as used', () => {
    expect(diffInviteUses(snap({ a: [0], once: [0, 1] }), snap({ a: [0] }))).to.deep.equal({
      kind: 'matched',
      code: 'once',
    });
  });

  it('ignores an invite that vanished before its limit (deleted or expired)', () => {
    expect(diffInviteUses(snap({ a: [0], gone: [1, 5] }), snap({ a: [0] }))).to.deep.equal({ kind: 'none' });
  });

  it('matches a new invite first seen with one use', () => {
    expect(diffInviteUses(snap({ a: [2] }), snap({ a: [2], fresh: [1] }))).to.deep.equal({
      kind: 'matched',
      code: 'fresh',
    });
  });

  it('reports nothing when no invite moved (vanity URL, Discovery)', () => {
    expect(diffInviteUses(snap({ a: [2] }), snap({ a: [2] }))).to.deep.equal({ kind: 'none' });
  });

  it('does not guess when three invites moved at once', () => {
    const before = snap({ sales: [0], eng: [4], hr: [1, 2] });
    const after = snap({ sales: [1], eng: [5] });
    expect(diffInviteUses(before, after)).to.deep.equal({ kind: 'ambiguous', codes: ['eng', 'hr', 'sales'] });
  });

  it('attributes three joins through three invites correctly when each join is diffed in turn', () => {
    const s0 = snap({ sales: [0], eng: [4], hr: [1, 2] });
    const s1 = snap({ sales: [1], eng: [4], hr: [1, 2] });
    const s2 = snap({ sales: [1], eng: [5], hr: [1, 2] });
    const s3 = snap({ sales: [1], eng: [5] });
    expect([diffInviteUses(s0, s1), diffInviteUses(s1, s2), diffInviteUses(s2, s3)]).to.deep.equal([
      { kind: 'matched', code: 'sales' },
      { kind: 'matched', code: 'eng' },
      { kind: 'matched', code: 'hr' },
    ]);
  });

  it('treats two uses of one invite between snapshots as ambiguous (two joins raced)', () => {
    expect(diffInviteUses(snap({ a: [0] }), snap({ a: [2] }))).to.deep.equal({
      kind: 'ambiguous',
      codes: ['a'],
    });
  });
});
