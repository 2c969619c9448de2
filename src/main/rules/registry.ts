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
import { rule as ledgerMissing } from './ledger/missing';
import { rule as ledgerExtra } from './ledger/extra';
import { rule as ledgerOtherHousehold } from './ledger/otherHousehold';
import { rule as ledgerNameDiff } from './ledger/nameDiff';
import { rule as ledgerSexDiff } from './ledger/sexDiff';
import { rule as ledgerRelationDiff } from './ledger/relationDiff';
import { rule as ledgerSizeDiff } from './ledger/sizeDiff';
import { rule as ledgerCategoryDiff } from './ledger/categoryDiff';
import { rule as ledgerExitDiff } from './ledger/exitDiff';
import { rule as ledgerIncomeDiff } from './ledger/incomeDiff';
import { rule as ledgerHelperDiff } from './ledger/helperDiff';
import { rule as labourChildLabour } from './labour/childLabour';
import { rule as labourElderlyAble } from './labour/elderlyAble';
import { rule as labourMigrantUnable } from './labour/migrantUnable';
import { rule as labourStudentMigrant } from './labour/studentMigrant';
import { rule as labourPreschoolAge } from './labour/preschoolAge';
import { rule as labourNoEmployment } from './labour/noEmployment';
import { rule as labourTekunWorking } from './labour/tekunWorking';
import { rule as incomeSumMismatch } from './income/sumMismatch';
import { rule as incomePerCapitaMismatch } from './income/perCapitaMismatch';
import { rule as incomeBelowLine } from './income/belowLine';
import { rule as incomeUnmonitored } from './income/unmonitored';
import { rule as incomeRiskEliminatedLow } from './income/riskEliminatedLow';
import { rule as statusExitYearMissing } from './status/exitYearMissing';
import { rule as statusExitYearRange } from './status/exitYearRange';
import { rule as statusNotExited } from './status/notExited';
import { rule as statusRiskDateMissing } from './status/riskDateMissing';
import { rule as statusEliminatedEarly } from './status/eliminatedEarly';
import { rule as assistNoHelper } from './assist/noHelper';
import { rule as deptDeceasedMember } from './dept/deceasedMember';
import { rule as deptMovedOut } from './dept/movedOut';
import { rule as deptNewbornMissing } from './dept/newbornMissing';
import { rule as deptCivilStatusDiff } from './dept/civilStatusDiff';
import { rule as deptMedicalUninsured } from './dept/medicalUninsured';
import { rule as deptSchoolDropout } from './dept/schoolDropout';
import { rule as deptHousingUnsafe } from './dept/housingUnsafe';
import { rule as deptWaterUnsafe } from './dept/waterUnsafe';
import { rule as deptDisabilityHealth } from './dept/disabilityHealth';
import { rule as deptRangerIneligible } from './dept/rangerIneligible';
import { rule as deptPublicPostIneligible } from './dept/publicPostIneligible';
import { rule as deptFourtypesHit } from './dept/fourtypesHit';
import { rule as incomeWageMissing } from './income/wageMissing';

/** Every rule, listed explicitly: a test proves each file under rules/<family>/ is here and each entry has cases. */
export const RULES: readonly Rule[] = [
  identityMalformed, identityChecksum, identityExcelDamaged, identityLegacy15, identityBirthdateInvalid,
  identityRegionUnknown, identitySexMismatch, identityBirthdateMismatch, identityDuplicate,
  householdNoHead, householdMultipleHeads, householdMultipleSpouses, householdSpouseSameSex, householdRelationSex, householdRelationAge, householdSizeMismatch, householdFieldInconsistent, householdHeadIdMismatch,
  ledgerMissing, ledgerExtra, ledgerOtherHousehold, ledgerNameDiff, ledgerSexDiff, ledgerRelationDiff, ledgerSizeDiff, ledgerCategoryDiff, ledgerExitDiff, ledgerIncomeDiff, ledgerHelperDiff,
  labourChildLabour, labourElderlyAble, labourMigrantUnable, labourStudentMigrant, labourPreschoolAge, labourNoEmployment, labourTekunWorking, incomeSumMismatch, incomePerCapitaMismatch, incomeBelowLine, incomeUnmonitored, incomeRiskEliminatedLow, incomeWageMissing, statusExitYearMissing, statusExitYearRange, statusNotExited, statusRiskDateMissing, statusEliminatedEarly, assistNoHelper,
  deptDeceasedMember, deptMovedOut, deptNewbornMissing, deptCivilStatusDiff, deptMedicalUninsured, deptSchoolDropout, deptHousingUnsafe, deptWaterUnsafe, deptDisabilityHealth, deptRangerIneligible, deptPublicPostIneligible, deptFourtypesHit,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
