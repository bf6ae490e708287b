import { verifyPassword } from '../crypto/index.js';

export interface PasswordPolicy {
  readonly minLength: number;
  readonly requiredClasses: number;
  readonly history: number;
}

const CLASSES: readonly [RegExp, string, string][] = [
  [/[a-z]/, '小写字母', 'lower-case letter'],
  [/[A-Z]/, '大写字母', 'upper-case letter'],
  [/[0-9]/, '数字', 'digit'],
  [/[^A-Za-z0-9]/, '特殊字符', 'symbol'],
];

/** Rules that need no stored data. Returns Chinese reasons (English in `en`); empty when fine. */
export function checkPasswordShape(password: string, username: string, policy: PasswordPolicy): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  if ([...password].length < policy.minLength) {
    zh.push(`长度至少 ${policy.minLength} 位`);
    en.push(`at least ${policy.minLength} characters`);
  }
  const present = CLASSES.filter(([re]) => re.test(password)).length;
  if (present < policy.requiredClasses) {
    zh.push(`须包含${CLASSES.map((c) => c[1]).join('、')}中至少 ${policy.requiredClasses} 类`);
    en.push(`at least ${policy.requiredClasses} of: ${CLASSES.map((c) => c[2]).join(', ')}`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    zh.push('不能包含用户名');
    en.push('must not contain the username');
  }
  if (/(.)\1{3,}/.test(password)) {
    zh.push('不能有 4 个以上连续相同字符');
    en.push('no character repeated 4 or more times in a row');
  }
  return { zh, en };
}

/** True when the password equals one of the recent hashes (current one included). */
export async function isReusedPassword(password: string, recentHashes: readonly string[]): Promise<boolean> {
  for (const h of recentHashes) {
    if (await verifyPassword(password, h)) return true;
  }
  return false;
}
