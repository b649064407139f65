/**
 * Body validation as Discord validates it: the limits that make production reject a payload
 * must make the emulator reject it too (400 50035, or 50006 for an empty message).
 */
import { expect } from 'chai';
import { DiscordApiError } from '../../../sandbox/discord/index.js';
import {
  memberPatchSchema,
  parseBody,
  validateMessageCreate,
  validateModal,
} from '../../../sandbox/discord/validation.js';

function rejection(fn: () => unknown): DiscordApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DiscordApiError) return error;
    throw error;
  }
  throw new Error('expected a DiscordApiError');
}

const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });

describe('emulator core: body validation', () => {
  it('accepts a message with content, embeds and one row of buttons', () => {
    const body = validateMessageCreate({
      content: 'hi',
      embeds: [{ title: 't' }],
      components: [{ type: 1, components: [button('a')] }],
    });
    expect(body.content).to.equal('hi');
  });

  it('rejects content over 2000 characters', () => {
    const error = rejection(() => validateMessageCreate({ content: 'x'.repeat(2001) }));
    expect(error.toJSON().errors).to.deep.equal({
      content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
    });
  });

  it('rejects an empty message with 50006', () => {
    expect(rejection(() => validateMessageCreate({ content: '' })).code).to.equal(50006);
  });

  it('rejects more than 10 embeds and a title over 256 characters', () => {
    const many = rejection(() =>
      validateMessageCreate({ embeds: Array.from({ length: 11 }, () => ({ title: 'a' })) }),
    );
    expect(many.errors).to.have.nested.property('embeds._errors[0].code', 'BASE_TYPE_MAX_LENGTH');
    const long = rejection(() => validateMessageCreate({ embeds: [{ title: 'a'.repeat(257) }] }));
    expect(long.errors).to.have.nested.property('embeds.0.title._errors[0].code', 'BASE_TYPE_MAX_LENGTH');
  });

  it('rejects more than 6000 characters across embeds', () => {
    const embed = { description: 'x'.repeat(4000) };
    const error = rejection(() => validateMessageCreate({ embeds: [embed, embed] }));
    expect(error.errors).to.have.nested.property('embeds._errors[0].code', 'MAX_EMBED_SIZE_EXCEEDED');
  });

  it('rejects more than 25 fields and a field name over 256 characters', () => {
    const fields = Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' }));
    expect(rejection(() => validateMessageCreate({ embeds: [{ fields }] })).errors).to.have.nested.property(
      'embeds.0.fields._errors[0].code',
    );
    const error = rejection(() =>
      validateMessageCreate({ embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] }),
    );
    expect(error.errors).to.have.nested.property(
      'embeds.0.fields.0.name._errors[0].code',
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it('rejects six buttons in a row, and a select sharing its row', () => {
    const six = rejection(() =>
      validateMessageCreate({
        components: [{ type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) }],
      }),
    );
    expect(six.code).to.equal(50035);
    const select = { type: 3, custom_id: 's', options: [{ label: 'l', value: 'v' }] };
    const shared = rejection(() =>
      validateMessageCreate({ components: [{ type: 1, components: [select, button('b')] }] }),
    );
    expect(shared.errors).to.have.nested.property(
      'components.0.components._errors[0].code',
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
    );
  });

  it('rejects a custom_id over 100 characters and duplicate custom_ids', () => {
    const long = rejection(() =>
      validateMessageCreate({ components: [{ type: 1, components: [button('x'.repeat(101))] }] }),
    );
    expect(long.errors).to.have.nested.property(
      'components.0.components.0.custom_id._errors[0].code',
      'BASE_TYPE_MAX_LENGTH',
    );
    const dup = rejection(() =>
      validateMessageCreate({ components: [{ type: 1, components: [button('a'), button('a')] }] }),
    );
    expect(dup.errors).to.have.nested.property(
      'components._errors[0].code',
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    );
  });

  it('rejects a select menu with more than 25 options', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `l${i}`, value: `v${i}` }));
    const error = rejection(() =>
      validateMessageCreate({
        components: [{ type: 1, components: [{ type: 3, custom_id: 's', options }] }],
      }),
    );
    expect(error.errors).to.have.nested.property(
      'components.0.components.0.options._errors[0].code',
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it('rejects a modal title over 45 characters and a text input label over 45', () => {
    const input = (label: string) => ({
      type: 1,
      components: [{ type: 4, custom_id: 'i', style: 1, label }],
    });
    expect(validateModal({ custom_id: 'm', title: 'ok', components: [input('name')] })).to.have.property(
      'title',
      'ok',
    );
    const title = rejection(() =>
      validateModal({ custom_id: 'm', title: 't'.repeat(46), components: [input('name')] }),
    );
    expect(title.errors).to.have.nested.property('title._errors[0].code', 'BASE_TYPE_MAX_LENGTH');
    const label = rejection(() =>
      validateModal({ custom_id: 'm', title: 'ok', components: [input('l'.repeat(46))] }),
    );
    expect(label.errors).to.have.nested.property(
      'components.0.components.0.label._errors[0].code',
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it('accepts member role lists as snowflake strings and rejects a nick over 32 characters', () => {
    expect(parseBody(memberPatchSchema, { roles: ['123'] }).roles).to.deep.equal(['123']);
    const error = rejection(() => parseBody(memberPatchSchema, { nick: 'n'.repeat(33) }));
    expect(error.errors).to.have.nested.property('nick._errors[0].code', 'BASE_TYPE_MAX_LENGTH');
  });
});
