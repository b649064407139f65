import type { SameKeys } from '../catalogue.js';
import type { overviewEn } from './overview.en.js';

/** The dashboard overview's Connect & Know card. */
export const overviewJa = {
  'web.connect.heading': 'つながる・知る',
  'web.connect.joined': 'メンバー',
  'web.connect.introduced': '自己紹介済み',
  'web.connect.introducedShare': '自己紹介率',
  'web.connect.hint':
    'メンバー：いまサーバーにいる人の数（Bot は数えません。Discord のメンバー一覧から、最大 1 分前の値）。自己紹介済み：そのうち自己紹介をした人。',
  'web.connect.latest.heading': '最近の自己紹介',
  'web.connect.latest.empty': 'まだ自己紹介はありません。',
  'web.connect.latest.item': '{name}（{date}）',
  'web.connect.batons.heading': '自己紹介待ちのバトン',
  'web.connect.batons.empty': '自己紹介待ちのバトンはありません。',
  'web.connect.batons.item': 'バトン #{chain}：{from} → {nominee}（{date} に指名）',
  'web.connect.batons.awaiting': '次の人の指名を待っているバトン：{count} 件',
  'web.connect.seeAll': 'すべて見る →',
} as const satisfies SameKeys<typeof overviewEn>;
