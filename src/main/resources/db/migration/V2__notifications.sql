-- Where people are reached besides their Camunda e-mail address: reps, managers, anyone.
create table user_contacts (
  user_id          varchar(64)  primary key,
  mobile           varchar(32),
  dingtalk_user_id varchar(64),
  wecom_user_id    varchar(64),
  locale           varchar(16)
);

create sequence notifications_seq start with 1 increment by 50;

-- One row per thing people must hear about, written in the transaction that made it happen.
-- delivered_at stays empty until every delivery of it went out.
create table notifications (
  id           bigint       primary key,
  lead_id      bigint       not null references leads (id),
  event        varchar(32)  not null,
  team         varchar(64),
  rep          varchar(64),
  reason       varchar(2000),
  sla_due_at   timestamp with time zone,
  created_at   timestamp with time zone not null,
  delivered_at timestamp with time zone
);
create index ix_notifications_pending on notifications (lead_id, event, delivered_at);

create sequence notification_deliveries_seq start with 1 increment by 50;

-- One row per notification, channel and recipient: what makes a retried job skip what was sent.
create table notification_deliveries (
  id                bigint        primary key,
  notification_id   bigint        not null references notifications (id),
  lead_id           bigint        not null references leads (id),
  channel           varchar(16)   not null,
  recipient         varchar(64)   not null,
  address           varchar(254),
  status            varchar(16)   not null,
  attempts          integer       not null,
  last_error        varchar(2000),
  provider_response varchar(2000),
  created_at        timestamp with time zone not null,
  sent_at           timestamp with time zone,
  version           bigint        not null,
  constraint ux_notification_deliveries unique (notification_id, channel, recipient)
);
create index ix_notification_deliveries_lead on notification_deliveries (lead_id, id);
