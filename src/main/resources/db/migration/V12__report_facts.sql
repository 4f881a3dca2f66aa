-- The reports (issue 15, docs/reporting.md) read one row per lead: what they need of a lead's
-- history is kept on the lead by its writer (lead.Leads) when it happens, so that a report is one
-- pass over the leads of its window and never joins the history per lead.
--   first_assigned_at, first_rep, first_sla_due_at: the lead's first owner (by an assignment
--     strategy or a claim from the pool), when, and when that owner's follow-up SLA ran out;
--     first_assigned_by: ASSIGNED (the team's strategy) or CLAIMED (from the pool)
--   first_response_seconds: first contact - first assignment; ..._working_seconds the same in
--     working time of the SLA calendar (only when leadflow.sla.business-hours is on)
--   reclaim_count, claim_count: SLA missed -> pool, and claims from the pool
--   first_pooled_at, pool_wait_seconds: when it first went to the pool, and how long until its
--     first claim
--   pool_expired: nobody claimed it from the pool in time
--   cycle_seconds: customer - created (won leads)
-- The same statements on PostgreSQL and H2.
alter table leads add column first_assigned_at timestamp with time zone;
alter table leads add column first_rep varchar(64);
alter table leads add column first_sla_due_at timestamp with time zone;
alter table leads add column first_assigned_by varchar(16);
alter table leads add column first_response_seconds bigint;
alter table leads add column first_response_working_seconds bigint;
alter table leads add column reclaim_count integer default 0 not null;
alter table leads add column claim_count integer default 0 not null;
alter table leads add column first_pooled_at timestamp with time zone;
alter table leads add column pool_wait_seconds bigint;
alter table leads add column pool_expired boolean default false not null;
alter table leads add column cycle_seconds bigint;

-- Leads from before: the same facts, read once from their history.
update leads set
  first_assigned_at = (select min(h.occurred_at) from lead_history h
    where h.lead_id = leads.id and h.event in ('ASSIGNED', 'CLAIMED')),
  reclaim_count = (select count(*) from lead_history h
    where h.lead_id = leads.id and h.event = 'RECLAIMED'),
  claim_count = (select count(*) from lead_history h
    where h.lead_id = leads.id and h.event = 'CLAIMED'),
  first_pooled_at = (select min(h.occurred_at) from lead_history h
    where h.lead_id = leads.id and h.event in ('POOLED', 'RECLAIMED')),
  pool_expired = (select count(*) from lead_history h
    where h.lead_id = leads.id and h.event = 'POOL_EXPIRED') > 0;
update leads set
  first_rep = (select min(h.rep) from lead_history h
    where h.lead_id = leads.id and h.event in ('ASSIGNED', 'CLAIMED')
      and h.occurred_at = leads.first_assigned_at),
  first_assigned_by = (select min(h.event) from lead_history h
    where h.lead_id = leads.id and h.event in ('ASSIGNED', 'CLAIMED')
      and h.occurred_at = leads.first_assigned_at)
  where first_assigned_at is not null;
-- The SLA on the lead is still its first owner's when the lead never went through the pool.
update leads set first_sla_due_at = sla_due_at
  where first_assigned_at is not null and reclaim_count = 0 and claim_count = 0;
update leads set first_response_seconds = cast(floor(extract(epoch from first_contact_at)
    - extract(epoch from first_assigned_at)) as bigint)
  where first_contact_at is not null and first_assigned_at is not null
    and first_contact_at >= first_assigned_at;
update leads set pool_wait_seconds = cast(floor(extract(epoch from first_assigned_at)
    - extract(epoch from first_pooled_at)) as bigint)
  where claim_count > 0 and first_pooled_at is not null and first_assigned_at >= first_pooled_at;
update leads set cycle_seconds = cast(floor(extract(epoch from customer_at)
    - extract(epoch from created_at)) as bigint)
  where customer_at is not null;

-- Every report selects the leads created in its window; managers' by team, reps' by first owner.
create index ix_leads_created on leads (created_at);
create index ix_leads_team_created on leads (team, created_at);
create index ix_leads_first_rep_created on leads (first_rep, created_at);
