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

/** A parameter's field label (`paramLabel.<name>`), or the name itself. */
export const paramLabel = (locale: Locale, name: string) => maybeT(locale, `paramLabel.${name}`, name);

/** An option's text in a parameter's menu (`paramOption.<name>.<value>`), or the value itself. */
export const paramOption = (locale: Locale, name: string, value: string) => maybeT(locale, `paramOption.${name}.${value}`, value);

/**
 * True when a label says the same as the code's name (`Kernel size` and `kernelSize`): then the
 * name the exported code uses need not be shown beside it.
 */
export const sameAsCode = (label: string, name: string) => label.replace(/[\s_-]/g, '').toLowerCase() === name.toLowerCase();
