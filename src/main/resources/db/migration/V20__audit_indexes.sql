-- Indexes for the audit page, its API and exports at millions of events (see AuditSearch).
-- Every list is "newest first" = order by id desc, so each filter column is indexed together with id: the
-- database can then walk one index range in id order instead of sorting every match.

DROP INDEX ix_audit_event_actor;
DROP INDEX ix_audit_event_action;

CREATE INDEX ix_audit_event_actor_id ON audit_event (actor, id);
CREATE INDEX ix_audit_event_action_id ON audit_event (action, id);
CREATE INDEX ix_audit_event_target_id ON audit_event (target_type, target_id, id);
CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at, id);
