/**
 * Notifications of what happened to leads, recorded with the change and delivered by the
 * lifecycle's asynchronous notify jobs over e-mail, DingTalk, WeCom and SMS.
 */
@ApplicationModule(displayName = "Notification", allowedDependencies = {"lead", "models", "directory", "system"})
package io.leadflow.notification;

import org.springframework.modulith.ApplicationModule;
