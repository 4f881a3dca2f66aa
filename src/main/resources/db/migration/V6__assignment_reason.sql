-- How the current owner was picked (or why the lead went to the pool), next to the routing rule:
-- "why that rep" without reading the lead's whole history. Filled from the history for leads
-- taken in before this column existed: the reason of their last ASSIGNED or POOLED event.
alter table leads add column assignment_reason varchar(2000);

update leads set assignment_reason = (
  select h.reason from lead_history h
  where h.lead_id = leads.id and h.event in ('ASSIGNED', 'POOLED')
  order by h.occurred_at desc, h.id desc fetch first 1 rows only);
