// The console's words in Chinese and English. t(key, …values) fills {0}, {1}, …
const words = {
  title: ['同行 · 管理控制台', 'Tongxing · Administration'],
  skip: ['跳到主要内容', 'Skip to main content'],
  nav: ['主导航', 'Main navigation'],
  fleet: ['站点', 'Stations'], statistics: ['统计', 'Statistics'], import: ['导入', 'Import'], audit: ['审计', 'Audit'],
  logout: ['退出', 'Sign out'], other_lang: ['English', '中文'], loading: ['正在加载…', 'Loading…'],
  signin: ['登录', 'Sign in'], username: ['用户名', 'User name'], password: ['密码', 'Password'],
  signin_failed: ['用户名或密码不正确。', 'The user name or password is not correct.'],
  signed_in_as: ['{0}（{1}）', '{0} ({1})'], role_admin: ['管理员', 'administrator'], role_viewer: ['只读', 'viewer'],
  all_stations: ['全部站点', 'all stations'],
  state_ok: ['正常', 'OK'], state_late: ['迟到', 'Late'], state_stale: ['失联', 'Stale'],
  state_never: ['从未同步', 'Never synced'], state_error: ['出错', 'Error'], state_revoked: ['已停用', 'Revoked'],
  state_any: ['全部状态', 'Any state'],
  fleet_title: ['站点概况', 'Stations'], counts: ['各状态站点数', 'Stations per state'],
  search: ['搜索（名称、编号、区县）', 'Search (name, id, district)'], filter_state: ['状态', 'State'],
  filter_district: ['区县', 'District'], district_any: ['全部区县', 'Any district'],
  showing: ['显示 {0} / {1} 个站点', 'Showing {0} of {1} stations'],
  show_more: ['再显示 {0} 个站点（其余 {1} 个）', 'Show {0} more stations ({1} not drawn yet)'],
  col_name: ['站点', 'Station'], col_district: ['区县', 'District'], col_state: ['状态', 'State'],
  col_last_seen: ['最后联系', 'Last seen'], col_backlog: ['待同步', 'Backlog'], col_error: ['最近错误', 'Last error'],
  col_version: ['版本', 'Version'], col_disk: ['剩余磁盘', 'Free disk'], sort_by: ['按此列排序', 'Sort by this column'],
  never: ['从未', 'never'], none: ['—', '—'],
  station_title: ['站点：{0}', 'Station: {0}'], back: ['返回站点列表', 'Back to the stations'],
  facts: ['基本情况', 'Facts'], station_id: ['站点编号', 'Station id'], acked: ['已确认序号', 'Acknowledged sequence'],
  events_received: ['收到事件', 'Events received'],
  days7: ['最近7天', 'Last 7 days'], days30: ['最近30天', 'Last 30 days'], range: ['时间范围', 'Time range'],
  plot_events: ['每小时收到的事件', 'Events received per hour'], plot_backlog: ['站点报告的待同步数', 'Backlog reported'],
  plot_errors: ['同步错误（报告错误的心跳数）', 'Sync errors (heartbeats reporting an error)'],
  plot_gaps: ['心跳间隔最长（秒）', 'Longest heartbeat gap (seconds)'],
  table_same: ['图中数字的表格', 'Table of the plotted numbers'], hour: ['小时（UTC）', 'Hour (UTC)'],
  events: ['事件', 'Events'], backlog: ['待同步', 'Backlog'], errors: ['错误', 'Errors'], gap: ['最长间隔（秒）', 'Longest gap (s)'],
  commands: ['指令', 'Commands'], sync_now: ['立即同步', 'Sync now'], resend_from: ['从此序号重发', 'Resend from sequence'],
  resend: ['请求重发', 'Ask to resend'], seq: ['序号', 'Sequence'],
  cmd_type: ['指令', 'Command'], cmd_state: ['状态', 'State'], cmd_created: ['发出时间', 'Sent'],
  cmd_queued: ['排队中', 'queued'], cmd_delivered: ['已送达', 'delivered'], cmd_done: ['已完成', 'done'],
  queued: ['已排队，站点下次心跳时收到。', 'Queued: the station receives it with its next heartbeat.'],
  enrolment: ['站点密钥', 'Enrolment'], rotate: ['更换站点密钥', 'Replace the station secret'],
  rotate_confirm: ['更换后，站点必须使用新密钥才能同步。确定更换吗？', 'After this the station can only sync with the new secret. Replace it?'],
  secret_once: ['新密钥（只显示这一次，请立即复制到站点配置）：', 'New secret (shown only this once: copy it into the station configuration now):'],
  set_district: ['设置区县', 'Set district'], save: ['保存', 'Save'], saved: ['已保存。', 'Saved.'],
  stats_title: ['全市统计', 'City statistics'], by: ['分组', 'Group by'], by_station: ['按站点', 'By station'],
  by_district: ['按区县', 'By district'], by_month: ['按月份', 'By month'], from: ['起始月份', 'From month'],
  to: ['截止月份', 'To month'], show: ['显示', 'Show'], metric: ['图中指标', 'Plotted figure'], csv: ['下载CSV', 'Download CSV'], xlsx: ['下载Excel表格', 'Download Excel workbook'],
  no_data: ['没有数据。', 'No data.'], key: ['分组', 'Group'],
  import_title: ['导入CSV', 'Import CSV'], import_kind: ['数据类型', 'Kind of data'], jobs: ['招聘岗位', 'Job listings'],
  subsidies: ['补贴决定', 'Subsidy decisions'], file: ['CSV文件', 'CSV file'], preview: ['预览检查', 'Check (preview)'],
  commit: ['全部导入', 'Import all'], rows_ok: ['共 {0} 行，全部正确，可以导入。', '{0} rows, all valid: ready to import.'],
  rows_bad: ['共 {0} 行，其中 {1} 行有问题。没有导入任何数据：请修改后重新检查。', '{0} rows, {1} with problems. Nothing was imported: fix them and check again.'],
  imported: ['已导入 {0} 行。', 'Imported {0} rows.'], line: ['行号', 'Line'], field: ['字段', 'Field'], reason: ['原因', 'Reason'],
  choose_file: ['请先选择文件。', 'Choose a file first.'],
  audit_title: ['审计记录（最近100条）', 'Audit log (latest 100)'], at: ['时间', 'Time'], actor: ['操作人', 'Who'],
  action: ['操作', 'Action'], target: ['对象', 'Target'], status: ['结果', 'Result'], remote: ['来源', 'From'],
  forbidden: ['没有权限进行此操作。', 'You are not allowed to do this.'],
  expired: ['登录已过期，请重新登录。', 'Your session ended; please sign in again.'],
  failed: ['操作失败：{0}', 'That did not work: {0}'],
};
// Statistics' metric names.
const metricWords = {
  booked: ['预约', 'Bookings'], checked_in: ['签到', 'Check-ins'], completed: ['办结', 'Completed'],
  no_show: ['未到', 'No-shows'], cancelled: ['取消', 'Cancellations'], rescheduled: ['改期', 'Rescheduled'],
  dispatched: ['上门派出', 'Home visits sent'], visit_failed: ['上门未成', 'Home visits failed'],
  residents_registered: ['首次登记', 'First-time applicants'], applications: ['补贴申请', 'Subsidy applications'],
  change_reports: ['变更报告', 'Change reports'], job_interests: ['求职意向', 'Job interests'],
  staff_calls: ['呼叫工作人员', 'Calls for staff'], staff_calls_answered: ['呼叫已应答', 'Calls answered'],
  staff_call_answer_s: ['应答总用时（秒）', 'Answer time total (s)'],
  subsidy_stage: ['补贴申请阶段', 'Subsidy applications at stage'],
  renewals_due: ['待换证（换证期开始月份）', 'Renewals due (month the renewal window opens)'],
};
// The part after the dot: appointment kinds (completed.renewal: renewals done) and stages.
const subWords = {
  first_assessment: ['首次评残', 'first assessment'], renewal: ['换领', 'renewal'],
  reassessment: ['类别/等级变更', 'reassessment'], replacement: ['挂失补办', 'replacement'],
  home_assessment: ['入户评残', 'home assessment'], video_assessment: ['视频评残', 'video assessment'],
  applied: ['已申请', 'applied'], under_review: ['审核中', 'under review'], approved: ['已批准', 'approved'],
  paying: ['发放中', 'paying'], suspended: ['暂停发放', 'suspended'], stopped: ['停止发放', 'stopped'],
  rejected: ['未通过', 'rejected'], delivered: ['已发放', 'delivered'],
  living_subsidy: ['生活补贴', 'living subsidy'], nursing_subsidy: ['护理补贴', 'nursing subsidy'],
  education_grant: ['助学金', 'education grant'], medication_subsidy: ['服药补贴', 'medication subsidy'],
  assistive_devices: ['辅助器具', 'assistive devices'], home_modification: ['无障碍改造', 'home accessibility works'],
  day_care: ['托养服务', 'day and home care'], child_rehabilitation: ['儿童康复', 'child rehabilitation'],
};
let lang = localStorage.getItem('tx-lang') === 'en' ? 1 : 0;
export function language() { return lang ? 'en' : 'zh-CN'; }
export function toggleLanguage() { lang = 1 - lang; localStorage.setItem('tx-lang', lang ? 'en' : 'zh'); }
export function t(key, ...values) {
  const w = words[key];
  let s = w ? w[lang] : key;
  values.forEach((v, i) => { s = s.replace('{' + i + '}', String(v)); });
  return s;
}
// metricName: "booked.first_assessment" → "预约 · first_assessment"
export function metricName(m) {
  const [base, sub] = m.split('.');
  const w = metricWords[base];
  const name = w ? w[lang] : base;
  const sw = sub && subWords[sub];
  return sub ? name + ' · ' + (sw ? sw[lang] : sub) : name;
}

// Import rejection reasons: central writes them in English (tongxing-ctl prints them as they
// are); the console shows them in its language. Each pattern is one reason that
// services/central/store.cpp can give; tests/console/i18n_test.mjs checks every one of those
// has a translation here.
const idProblems = {
  length: '长度不是18位', characters: '含有不允许的字符', region: '地区码不存在', birth_date: '出生日期无效',
  future_birth_date: '出生日期在将来', check_character: '校验码不符',
};
const reasonWords = [
  [/^required$/, () => '必填'],
  [/^too long \(at most (\d+) bytes\)$/, (m) => `太长（最多 ${m[1]} 字节）`],
  [/^not a whole number$/, () => '不是整数'],
  [/^must be between (-?\d+) and (-?\d+)$/, (m) => `须在 ${m[1]} 到 ${m[2]} 之间`],
  [/^at most two decimals$/, () => '最多两位小数'],
  [/^not an amount in yuan such as 217\.50$/, () => '不是以元为单位的金额（如 217.50）'],
  [/^a list of numbers (\d+)-(\d+) separated by ;$/, (m) => `应为 ${m[1]}–${m[2]} 之间的数字，用 ; 分隔`],
  [/^not a date in the form YYYY-MM-DD$/, () => '不是 YYYY-MM-DD 格式的日期'],
  [/^must be one of: (.*)$/, (m) => `只能是以下之一：${m[1]}`],
  [/^the file is empty: the first line must name the columns$/, () => '文件为空：第一行应为列名'],
  [/^unknown column$/, () => '未知的列'],
  [/^column given twice$/, () => '列名重复'],
  [/^required column missing$/, () => '缺少必需的列'],
  [/^has (\d+) cells, the header has (\d+)$/, (m) => `本行有 ${m[1]} 个单元格，表头有 ${m[2]} 个`],
  [/^the same ref appears twice in the file$/, () => '同一编号（ref）在文件中出现两次'],
  [/^lower than salary_min$/, () => '低于 salary_min'],
  [/^no active station with this id$/, () => '没有这个编号的在用站点'],
  [/^not a valid ID number \((\w+)\)$/, (m) => `身份证号无效（${idProblems[m[1]] || m[1]}）`],
  [/^not a valid name \(1 to 30 characters\)$/, () => '姓名无效（1 到 30 个字符）'],
  [/^not a valid phone number$/, () => '电话号码无效'],
  [/^unknown programme$/, () => '未知的补贴项目'],
  [/^unknown status$/, () => '未知的状态'],
  [/^required for this status$/, () => '此状态必须填写'],
  [/^not a month YYYY-MM$/, () => '不是 YYYY-MM 格式的月份'],
  [/^must be masked \(e\.g\. 6222\*\*\*\*1234\): full account numbers are not accepted$/,
    () => '须为脱敏账号（如 6222****1234），不接受完整账号'],
  [/^each payment is YYYY-MM:amount:YYYY-MM-DD, separated by ;$/, () => '每笔发放应为 YYYY-MM:金额:YYYY-MM-DD，用 ; 分隔'],
  [/^not a CSV file: line (\d+): a quote inside an unquoted field$/, (m) => `不是CSV文件：第 ${m[1]} 行，未加引号的字段中有引号`],
  [/^not a CSV file: line (\d+): a quoted field is never closed$/, (m) => `不是CSV文件：第 ${m[1]} 行，引号没有闭合`],
];
// reasonText: an import rejection reason in the console's language (English as central wrote it).
export function reasonText(reason) {
  if (lang) return reason;
  for (const [re, zh] of reasonWords) {
    const m = re.exec(reason);
    if (m) return zh(m);
  }
  return reason;
}
