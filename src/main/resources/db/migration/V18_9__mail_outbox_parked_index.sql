-- The parked-mail gauge counts parked rows on every metrics scrape. mail_outbox keeps 30 days of sent mail (a
-- province: hundreds of thousands of rows), so without this index each scrape read the whole table: 194 ms on
-- PostgreSQL at 600 000 rows, 0.06 ms with it (an index-only scan of the few non-null entries). The daily clean-up's
-- "parked before" uses it too.
create index mail_outbox_parked_idx on mail_outbox (parked_at);
