/**
 * The lead aggregate and its single writer, {@link io.leadflow.lead.Leads}: every change to a
 * lead's facts, routing, ownership and stage goes through it and leaves a line in the lead's
 * history, and what people must hear of is published as a {@link io.leadflow.lead.LeadNotice}.
 * Also who may see and work a lead ({@link io.leadflow.lead.LeadAccess}) and {@code GET
 * /api/leads}.
 */
@ApplicationModule(displayName = "Lead", allowedDependencies = {"system", "models"})
package io.leadflow.lead;

import org.springframework.modulith.ApplicationModule;
