-- LeadFlow's own tables. The Camunda engine owns and migrates its ACT_* tables itself.
-- Written in the SQL that both PostgreSQL (production) and H2 (embedded default) accept.

create sequence leads_seq start with 1 increment by 50;

create table leads (
  id                  bigint        primary key,
  external_id         varchar(200),
  source              varchar(32)   not null,
  name                varchar(200),
  company             varchar(200),
  title               varchar(200),
  decision_maker      boolean       not null,
  email               varchar(254),
  phone               varchar(32),
  region              varchar(200),
  city                varchar(100),
  industry            varchar(100),
  product             varchar(100),
  company_size        integer,
  budget              numeric(19, 2),
  tags                varchar(4000),
  attributes          varchar(10000),
  stage               varchar(20)   not null,
  score               integer,
  team                varchar(64),
  strategy            varchar(20),
  owner               varchar(64),
  pooled              boolean       not null,
  pool_reason         varchar(32),
  sla_due_at          timestamp with time zone,
  routing_rule        varchar(100),
  routing_reason      varchar(500),
  process_instance_id varchar(64),
  duplicate_count     integer       not null,
  created_at          timestamp with time zone not null,
  updated_at          timestamp with time zone not null,
  version             bigint        not null
);
-- externalId is unique per source; NULLs (no externalId) do not collide.
create unique index ux_leads_source_external_id on leads (source, external_id);
create index ix_leads_owner_stage on leads (owner, stage);
create index ix_leads_team_stage on leads (team, stage);
create index ix_leads_pooled on leads (pooled);

-- One row per normalised contact (email:..., phone:+86...) of every open lead. The primary key
-- makes "never a second lead for the same person" a database fact, even for concurrent requests.
create table lead_contact_keys (
  contact_key varchar(300) primary key,
  lead_id     bigint       not null references leads (id)
);
create index ix_lead_contact_keys_lead on lead_contact_keys (lead_id);

create table lead_activities (
  lead_id     bigint      not null references leads (id),
  type        varchar(32) not null,
  occurred_at timestamp with time zone not null
);
create index ix_lead_activities_lead on lead_activities (lead_id);

-- The scoring rules that matched, with their points, as the decision evaluated them.
create table lead_score_items (
  lead_id     bigint       not null references leads (id),
  position    integer      not null,
  rule_id     varchar(100) not null,
  description varchar(300),
  points      integer      not null,
  primary key (lead_id, position)
);

create sequence lead_history_seq start with 1 increment by 50;

-- Every routing, assignment, pooling, reclaim, claim and stage change, with who, how and why.
create table lead_history (
  id           bigint       primary key,
  lead_id      bigint       not null references leads (id),
  occurred_at  timestamp with time zone not null,
  event        varchar(20)  not null,
  rep          varchar(64),
  team         varchar(64),
  strategy     varchar(20),
  routing_rule varchar(100),
  reason       varchar(2000)
);
create index ix_lead_history_lead on lead_history (lead_id, id);

-- What Camunda's user directory does not hold about a rep.
create table rep_profiles (
  user_id             varchar(64) primary key,
  active              boolean     not null,
  out_of_office_from  timestamp with time zone,
  out_of_office_until timestamp with time zone,
  max_open_leads      integer,
  weight              integer     not null,
  version             bigint      not null
);

-- Per team: the lock row every assignment of the team takes, and the round-robin pointer.
create table team_states (
  team_id               varchar(64) primary key,
  last_assigned_user_id varchar(64),
  updated_at            timestamp with time zone
);

-- Per team and rep: how many leads the team has given the rep (weighted fairness over time).
create table team_rep_counters (
  team_id        varchar(64) not null,
  user_id        varchar(64) not null,
  assigned_count bigint      not null,
  primary key (team_id, user_id)
);

-- Integration keys for X-API-Key; only the SHA-256 of the key is stored.
create table api_keys (
  id         bigint       primary key,
  name       varchar(100) not null unique,
  key_hash   varchar(64)  not null unique,
  created_at timestamp with time zone not null,
  revoked_at timestamp with time zone
);
create sequence api_keys_seq start with 1 increment by 50;
