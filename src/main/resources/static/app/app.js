/*
 * LeadFlow's own pages (/app): the language (zh-CN or English), the logged-in user, and calls to
 * /api with the login's session and its CSRF token. Plain JavaScript, no build step.
 *
 *   LeadFlow.texts({zh: {...}, en: {...}})   a page's texts; elements with data-t="key" show them
 *   LeadFlow.t('key', {n: 3})                a text, with {n} filled in
 *   await LeadFlow.api('/api/reports/funnel') JSON (or the Response for non-JSON answers)
 *   await LeadFlow.me()                      {id, name, locale, roles: [...], teams, managedTeams}
 *   LeadFlow.SOURCES                         the lead sources' codes; t('source.' + code) names one
 */
(function () {
  'use strict';

  /** The pages of the menu; roles: who sees the entry (any of them). */
  const NAV = [
    {href: '/app/dashboard.html', t: 'nav.dashboard', roles: ['admin', 'analyst', 'manager']},
    {href: '/app/imports.html', t: 'nav.imports', roles: ['admin', 'manager']},
    {href: '/app/rules.html', t: 'nav.rules', roles: ['admin', 'analyst']},
    {href: '/camunda/app/tasklist/', t: 'nav.tasklist', roles: ['admin', 'manager', 'rep', 'staff']},
    {href: '/camunda/app/cockpit/', t: 'nav.cockpit', roles: ['admin', 'analyst', 'manager']},
  ];

  const TEXTS = {
    zh: {
      'app.title': 'LeadFlow 线索分配', 'nav.home': '首页', 'nav.tasklist': '任务列表 Tasklist',
      'nav.cockpit': '流程监控 Cockpit', 'nav.dashboard': '数据看板', 'nav.imports': '批量导入',
      'nav.rules': '规则工作台', 'nav.logout': '退出', 'lang.switch': 'English',
      'error.generic': '出错了：{detail}', 'error.forbidden': '您没有权限查看此内容。',
      'error.network': '无法连接服务器，请稍后重试。',
      // the channels a lead comes in through (LeadSource)
      'source.IMPORT': '导入', 'source.TRADE_SHOW': '展会', 'source.MARKETING_EVENT': '市场活动',
      'source.WEBINAR': '线上研讨会', 'source.PARTNER_REFERRAL': '合作伙伴推荐', 'source.WEBSITE_FORM': '官网表单',
      'source.WEBSITE_TRIAL': '官网试用', 'source.SOCIAL_MEDIA': '社交媒体', 'source.API': 'API', 'source.OTHER': '其他',
    },
    en: {
      'app.title': 'LeadFlow lead routing', 'nav.home': 'Home', 'nav.tasklist': 'Tasklist',
      'nav.cockpit': 'Cockpit', 'nav.dashboard': 'Dashboard', 'nav.imports': 'Import',
      'nav.rules': 'Rules workbench', 'nav.logout': 'Log out', 'lang.switch': '中文',
      'error.generic': 'Something went wrong: {detail}',
      'error.forbidden': 'You are not allowed to see this.',
      'error.network': 'Cannot reach the server; please try again.',
      'source.IMPORT': 'Import', 'source.TRADE_SHOW': 'Trade show', 'source.MARKETING_EVENT': 'Marketing event',
      'source.WEBINAR': 'Webinar', 'source.PARTNER_REFERRAL': 'Partner referral', 'source.WEBSITE_FORM': 'Website form',
      'source.WEBSITE_TRIAL': 'Website trial', 'source.SOCIAL_MEDIA': 'Social media', 'source.API': 'API', 'source.OTHER': 'Other',
    },
  };

  let lang = localStorage.getItem('leadflow.lang')
      || (navigator.language && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');

  function texts(more) {
    for (const l of Object.keys(more)) Object.assign(TEXTS[l] = TEXTS[l] || {}, more[l]);
    render();
  }

  function t(key, params) {
    let text = (TEXTS[lang] && TEXTS[lang][key]) || (TEXTS.en && TEXTS.en[key]) || key;
    for (const [k, v] of Object.entries(params || {})) text = text.split('{' + k + '}').join(v);
    return text;
  }

  function render(root) {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    (root || document).querySelectorAll('[data-t]').forEach(el => { el.textContent = t(el.dataset.t); });
    (root || document).querySelectorAll('[data-t-placeholder]')
        .forEach(el => { el.placeholder = t(el.dataset.tPlaceholder); });
    document.dispatchEvent(new CustomEvent('leadflow:lang', {detail: lang}));
  }

  function setLang(l) {
    lang = l;
    localStorage.setItem('leadflow.lang', l);
    render();
  }

  function csrfToken() {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
  }

  /** A problem+json or other error answer, as an Error with status and the problem's fields. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function api(path, options) {
    const init = Object.assign({credentials: 'same-origin', headers: {}}, options || {});
    init.headers = Object.assign({'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
        init.headers);
    if (init.method && !['GET', 'HEAD'].includes(init.method.toUpperCase())) {
      init.headers['X-XSRF-TOKEN'] = csrfToken();
    }
    if (init.json !== undefined) {
      init.body = JSON.stringify(init.json);
      init.headers['Content-Type'] = 'application/json';
      delete init.json;
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, {detail: t('error.network')});
    }
    if (response.status === 401) {
      location.href = '/app/login.html?next=' + encodeURIComponent(location.pathname + location.search);
      throw new ApiError(401, {});
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok) {
      throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
    }
    if (response.status === 204) return null;
    return type.includes('json') ? response.json() : response;
  }

  let meCache = null;
  function me() {
    return meCache = meCache || api('/api/me');
  }

  /** The page's header: title, the menu for the user's roles, language switch and log-out. */
  async function header(active) {
    const bar = document.createElement('header');
    bar.className = 'lf-bar';
    bar.innerHTML = '<a class="lf-brand" href="/app/" data-t="app.title"></a><nav></nav>'
        + '<span class="lf-user"></span>'
        + '<button type="button" class="lf-lang" data-t="lang.switch"></button>'
        + '<button type="button" class="lf-logout" data-t="nav.logout"></button>';
    document.body.prepend(bar);
    bar.querySelector('.lf-lang').onclick = () => setLang(lang === 'zh' ? 'en' : 'zh');
    bar.querySelector('.lf-logout').onclick = async () => {
      await api('/app/logout', {method: 'POST'}).catch(() => null);
      location.href = '/app/login.html';
    };
    const user = await me();
    if (!localStorage.getItem('leadflow.lang') && user.locale) {
      lang = user.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
    }
    bar.querySelector('.lf-user').textContent = user.name;
    const nav = bar.querySelector('nav');
    for (const item of NAV.filter(i => i.roles.some(r => user.roles.includes(r)))) {
      const a = document.createElement('a');
      a.href = item.href;
      a.dataset.t = item.t;
      if (item.href === active) a.className = 'active';
      nav.appendChild(a);
    }
    render();
    return user;
  }

  /** Shows an error in the page's message area (an element with class lf-message). */
  function showError(error, where) {
    const box = where || document.querySelector('.lf-message');
    const text = error.status === 403 ? t('error.forbidden')
        : t('error.generic', {detail: error.message});
    if (box) {
      box.textContent = text;
      box.hidden = false;
    } else {
      alert(text);
    }
  }

  /** A lead's sources (the intake's LeadSource, in its order); each named by t('source.' + code). */
  const SOURCES = ['WEBSITE_FORM', 'WEBSITE_TRIAL', 'WEBINAR', 'MARKETING_EVENT', 'TRADE_SHOW',
    'PARTNER_REFERRAL', 'SOCIAL_MEDIA', 'API', 'IMPORT', 'OTHER'];

  window.LeadFlow = {texts, t, render, setLang, lang: () => lang, api, me, header, showError,
    csrfToken, ApiError, NAV, SOURCES};
  document.addEventListener('DOMContentLoaded', () => render());
})();
