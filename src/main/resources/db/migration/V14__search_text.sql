-- Accent-insensitive search: each searchable row keeps its words lower case without diacritics (filled for existing
-- rows by the Java migration V15). Portable H2 / PostgreSQL.
alter table document add column search_text varchar(1000);
alter table outgoing_register_entry add column search_text varchar(2000);
alter table incoming_register_entry add column search_text varchar(1000);
