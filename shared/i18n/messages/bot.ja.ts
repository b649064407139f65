import type { SameKeys } from '../catalogue.js';
import type { botEn } from './bot.en.js';

/** The bot core: /about, permissions, command errors, health. */
export const botJa = {
  'bot.command.about.description': 'つなぐのバージョン、サーバー数、応答速度、リンクを表示します',
  'bot.about.title': 'つなぐについて',
  'bot.about.description':
    'つなぐはアルムナイネットワークをつなぎ続けます：ウェルカム、自己紹介、ボイス交流会。',
  'bot.about.version': 'バージョン',
  'bot.about.guilds': 'サーバー数',
  'bot.about.latency': '応答速度',
  'bot.about.latencyValue': '{ms} ミリ秒',
  'bot.about.latencyUnknown': '計測中…',
  'bot.about.links': 'リンク',
  'bot.about.dashboard': 'ダッシュボード',
  'bot.about.noDashboard': 'ダッシュボードの URL が設定されていません。',
  'bot.about.refresh': '更新',
  'bot.about.updatedAt': '{time} に更新',
  'bot.error.missingPermission':
    'このサーバーでその操作に必要な権限がボットにありません。運営の方にボットのロールと権限を確認してもらってください。',
  'bot.error.dmClosed':
    'ダイレクトメッセージを送れませんでした。サーバーメンバーからの DM を許可してから、もう一度お試しください。',
  'bot.error.unknownTarget': '対象のチャンネル、メンバー、ロール、またはメッセージが見つかりません。',
  'bot.error.invalidContent':
    'Discord がその内容を受け付けませんでした（長すぎるか無効です）。短くしてもう一度お試しください。',
  'bot.error.unknownCommand': 'このコマンドは現在利用できません。',
  'bot.error.expiredComponent': 'このボタンまたはメニューは無効になりました。',
  'bot.error.guildOnly': 'この操作はサーバー内でのみ使えます。',
  'bot.error.discordUnavailable': 'Discord が応答していません。時間をおいてもう一度お試しください。',
  'bot.health.ok': 'すべてのチェックに合格しました',
  'bot.health.missingPermission': '権限が不足しています：{permission}',
  'bot.health.roleHierarchy': 'ボットの最上位ロールが {role} より下にあるため、このロールを付与できません',
  'bot.health.disallowedIntent':
    '特権インテント「{intent}」が有効になっていません。Developer Portal → アプリケーション → Bot → Privileged Gateway Intents で有効にしてください。',
  'bot.health.startupFailed': 'ボットを起動できませんでした：{reason}',
  'bot.permission.ManageRoles': 'ロールの管理',
  'bot.permission.SendMessages': 'メッセージを送信',
  'bot.permission.EmbedLinks': '埋め込みリンク',
  'bot.permission.MoveMembers': 'メンバーを移動',
  'bot.permission.ManageChannels': 'チャンネルの管理',
  'bot.permission.CreateInstantInvite': '招待を作成',
  'bot.permission.ManageGuild': 'サーバー管理',
  'bot.permission.ManageEvents': 'イベントの管理',
  'bot.permission.ViewChannel': 'チャンネルを見る',
  'bot.command.about.name': 'つなぐについて',
} as const satisfies SameKeys<typeof botEn>;
