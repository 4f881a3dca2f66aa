'use strict';
/* Bulk import (/app/imports.html): upload, check the preview and the mapping, start, follow the
   progress, page through the bad rows and download the error file. Managers and admins. */
LeadFlow.texts({
  zh: {
    'imp.title': '批量导入线索', 'imp.upload': '上传文件',
    'imp.hint': '支持 Excel（.xlsx、.xls）和 CSV（UTF-8 或 GBK，逗号、分号或制表符分隔），第一行为表头。',
    'imp.file': '文件', 'imp.source': '来源', 'imp.campaign': '活动标签', 'imp.campaign.example': '例如 2026上海工博会',
    'imp.digest': '每位销售只收到一条汇总通知', 'imp.preview': '预览', 'imp.preview.title': '预览',
    'imp.mapping': '列与字段', 'imp.first': '前几行（按导入后的样子）', 'imp.start': '开始导入',
    'imp.col.letter': '列', 'imp.col.header': '表头', 'imp.col.field': '导入为', 'imp.col.file': '文件',
    'imp.col.status': '状态', 'imp.col.rows': '行数', 'imp.col.by': '导入人', 'imp.col.when': '时间',
    'imp.row': '行号', 'imp.value': '值', 'imp.reason': '原因', 'imp.problems': '问题',
    'imp.created': '新建', 'imp.merged': '合并', 'imp.skipped': '已导入过', 'imp.failed': '失败',
    'imp.cancel': '停止导入', 'imp.errors': '有问题的行', 'imp.errors.download': '下载错误文件',
    'imp.prev': '上一页', 'imp.next': '下一页', 'imp.recent': '最近的导入',
    'imp.detected': '格式 {format} · 工作表 {sheet} · 共 {rows} 行',
    'imp.detected.csv': '格式 {format} · 编码 {encoding} · 分隔符 {delimiter} · 共 {rows} 行',
    'imp.delimiter.comma': '逗号', 'imp.delimiter.semicolon': '分号', 'imp.delimiter.tab': '制表符',
    'imp.delimiter.pipe': '竖线',
    'imp.counts': '已处理 {processed} / {total} 行 · 新建 {created} · 合并 {merged} · 已导入过 {skipped} · 失败 {failed}',
    'imp.speed': ' · 每秒 {rate} 行 · 预计还需 {left} 秒', 'imp.assigned': '分配：{list}',
    'imp.progress': '导入 #{id}：{file}', 'imp.page': '第 {page} / {pages} 页', 'imp.none': '—',
    'imp.field.ignore': '不导入', 'imp.field.attributes': '保留为附加信息',
    'imp.status.QUEUED': '排队中', 'imp.status.RUNNING': '导入中', 'imp.status.DONE': '已完成',
    'imp.status.CANCELLED': '已停止', 'imp.status.FAILED': '失败', 'imp.pool': '公海',
    'imp.repeat': '这个文件已经以相同设置导入过，下面是那次导入。',
    'field.name': '姓名', 'field.company': '公司', 'field.title': '职位', 'field.decisionMaker': '决策人',
    'field.email': '邮箱', 'field.phone': '手机', 'field.region': '省份/地区', 'field.city': '城市',
    'field.industry': '行业', 'field.product': '意向产品', 'field.companySize': '员工数',
    'field.budget': '预算', 'field.source': '来源', 'field.tags': '标签', 'field.notes': '备注',
    'field.externalId': '外部编号', 'field.team': '团队',
  },
  en: {
    'imp.title': 'Import leads', 'imp.upload': 'Upload a file',
    'imp.hint': 'Excel (.xlsx, .xls) or CSV (UTF-8 or GBK; comma, semicolon or tab); the first row names the columns.',
    'imp.file': 'File', 'imp.source': 'Source', 'imp.campaign': 'Campaign', 'imp.campaign.example': 'e.g. Shanghai trade fair 2026',
    'imp.digest': 'One digest per rep instead of a message per lead', 'imp.preview': 'Preview',
    'imp.preview.title': 'Preview', 'imp.mapping': 'Columns and fields', 'imp.first': 'The first rows, as they will be taken',
    'imp.start': 'Start import', 'imp.col.letter': 'Column', 'imp.col.header': 'Header', 'imp.col.field': 'Import as',
    'imp.col.file': 'File', 'imp.col.status': 'Status', 'imp.col.rows': 'Rows', 'imp.col.by': 'By', 'imp.col.when': 'When',
    'imp.row': 'Row', 'imp.value': 'Value', 'imp.reason': 'Reason', 'imp.problems': 'Problems',
    'imp.created': 'Created', 'imp.merged': 'Merged', 'imp.skipped': 'Imported before', 'imp.failed': 'Failed',
    'imp.cancel': 'Stop the import', 'imp.errors': 'Rows with problems', 'imp.errors.download': 'Download the error file',
    'imp.prev': 'Previous', 'imp.next': 'Next', 'imp.recent': 'Recent imports',
    'imp.detected': 'Format {format} · sheet {sheet} · {rows} rows',
    'imp.detected.csv': 'Format {format} · encoding {encoding} · delimiter {delimiter} · {rows} rows',
    'imp.delimiter.comma': 'comma', 'imp.delimiter.semicolon': 'semicolon', 'imp.delimiter.tab': 'tab',
    'imp.delimiter.pipe': 'pipe',
    'imp.counts': '{processed} of {total} rows · created {created} · merged {merged} · imported before {skipped} · failed {failed}',
    'imp.speed': ' · {rate} rows/s · about {left} s left', 'imp.assigned': 'Assigned: {list}',
    'imp.progress': 'Import #{id}: {file}', 'imp.page': 'Page {page} of {pages}', 'imp.none': '—',
    'imp.field.ignore': 'Do not import', 'imp.field.attributes': 'Keep as an attribute',
    'imp.status.QUEUED': 'Waiting', 'imp.status.RUNNING': 'Running', 'imp.status.DONE': 'Done',
    'imp.status.CANCELLED': 'Stopped', 'imp.status.FAILED': 'Failed', 'imp.pool': 'pool',
    'imp.repeat': 'This file was imported with the same settings before; here is that import.',
    'field.name': 'Name', 'field.company': 'Company', 'field.title': 'Title', 'field.decisionMaker': 'Decision maker',
    'field.email': 'E-mail', 'field.phone': 'Phone', 'field.region': 'Region', 'field.city': 'City',
    'field.industry': 'Industry', 'field.product': 'Product', 'field.companySize': 'Company size',
    'field.budget': 'Budget', 'field.source': 'Source', 'field.tags': 'Tags', 'field.notes': 'Notes',
    'field.externalId': 'External id', 'field.team': 'Team',
  },
});

const FIELDS = ['name', 'company', 'title', 'phone', 'email', 'region', 'city', 'industry', 'product',
  'companySize', 'budget', 'decisionMaker', 'source', 'tags', 'notes', 'externalId'];
// An import's own source first (the default), then the others.
const SOURCES = ['IMPORT', ...LeadFlow.SOURCES.filter(s => s !== 'IMPORT')];
const $ = id => document.getElementById(id);
const t = LeadFlow.t;
let mapping = null;      // header (or letter) -> target, as the preview settled it
let lastPreview = null;
let current = null;      // the import followed
let failedPage = 0;
let timer = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function form(withMapping) {
  const data = new FormData();
  data.append('file', $('file').files[0]);
  data.append('source', $('source').value);
  if ($('campaign').value.trim()) data.append('campaign', $('campaign').value.trim());
  data.append('digest', $('digest').checked ? 'true' : 'false');
  if (withMapping && mapping) data.append('mapping', JSON.stringify(mapping));
  return data;
}

function fileProblem(e) {
  const errors = (e.problem && e.problem.errors) || [];
  return errors.length ? errors.map(x => x.field + ': ' + x.message).join('; ') : e.message;
}

function message(text, ok) {
  const box = document.querySelector('main > .lf-message');
  box.textContent = text || '';
  box.className = 'lf-message' + (ok ? ' ok' : '');
  box.hidden = !text;
}

async function preview(withMapping) {
  message('');
  $('preview-button').disabled = true;
  try {
    lastPreview = await LeadFlow.api('/api/imports/preview', {method: 'POST', body: form(withMapping)});
    mapping = {};
    lastPreview.columns.forEach(c => {
      mapping[c.header || c.letter] = c.field || (c.how === 'ignored' ? 'ignore' : 'attributes.' + c.attribute);
    });
    showPreview();
  } catch (e) {
    $('preview').hidden = true;
    message(fileProblem(e));
  } finally {
    $('preview-button').disabled = false;
  }
}

function showPreview() {
  const p = lastPreview;
  $('preview').hidden = false;
  $('detected').textContent = t(p.format === 'CSV' ? 'imp.detected.csv' : 'imp.detected', {format: p.format,
    encoding: p.encoding + (p.bom ? ' (BOM)' : ''), delimiter: t('imp.delimiter.' + p.delimiter),
    sheet: p.sheet || p.sheets[0], rows: p.rowsTotal});
  $('preview-problems').textContent = p.problems.join('; ');
  $('preview-problems').hidden = p.problems.length === 0;
  $('start').disabled = p.problems.length > 0;
  const body = $('mapping').querySelector('tbody');
  body.replaceChildren();
  for (const c of p.columns) {
    const tr = el('tr');
    tr.append(el('td', c.letter), el('td', c.header));
    const select = el('select');
    select.dataset.column = c.header || c.letter;
    const options = [['ignore', t('imp.field.ignore')], ['attributes.' + (c.attribute || c.header || c.letter),
      t('imp.field.attributes')]].concat(FIELDS.map(f => [f, t('field.' + f)]));
    for (const [value, label] of options) {
      const o = el('option', label);
      o.value = value;
      select.append(o);
    }
    select.value = mapping[select.dataset.column];
    select.onchange = () => { mapping[select.dataset.column] = select.value; preview(true); };
    const td = el('td');
    td.append(select);
    tr.append(td);
    body.append(tr);
  }
  const shown = FIELDS.filter(f => p.rows.some(r => r.lead[f] !== undefined));
  const head = el('tr');
  head.append(el('th', t('imp.row'), 'num'), ...shown.map(f => el('th', t('field.' + f))),
    el('th', t('imp.problems')));
  $('sample').querySelector('thead').replaceChildren(head);
  const rows = $('sample').querySelector('tbody');
  rows.replaceChildren();
  for (const r of p.rows) {
    const tr = el('tr');
    tr.append(el('td', r.rowNumber, 'num'));
    for (const f of shown) {
      const v = f === 'notes' ? (r.lead.attributes || {}).notes : r.lead[f];
      tr.append(el('td', Array.isArray(v) ? v.join(', ') : (v === undefined ? '' : String(v))));
    }
    tr.append(el('td', r.problems.map(problemText).join('; '), r.problems.length ? 'lf-bad' : ''));
    rows.append(tr);
  }
}

function problemText(p) {
  const where = p.column || (p.field ? t('field.' + p.field) : '');
  return (where ? where + ' ' : '') + (p.value ? '“' + p.value + '” ' : '') + p.reason;
}

async function start() {
  $('start').disabled = true;
  try {
    const job = await LeadFlow.api('/api/imports', {method: 'POST', body: form(true)});
    message(job.repeat ? t('imp.repeat') : '', true);
    $('preview').hidden = true;
    follow(job.id);
  } catch (e) {
    message(fileProblem(e));
    $('start').disabled = false;
  }
}

function follow(id) {
  history.replaceState(null, '', '/app/imports.html?id=' + id);
  failedPage = 0;
  clearTimeout(timer);
  refresh(id);
}

async function refresh(id) {
  clearTimeout(timer);
  try {
    current = await LeadFlow.api('/api/imports/' + id);
  } catch (e) {
    LeadFlow.showError(e);
    return;
  }
  const j = current;
  $('progress').hidden = false;
  $('progress-title').textContent = t('imp.progress', {id: j.id, file: j.fileName}) + ' · '
    + t('imp.status.' + j.status) + (j.campaign ? ' · ' + j.campaign : '');
  const share = j.rowsTotal ? Math.min(100, Math.round(j.processed * 100 / j.rowsTotal)) : 100;
  $('bar').style.width = share + '%';
  $('bar').className = 'lf-progress-bar' + (j.status === 'DONE' ? ' done' : '');
  let counts = t('imp.counts', {processed: j.processed, total: j.rowsTotal, created: j.created,
    merged: j.merged, skipped: j.skipped, failed: j.failed});
  if (j.status === 'RUNNING' && j.rowsPerSecond) {
    counts += t('imp.speed', {rate: j.rowsPerSecond, left: j.secondsLeft === null ? '?' : j.secondsLeft});
  }
  $('counts').textContent = counts;
  $('assigned').hidden = !j.assigned;
  if (j.assigned) {
    $('assigned').textContent = t('imp.assigned', {list: Object.entries(j.assigned)
      .map(([who, n]) => (who === '(pool)' ? t('imp.pool') : who) + ' ' + n).join(' · ')});
  }
  const running = j.status === 'QUEUED' || j.status === 'RUNNING';
  $('cancel').hidden = !running;
  $('errors-file').hidden = running || j.failed === 0;
  $('errors-file').href = '/api/imports/' + j.id + '/errors';
  $('failed').hidden = j.failed === 0;
  if (j.failed > 0) await failedRows();
  if (running) {
    timer = setTimeout(() => refresh(j.id), 1000);
  } else {
    recent();
  }
}

async function failedRows() {
  const page = await LeadFlow.api('/api/imports/' + current.id + '/rows?status=FAILED&size=20&page=' + failedPage);
  const body = $('failed-rows').querySelector('tbody');
  body.replaceChildren();
  for (const r of page.content) {
    r.problems.forEach((p, i) => {
      const tr = el('tr');
      tr.append(el('td', i === 0 ? r.rowNumber : '', 'num'), el('td', p.column || (p.field ? t('field.' + p.field) : '')),
        el('td', p.value || ''), el('td', p.reason, 'lf-bad'));
      body.append(tr);
    });
  }
  const pages = Math.max(1, page.page.totalPages);
  $('page').textContent = t('imp.page', {page: failedPage + 1, pages});
  $('prev').disabled = failedPage === 0;
  $('next').disabled = failedPage + 1 >= pages;
}

async function recent() {
  const page = await LeadFlow.api('/api/imports?size=10');
  const body = $('recent').querySelector('tbody');
  body.replaceChildren();
  for (const j of page.content) {
    const tr = el('tr', null, 'lf-link');
    tr.append(el('td', j.id, 'num'), el('td', j.fileName + (j.campaign ? ' · ' + j.campaign : '')),
      el('td', t('imp.status.' + j.status)), el('td', j.rowsTotal, 'num'), el('td', j.created, 'num'),
      el('td', j.merged, 'num'), el('td', j.failed, 'num'), el('td', j.createdBy),
      el('td', new Date(j.createdAt).toLocaleString(LeadFlow.lang() === 'zh' ? 'zh-CN' : 'en')));
    tr.onclick = () => follow(j.id);
    body.append(tr);
  }
}

LeadFlow.header('/app/imports.html').then(() => {
  for (const s of SOURCES) {
    const o = el('option', t('source.' + s));
    o.value = s;
    $('source').append(o);
  }
  $('upload').onsubmit = e => { e.preventDefault(); mapping = null; preview(false); };
  $('file').onchange = () => { mapping = null; $('preview').hidden = true; };
  $('start').onclick = start;
  $('cancel').onclick = async () => {
    await LeadFlow.api('/api/imports/' + current.id + '/cancel', {method: 'POST'}).catch(e => LeadFlow.showError(e));
    refresh(current.id);
  };
  $('prev').onclick = () => { failedPage--; failedRows(); };
  $('next').onclick = () => { failedPage++; failedRows(); };
  document.addEventListener('leadflow:lang', () => {
    for (const o of $('source').options) o.textContent = t('source.' + o.value);
    if (lastPreview && !$('preview').hidden) showPreview();
    if (current) refresh(current.id);
  });
  const id = new URLSearchParams(location.search).get('id');
  if (id) follow(id);
  recent();
}).catch(e => LeadFlow.showError(e));
