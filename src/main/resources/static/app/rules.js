'use strict';
/* The rules workbench (/app/rules.html): the deployed versions of the routing or scoring table, a
   back-test of a candidate (an uploaded file or a past version) on past leads, the diff of two
   versions, deploy and restore. Analysts and admins. */
LeadFlow.texts({
  zh: {
    'rules.title': '规则工作台', 'rules.table': '规则表', 'rules.table.LeadRouting': '线索分配路由 LeadRouting',
    'rules.table.LeadScoring': '线索评分 LeadScoring', 'rules.versions': '已部署的版本',
    'rules.col.version': '版本', 'rules.col.when': '部署时间', 'rules.col.by': '部署人', 'rules.col.source': '来源',
    'rules.col.leads': '决定的线索数', 'rules.source.MODELER': 'Camunda Modeler', 'rules.source.START_UP': '启动时部署',
    'rules.source.PAGE': '规则工作台', 'rules.source.RESTORE': '恢复自 v{n}', 'rules.source.OTHER': '其他',
    'rules.latest': '当前', 'rules.backtest': '回测', 'rules.diff': '与当前对比', 'rules.restore': '恢复',
    'rules.confirm.restore': '确认恢复 v{n}？', 'rules.confirm.deploy': '确认部署？',
    'rules.candidate': '候选规则表', 'rules.file': 'DMN 文件（Camunda Modeler 保存的）',
    'rules.candidate.hint': '上传候选规则表，在过去的线索上回测：按每条线索进线时的信息重新计算，不部署、不改动任何线索。',
    'rules.days': '最近天数', 'rules.team': '团队（实际分配）', 'rules.source': '来源', 'rules.any': '全部',
    'rules.simulate': '回测', 'rules.deploy': '部署此候选', 'rules.deployed': '已部署为 v{version}。',
    'rules.restored': '已把 v{from} 恢复为新版本 v{version}，已记入 {n} 条线索的历史。',
    'rules.result': '回测结果：{candidate}', 'rules.window': '{from} 至 {to} 进线的 {leads} 条线索 · 用时 {ms} 毫秒',
    'rules.stat.moved': '结果改变', 'rules.stat.team': '换团队', 'rules.stat.stage': '换阶段 (MQL/SQL)',
    'rules.stat.band': '换分数段', 'rules.stat.unknown': '版本未知（V11 之前）', 'rules.stat.noRep': '新团队无人可分',
    'rules.matrix': '团队流向（行：实际，列：候选）', 'rules.load': '各团队和销售的线索量',
    'rules.basis': '销售按现在的情况模拟：留在原团队的线索仍归原负责人；换团队的按新团队的分配策略、销售现在的可用性和容量分配。',
    'rules.col.team': '团队', 'rules.col.rep': '销售', 'rules.col.actual': '实际', 'rules.col.candidate': '候选',
    'rules.col.change': '变化', 'rules.rules': '候选表的每条规则', 'rules.col.rule': '规则',
    'rules.col.matched': '命中', 'rules.col.decided': '起决定作用', 'rules.col.note': '说明',
    'rules.never': '从未命中', 'rules.shadowedBy': '被 {rule} 完全遮蔽，永远不会起作用',
    'rules.overtakenBy': '命中的线索都被前面的规则截走（主要是 {rule}）',
    'rules.outcomes': '会换团队的线索，实际表现如何', 'rules.col.movedIn': '转入线索',
    'rules.col.conversion': '转化率', 'rules.col.frt': '平均首次响应', 'rules.col.won': '赢单金额',
    'rules.col.teamConversion': '该团队实际转化率', 'rules.sample': '结果改变的线索（样本）',
    'rules.col.company': '公司', 'rules.col.region': '地区', 'rules.col.before': '之前', 'rules.col.after': '之后',
    'rules.col.did': '实际表现', 'rules.converted': '已转化', 'rules.notConverted': '未转化',
    'rules.diffTitle': '{key} v{from} → v{to}：新增 {added} · 删除 {removed} · 修改 {changed} · 未变 {unchanged}',
    'rules.added': '新增', 'rules.removed': '删除', 'rules.changed': '修改', 'rules.moved': '位置 {from} → {to}',
    'rules.col.column': '单元格', 'rules.pool': '公海', 'rules.noFile': '请先选择一个 DMN 文件。',
    'rules.hours': '{h} 小时',
  },
  en: {
    'rules.title': 'Rules workbench', 'rules.table': 'Table', 'rules.table.LeadRouting': 'Lead routing (LeadRouting)',
    'rules.table.LeadScoring': 'Lead scoring (LeadScoring)', 'rules.versions': 'Deployed versions',
    'rules.col.version': 'Version', 'rules.col.when': 'Deployed', 'rules.col.by': 'By', 'rules.col.source': 'Source',
    'rules.col.leads': 'Leads decided', 'rules.source.MODELER': 'Camunda Modeler', 'rules.source.START_UP': 'Start-up',
    'rules.source.PAGE': 'Rules workbench', 'rules.source.RESTORE': 'Restore of v{n}', 'rules.source.OTHER': 'Other',
    'rules.latest': 'current', 'rules.backtest': 'Back-test', 'rules.diff': 'Diff with current', 'rules.restore': 'Restore',
    'rules.confirm.restore': 'Really restore v{n}?', 'rules.confirm.deploy': 'Really deploy?',
    'rules.candidate': 'Candidate table', 'rules.file': 'DMN file (as Camunda Modeler saves it)',
    'rules.candidate.hint': 'Upload a candidate and back-test it on past leads: each lead replayed with its facts at intake; nothing is deployed, no lead changes.',
    'rules.days': 'Last days', 'rules.team': 'Team (as routed)', 'rules.source': 'Source', 'rules.any': 'any',
    'rules.simulate': 'Back-test', 'rules.deploy': 'Deploy this candidate', 'rules.deployed': 'Deployed as v{version}.',
    'rules.restored': 'v{from} restored as the new version v{version}; noted in the history of {n} leads.',
    'rules.result': 'Back-test: {candidate}', 'rules.window': '{leads} leads taken in from {from} to {to} · {ms} ms',
    'rules.stat.moved': 'outcome changes', 'rules.stat.team': 'change team', 'rules.stat.stage': 'change stage (MQL/SQL)',
    'rules.stat.band': 'change score band', 'rules.stat.unknown': 'version unknown (before V11)',
    'rules.stat.noRep': 'nobody eligible in the new team',
    'rules.matrix': 'Where leads go (rows: as decided, columns: by the candidate)', 'rules.load': 'Load per team and rep',
    'rules.basis': 'Reps are simulated as they are now: a lead that stays in its team keeps its owner; one that moves goes to the rep its new team\'s strategy picks, with availability and capacity as they are now.',
    'rules.col.team': 'Team', 'rules.col.rep': 'Rep', 'rules.col.actual': 'Actual', 'rules.col.candidate': 'Candidate',
    'rules.col.change': 'Change', 'rules.rules': 'Each rule of the candidate', 'rules.col.rule': 'Rule',
    'rules.col.matched': 'Matched', 'rules.col.decided': 'Decided', 'rules.col.note': 'Note',
    'rules.never': 'never matches', 'rules.shadowedBy': 'shadowed by {rule}: can never decide',
    'rules.overtakenBy': 'every lead it matched was taken by an earlier rule (mostly {rule})',
    'rules.outcomes': 'How the leads that would move did in fact', 'rules.col.movedIn': 'Moved in',
    'rules.col.conversion': 'Conversion', 'rules.col.frt': 'Avg. first response', 'rules.col.won': 'Won',
    'rules.col.teamConversion': 'Team\'s own conversion', 'rules.sample': 'Leads whose outcome changes (sample)',
    'rules.col.company': 'Company', 'rules.col.region': 'Region', 'rules.col.before': 'Before', 'rules.col.after': 'After',
    'rules.col.did': 'How it did', 'rules.converted': 'converted', 'rules.notConverted': 'not converted',
    'rules.diffTitle': '{key} v{from} → v{to}: {added} added · {removed} removed · {changed} changed · {unchanged} unchanged',
    'rules.added': 'added', 'rules.removed': 'removed', 'rules.changed': 'changed', 'rules.moved': 'position {from} → {to}',
    'rules.col.column': 'Cell', 'rules.pool': 'pool', 'rules.noFile': 'Choose a DMN file first.',
    'rules.hours': '{h} h',
  },
});

const $ = id => document.getElementById(id);
const t = LeadFlow.t;
let versions = [];
let lastReport = null;
let lastDiff = null;
let lastNotice = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function row(cells, classes) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => {
    const td = c instanceof Node ? (() => { const d = el('td'); d.appendChild(c); return d; })() : el('td', c);
    if (classes && classes[i]) td.className = classes[i];
    tr.appendChild(td);
  });
  return tr;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(LeadFlow.lang() === 'zh' ? 'zh-CN' : 'en-GB') : '—';
}

/** A team by its name in the page's language ("华东销售团队 / East China sales"), else its id. */
function team(id) {
  if (id === 'pool') return t('rules.pool');
  const name = lastReport && lastReport.teamNames && lastReport.teamNames[id];
  if (!name) return id;
  const parts = name.split(' / ');
  return parts.length === 2 ? parts[LeadFlow.lang() === 'zh' ? 0 : 1] : name;
}

function notice(text, ok) {
  lastNotice = {text, ok};
  const box = document.querySelector('.lf-message');
  box.textContent = text;
  box.className = ok ? 'lf-message ok' : 'lf-message';
  box.hidden = false;
}

/** An error; a refused table lists each rule and cell that is wrong. */
function fail(e) {
  const errors = (e.problem && e.problem.errors) || [];
  if (!errors.length) return LeadFlow.showError(e);
  notice(errors.map(x => x.message).join('\n'));
}

function key() {
  return $('table').value;
}

/** A button that asks once more before it acts. */
function confirming(label, question, action) {
  const b = el('button', label);
  b.type = 'button';
  b.onclick = async () => {
    if (!b.dataset.armed) {
      b.dataset.armed = '1';
      b.textContent = question;
      b.className = 'danger';
      return;
    }
    b.disabled = true;
    try { await action(); } catch (e) { fail(e); } finally { b.disabled = false; }
  };
  return b;
}

async function loadVersions() {
  versions = await LeadFlow.api('/api/rules/' + key() + '/versions');
  renderVersions();
}

function renderVersions() {
  const body = $('versions').querySelector('tbody');
  body.replaceChildren();
  const latest = versions.find(v => v.latest);
  for (const v of versions) {
    const actions = el('span');
    const test = el('button', t('rules.backtest'));
    test.type = 'button';
    test.onclick = () => simulate({version: v.version}).catch(e => fail(e));
    actions.appendChild(test);
    if (!v.latest) {
      const diff = el('button', t('rules.diff'));
      diff.type = 'button';
      diff.onclick = () => showDiff(v.version, latest.version).catch(e => fail(e));
      actions.append(' ', diff, ' ', confirming(t('rules.restore'), t('rules.confirm.restore', {n: v.version}),
          () => restore(v.version)));
    }
    const version = el('span', 'v' + v.version + ' ');
    if (v.latest) version.appendChild(el('span', t('rules.latest'), 'lf-tag new'));
    const source = v.source === 'RESTORE' ? t('rules.source.RESTORE', {n: v.restoredFrom})
        : t('rules.source.' + v.source);
    body.appendChild(row([version, when(v.deployedAt), v.deployedBy || '—', source, String(v.leads), actions],
        ['num', '', '', '', 'num', '']));
  }
}

async function simulate(choice) {
  const form = new FormData();
  if (choice.version) {
    form.append('decisionKey', key());
    form.append('version', choice.version);
  } else {
    const file = $('file').files[0];
    if (!file) { notice(t('rules.noFile')); return; }
    form.append('file', file);
  }
  form.append('days', $('days').value || '90');
  if ($('team').value.trim()) form.append('team', $('team').value.trim());
  if ($('source').value) form.append('source', $('source').value);
  $('simulate').disabled = true;
  try {
    lastReport = await LeadFlow.api('/api/rules/simulations', {method: 'POST', body: form});
    document.querySelector('.lf-message').hidden = true;
    renderReport();
    $('result').scrollIntoView();
  } finally {
    $('simulate').disabled = false;
  }
}

function stat(label, value) {
  const box = el('div', null, 'lf-stat');
  box.append(el('b', String(value)), el('span', label));
  return box;
}

function renderReport() {
  const r = lastReport;
  if (!r) return;
  $('result').hidden = false;
  $('result-title').textContent = t('rules.result', {candidate: r.candidate});
  $('result-window').textContent = t('rules.window', {leads: r.leads, from: when(r.from), to: when(r.to),
    ms: r.elapsedMillis});
  $('stats').replaceChildren(stat(t('rules.stat.moved'), r.moved), stat(t('rules.stat.team'), r.movedTeam),
      stat(t('rules.stat.stage'), r.movedStage), stat(t('rules.stat.band'), r.movedBand),
      stat(t('rules.stat.unknown'), r.unknownVersion), stat(t('rules.stat.noRep'), r.noEligibleRep));
  const teams = [...new Set([...Object.keys(r.matrix),
    ...Object.values(r.matrix).flatMap(m => Object.keys(m))])].sort();
  const matrix = $('matrix');
  matrix.replaceChildren();
  const head = el('thead');
  head.appendChild(row(['', ...teams.map(team)]));
  matrix.appendChild(head);
  const body = el('tbody');
  for (const from of teams) {
    const cells = [team(from)];
    const classes = [''];
    for (const to of teams) {
      const n = (r.matrix[from] || {})[to] || 0;
      cells.push(n ? String(n) : '·');
      classes.push('num ' + (from === to ? 'lf-diag' : n ? 'lf-changed' : ''));
    }
    body.appendChild(row(cells, classes));
  }
  matrix.appendChild(body);
  $('load-basis').textContent = t('rules.basis');
  for (const [id, loads, label] of [['team-load', r.teamLoad, team], ['rep-load', r.repLoad, x => x]]) {
    const tbody = $(id).querySelector('tbody');
    tbody.replaceChildren();
    for (const l of loads) {
      const change = l.candidate - l.actual;
      tbody.appendChild(row([label(l.id), String(l.actual), String(l.candidate), (change > 0 ? '+' : '') + change],
          ['', 'num', 'num', 'num' + (change ? ' lf-changed' : '')]));
    }
  }
  const rules = $('rule-use').querySelector('tbody');
  rules.replaceChildren();
  for (const u of r.rules) {
    const note = el('span');
    if (u.neverMatches) note.appendChild(el('span', t('rules.never'), 'lf-tag warn'));
    if (u.shadowed) note.appendChild(el('span', t('rules.shadowedBy', {rule: u.shadowedBy}), 'lf-tag warn'));
    if (u.overtaken) note.appendChild(el('span', t('rules.overtakenBy', {rule: u.overtakenBy}), 'lf-tag'));
    const name = el('span', u.ruleId);
    if (u.description) name.title = u.description;
    rules.appendChild(row([String(u.position), name, String(u.matched), String(u.decided), note],
        ['num', '', 'num', 'num', '']));
  }
  const outcomes = $('outcomes').querySelector('tbody');
  outcomes.replaceChildren();
  for (const [to, o] of Object.entries(r.movedOutcomes)) {
    const own = r.actualOutcomes[to];
    outcomes.appendChild(row([team(to), String(o.leads), percent(o.conversionRate), hours(o.averageFirstResponseSeconds),
      money(o.wonAmount), own ? percent(own.conversionRate) : '—'], ['', 'num', 'num', 'num', 'num', 'num']));
  }
  const sample = $('sample').querySelector('tbody');
  sample.replaceChildren();
  for (const m of r.sample) {
    sample.appendChild(row([String(m.id), m.company || '—', m.region || '—', side(m.actual), side(m.candidate),
      (m.converted ? t('rules.converted') : t('rules.notConverted'))
          + (m.wonAmount ? ' · ' + money(m.wonAmount) : '')], ['num', '', '', '', '', '']));
  }
}

function side(s) {
  const span = el('span', team(s.team) + (s.stage ? ' · ' + s.stage : '') + (s.score !== null ? ' · ' + s.score : '')
      + (s.rule ? ' · ' + s.rule : ''));
  if (s.ruleDescription) span.title = s.ruleDescription;
  return span;
}

function percent(x) {
  return (Math.round(x * 1000) / 10) + '%';
}

function hours(seconds) {
  return seconds === null || seconds === undefined ? '—' : t('rules.hours', {h: (seconds / 3600).toFixed(1)});
}

function money(amount) {
  return amount === null || amount === undefined ? '—' : '¥' + Number(amount).toLocaleString('zh-CN');
}

async function showDiff(from, to) {
  lastDiff = await LeadFlow.api('/api/rules/' + key() + '/versions/' + from + '/diff/' + to);
  renderDiff();
  $('diff').scrollIntoView();
}

function renderDiff() {
  const d = lastDiff;
  if (!d) return;
  $('diff').hidden = false;
  $('diff-title').textContent = t('rules.diffTitle', {key: d.decisionKey, from: d.from, to: d.to,
    added: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged});
  const body = $('diff-rules').querySelector('tbody');
  body.replaceChildren();
  for (const [kind, list, tag] of [['rules.added', d.added, 'new'], ['rules.removed', d.removed, 'warn'],
    ['rules.changed', d.changed, '']]) {
    for (const rule of list) {
      const label = el('span', t(kind), 'lf-tag ' + tag);
      const moved = rule.positionBefore && rule.positionAfter && rule.positionBefore !== rule.positionAfter
          ? ' ' + t('rules.moved', {from: rule.positionBefore, to: rule.positionAfter}) : '';
      const what = el('span');
      what.append(label, moved);
      const name = el('span', rule.ruleId);
      if (rule.description) name.title = rule.description;
      if (!rule.cells.length) body.appendChild(row([name, what, '', '', '']));
      rule.cells.forEach((c, i) => body.appendChild(row([i ? '' : name, i ? '' : what, c.column, c.before || '—',
        c.after || '—'], ['', '', '', kind === 'rules.added' ? '' : 'lf-changed', 'lf-changed'])));
    }
  }
}

async function restore(version) {
  const done = await LeadFlow.api('/api/rules/' + key() + '/versions/' + version + '/restore', {method: 'POST'});
  notice(t('rules.restored', {from: version, version: done.version, n: done.leadsNoted}), true);
  await loadVersions();
}

async function deploy() {
  const file = $('file').files[0];
  if (!file) { notice(t('rules.noFile')); return; }
  const form = new FormData();
  form.append('file', file);
  const done = await LeadFlow.api('/api/rules/' + key() + '/deployments', {method: 'POST', body: form});
  notice(t('rules.deployed', {version: done.version}), true);
  await loadVersions();
}

for (const s of LeadFlow.SOURCES) {
  const o = el('option', t('source.' + s));
  o.value = s;
  $('source').appendChild(o);
}
$('candidate-form').onsubmit = e => { e.preventDefault(); simulate({}).catch(err => fail(err)); };
const deployButton = $('deploy');
deployButton.onclick = async () => {
  if (!deployButton.dataset.armed) {
    deployButton.dataset.armed = '1';
    deployButton.textContent = t('rules.confirm.deploy');
    deployButton.className = 'danger';
    return;
  }
  delete deployButton.dataset.armed;
  deployButton.className = '';
  deployButton.textContent = t('rules.deploy');
  try { await deploy(); } catch (e) { fail(e); }
};
$('table').onchange = () => loadVersions().catch(e => fail(e));
document.addEventListener('leadflow:lang', () => {
  for (const o of $('source').options) if (o.value) o.textContent = t('source.' + o.value);
  renderVersions();
  renderReport();
  renderDiff();
  if (lastNotice) notice(lastNotice.text, lastNotice.ok);
});
LeadFlow.header('/app/rules.html').then(() => loadVersions()).catch(e => fail(e));
