-- What a rep knows and where they sell, set through /api/reps: JSON arrays of strings as text
-- (like leads.tags), NULL for none.
alter table rep_profiles add column skills varchar(4000);
alter table rep_profiles add column regions varchar(4000);
