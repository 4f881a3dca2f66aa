/**
 * The shared kernel every feature may use: who is calling and by which role ({@link
 * io.leadflow.system.Caller}, also the groups' names), the API's errors as RFC 9457 problems, the
 * exceptions features throw for them, phone and e-mail normalisation, and the clock.
 */
@ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package io.leadflow.system;

import org.springframework.modulith.ApplicationModule;
