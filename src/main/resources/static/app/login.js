'use strict';
LeadFlow.texts({
  zh: {'login.title': '登录 LeadFlow', 'login.user': '用户名', 'login.password': '密码',
    'login.submit': '登录', 'login.failed': '用户名或密码错误。'},
  en: {'login.title': 'Log in to LeadFlow', 'login.user': 'User name', 'login.password': 'Password',
    'login.submit': 'Log in', 'login.failed': 'Wrong user name or password.'},
});
document.getElementById('lang').onclick = e => {
  e.preventDefault();
  LeadFlow.setLang(LeadFlow.lang() === 'zh' ? 'en' : 'zh');
};
document.getElementById('login').onsubmit = async e => {
  e.preventDefault();
  const form = e.target;
  // The CSRF cookie comes with this page; fetch it again if the browser dropped it.
  if (!LeadFlow.csrfToken()) await fetch('/app/login.html', {credentials: 'same-origin'});
  const response = await fetch('/app/login', {
    method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': LeadFlow.csrfToken(),
      'X-Requested-With': 'XMLHttpRequest'},
    body: new URLSearchParams({username: form.username.value, password: form.password.value}),
  });
  if (response.ok) {
    const next = new URLSearchParams(location.search).get('next');
    location.href = next && next.startsWith('/app/') ? next : '/app/';
  } else {
    const box = form.querySelector('.lf-message');
    box.textContent = LeadFlow.t('login.failed');
    box.hidden = false;
  }
};
