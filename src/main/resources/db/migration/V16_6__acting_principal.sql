-- Signing titles as Decree 30/2020 writes them (issue 16): the authority line of a signing block.
-- An acting principal (quyền hiệu trưởng) signs as "Q. HIỆU TRƯỞNG".
alter table user_account add column acting boolean default false not null;
