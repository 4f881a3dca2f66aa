-- Pool policies ask how many leads a rep claimed today, and when a lead was last reclaimed
-- from a rep.
create index ix_lead_history_rep_event on lead_history (rep, event, occurred_at);
