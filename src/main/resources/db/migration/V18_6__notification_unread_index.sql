-- The pages' bell counts a person's unread notifications on every page; read-all marks them.
create index notification_unread_idx on notification (recipient, read_at);
