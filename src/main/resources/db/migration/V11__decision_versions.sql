-- Which deployed version of the routing and of the scoring decision last routed and scored each
-- lead, for the reports' rule efficiency per version and the rules' version list. Leads from
-- before this migration keep nulls: their version is not known. The same statements on
-- PostgreSQL and H2.
alter table leads add column routing_decision_id varchar(64);
alter table leads add column routing_decision_version integer;
alter table leads add column scoring_decision_id varchar(64);
alter table leads add column scoring_decision_version integer;
create index leads_routing_decision on leads (routing_decision_id);
