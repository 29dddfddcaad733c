-- A spare server is registered with the cluster (SSH access, pinned host key, paths) but is not a member yet:
-- a rolling upgrade on replaceable resources (5.3.2.2) installs the new version on it and lets it join.
alter table cluster_server add column spare boolean default false not null;

-- In a run, a replacement server names the member it replaces (null for the members themselves).
alter table run_server add column replaces varchar(255);
