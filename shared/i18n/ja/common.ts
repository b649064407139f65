import type { Catalogue } from '../index.js';

export const jaCommon: Catalogue = {
  'app.name': 'つなぐ',
  'app.tagline': 'アルムナイネットワークをつなぎ続ける',
  'error.generic': '問題が発生しました。時間をおいてもう一度お試しください。',
  'error.forbidden': 'この操作を行う権限がありません。',
  'error.notFound': '見つかりませんでした。',
  'error.invalidInput': '入力内容を確認してください：{reason}',
  'error.rateLimited': '操作が多すぎます。{seconds} 秒後にもう一度お試しください。',
};
