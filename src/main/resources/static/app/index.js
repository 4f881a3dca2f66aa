'use strict';
LeadFlow.texts({
  zh: {'home.welcome': '欢迎使用 LeadFlow'},
  en: {'home.welcome': 'Welcome to LeadFlow'},
});
LeadFlow.header('/app/').then(user => {
  const tiles = document.getElementById('tiles');
  for (const item of LeadFlow.NAV.filter(i => i.roles.some(r => user.roles.includes(r)))) {
    const a = document.createElement('a');
    a.href = item.href;
    a.dataset.t = item.t;
    tiles.appendChild(a);
  }
  LeadFlow.render();
}).catch(e => LeadFlow.showError(e));
