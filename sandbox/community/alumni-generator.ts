/**
 * Simulated alumni for the sandbox: deterministic (seeded), varied profiles built from the
 * domain's own attribute lists, so the sandbox shows what a real community would look like.
 */
import {
  AGE_BANDS,
  INDUSTRIES,
  LIFE_STAGES,
  REGIONS,
  TENURE_BANDS,
  type AgeBand,
  type Industry,
  type LifeStage,
  type Region,
  type TenureBand,
} from '../../shared/kernel/profile-attributes.js';

export interface SimulatedAlumnus {
  /** Discord-style username (ASCII, lowercase). */
  username: string;
  /** Display name as alumni write it (mostly Japanese). */
  displayName: string;
  locale: 'ja' | 'en-US';
  leaveYear: number;
  tenureBand: TenureBand;
  joinedAsNewGraduate: boolean;
  departmentThen: string;
  industry: Industry;
  roleNow: string;
  region: Region;
  ageBand: AgeBand;
  lifeStages: LifeStage[];
  interests: string[];
  greeting: string;
}

const FAMILY = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '山口',
  '松本',
  '井上',
  '木村',
  '林',
  '斎藤',
  '清水',
];
const FAMILY_ROMAJI = [
  'sato',
  'suzuki',
  'takahashi',
  'tanaka',
  'ito',
  'watanabe',
  'yamamoto',
  'nakamura',
  'kobayashi',
  'kato',
  'yoshida',
  'yamada',
  'sasaki',
  'yamaguchi',
  'matsumoto',
  'inoue',
  'kimura',
  'hayashi',
  'saito',
  'shimizu',
];
const GIVEN = [
  '陽菜',
  '蓮',
  '結衣',
  '大翔',
  '美咲',
  '悠真',
  '葵',
  '湊',
  'さくら',
  '健太',
  '真由',
  '翔',
  '彩',
  '拓也',
  '恵',
  '直樹',
  '優子',
  '亮',
  '千尋',
  '誠',
];
const GIVEN_ROMAJI = [
  'hina',
  'ren',
  'yui',
  'hiroto',
  'misaki',
  'yuma',
  'aoi',
  'minato',
  'sakura',
  'kenta',
  'mayu',
  'sho',
  'aya',
  'takuya',
  'megumi',
  'naoki',
  'yuko',
  'ryo',
  'chihiro',
  'makoto',
];
const EN_GIVEN = ['Emma', 'Liam', 'Sofia', 'Noah', 'Mia', 'Lucas', 'Olivia', 'Ethan'];
const EN_FAMILY = ['Clarke', 'Chen', 'Rossi', 'Kim', 'Patel', 'Müller', 'Garcia', 'Novak'];
const DEPARTMENTS = [
  '営業部',
  'マーケティング部',
  '人事部',
  '経理部',
  '開発部',
  'デザイン室',
  'カスタマーサクセス',
  '経営企画室',
  '広報',
  '法務部',
];
const ROLES = [
  'プロダクトマネージャー',
  'エンジニア',
  'コンサルタント',
  '起業家',
  '人事責任者',
  'デザイナー',
  '営業マネージャー',
  '研究者',
  'フリーランス',
  '大学職員',
];
const INTERESTS = [
  'キャンプ',
  '子育て',
  '読書',
  'ランニング',
  '料理',
  '写真',
  'AI',
  'スタートアップ',
  '地方創生',
  '投資',
  '音楽',
  '旅行',
  'サウナ',
  '語学',
  'ボードゲーム',
];
const GREETINGS = [
  'またみなさんとつながれて嬉しいです！',
  '気軽に声をかけてください。',
  '副業の相談も歓迎です。',
  '子育て中の方、情報交換しましょう。',
  '久しぶりの方も初めましての方もよろしくお願いします。',
];

/** Mulberry32: a tiny seeded PRNG so the sandbox looks the same on every start. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates `count` simulated alumni; the same seed always gives the same people. */
export function generateAlumni(count: number, seed = 20261124, now = new Date()): SimulatedAlumnus[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const some = <T>(list: readonly T[], max: number): T[] => {
    const n = Math.floor(random() * (max + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const thisYear = now.getUTCFullYear();
  const alumni: SimulatedAlumnus[] = [];
  // Real communities rarely have two people with the same full name; a repeat looked like a bug.
  const usedNames = new Set<string>();
  for (let i = 0; i < count; i++) {
    const english = random() < 0.06;
    const displayName = uniqueName(english, random, usedNames);
    const base = romanise(displayName);
    alumni.push({
      username: `${base}${i + 1}`.slice(0, 32),
      displayName,
      locale: english ? 'en-US' : 'ja',
      leaveYear: thisYear - Math.floor(random() * 15),
      tenureBand: pick(TENURE_BANDS),
      joinedAsNewGraduate: random() < 0.45,
      departmentThen: pick(DEPARTMENTS),
      industry: pick(INDUSTRIES),
      roleNow: pick(ROLES),
      region: random() < 0.55 ? 'kanto' : pick(REGIONS),
      ageBand: pick(AGE_BANDS),
      lifeStages: some(LIFE_STAGES, 2),
      interests: some(INTERESTS, 4),
      greeting: pick(GREETINGS),
    });
  }
  return alumni;
}

/**
 * A full name nobody in the community has yet: random draws first, then the first free
 * combination in order, and only when all 400 Japanese (or 64 English) names are taken a
 * numbered one.
 */
function uniqueName(english: boolean, random: () => number, used: Set<string>): string {
  const family = english ? EN_FAMILY : FAMILY;
  const given = english ? EN_GIVEN : GIVEN;
  const name = (f: number, g: number) => (english ? `${given[g]} ${family[f]}` : `${family[f]} ${given[g]}`);
  const take = (candidate: string) => (used.add(candidate), candidate);
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = name(Math.floor(random() * family.length), Math.floor(random() * given.length));
    if (!used.has(candidate)) return take(candidate);
  }
  for (let f = 0; f < family.length; f++)
    for (let g = 0; g < given.length; g++) if (!used.has(name(f, g))) return take(name(f, g));
  return take(`${name(0, 0)} ${used.size + 1}`);
}

/** The username base: the romaji of a Japanese name, the ASCII letters of an English one. */
function romanise(displayName: string): string {
  const [family = '', given = ''] = displayName.split(' ');
  const f = FAMILY.indexOf(family);
  const g = GIVEN.indexOf(given);
  if (f >= 0 && g >= 0) return `${FAMILY_ROMAJI[f]}.${GIVEN_ROMAJI[g]}`;
  return displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}
