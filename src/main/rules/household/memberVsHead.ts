/**
 * What the household rules compare a member's row with: its own sex and birth, and the head of its household in the
 * same ledger (`m` a member row, `h` its head's roll row, null when the household has none, and `k` what its
 * relation says from `relation_classes`, null for the others). Kept apart from the rules so that the check table
 * `member_heads` keeps the rows any of them reports, in one pass over the members.
 */

export const MALE_RELATIONS = ['之子', '之孙子', '之外孙子', '之父', '之岳父', '之公公', '之祖父', '之侄儿', '之女婿'];
const FEMALE_RELATIONS = ['之女', '之孙女', '之外孙女', '之母', '之岳母', '之婆婆', '之祖母', '之侄女', '之儿媳'];
const CHILDREN = ['之子', '之女', '之儿媳', '之女婿'];
const PARENTS = ['之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆'];

/** The rows of `relation_classes`: each relation above with whether it names a man, a woman, a child or a parent of the head. */
export const RELATION_CLASSES = [...new Set([...MALE_RELATIONS, ...FEMALE_RELATIONS, ...CHILDREN, ...PARENTS])].map((relation) => ({
  relation, male: MALE_RELATIONS.includes(relation), female: FEMALE_RELATIONS.includes(relation), child: CHILDREN.includes(relation),
  parent: PARENTS.includes(relation),
}));

/** Each condition by the column of `member_heads` that holds it. */
export const MEMBER_VS_HEAD = {
  /** “之子” is a man, “之女” a woman, and so on (the sex from the ID where it is usable). */
  relation_sex: `(k.male AND m.sx = '女') OR (k.female AND m.sx = '男')`,
  /**
   * A child born less than 12 years after the head, or a parent less than 12 years before: birth dates from an ID are
   * valid YYYY-MM-DD and compare as text, and the head's dates are worked out for children and parents alone.
   */
  age_gap: `(k.child AND m.birth < date(h.birth, '+12 years')) OR (k.parent AND m.birth > date(h.birth, '-12 years'))`,
  spouse_same_sex: `m.relation = '配偶' AND h.sx = m.sx`,
  /** The 户主证件号码 column names someone else than the head (a head without a usable ID is not compared). */
  head_id_differs: `m.head_id IS NOT NULL AND h.person_key NOT LIKE 'R%' AND m.head_id <> h.person_key`,
} as const;
