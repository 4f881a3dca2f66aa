package io.leadflow.notification;

import java.util.Locale;

/**
 * A person to notify and where they can be reached; any address may be null, and a channel is
 * used for a person only when their profile holds its address.
 *
 * @param mobile in E.164 form (+8613800138000)
 * @param locale the language of their messages (zh-CN or en)
 */
record Recipient(String userId, String displayName, String email, String mobile,
    String dingTalkUserId, String weComUserId, Locale locale) {

  /**
   * The mobile number as Chinese robots and gateways expect it: without +86 for a mainland
   * number (13800138000), else the full E.164 form. Null without a mobile.
   */
  public String localMobile() {
    if (mobile == null) {
      return null;
    }
    return mobile.startsWith("+86") ? mobile.substring(3) : mobile;
  }
}
