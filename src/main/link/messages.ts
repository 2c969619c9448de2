/** What the linkage tells the clerk, in one place. */

/** The evidence behind each confidence level of a probable match (matchConfidence), in the words shown to the clerk. */
export const PROBABLE_EVIDENCE: Record<string, string> = {
  '0.95': '姓名相同，证件号码前 15 位相同',
  '0.9': '姓名相同，且出生日期相同或证件号码只差一两位',
  '0.8': '姓名、户主和村都相同',
};
