package io.leadflow.directory;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Once per database, before anything makes users: the Chinese names LeadFlow kept given name first
 * (Camunda showed "芳 王") are turned family name first ({@link PersonNames}). The engine property
 * {@value #PROPERTY} records that it was done, in the same transaction, so two nodes starting at
 * once cannot both turn the names (the second's write of the property, or of a user, fails and
 * rolls its turn back).
 */
@Component
@Order(-1)
class PersonNameOrder implements ApplicationRunner {

  static final String PROPERTY = "leadflow.person-name-order";
  static final String FAMILY_FIRST = "family-first";

  private static final Logger log = LoggerFactory.getLogger(PersonNameOrder.class);

  private final IdentityService identity;
  private final ManagementService management;

  PersonNameOrder(IdentityService identity, ManagementService management) {
    this.identity = identity;
    this.management = management;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (FAMILY_FIRST.equals(management.getProperties().get(PROPERTY))) {
      return;
    }
    List<User> chinese = identity.createUserQuery().list().stream()
        .filter(u -> PersonNames.chinese(u.getFirstName(), u.getLastName())).toList();
    for (User user : chinese) {
      String given = user.getFirstName();
      user.setFirstName(user.getLastName());
      user.setLastName(given);
      identity.saveUser(user);
    }
    management.setProperty(PROPERTY, FAMILY_FIRST);
    if (!chinese.isEmpty()) {
      log.info("{} Chinese names now kept family name first", chinese.size());
    }
  }
}
