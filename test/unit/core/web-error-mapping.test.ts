import { expect } from 'chai';
import { toHttpError } from '../../../web/middleware/error-handler.js';
import { DomainError } from '../../../shared/errors.js';

describe('web error mapping (one place for every DomainError)', () => {
  it('GIVEN a service refusal THEN maps its kind to 400, 403, 404 or 409 and keeps its message key', () => {
    const cases = [
      ['INVALID_INPUT', 400],
      ['FORBIDDEN', 403],
      ['NOT_FOUND', 404],
      ['CONFLICT', 409],
    ] as const;
    for (const [kind, status] of cases) {
      const error = toHttpError(new DomainError(kind, 'connect.rolePanel.error.notFound'));
      expect(error.status, kind).to.equal(status);
      expect(error.messageKey).to.equal('connect.rolePanel.error.notFound');
    }
  });

  it('GIVEN a slice reason THEN the status still follows the kind', () => {
    const error = new DomainError(
      'FORBIDDEN',
      'connect.relay.error.notHolder',
      {},
      { reason: 'RELAY_NOT_HOLDER' },
    );
    expect(error.code).to.equal('RELAY_NOT_HOLDER');
    expect(toHttpError(error).status).to.equal(403);
  });

  it('GIVEN anything else THEN answers 500 with the generic message', () => {
    const error = toHttpError(new TypeError('boom'));
    expect(error.status).to.equal(500);
    expect(error.messageKey).to.equal('error.generic');
  });
});
