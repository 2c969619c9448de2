/** Reasons a clerk gives for a correction (free text may follow), shared by the CLI, the UI and the log. */
export const CORRECTION_REASONS = ['入户核实', '部门数据', '录入错误', '系统数据为准', '政策调整', '其他'] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];

/** The verdicts a field verification sheet offers for each issue (DOMAIN.md §8). */
export const VERIFICATION_VERDICTS = ['属实', '不属实', '已整改'] as const;
export type VerificationVerdict = (typeof VERIFICATION_VERDICTS)[number];
