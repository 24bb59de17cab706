-- A mail that cannot be delivered is parked instead of being tried hourly for ever: at once when the server refuses
-- its address for good (malformed, or an SMTP 5xx for the recipient), else after truongso.mail.max-attempts
-- failures. A parked row is never claimed again; last_error says why; it is deleted with the sent ones after
-- truongso.mail.keep-sent.
alter table mail_outbox add column parked_at timestamp with time zone;
