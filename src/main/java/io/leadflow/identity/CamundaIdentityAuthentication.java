package io.leadflow.identity;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.system.Caller;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for the API against Camunda's user directory, the same users and passwords as
 * Tasklist and Cockpit (with Camunda's lock-out after repeated failed logins). Authorities are
 * ROLE_USER plus GROUP_&lt;id&gt; for each of the user's groups and TEAM_&lt;id&gt; for each team
 * (see {@link Caller}).
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

  static final String USER = "ROLE_USER";

  private final IdentityService identity;

  CamundaIdentityAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || credentials == null
        || !identity.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(USER));
    for (Group group : identity.createGroupQuery().groupMember(userId).list()) {
      authorities.add(new SimpleGrantedAuthority(Caller.GROUP_PREFIX + group.getId()));
      if (TeamDirectory.TEAM_GROUP_TYPE.equals(group.getType())) {
        authorities.add(new SimpleGrantedAuthority(Caller.TEAM_PREFIX + group.getId()));
      }
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
