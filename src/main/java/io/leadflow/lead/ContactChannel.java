package io.leadflow.lead;

/** How a rep reached the lead. */
public enum ContactChannel {
  CALL, VISIT, WECHAT, EMAIL
}
