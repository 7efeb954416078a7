/** Every visible string is defined once with both languages side by side, so none can be missed. */
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

export type Entry = { en: string; 'zh-CN': string };

/** Identity helper that type-checks a block of messages. Placeholders look like `{name}`. */
export function defineMessages<T extends Record<string, Entry>>(messages: T): T {
  return messages;
}
