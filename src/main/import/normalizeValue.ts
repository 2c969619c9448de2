import type { FieldDef } from '../../shared/domain/fields';
import { analyzeId } from '../../shared/domain/idNumber';
import {
  ASSIST_TYPE, EXIT_FLAG, HEALTH, HOUSE_GRADE, LABOUR, POVERTY_ATTRIBUTE, RELATION, STUDENT,
} from '../../shared/domain/vocabularies';
import {
  cleanText, mapVocabulary, parseCount, parseDate, parseFlag, parseMoney, parseMulti, parseSex, parseYear,
} from '../../shared/text/normalize';

export type CanonicalValue = string | number | null;

/**
 * Raw cell text → the canonical value compared by rules. Numeric fields that do not parse become null (the raw text
 * stays in records.raw for a format rule to report); text fields that do not match a vocabulary stay as cleaned text.
 */
export function normalizeValue(field: FieldDef, raw: string): CanonicalValue {
  if (cleanText(raw) === '') return null;
  switch (field.type) {
    case 'id': return analyzeId(raw).normalized;
    case 'name':
    case 'text': return cleanText(raw);
    case 'sex': return parseSex(raw) ?? cleanText(raw);
    case 'date': return parseDate(raw) ?? cleanText(raw);
    case 'year': return parseYear(raw);
    case 'count': return parseCount(raw);
    case 'money': return parseMoney(raw);
    case 'flag': return parseFlag(raw);
    case 'relation': return mapVocabulary(raw, RELATION);
    case 'attribute': return mapVocabulary(raw, POVERTY_ATTRIBUTE);
    case 'exit': return mapVocabulary(raw, EXIT_FLAG);
    case 'health': return parseMulti(raw, HEALTH);
    case 'labour': return mapVocabulary(raw, LABOUR);
    case 'student': return mapVocabulary(raw, STUDENT) || null;
    case 'assist': return mapVocabulary(raw, ASSIST_TYPE);
    case 'grade': return mapVocabulary(raw, HOUSE_GRADE);
  }
}
