import type { SameKeys } from '../catalogue.js';
import type { webEn } from './web.en.js';

/** The dashboard core: login, guild picker, errors, health, navigation shell, people and dates. */
export const webJa = {
  'web.login.title': 'ログイン',
  'web.login.heading': 'つなぐ ダッシュボードにログイン',
  'web.login.intro': 'Discord アカウントでログインして、アルムナイコミュニティを管理しましょう。',
  'web.login.button': 'Discord でログイン',
  'web.login.permissionsHint':
    '「サーバー管理」権限、または つなぐ で設定したモデレーター／運営ロールを持つメンバーが利用できます。',
  'web.login.denied': 'Discord でログインがキャンセルされました。準備ができたらもう一度お試しください。',
  'web.login.expired':
    'このログインリンクは期限切れか、すでに使われています（「戻る」で戻った場合など）。もう一度ログインしてください。',
  'web.nav.language': '言語',
  'web.nav.languageApply': '変更',
  'web.nav.logout': 'ログアウト',
  'web.nav.discordView': 'Discord ビュー（サンドボックス）',
  'web.guilds.title': 'サーバー一覧',
  'web.guilds.heading': 'サーバーを選択',
  'web.guilds.empty':
    '表示できるサーバーがありません。つなぐ が参加していて、あなたが「サーバー管理」権限かモデレーター／運営ロールを持つサーバーが対象です。',
  'web.guilds.back': '← サーバー一覧へ',
  'web.overview.unknown': '不明',
  'web.health.heading': 'Bot の状態',
  'web.health.none': 'Bot はまだ起動時チェックの結果を報告していません。',
  'web.health.ok': 'Bot に必要な設定はすべて揃っています。',
  'web.health.problems': 'Bot に必要なものが不足しています：',
  'web.health.sectionOk': '問題は見つかりませんでした。',
  'web.health.checkedAt': '確認日時：{time}',
  'web.health.scope.guild': 'このサーバー',
  'web.health.scope.global': 'Bot 全体',
  'web.health.problem.missing-permission': '権限が不足しています：{subject}',
  'web.health.problem.role-hierarchy':
    'ロール {subject} を付与するには、Bot のロールをそれより上に置いてください',
  'web.health.problem.disallowed-intent':
    'Discord Developer Portal で特権インテントが有効になっていません：{subject}',
  'web.health.problem.startup-failed': 'Bot を起動できませんでした：{subject}',
  'web.health.problem.other': '問題：{subject}',
  'web.error.title.400': '不正なリクエスト',
  'web.error.title.401': 'ログインしてください',
  'web.error.title.403': 'アクセスできません',
  'web.error.title.404': 'ページが見つかりません',
  'web.error.title.429': 'リクエストが多すぎます',
  'web.error.title.500': '問題が発生しました',
  'web.error.badRequest': 'リクエストを処理できませんでした。前の画面に戻ってもう一度お試しください。',
  'web.error.unauthorized': '続けるにはログインしてください。',
  'web.error.forbidden': 'このページを表示する権限がありません。',
  'web.error.guildForbidden':
    'このサーバーは管理できません。「サーバー管理」権限かモデレーター／運営ロールが必要で、つなぐ が参加している必要があります。',
  'web.error.notFound': 'このページは存在しません。',
  'web.error.upstream': 'Discord から想定外の応答がありました。しばらくしてからもう一度お試しください。',
  'web.error.csrf':
    'フォームの有効期限が切れたか、このサイト以外から送信されました。ページを再読み込みしてもう一度お試しください。',
  'web.error.oauthState':
    'ログインを確認できませんでした（期限切れの可能性があります）。もう一度ログインしてください。',
  'web.error.oauthCode': 'Discord からログインコードが返されませんでした。もう一度ログインしてください。',
  'web.error.home': 'トップページへ戻る',
  'web.guildNav.label': 'サーバーのページ',
  'web.guildNav.overview': '概要',
  'web.guildNav.relay': '自己紹介バトン',
  'web.dates.zone': '日時は {zone} で表示しています。',
  'web.people.unknown': 'ユーザー（ID {id}）',
  'web.people.named': '{name}（@{username}）',
  'web.people.left': '{name}・サーバー退出済み',
  'web.people.erased': '（削除済みのユーザー）',
  'web.people.bot': '運営（Bot）',
  'web.people.none': '—',
} as const satisfies SameKeys<typeof webEn>;
