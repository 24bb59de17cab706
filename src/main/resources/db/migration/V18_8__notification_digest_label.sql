-- What the morning digest counts a notification as, when the step that caused it says so: a user task's BPMN
-- property digestLabel ("kế hoạch bài dạy chờ duyệt"), so a head reads "Thầy/Cô có 12 kế hoạch bài dạy chờ duyệt".
-- Null for older rows and for notifications counted by their kind.
alter table notification add column digest_label varchar(200);
