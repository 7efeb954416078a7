import { translateDynamic, type Locale } from '../i18n';

const maybeT = (locale: Locale, key: string, fallback: string) => translateDynamic(locale, key, undefined, fallback);

/** The learner-facing name of a layer type (`layer.<Type>.name`), or the type itself. */
export const layerName = (locale: Locale, type: string) => maybeT(locale, `layer.${type}.name`, type);

/** The one-line description of a layer type (`layer.<Type>.desc`), or the type itself. */
export const layerDesc = (locale: Locale, type: string) => maybeT(locale, `layer.${type}.desc`, type);

/** A family's translated name (`family.<name>`), or the raw name. */
export const familyName = (locale: Locale, family: string) => maybeT(locale, `family.${family}`, family);

/** Tooltip text of a parameter (`param.<Type>.<name>`), or the parameter's name. */
export const paramHelp = (locale: Locale, type: string, name: string) => maybeT(locale, `param.${type}.${name}`, name);

/** Parameter count with thousands separators, in the learner's locale. */
export const formatInt = (locale: Locale, n: number) => n.toLocaleString(locale);
