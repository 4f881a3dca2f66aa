package io.leadflow.lead;

import io.leadflow.models.LeadRouting;
import io.leadflow.system.Caller;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which leads a caller sees: admins and analysts all; a manager the leads of the teams they
 * manage; a rep the leads they own and the pooled leads of their teams (and of the general pool).
 */
public final class LeadAccess {

  private LeadAccess() {}

  public static boolean canSee(Caller caller, Lead lead) {
    if (caller.seesAllLeads() || caller.manages(lead.getTeam())) {
      return true;
    }
    if (caller.id() != null && caller.id().equals(lead.getOwner())) {
      return true;
    }
    return caller.isRep() && lead.isPooled()
        && (LeadRouting.POOL_TEAM.equals(lead.getTeam()) || caller.teams().contains(lead.getTeam()));
  }

  /** Record contacts, add tags, close: the owner, the team's managers and admins. */
  public static boolean canWork(Caller caller, Lead lead) {
    return caller.isAdmin() || caller.manages(lead.getTeam())
        || (caller.id() != null && caller.id().equals(lead.getOwner()));
  }

  public static Lead requireWorkable(Caller caller, Lead lead) {
    if (!canWork(caller, lead)) {
      throw new AccessDeniedException("Lead " + lead.getId()
          + " is worked by its owner, the team's managers and admins");
    }
    return lead;
  }

  public static Lead requireVisible(Caller caller, Lead lead) {
    if (!canSee(caller, lead)) {
      throw new AccessDeniedException("Lead " + lead.getId() + " is not yours to see");
    }
    return lead;
  }

  /** The same rule as a query condition. */
  public static Specification<Lead> visibleTo(Caller caller) {
    if (caller.seesAllLeads()) {
      return (root, query, cb) -> cb.conjunction();
    }
    return (root, query, cb) -> {
      List<Predicate> any = new ArrayList<>();
      if (caller.id() != null) {
        any.add(cb.equal(root.get("owner"), caller.id()));
      }
      if (!caller.managedTeams().isEmpty()) {
        any.add(root.get("team").in(caller.managedTeams()));
      }
      if (caller.isRep()) {
        List<String> pools = new ArrayList<>(caller.teams());
        pools.add(LeadRouting.POOL_TEAM);
        any.add(cb.and(cb.isTrue(root.get("pooled")), root.get("team").in(pools)));
      }
      return any.isEmpty() ? cb.disjunction() : cb.or(any.toArray(Predicate[]::new));
    };
  }
}
