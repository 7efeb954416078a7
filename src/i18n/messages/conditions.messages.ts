import { defineMessages } from '../define';

/**
 * Why a condition (a lesson step's check, a challenge's goal or constraint, the stop rule) does not
 * parse: `cond.err.<code>` for each code of lessons/conditions.ts, the value types, and where.
 */
export const conditions = defineMessages({
  'cond.err.empty': { en: 'the condition is empty', 'zh-CN': '条件是空的' },
  'cond.err.unterminated': { en: 'a string is missing its closing quote \'', 'zh-CN': '字符串缺少结尾的单引号 \'' },
  'cond.err.badChar': { en: 'the character "{char}" is not part of the condition language', 'zh-CN': '条件里不能用字符“{char}”' },
  'cond.err.trailing': { en: 'unexpected "{token}" after a complete condition (join conditions with and / or)', 'zh-CN': '条件已经完整，后面却多出了“{token}”（多个条件请用 and / or 连接）' },
  'cond.err.unclosed': { en: 'a "(" is never closed: add "{expected}"', 'zh-CN': '左括号“(”没有闭合：请补上“{expected}”' },
  'cond.err.expected': { en: 'expected "{expected}" but found "{token}"', 'zh-CN': '这里应该是“{expected}”，却写了“{token}”' },
  'cond.err.needsLeft': { en: '"{token}" needs a condition before it', 'zh-CN': '“{token}”前面缺少条件' },
  'cond.err.endsEarly': { en: 'the condition ends too early', 'zh-CN': '条件还没写完就结束了' },
  'cond.err.unexpected': { en: 'unexpected "{token}"', 'zh-CN': '这里不该出现“{token}”' },
  'cond.err.unknownFact': { en: 'there is no fact called "{fact}"', 'zh-CN': '没有名为“{fact}”的量' },
  'cond.err.notBoolean': { en: '{operand} is a {type}: compare it with something, e.g. {operand} > 0', 'zh-CN': '{operand} 是{type}，要和别的值比较才能成为条件，例如 {operand} > 0' },
  'cond.err.typeMismatch': { en: '{left} (a {leftType}) cannot be compared with {right} (a {rightType})', 'zh-CN': '{left}（{leftType}）不能和 {right}（{rightType}）比较' },
  'cond.err.orderNeedsNumbers': { en: '"{op}" compares numbers only, and this is a {type}: use == or !=', 'zh-CN': '“{op}”只能比较数值，这里却是{type}：请用 == 或 !=' },
  'cond.type.number': { en: 'number', 'zh-CN': '数值' },
  'cond.type.string': { en: 'string', 'zh-CN': '字符串' },
  'cond.type.boolean': { en: 'true/false value', 'zh-CN': '布尔值' },
  'cond.at': { en: '{error} (at character {pos})', 'zh-CN': '{error}（第 {pos} 个字符处）' },
});
