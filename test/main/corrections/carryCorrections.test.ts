import { describe, expect, it } from 'vitest';
import { readCells } from '../../../src/main/corrections/cells';
import { listCorrections, undoStacks } from '../../../src/main/corrections/correctionLog';
import { correctRecords, undo } from '../../../src/main/corrections/corrections';
import { importFile } from '../../../src/main/import/importFile';
import { saveSetting } from '../../../src/main/settings/settings';
import type { Db } from '../../../src/main/workspace/workspace';
import { tempDir, tempWorkspace, writeFile } from '../../helpers';

const HEADER = '姓名,身份证号码,性别,与户主关系,家庭人口数\n';
const WANG = '王芳,11010519491231002X,女,户主,3\n';
const LI = '李强,440524188001010014,男,配偶,3\n';
const ZHANG = '张三,110101199003077897,男,之子,3\n';

const recordOf = (db: Db, name: string): number =>
  (db.prepare('SELECT id FROM records WHERE name = ? ORDER BY id DESC LIMIT 1').get(name) as { id: number }).id;
const valueOf = (db: Db, name: string, field: string): unknown =>
  (db.prepare(`SELECT ${field} AS v FROM records WHERE id = ?`).get(recordOf(db, name)) as { v: unknown }).v;

/** A village table imported, three cells corrected, then a newer file of the same ledger imported over it. */
function reimported(newer: string) {
  const { db } = tempWorkspace();
  saveSetting(db, 'operator', '测试员');
  const dir = tempDir();
  importFile(db, writeFile(dir, '村表.csv', HEADER + WANG + LI + ZHANG), { kind: 'village' });
  correctRecords(db, [recordOf(db, '李强')], 'relation', '之子', { reason: '入户核实' });
  correctRecords(db, [recordOf(db, '张三')], 'sex', '女', { reason: '录入错误' });
  correctRecords(db, [recordOf(db, '王芳')], 'sex', '男', { reason: '录入错误' });
  const report = importFile(db, writeFile(tempDir(), '村表.csv', HEADER + newer), { kind: 'village' });
  return { db, report };
}

describe('corrections after a newer file of the same ledger is imported', () => {
  it('are carried to the same person when the new file still holds the corrected value, as one logged batch', () => {
    const { db, report } = reimported(WANG + LI + ZHANG);
    expect(report.carried).toEqual({ applied: 3, alreadyInFile: 0, notCarried: [] });
    expect(valueOf(db, '李强', 'relation')).toBe('之子');
    expect(valueOf(db, '张三', 'sex')).toBe('女');
    expect(readCells(db, [recordOf(db, '李强')], 'relation')[0]?.text).toBe('之子');
    const carried = listCorrections(db).entries.filter((e) => e.reason === '重新导入沿用');
    expect(carried).toHaveLength(3);
    expect(carried.every((e) => e.actor === '测试员')).toBe(true);
    // The carried batch is one clerk-visible action: one undo takes all three back to the new file's values.
    undo(db);
    expect(valueOf(db, '李强', 'relation')).toBe('配偶');
    expect(undoStacks(db).done).toHaveLength(3);
  });

  it('leave alone what the new file already fixed or changed, and report people no longer in it', () => {
    // 李强 is fixed in the new file; 张三's cell spells the same uncorrected value with a trailing space; 王芳 has left.
    const { db, report } = reimported(LI.replace('配偶', '之子') + ZHANG.replace(',男,', ',男 ,'));
    expect(report.carried?.applied).toBe(1);
    expect(report.carried?.alreadyInFile).toBe(1);
    expect(report.carried?.notCarried).toEqual([{ name: '王芳', field: 'sex', reason: '新文件中没有此人或此列' }]);
    expect(valueOf(db, '张三', 'sex')).toBe('女');

    const changed = reimported(WANG.replace(',女,', ',未知,') + LI + ZHANG);
    expect(changed.report.carried?.notCarried).toEqual([{ name: '王芳', field: 'sex', reason: '新文件中的值已改为“未知”' }]);
    expect(valueOf(changed.db, '王芳', 'sex')).not.toBe('男');
  });
});
