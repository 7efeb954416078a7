import { createContext, useCallback, useContext } from 'react';
import { LOCALES, type Locale } from './define';
import { common } from './messages/common.messages';
import { controls } from './messages/controls.messages';
import { editor } from './messages/editor.messages';
import { errors } from './messages/errors.messages';
import { exporting } from './messages/exporting.messages';
import { layers } from './messages/layers.messages';
import { sequenceLayers } from './messages/sequenceLayers.messages';
import { charts } from './messages/charts.messages';
import { imageLab } from './messages/imageLab.messages';
import { imageExplain } from './messages/imageExplain.messages';
import { imageInput } from './messages/imageInput.messages';
import { sequenceViews } from './messages/sequenceViews.messages';
import { sequenceData } from './messages/sequenceData.messages';
import { sequenceLab } from './messages/sequenceLab.messages';
import { lessons } from './messages/lessons.messages';
import { backprop } from './messages/backprop.messages';
import { race } from './messages/race.messages';
import { classroom } from './messages/classroom.messages';
import { touch } from './messages/touch.messages';
import { pinned } from './messages/pinned.messages';
import { landscape } from './messages/landscape.messages';
import { trainingLessons } from './messages/trainingLessons.messages';
import { dynamics } from './messages/dynamics.messages';
import { ownData } from './messages/ownData.messages';
import { trainScript } from './messages/trainScript.messages';
import { offline } from './messages/offline.messages';
import { ownMedia } from './messages/ownMedia.messages';
import { transfer } from './messages/transfer.messages';
import { a11y } from './messages/a11y.messages';
import { tools } from './messages/tools.messages';
import { challenge } from './messages/challenge.messages';
import { teacher } from './messages/teacher.messages';
import { compress } from './messages/compress.messages';
import { adversarial } from './messages/adversarial.messages';
import { attribution } from './messages/attribution.messages';
import { distill } from './messages/distill.messages';
import { conditions } from './messages/conditions.messages';
import { autoencoder } from './messages/autoencoder.messages';
import { recommender } from './messages/recommender.messages';
import { teacherFile } from './messages/teacherFile.messages';
import { vae } from './messages/vae.messages';

export { LOCALES, type Locale };

/** All messages, merged from the per-area files. Keys are namespaced by area (`viz.`, `ctl.`, `image.`, `sequence.` …). */
const ALL = { ...common, ...controls, ...errors, ...charts, ...layers, ...sequenceLayers, ...editor, ...exporting, ...imageLab, ...imageExplain, ...imageInput, ...sequenceViews, ...sequenceData, ...sequenceLab, ...lessons, ...backprop, ...race, ...classroom, ...pinned, ...landscape, ...trainingLessons, ...dynamics, ...ownData, ...trainScript, ...offline, ...ownMedia, ...a11y, ...tools, ...touch, ...challenge, ...teacher, ...compress, ...adversarial, ...attribution, ...distill, ...transfer, ...conditions, ...autoencoder, ...recommender, ...teacherFile, ...vae };
export type MessageKey = keyof typeof ALL;
export type Vars = Record<string, string | number>;

/** Translate a key; `{name}` placeholders are replaced by `vars`. Unknown keys come back as-is. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const entry = ALL[key] as { en: string; 'zh-CN': string } | undefined;
  let text = entry ? entry[locale] : String(key);
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  return text;
}

/** True when `key` names a message (for keys that travel as data, such as error codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ALL, key);
}

/** Pick the UI language from the browser's preference list: any Chinese → zh-CN, else English. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const LocaleContext = createContext<Locale>('en');

export type TFunction = (key: MessageKey, vars?: Vars) => string;

/** The translate function for the current locale. */
export function useT(): TFunction {
  const locale = useContext(LocaleContext);
  return useCallback((key: MessageKey, vars?: Vars) => translate(locale, key, vars), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/**
 * Translate a key that travels as data (an error code from the engine or the codec, a layer
 * name built from its type). Unknown keys give `fallback`, by default the key itself.
 */
export function translateDynamic(locale: Locale, key: string, vars?: Vars, fallback = key): string {
  return isMessageKey(key) ? translate(locale, key, vars) : fallback;
}
