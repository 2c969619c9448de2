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
import { rule as householdNoHead } from './household/noHead';
import { rule as householdMultipleHeads } from './household/multipleHeads';
import { rule as householdMultipleSpouses } from './household/multipleSpouses';
import { rule as householdSpouseSameSex } from './household/spouseSameSex';
import { rule as householdRelationSex } from './household/relationSex';
import { rule as householdRelationAge } from './household/relationAge';
import { rule as householdSizeMismatch } from './household/sizeMismatch';
import { rule as householdFieldInconsistent } from './household/fieldInconsistent';
import { rule as householdHeadIdMismatch } from './household/headIdMismatch';

/** Every rule, listed explicitly: a test proves each file under rules/<family>/ is here and each entry has cases. */
export const RULES: readonly Rule[] = [
  identityMalformed, identityChecksum, identityExcelDamaged, identityLegacy15, identityBirthdateInvalid,
  identityRegionUnknown, identitySexMismatch, identityBirthdateMismatch, identityDuplicate,
  householdNoHead, householdMultipleHeads, householdMultipleSpouses, householdSpouseSameSex, householdRelationSex, householdRelationAge, householdSizeMismatch, householdFieldInconsistent, householdHeadIdMismatch,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
