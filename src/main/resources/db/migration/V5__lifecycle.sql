-- The whole lifecycle (issue 5): when the lead reached each stage, its first response, the
-- escalation flag, the opportunity's amounts and why it was lost; contacts and score changes.

alter table leads add column mql_at             timestamp with time zone;
alter table leads add column sql_at             timestamp with time zone;
alter table leads add column opportunity_at     timestamp with time zone;
alter table leads add column customer_at        timestamp with time zone;
alter table leads add column lost_at            timestamp with time zone;
alter table leads add column lost_reason        varchar(32);
alter table leads add column lost_from_stage    varchar(20);
alter table leads add column first_contact_at   timestamp with time zone;
alter table leads add column needs_attention    boolean not null default false;
alter table leads add column estimated_amount   numeric(19, 2);
alter table leads add column won_amount         numeric(19, 2);

-- The follow-up outcomes of the first version become the stages they meant.
update leads set stage = 'SQL', first_contact_at = updated_at where stage = 'CONTACTED';
update leads set stage = 'OPPORTUNITY', opportunity_at = updated_at, first_contact_at = updated_at
  where stage = 'QUALIFIED';
update leads set sql_at = created_at where stage in ('SQL', 'OPPORTUNITY');
update leads set mql_at = created_at where stage = 'MQL';
update leads set lost_at = updated_at where stage = 'LOST';

create sequence lead_contacts_seq start with 1 increment by 50;

-- Every contact a rep made (call, visit, WeChat, e-mail); the first is the lead's first response.
create table lead_contacts (
  id          bigint       primary key,
  lead_id     bigint       not null references leads (id),
  occurred_at timestamp with time zone not null,
  recorded_at timestamp with time zone not null,
  channel     varchar(16)  not null,
  rep         varchar(64)  not null,
  notes       varchar(2000)
);
create index ix_lead_contacts_lead on lead_contacts (lead_id, occurred_at);

create sequence lead_score_changes_seq start with 1 increment by 50;

-- The score over time: at intake and after every activity, with what caused it.
create table lead_score_changes (
  id             bigint       primary key,
  lead_id        bigint       not null references leads (id),
  occurred_at    timestamp with time zone not null,
  score          integer      not null,
  previous_score integer,
  cause          varchar(100) not null
);
create index ix_lead_score_changes_lead on lead_score_changes (lead_id, id);

create index ix_leads_needs_attention on leads (needs_attention);
