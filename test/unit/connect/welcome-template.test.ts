import { expect } from 'chai';
import { checkWelcomeTemplate, renderWelcomeTemplate } from '../../../shared/kernel/welcome-template.js';

describe('welcome template', () => {
  const values = { userId: '123456789012345678', serverName: 'Acme Alumni', memberCount: 1234 };

  it('replaces {user}, {server} and {memberCount} with a mention, the name and a formatted count', () => {
    const text = renderWelcomeTemplate('Hi {user}, welcome to {server} (#{memberCount})', values, 'en');
    expect(text).to.equal('Hi <@123456789012345678>, welcome to Acme Alumni (#1,234)');
  });

  it('does not expand placeholders that arrive inside a value', () => {
    const text = renderWelcomeTemplate('{server}', { ...values, serverName: '{user} club' }, 'ja');
    expect(text).to.equal('{user} club');
  });

  it('neutralises @everyone in the template and in the server name', () => {
    const text = renderWelcomeTemplate('@everyone {server}', { ...values, serverName: '@here folks' }, 'en');
    expect(text).not.to.match(/@everyone|@here/);
    expect(text).to.contain('@\u200beveryone');
  });

  it('escapes markdown in the server name', () => {
    const text = renderWelcomeTemplate('{server}', { ...values, serverName: '**Bold**_club_' }, 'en');
    expect(text).to.equal('\\*\\*Bold\\*\\*\\_club\\_');
  });

  it('cuts the rendered text to 2000 characters', () => {
    const text = renderWelcomeTemplate(
      `${'a'.repeat(1990)} {server}`,
      { ...values, serverName: 'x'.repeat(50) },
      'en',
    );
    expect([...text]).to.have.length(2000);
    expect(text.endsWith('…')).to.equal(true);
  });

  it('accepts a template using only the allowed placeholders', () => {
    expect(checkWelcomeTemplate('{user} {server} {memberCount}')).to.deep.equal([]);
  });

  it('rejects unknown placeholders and names them', () => {
    const issues = checkWelcomeTemplate('Hi {user} from {company} and {name}');
    expect(issues).to.have.length(1);
    expect(issues[0]?.i18nKey).to.equal('connect.error.templateUnknownPlaceholder');
    expect(issues[0]?.vars.placeholders).to.equal('{company} {name}');
  });

  it('rejects templates over 2000 characters and empty ones', () => {
    expect(checkWelcomeTemplate('x'.repeat(2001)).map((i) => i.i18nKey)).to.deep.equal([
      'connect.error.templateTooLong',
    ]);
    expect(checkWelcomeTemplate('   ').map((i) => i.i18nKey)).to.deep.equal(['connect.error.templateEmpty']);
  });
});
