import { EXPORT_KINDS } from '../../shared/domain/exports';
import { FIELDS } from '../../shared/domain/fields';
import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';

/** What the command line prints, in one place: its usage, its errors and its reports. */

export const CORRECTION_USAGE = `  duizhang correct <工作区.db> --record <记录> --field <字段> (--value <值> | --adopt) --reason <原因> [--note 说明] [--issue 问题编号]
  duizhang correct <工作区.db> --issues <问题编号,…> (--from <台账类型> | --value <值>) --reason <原因>
                                   记录：记录号，或“文件!工作表!行号”；--adopt 以此为准（所有台账取该值）
  duizhang undo <工作区.db> | duizhang redo <工作区.db>
  duizhang log <工作区.db> [--limit 条数]       修改记录
  duizhang verify-import <工作区.db> <已填写的入户核实表.xlsx>
  duizhang export <工作区.db> --what ${Object.keys(EXPORT_KINDS).join('|')} --out <目录> [--ledger 台账类型] [--village 村]
                                   [--household 户编号] [--full-ids 内部留存，不隐藏身份证号]`;

const ISSUE_USAGE = '用法：duizhang issue <工作区.db> <问题编号> --status confirmed|deferred|open [--reason 理由] [--until 日期]';

export const USAGE = `用法：
  duizhang import <工作区.db> <文件>… [--kind <台账类型>] [--map 表头=字段]… [--header-row 行号]
  duizhang preview <文件> [--workspace 工作区.db] [--kind <台账类型>] [--map 表头=字段]… [--header-row 行号]
                                   只预览识别结果（表头、列映射、前几行），不写入
  duizhang check <工作区.db> [--json 输出.json] [--xlsx 输出.xlsx]
  duizhang check --source <台账类型>=<文件> [--source …] [--json 输出.json] [--xlsx 输出.xlsx]
  duizhang rules [工作区.db]         列出全部规则及上次是否运行
  duizhang rule <工作区.db> <规则> [--on | --off] [--severity error|warning|info]
  duizhang issue <工作区.db> <问题编号> --status confirmed|deferred|open [--reason 理由] [--until 日期]
  duizhang issue <工作区.db> <问题编号,…> [--measure 整改措施] [--owner 责任人] [--due 时限]
${CORRECTION_USAGE}
  duizhang settings <工作区.db> [设置项 值]
  duizhang restore <工作区.db> [--backup 序号|文件]   列出自动备份（每次导入前），或用其中一份恢复工作区
  duizhang sample <目录> [--households 户数] [--seed 种子]
  duizhang demo [目录]             生成示例乡镇并导入
  duizhang serve [工作区.db] [--sample] [--port 端口] [--no-open] [--exports 导出目录]
                                   在浏览器中使用（仅本机 127.0.0.1，带访问令牌）
  duizhang start                   桌面程序；未安装 Electron 时改用浏览器模式打开示例乡镇（npm start）

台账类型：${LEDGER_KINDS.map((k) => `${k.id}（${k.label}）`).join('、')}`;

/** An error that shows how the command is used after it. */
const withUsage = (message: string, usage = USAGE) => `${message}\n${usage}`;

export const CLI_MESSAGES = {
  unknownKind: (value: string) => withUsage(`不认识的台账类型“${value}”。`),
  badMap: (value: string) => `--map 的格式应为“表头=字段”，收到“${value}”。`,
  notPositive: (name: string, value: string) => `${name} 应为正整数，收到“${value}”。`,
  noFile: withUsage('缺少文件。'),
  noWorkspaceOrFile: withUsage('缺少工作区或文件。'),
  backedUp: (file: string) => `导入前已备份工作区：${file}\n`,
  writing: (file: string) => `${file} 写入`,
  error: (message: string) => `错误：${message}\n`,
  noWorkspaceOrSource: withUsage('缺少工作区或 --source。'),
  badSource: (spec: string) => `--source 的格式应为“台账类型=文件”，收到“${spec}”。`,
  ruleRan: (found: number) => `已运行，发现 ${found} 个`,
  ruleSkipped: (why: string) => `未运行：${why}`,
  notChecked: '尚未检查',
  noWorkspaceOrRule: withUsage('缺少工作区或规则编号。'),
  ruleUpdated: (id: string) => `已更新规则 ${id}，下次检查时生效。\n`,
  plansUpdated: (n: number) => `已更新 ${n} 个问题的整改措施/责任人/时限。\n`,
  issueUsage: ISSUE_USAGE,
  issueMarked: (key: string, status: string) => `问题 ${key} 已标记为“${status}”。\n`,
  noWorkspace: withUsage('缺少工作区。'),
  settingNeedsValue: (key: string) => `设置项“${key}”缺少值。`,
  noOutputDir: withUsage('缺少输出目录。'),
  householdsRange: '--households 应在 10 到 200000 之间。',
  generated: (file: string) => `已生成 ${file}\n`,
  sampleSummary: (town: string, households: number, persons: number, villages: number, files: number, defects: number) =>
    `示例乡镇“${town}”：${households} 户 ${persons} 人，${villages} 个村，${files} 个文件，注入问题 ${defects} 处，标准答案见 ground-truth.json\n`,
  unknownCommand: (command: string) => withUsage(`未知命令“${command}”。`),
  badArguments: (message: string) => `错误：参数有误（${message}）。\n${USAGE}\n`,
  internal: (detail: string) => `内部错误：${detail}\n`,
  noCorrectionWorkspace: withUsage('缺少工作区。', CORRECTION_USAGE),
  unknownField: (text: string) => `不认识的字段“${text}”。可用：${FIELDS.filter((f) => f.key !== 'seq').map((f) => `${f.key}（${f.label}）`).join('、')}`,
  noSuchRecord: (text: string) => `找不到记录“${text}”（应为记录号，或“文件!工作表!行号”）。`,
  nothingChanged: '没有需要修改的单元格（值已相同）。',
  changed: (cells: number, households: number, closed: number, open: number) =>
    `已修改 ${cells} 个单元格，复查 ${households} 户：关闭问题 ${closed} 个，这些户仍有待处理问题 ${open} 个。`,
  unknownLedgerKind: (kind: string) => `不认识的台账类型“${kind}”。`,
  bulkNeedsAction: withUsage('批量修改需要 --from <台账类型> 或 --value <值>。', CORRECTION_USAGE),
  notApplied: (key: string, reason: string) => `  未处理 ${key}：${reason}\n`,
  noRecordOrField: withUsage('缺少 --record 或 --field。', CORRECTION_USAGE),
  adoptOneRecord: '--adopt（以此为准）只能指定一条记录。',
  noValue: withUsage('缺少 --value（或用 --adopt 以此为准）。', CORRECTION_USAGE),
  logHeader: (total: number, shown: number) => `修改记录共 ${total} 条${shown < total ? `，显示最近 ${shown} 条` : ''}：\n`,
  logLine: (field: string, oldText: string, newText: string, reason: string, note: string | null) =>
    `${field}：“${oldText}”→“${newText}”  原因：${reason}${note ? `（${note}）` : ''}\n`,
  noWhatOrOut: withUsage('缺少 --what 或 --out。', CORRECTION_USAGE),
  exported: (rows: number, fullIds: boolean) => `已导出 ${rows} 行${fullIds ? '（含完整身份证号，仅供内部留存）' : '（身份证号已隐藏）'}：\n`,
  noVerificationSheet: withUsage('缺少已填写的入户核实表。', CORRECTION_USAGE),
  verificationRead: (households: number, corrections: number, checks: number, verdicts: Readonly<Record<string, number>>, total: number) =>
    `已读取 ${households} 户的核实结果：修改 ${corrections} 个单元格（原因：入户核实），记录核实项目 ${checks} 项，` +
    `问题核实结论 ${total} 条${Object.keys(verdicts).length ? `（${Object.entries(verdicts).map(([k, n]) => `${k} ${n}`).join('，')}）` : ''}。\n`,
  warning: (text: string) => `  注意：${text}\n`,
  undone: (result: string) => `已撤销上一次修改。${result}\n`,
  redone: (result: string) => `已重做。${result}\n`,
  noSuchBackup: (choice: string) => `没有备份“${choice}”。不带 --backup 运行可列出全部备份。`,
  restoreUsage: '用法：duizhang restore <工作区.db> [--backup 序号|文件]',
  noBackups: (file: string) => `工作区“${file}”还没有自动备份（每次导入前会自动备份）。\n`,
  backupsHeader: (file: string) => `工作区“${file}”的自动备份（新的在前）：\n`,
  restoreHint: '恢复：duizhang restore <工作区.db> --backup 序号\n',
  restored: (at: string, reason: string, file: string) => `已用 ${at} 的备份（${reason}）恢复工作区“${file}”。\n`,
  keptBeforeRestore: (kept: string) => `恢复前的工作区已另存为 ${kept}，如需可再恢复回来。\n`,
  badPort: (port: string | undefined) => `--port 应为 0–65535 的整数，收到“${port}”。`,
  rendererNotBuilt: '界面尚未构建：请先运行 npm run build。',
  preparingSample: '正在准备示例乡镇（首次约需一分钟）…\n',
  serving: (url: string) => `对账已在浏览器模式启动：${url}\n（仅本机可访问；地址中的 token 是本次运行的访问令牌。按 Ctrl+C 退出。）\n`,
  startingDesktop: '正在启动对账桌面程序…\n',
  noElectron: '未安装 Electron 桌面环境，改用浏览器模式。\n',
  generatingSample: (dir: string) => `正在生成示例乡镇到 ${dir} …\n`,
  demoSummary: (db: string, sources: number, records: number) => `\n工作区 ${db}：${sources} 本台账，共 ${records} 条记录。\n`,
} as const;
