import type { SameKeys } from '../catalogue.js';
import type { commonEn } from './common.en.js';

/** Strings every surface uses: the product name and generic errors. */
export const commonJa = {
  'app.name': 'つなぐ',
  'app.tagline': 'アルムナイネットワークをつなぎ続ける',
  'error.generic': '問題が発生しました。時間をおいてもう一度お試しください。',
  'error.forbidden': 'この操作を行う権限がありません。',
  'error.notFound': '見つかりませんでした。',
  'error.invalidInput': '入力内容を確認してください：{reason}',
  'error.rateLimited': '操作が多すぎます。{seconds} 秒後にもう一度お試しください。',
} as const satisfies SameKeys<typeof commonEn>;
