/**
 * Request body validation as Discord validates it; failures throw 400 50035 Invalid Form Body
 * with Discord's nested `errors` tree. Message-like payloads use discord-api-spec's zod request
 * schemas plus the documented limits the spec misses; guild resources use schemas in
 * validation/resources.ts.
 */
export {
  validateMessageCreate,
  validateMessageEdit,
  validateModal,
  type MessageBody,
} from './validation/messages.js';
export {
  channelCreateSchema,
  channelPatchSchema,
  dmCreateSchema,
  guildPatchSchema,
  inviteCreateSchema,
  memberPatchSchema,
  parseBody,
  roleCreateSchema,
  roleUpdateSchema,
  scheduledEventCreateSchema,
  scheduledEventPatchSchema,
} from './validation/resources.js';
export {
  collect,
  formIssues,
  invalidForm,
  type FormIssue,
  type SafeParser,
} from './validation/zod-errors.js';
