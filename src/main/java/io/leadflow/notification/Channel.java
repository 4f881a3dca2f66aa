package io.leadflow.notification;

/** The ways LeadFlow reaches people. Each is switched on by configuration. */
enum Channel {
  EMAIL,
  DINGTALK,
  WECOM,
  SMS
}
