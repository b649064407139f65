export * from './health.service.js';
export { BotHealth, type BotHealthDoc } from './health.model.js';
