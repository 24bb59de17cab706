-- Each person's explicit choice of how to hear of a category of notifications by e-mail (issue 14).
-- Only choices that differ from the role's default are kept; the defaults are computed.
create table notification_preference (
    username   varchar(64) not null,
    category   varchar(20) not null,
    delivery   varchar(10) not null,
    changed_at timestamp with time zone not null,
    primary key (username, category)
);
