import { expect } from 'chai';
import { parseMembersQuery } from '../../../web/know/members-query.schema.js';

const now = new Date('2026-06-01T00:00:00Z');

describe('member list query parsing', () => {
  it('GIVEN no parameters THEN filters nothing and shows page 1', () => {
    const q = parseMembersQuery({}, now);
    expect(q).to.deep.equal({
      filter: {},
      page: 1,
      form: { introduced: '', leaveYear: '', industry: '' },
      issues: [],
    });
  });

  it('GIVEN empty values THEN treats them as "any"', () => {
    const q = parseMembersQuery({ introduced: '', leaveYear: ' ', industry: '', page: '' }, now);
    expect(q.filter).to.deep.equal({});
    expect(q.issues).to.deep.equal([]);
  });

  it('GIVEN valid filters THEN returns them typed and echoes them for the form', () => {
    const q = parseMembersQuery({ introduced: 'no', leaveYear: '2021', industry: 'it', page: '3' }, now);
    expect(q.filter).to.deep.equal({ introduced: false, leaveYear: 2021, industry: 'it' });
    expect(q.page).to.equal(3);
    expect(q.form).to.deep.equal({ introduced: 'no', leaveYear: '2021', industry: 'it' });
  });

  it('GIVEN a leave year in the future, before 1980 or not a year THEN reports it with the allowed range', () => {
    for (const leaveYear of ['2027', '1979', '20x1', '2021.5']) {
      const q = parseMembersQuery({ leaveYear }, now);
      expect(q.issues, leaveYear).to.deep.equal([
        { field: 'leaveYear', key: 'web.members.error.leaveYear', vars: { min: 1980, max: 2026 } },
      ]);
      expect(q.form.leaveYear).to.equal('');
    }
  });

  it('GIVEN an unknown industry, introduced value or page THEN reports every one of them', () => {
    const q = parseMembersQuery({ introduced: 'maybe', industry: 'crypto', page: '0' }, now);
    expect(q.issues.map((i) => i.field)).to.deep.equal(['introduced', 'industry', 'page']);
    expect(q.page).to.equal(1);
  });

  it('GIVEN a repeated or nested parameter THEN refuses it rather than picking one', () => {
    const q = parseMembersQuery({ industry: ['it', 'finance'], introduced: { $ne: null } }, now);
    expect(q.issues.map((i) => i.field)).to.deep.equal(['introduced', 'industry']);
    expect(q.filter).to.deep.equal({});
  });

  it('GIVEN a page beyond 10,000 THEN reports it', () => {
    expect(parseMembersQuery({ page: '10001' }, now).issues.map((i) => i.field)).to.deep.equal(['page']);
  });
});
