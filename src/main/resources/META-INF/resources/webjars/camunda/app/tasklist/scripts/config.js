/*
 * LeadFlow's Tasklist configuration (docs/tasklist.md). It replaces the config.js in the webapp's
 * jar, so it keeps what Camunda 7.24.0 ships there (its keyboard shortcuts, Apache License 2.0)
 * and adds LeadFlow's custom script; after a Camunda upgrade, compare it with the new jar's.
 */
export default {
  // Validation messages of the Camunda Forms in zh-CN and English (leadflow/form-messages.js).
  customScripts: ['leadflow/form-messages'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
