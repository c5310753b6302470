-- The audit log page lists the distinct actions for its filter and filters by one, newest
-- first: both read this index instead of the whole log.
CREATE INDEX audit_action_at ON audit_log (action, at);
