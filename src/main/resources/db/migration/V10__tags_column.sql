-- A lead's tags as a JSON list: up to 50 of up to 100 characters each, which with JSON's quotes
-- and escapes can take more than the 4,000 characters of V1 (intake.LeadConstraints checks the
-- list against this width before it is stored). The same statement on PostgreSQL and H2.
alter table leads alter column tags set data type varchar(12000);
