import { expect } from 'chai';
import { customId, MAX_CUSTOM_ID_LENGTH, parseCustomId } from '../../../bot/core/custom-id.js';

describe('custom ids', () => {
  it('GIVEN a prefix and arguments THEN joins them with colons', () => {
    expect(customId('rolepanel', 'abc', 3)).to.equal('rolepanel:abc:3');
  });

  it('GIVEN prefix:arg1:arg2 THEN parses the prefix and the arguments', () => {
    expect(parseCustomId('relay:nominate:42')).to.deep.equal({ prefix: 'relay', args: ['nominate', '42'] });
  });

  it('GIVEN a bare prefix THEN parses no arguments', () => {
    expect(parseCustomId('about')).to.deep.equal({ prefix: 'about', args: [] });
  });

  it('refuses an argument containing the separator', () => {
    expect(() => customId('x', 'a:b')).to.throw(/must not contain/);
  });

  it('refuses ids longer than Discord allows', () => {
    expect(() => customId('x', 'y'.repeat(MAX_CUSTOM_ID_LENGTH))).to.throw(/longer than 100/);
  });

  it('refuses an empty prefix', () => {
    expect(() => customId('')).to.throw(/prefix/);
  });
});
