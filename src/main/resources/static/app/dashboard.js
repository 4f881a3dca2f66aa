'use strict';
/* The dashboard (/app/dashboard.html): the KPI reports of /api/reports for a window, team and
   source, drawn with Apache ECharts (served from the jar). Admins and analysts see every team, a
   manager their own. The figures' definitions: docs/reporting.md. */
LeadFlow.texts({
  zh: {
    'db.title': '数据看板', 'db.from': '开始日期', 'db.to': '结束日期', 'db.team': '团队', 'db.source': '渠道来源',
    'db.all': '全部', 'db.apply': '查询', 'db.export': '导出 CSV',
    'db.scope.all': '全部团队的线索（按创建时间）', 'db.scope.teams': '您管理的团队：{teams}', 'db.scope.rep': '您自己的线索',
    'db.kpi.leads': '线索数', 'db.kpi.validRate': '线索有效率', 'db.kpi.frtP50': '首次响应时长（中位数）',
    'db.kpi.within5m': '5 分钟内响应', 'db.kpi.coverage': '线索跟进覆盖率', 'db.kpi.reclaimed': '回收到公海',
    'db.kpi.opportunityRate': '商机转化率', 'db.kpi.wonAmount': '赢单金额', 'db.kpi.cycle': '销售周期（中位数）',
    'db.chart.funnel': '渠道来源转化漏斗', 'db.chart.frt': '首次响应时长分布', 'db.chart.trend': '每日趋势',
    'db.chart.fairness': '分配公平性：实际占比与应得占比',
    'db.s.leads': '线索', 'db.s.assigned': '已分配', 'db.s.contacted': '已联系', 'db.s.reclaimed': '已回收',
    'db.s.opportunity': '商机', 'db.s.customer': '赢单', 'db.s.wonAmount': '赢单金额', 'db.s.share': '实际占比',
    'db.s.expected': '应得占比', 'db.s.count': '线索数',
    'db.b.5m': '≤5分钟', 'db.b.30m': '5–30分钟', 'db.b.1h': '30分钟–1小时', 'db.b.4h': '1–4小时',
    'db.b.24h': '4–24小时', 'db.b.more': '>24小时', 'db.b.never': '未联系',
    'db.performance': '销售团队业绩', 'db.rules': '分配规则效率',
    'db.c.team': '团队', 'db.c.rep': '销售', 'db.c.assigned': '分配', 'db.c.contacted': '已联系',
    'db.c.frtP50': '首次响应（中位数）', 'db.c.coverage': '跟进覆盖率', 'db.c.reclaimed': '回收',
    'db.c.opportunity': '商机', 'db.c.won': '赢单', 'db.c.wonAmount': '赢单金额', 'db.c.cycle': '销售周期（天）',
    'db.c.rule': '规则', 'db.c.version': '路由表版本', 'db.c.leads': '线索', 'db.c.reclaimRate': '回收率',
    'db.c.sqlToOpp': 'SQL→商机', 'db.c.wonRate': '赢单率', 'db.unknown': '未知', 'db.nobody': '（未分配）',
    'db.r.funnel': '漏斗', 'db.r.response': '响应', 'db.r.performance': '业绩', 'db.r.rules': '规则',
    'db.r.fairness': '公平性', 'db.r.trend': '趋势',
    'db.definitions': '所有指标按所选时间段内创建的线索计算；定义见 docs/reporting.md。',
    'db.min': '{n} 分钟', 'db.hour': '{n} 小时', 'db.sec': '{n} 秒', 'db.day': '{n} 天',
  },
  en: {
    'db.title': 'Dashboard', 'db.from': 'From', 'db.to': 'To', 'db.team': 'Team', 'db.source': 'Source',
    'db.all': 'All', 'db.apply': 'Show', 'db.export': 'Export CSV',
    'db.scope.all': 'Leads of every team (by creation time)', 'db.scope.teams': 'Your teams: {teams}',
    'db.scope.rep': 'Your own leads',
    'db.kpi.leads': 'Leads', 'db.kpi.validRate': 'Valid-lead rate', 'db.kpi.frtP50': 'First response (median)',
    'db.kpi.within5m': 'Contacted within 5 min', 'db.kpi.coverage': 'Follow-up coverage',
    'db.kpi.reclaimed': 'Reclaimed to the pool', 'db.kpi.opportunityRate': 'Opportunity rate',
    'db.kpi.wonAmount': 'Won amount', 'db.kpi.cycle': 'Sales cycle (median)',
    'db.chart.funnel': 'Funnel by source', 'db.chart.frt': 'First response time', 'db.chart.trend': 'Daily trend',
    'db.chart.fairness': 'Fairness: share of assignments against the promised share',
    'db.s.leads': 'Leads', 'db.s.assigned': 'Assigned', 'db.s.contacted': 'Contacted', 'db.s.reclaimed': 'Reclaimed',
    'db.s.opportunity': 'Opportunities', 'db.s.customer': 'Won', 'db.s.wonAmount': 'Won amount',
    'db.s.share': 'Share', 'db.s.expected': 'Promised share', 'db.s.count': 'Leads',
    'db.b.5m': '≤5 min', 'db.b.30m': '5–30 min', 'db.b.1h': '30 min–1 h', 'db.b.4h': '1–4 h',
    'db.b.24h': '4–24 h', 'db.b.more': '>24 h', 'db.b.never': 'Not contacted',
    'db.performance': 'Team and rep performance', 'db.rules': 'Rule efficiency',
    'db.c.team': 'Team', 'db.c.rep': 'Rep', 'db.c.assigned': 'Assigned', 'db.c.contacted': 'Contacted',
    'db.c.frtP50': 'First response (median)', 'db.c.coverage': 'Coverage', 'db.c.reclaimed': 'Reclaimed',
    'db.c.opportunity': 'Opportunities', 'db.c.won': 'Won', 'db.c.wonAmount': 'Won amount',
    'db.c.cycle': 'Cycle (days)', 'db.c.rule': 'Rule', 'db.c.version': 'Routing version', 'db.c.leads': 'Leads',
    'db.c.reclaimRate': 'Reclaim rate', 'db.c.sqlToOpp': 'SQL→opportunity', 'db.c.wonRate': 'Won rate',
    'db.unknown': 'unknown', 'db.nobody': '(unassigned)',
    'db.r.funnel': 'Funnel', 'db.r.response': 'Response', 'db.r.performance': 'Performance', 'db.r.rules': 'Rules',
    'db.r.fairness': 'Fairness', 'db.r.trend': 'Trend',
    'db.definitions': 'Every figure counts the leads created in the window; definitions in docs/reporting.md.',
    'db.min': '{n} min', 'db.hour': '{n} h', 'db.sec': '{n} s', 'db.day': '{n} days',
  },
});

const REPORTS = ['funnel', 'response', 'performance', 'rules', 'fairness', 'trend'];
const charts = {};
let data = null;
let user = null;

function $(id) { return document.getElementById(id); }
function t(key, params) { return LeadFlow.t(key, params); }

function percent(rate) { return rate == null ? '—' : (Number(rate) * 100).toFixed(1) + '%'; }
function money(amount) {
  return amount == null ? '—' : '¥' + Number(amount).toLocaleString(LeadFlow.lang() === 'zh' ? 'zh-CN' : 'en');
}
function duration(seconds) {
  if (seconds == null) return '—';
  const s = Number(seconds);
  if (s < 120) return t('db.sec', {n: Math.round(s)});
  if (s < 7200) return t('db.min', {n: (s / 60).toFixed(s < 600 ? 1 : 0)});
  return t('db.hour', {n: (s / 3600).toFixed(1)});
}
function days(value) { return value == null ? '—' : t('db.day', {n: Number(value).toFixed(1)}); }
function sourceName(code) { return t('source.' + code); }

function params() {
  const p = new URLSearchParams();
  p.set('from', $('from').value);
  p.set('to', $('to').value);
  if ($('team').value) p.set('team', $('team').value);
  if ($('source').value) p.set('source', $('source').value);
  return p;
}

async function load() {
  const p = params();
  const get = (name, more) => LeadFlow.api('/api/reports/' + name + '?' + p + (more || ''));
  const [totalFunnel, totalResponse, funnel, teams, performance, rules, fairness, trend] =
      await Promise.all([get('funnel', '&groupBy=all'), get('response', '&groupBy=all'),
        get('funnel'), get('response', '&groupBy=team'), get('performance'), get('rules'),
        get('fairness'), get('trend')]);
  data = {totalFunnel, totalResponse, funnel, teams, performance, rules, fairness, trend};
  $('export').href = '/api/reports/' + $('export-report').value + '?' + p + '&format=csv';
  draw();
}

function draw() {
  if (!data) return;
  const scope = data.funnel.scope;
  $('scope').textContent = scope === 'teams' ? t('db.scope.teams', {teams: user.managedTeams.join('、')})
      : t('db.scope.' + scope);
  tiles(data.totalFunnel.rows[0] || {}, data.totalResponse.rows[0] || {});
  funnelChart(data.funnel.rows);
  frtChart(data.totalResponse.rows[0] || {});
  trendChart(data.trend.rows);
  fairnessChart(data.fairness.rows);
  table('performance', ['team', 'rep', 'assigned', 'contacted', 'frtP50', 'coverage', 'reclaimed',
    'opportunity', 'won', 'wonAmount', 'cycle'], data.performance.rows.map(r => [r.team,
    r.rep || t('db.nobody'), r.assigned, r.contacted, duration(r.frtP50Seconds), percent(r.coverage),
    r.reclaimed, r.opportunity, r.won, money(r.wonAmount),
    r.salesCycleMedianDays == null ? '—' : Number(r.salesCycleMedianDays).toFixed(1)]));
  table('rules', ['rule', 'version', 'leads', 'frtP50', 'coverage', 'reclaimRate', 'sqlToOpp', 'wonRate',
    'wonAmount'], data.rules.rows.map(r => [r.rule || t('db.unknown'),
    r.version == null ? t('db.unknown') : 'v' + r.version, r.leads, duration(r.frtP50Seconds),
    percent(r.coverage), percent(r.reclaimRate), percent(r.sqlToOpportunityRate), percent(r.wonRate),
    money(r.wonAmount)]));
}

function tiles(funnel, response) {
  const kpis = [
    ['leads', funnel.leads == null ? '—' : funnel.leads], ['validRate', percent(funnel.validRate)],
    ['frtP50', duration(response.frtP50Seconds)], ['within5m', percent(response.within5mRate)],
    ['coverage', percent(response.coverage)], ['reclaimed', response.reclaimed == null ? '—' : response.reclaimed],
    ['opportunityRate', percent(funnel.opportunityRate)], ['wonAmount', money(funnel.wonAmount)],
    ['cycle', days(funnel.salesCycleMedianDays)]];
  const box = $('kpis');
  box.innerHTML = '';
  for (const [key, value] of kpis) {
    const tile = document.createElement('div');
    tile.className = 'lf-kpi';
    tile.dataset.kpi = key;
    tile.innerHTML = '<div class="lf-kpi-label"></div><div class="lf-kpi-value"></div>';
    tile.querySelector('.lf-kpi-label').textContent = t('db.kpi.' + key);
    tile.querySelector('.lf-kpi-value').textContent = value;
    box.appendChild(tile);
  }
}

/** Draws the chart anew, without animation: what the page shows is the figures at once. */
function plot(id, option) {
  if (!charts[id]) charts[id] = echarts.init($(id));
  charts[id].setOption(Object.assign({animation: false}, option), true);
}

function funnelChart(rows) {
  const series = ['leads', 'assigned', 'opportunity', 'customer'].map(key => ({
    name: t('db.s.' + key), type: 'bar', data: rows.map(r => r[key])}));
  series.push({name: t('db.s.wonAmount'), type: 'line', yAxisIndex: 1, data: rows.map(r => Number(r.wonAmount))});
  plot('chart-funnel', {
    tooltip: {trigger: 'axis'}, legend: {top: 0}, grid: {left: 50, right: 70, bottom: 50},
    xAxis: {type: 'category', data: rows.map(r => sourceName(r.source)), axisLabel: {rotate: 20}},
    yAxis: [{type: 'value', minInterval: 1}, {type: 'value', axisLabel: {formatter: v => '¥' + v}}],
    series});
}

function frtChart(r) {
  const keys = [['5m', r.within5m], ['30m', r.frt5mTo30m], ['1h', r.frt30mTo1h], ['4h', r.frt1hTo4h],
    ['24h', r.frt4hTo24h], ['more', r.frtOver24h], ['never', r.notContacted]];
  plot('chart-frt', {
    tooltip: {trigger: 'axis'}, grid: {left: 50, right: 20, bottom: 40},
    xAxis: {type: 'category', data: keys.map(k => t('db.b.' + k[0])), axisLabel: {interval: 0}},
    yAxis: {type: 'value', minInterval: 1},
    series: [{name: t('db.s.count'), type: 'bar', data: keys.map((k, i) => ({value: k[1] || 0,
      itemStyle: {color: i === 6 ? '#c62828' : i < 2 ? '#2e7d32' : '#1f5fbf'}}))}]});
}

function trendChart(rows) {
  plot('chart-trend', {
    tooltip: {trigger: 'axis'}, legend: {top: 0}, grid: {left: 50, right: 20, bottom: 40},
    xAxis: {type: 'category', data: rows.map(r => r.day.substring(5))},
    yAxis: {type: 'value', minInterval: 1},
    series: ['leads', 'assigned', 'contacted', 'reclaimed'].map(key => ({
      name: t('db.s.' + key), type: 'line', data: rows.map(r => r[key])}))});
}

function fairnessChart(rows) {
  const labels = rows.map(r => r.rep + '\n' + r.team);
  plot('chart-fairness', {
    tooltip: {trigger: 'axis', valueFormatter: v => v == null ? '—' : (v * 100).toFixed(1) + '%'},
    legend: {top: 0}, grid: {left: 160, right: 30, bottom: 30},
    yAxis: {type: 'category', data: labels, inverse: true},
    xAxis: {type: 'value', max: 1, axisLabel: {formatter: v => (v * 100) + '%'}},
    series: [
      {name: t('db.s.share'), type: 'bar', data: rows.map(r => r.share == null ? null : Number(r.share))},
      {name: t('db.s.expected'), type: 'bar', data: rows.map(r => r.expectedShare == null ? null : Number(r.expectedShare))}]});
}

function table(id, columns, rows) {
  const el = $(id);
  el.tHead.innerHTML = '<tr>' + columns.map((c, i) => '<th' + (i > 1 ? ' class="num"' : '') + '></th>').join('') + '</tr>';
  columns.forEach((c, i) => { el.tHead.rows[0].cells[i].textContent = t('db.c.' + c); });
  el.tBodies[0].innerHTML = '';
  for (const row of rows) {
    const tr = el.tBodies[0].insertRow();
    row.forEach((value, i) => {
      const td = tr.insertCell();
      td.textContent = value == null ? '—' : value;
      if (i > 1) td.className = 'num';
    });
  }
}

function options() {
  const team = $('team');
  const chosen = team.value;
  team.innerHTML = '';
  team.add(new Option(t('db.all'), ''));
  const teams = user.roles.includes('admin') || user.roles.includes('analyst')
      ? (data ? data.teams.rows.map(r => r.team).filter(x => x) : []) : (user.managedTeams || []);
  for (const id of teams) team.add(new Option(id, id));
  team.value = chosen && teams.includes(chosen) ? chosen : '';
  const source = $('source');
  const picked = source.value;
  source.innerHTML = '';
  source.add(new Option(t('db.all'), ''));
  for (const code of LeadFlow.SOURCES) source.add(new Option(sourceName(code), code));
  source.value = picked;
  const report = $('export-report');
  const which = report.value || 'funnel';
  report.innerHTML = '';
  for (const name of REPORTS) report.add(new Option(t('db.r.' + name), name));
  report.value = which;
}

LeadFlow.header('/app/dashboard.html').then(async me => {
  user = me;
  const query = new URLSearchParams(location.search);
  const today = new Date();
  const iso = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().substring(0, 10);
  $('to').value = query.get('to') || iso(today);
  $('from').value = query.get('from') || iso(new Date(today.getTime() - 29 * 86400000));
  options();
  if (query.get('team')) { $('team').add(new Option(query.get('team'), query.get('team'))); $('team').value = query.get('team'); }
  if (query.get('source')) $('source').value = query.get('source');
  $('filters').onsubmit = e => { e.preventDefault(); load().then(options).catch(err => LeadFlow.showError(err)); };
  $('export-report').onchange = () => { $('export').href = '/api/reports/' + $('export-report').value + '?' + params() + '&format=csv'; };
  document.addEventListener('leadflow:lang', () => { options(); draw(); });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  await load();
  options();
}).catch(e => LeadFlow.showError(e));
