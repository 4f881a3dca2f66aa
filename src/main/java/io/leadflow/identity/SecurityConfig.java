package io.leadflow.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic against Camunda's directory, or X-API-Key for integrations,
 *       which may only post leads. Stateless, so no session and no CSRF token.</li>
 *   <li>{@code /engine-rest/**}: Camunda's own HTTP Basic filter, which also sets the engine's
 *       authentication so Camunda authorization applies (Modeler deploys through it).</li>
 *   <li>the Camunda webapps: their own login and CSRF protection; their "create first admin" page
 *       is closed, as LeadFlow always creates the first admin itself.</li>
 * </ul>
 */
@Configuration
class SecurityConfig {

  static final String INITIAL_ADMIN_SETUP = "/camunda/api/admin/setup/**";

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
            .anyRequest().hasAuthority(CamundaIdentityAuthentication.USER))
        .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
            problems.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                "Authentication required: HTTP Basic or X-API-Key")))
        .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
            problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed")))
        .addFilterBefore(new ApiKeyFilter(keys, problems), BasicAuthenticationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(2)
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
}
