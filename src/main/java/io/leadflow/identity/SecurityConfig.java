package io.leadflow.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic against Camunda's directory, or X-API-Key for integrations,
 *       which may only post leads (and import files, with that permission); stateless, no CSRF
 *       token. Or the session of a login to LeadFlow's own pages, which then needs the CSRF
 *       token for every change.</li>
 *   <li>{@code /app/**}: LeadFlow's own pages, behind a login against Camunda's directory (a
 *       session, CSRF-protected).</li>
 *   <li>{@code /engine-rest/**}: Camunda's own HTTP Basic filter, which also sets the engine's
 *       authentication so Camunda authorization applies (Modeler deploys through it).</li>
 *   <li>{@code /actuator/**}: health probes for anyone (status only), the rest for users.</li>
 *   <li>the Camunda webapps: their own login and CSRF protection; their "create first admin" page
 *       is closed, as LeadFlow always creates the first admin itself.</li>
 * </ul>
 */
@Configuration
class SecurityConfig {

  static final String INITIAL_ADMIN_SETUP = "/camunda/api/admin/setup/**";
  static final String APP_LOGIN_PAGE = "/app/login.html";
  static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * The actuator ({@code /actuator/**}): the health probes answer anyone, with the status alone
   * (details only to a logged-in user: management.endpoint.health.show-details); metrics and
   * everything else need HTTP Basic with a Camunda user. Stateless.
   */
  @Bean
  @Order(0)
  SecurityFilterChain actuator(HttpSecurity http, CamundaIdentityAuthentication users,
      ProblemResponses problems) throws Exception {
    return http.securityMatcher("/actuator/**")
        .authenticationManager(new ProviderManager(List.of(users)))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness").permitAll()
            .anyRequest().hasAuthority(CamundaIdentityAuthentication.USER))
        .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
            problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                "Authentication required: HTTP Basic")))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, CamundaIdentityAuthentication users,
      ApiKeyRepository keys, ProblemResponses problems) throws Exception {
    AuthenticationManager manager = new ProviderManager(List.of(users));
    return http.securityMatcher("/api/**")
        .authenticationManager(manager)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/leads", "/api/leads/*/activities")
            .hasAnyAuthority(CamundaIdentityAuthentication.USER, ApiKeyFilter.INTEGRATION)
            .requestMatchers("/api/imports", "/api/imports/**")
            .hasAnyAuthority(CamundaIdentityAuthentication.USER, Caller.IMPORT_PERMISSION)
            .anyRequest().hasAuthority(CamundaIdentityAuthentication.USER))
        .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
            problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                "Authentication required: HTTP Basic or X-API-Key")))
        .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
            problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Not allowed")))
        .addFilterBefore(new ApiKeyFilter(keys, problems), BasicAuthenticationFilter.class)
        // Stateless for HTTP Basic and API keys; LeadFlow's pages call it with the session of
        // their login (/app), which is read but never made here.
        .securityContext(context -> context.securityContextRepository(
            new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository())))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        // A call that brings its own credentials cannot be forged by another site; one that rides
        // on the pages' session must send the session's CSRF token.
        .csrf(csrf -> csrf.csrfTokenRepository(SpaCsrf.repository())
            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
            .requireCsrfProtectionMatcher(SecurityConfig::changesWithTheSessionAlone))
        .build();
  }

  /**
   * LeadFlow's own pages (/app: dashboard, imports, rules): a login against Camunda's users, as
   * the webapps have, kept in the session; the pages call /api with it.
   */
  @Bean
  @Order(2)
  SecurityFilterChain app(HttpSecurity http, CamundaIdentityAuthentication users,
      ProblemResponses problems) throws Exception {
    return http.securityMatcher("/app", "/app/**")
        .authenticationManager(new ProviderManager(List.of(users)))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(APP_LOGIN_PAGE, "/app/login.js", "/app/app.js", "/app/app.css",
                "/app/vendor/**")
            .permitAll()
            .anyRequest().hasAuthority(CamundaIdentityAuthentication.USER))
        .formLogin(login -> login.loginPage(APP_LOGIN_PAGE).loginProcessingUrl("/app/login")
            .successHandler((request, response, auth) ->
                response.setStatus(HttpServletResponse.SC_NO_CONTENT))
            .failureHandler((request, response, e) -> problems.write(request, response,
                HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password")))
        .logout(logout -> logout.logoutUrl("/app/logout")
            .logoutSuccessHandler((request, response, auth) ->
                response.setStatus(HttpServletResponse.SC_NO_CONTENT)))
        .exceptionHandling(ex -> ex.authenticationEntryPoint(
            new LoginUrlAuthenticationEntryPoint(APP_LOGIN_PAGE)))
        .csrf(csrf -> csrf.csrfTokenRepository(SpaCsrf.repository())
            .csrfTokenRequestHandler(new SpaCsrf.RequestHandler()))
        .addFilterAfter(new SpaCsrf.CookieFilter(), BasicAuthenticationFilter.class)
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                + " frame-ancestors 'self'")))
        .build();
  }

  /** A state-changing call that brings a session and no credentials of its own. */
  static boolean changesWithTheSessionAlone(HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod())
        && request.getRequestedSessionId() != null
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && request.getHeader(ApiKeyFilter.HEADER) == null;
  }

  @Bean
  @Order(3)
  SecurityFilterChain camunda(HttpSecurity http) throws Exception {
    return http.securityMatcher("/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(INITIAL_ADMIN_SETUP).denyAll()
            // /engine-rest: authenticated by Camunda's filter below; webapps: by their own login.
            .anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(Customizer.withDefaults()))
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setName("camunda-rest-authentication");
    registration.setOrder(101); // after Spring Security's chain (order -100)
    return registration;
  }

  /**
   * Cockpit's counts as the user may see them (VisibleCockpitFigures): after the REST API's
   * authentication above and the webapps' own, which set the engine's authentication.
   */
  @Bean
  FilterRegistrationBean<VisibleCockpitFigures> visibleCockpitFigures(IdentityService identity,
      AuthorizationService authorizations, RepositoryService repository, RuntimeService runtime,
      ManagementService management, TaskService tasks, ObjectMapper json) {
    FilterRegistrationBean<VisibleCockpitFigures> registration = new FilterRegistrationBean<>(
        new VisibleCockpitFigures(identity, authorizations, repository, runtime, management, tasks,
            json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setName("leadflow-visible-cockpit-figures");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
  }
}
