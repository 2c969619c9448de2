/** What settings tell the clerk, in one place. */

export const SETTINGS_MESSAGES = {
  noSuchSetting: (key: string, keys: readonly string[]) => `没有设置项“${key}”。可用的设置项：${keys.join('、')}。`,
  wrongShape: (key: string, example: string, text: string) => `设置项“${key}”的值应与默认值同一形式，如 ${example}，收到 ${text}。`,
} as const;
