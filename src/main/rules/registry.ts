import type { Rule } from './types';
import { rule as identityMalformed } from './identity/malformed';
import { rule as identityChecksum } from './identity/checksum';
import { rule as identityExcelDamaged } from './identity/excelDamaged';
import { rule as identityLegacy15 } from './identity/legacy15';
import { rule as identityBirthdateInvalid } from './identity/birthdateInvalid';
import { rule as identityRegionUnknown } from './identity/regionUnknown';
import { rule as identitySexMismatch } from './identity/sexMismatch';
import { rule as identityBirthdateMismatch } from './identity/birthdateMismatch';
import { rule as identityDuplicate } from './identity/duplicate';

/** Every rule, listed explicitly: a test proves each file under rules/<family>/ is here and each entry has cases. */
export const RULES: readonly Rule[] = [
  identityMalformed, identityChecksum, identityExcelDamaged, identityLegacy15, identityBirthdateInvalid,
  identityRegionUnknown, identitySexMismatch, identityBirthdateMismatch, identityDuplicate,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
