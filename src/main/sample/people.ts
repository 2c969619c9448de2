import { checkCharacter } from '../../shared/domain/idNumber';
import type { Random } from './random';

/** Region code of the fictional 示范县: prefecture 99 does not exist, so no generated ID can be a real person's. */
export const SAMPLE_REGION = '539901';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const MALE_CHARS = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志成文海东兴福贵发祥德荣';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀英华玲红梅琳燕萍雪琴云莲桂兰凤洁倩婷慧巧美月春珍翠';

export function makeName(rng: Random, sex: '男' | '女', surname?: string): string {
  const family = surname ?? rng.pick([...SURNAMES]);
  const chars = [...(sex === '男' ? MALE_CHARS : FEMALE_CHARS)];
  return rng.chance(0.3) ? family + rng.pick(chars) : family + rng.pick(chars) + rng.pick(chars);
}

export function surnameOf(name: string): string {
  return name.charAt(0);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A valid 18-digit ID for the birth date and sex; `used` keeps every ID of the township distinct. */
export function makeId(rng: Random, birth: string, sex: '男' | '女', used: Set<string>): string {
  const ymd = birth.replaceAll('-', '');
  for (;;) {
    let seq = rng.int(0, 999);
    if ((seq % 2 === 1) !== (sex === '男')) seq = (seq + 1) % 1000;
    const first17 = SAMPLE_REGION + ymd + pad(seq, 3);
    const id = first17 + checkCharacter(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

export function makeBirthDate(rng: Random, age: number, today: Date): string {
  const year = today.getUTCFullYear() - age - 1;
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  // Born after today's month/day in (year) means the person is `age` today.
  const adjustedYear = month * 100 + day > (today.getUTCMonth() + 1) * 100 + today.getUTCDate() ? year : year + 1;
  return `${adjustedYear}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function ageOn(birth: string, today: Date): number {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

export function makePhone(rng: Random): string {
  return `1${rng.pick(['3', '5', '8', '9'])}${pad(rng.int(0, 999_999_999), 9)}`;
}
