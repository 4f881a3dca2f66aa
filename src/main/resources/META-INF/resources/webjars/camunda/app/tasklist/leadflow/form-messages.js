/*
 * LeadFlow: the validation messages of the Camunda Forms (form-js) in zh-CN and English, which
 * form-js writes in English only. Loaded by Tasklist as a custom script (scripts/config.js); it
 * watches the page and puts every form field's error message into both languages.
 *
 * A form with errors is not sent (form-js checks it first) and its fields say what is missing, so
 * Tasklist's own "An error happened while submitting the task form" notification says nothing more
 * and is closed. A notification while no field shows an error (the server's answer) stays.
 */
const MESSAGES = [
  [/^Field is required\.$/, () => '必填 / Required'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]} / At least ${m[1]}`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]} / At most ${m[1]}`],
  [/^Field must have minimum length of (.+)\.$/,
    (m) => `至少 ${m[1]} 个字符 / At least ${m[1]} characters`],
  [/^Field must have maximum length of (.+)\.$/,
    (m) => `最多 ${m[1]} 个字符 / At most ${m[1]} characters`],
  [/^Field must match pattern (.+)\.$/, () => '格式不正确 / Not in the expected format'],
  [/^Field must be a valid email\.$/, () => '请输入有效的邮箱 / Enter a valid e-mail address'],
  [/^Field must be a valid\s+international phone number.*$/,
    () => '请输入有效的电话号码 / Enter a valid phone number'],
];

const FIELD_ERRORS = '.fjs-form-field-error li, .fjs-form-field-error span';
const ERROR_NOTIFICATIONS = '.page-notifications .alert-error, .page-notifications .alert-danger';

function translate(element) {
  const text = element.textContent.trim();
  for (const [pattern, label] of MESSAGES) {
    const match = text.match(pattern);
    if (match) {
      element.textContent = label(match);
      return;
    }
  }
}

function closeSubmitErrorOfInvalidForm() {
  if (!document.querySelector(FIELD_ERRORS)) {
    return;
  }
  document.querySelectorAll(ERROR_NOTIFICATIONS).forEach((alert) => {
    const close = alert.querySelector('button[ng-click*="removeNotification"]');
    if (close) {
      close.click();
    }
  });
}

new MutationObserver(() => {
  document.querySelectorAll(FIELD_ERRORS).forEach(translate);
  if (document.querySelector(ERROR_NOTIFICATIONS)) {
    // Once the form has drawn its fields' errors, which it does right after refusing to send.
    setTimeout(closeSubmitErrorOfInvalidForm, 100);
  }
}).observe(document.body, {childList: true, subtree: true, characterData: true,
  attributes: true, attributeFilter: ['class']});
