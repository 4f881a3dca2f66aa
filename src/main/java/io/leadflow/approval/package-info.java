/**
 * High-value opportunity approval: decisions/LeadApproval.dmn says whether an opportunity needs
 * approval and how (会签 all approvers, or 或签 the first decision), and processes/
 * OpportunityApproval.bpmn runs it, with a time limit and a timeout action per approval.
 */
@ApplicationModule(displayName = "Approval", allowedDependencies = {"lead", "models"})
package io.leadflow.approval;

import org.springframework.modulith.ApplicationModule;
