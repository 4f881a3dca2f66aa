package io.leadflow.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where a user is reached besides the e-mail address in Camunda's directory. */
@Entity
@Table(name = "user_contacts")
public class UserContact {

  @Id
  @Column(name = "user_id")
  private String userId;

  /** E.164, e.g. +8613800138000. */
  private String mobile;
  @Column(name = "dingtalk_user_id")
  private String dingTalkUserId;
  @Column(name = "wecom_user_id")
  private String weComUserId;
  /** A BCP 47 tag: zh-CN, en. */
  private String locale;

  protected UserContact() {}

  UserContact(String userId) {
    this.userId = userId;
  }

  public String getUserId() { return userId; }
  public String getMobile() { return mobile; }
  public String getDingTalkUserId() { return dingTalkUserId; }
  public String getWeComUserId() { return weComUserId; }
  public String getLocale() { return locale; }

  void update(String mobile, String dingTalkUserId, String weComUserId, String locale) {
    this.mobile = mobile;
    this.dingTalkUserId = dingTalkUserId;
    this.weComUserId = weComUserId;
    this.locale = locale;
  }
}
