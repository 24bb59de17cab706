/**
 * Schools and people: the tree of education offices and schools, subject groups (tổ chuyên môn), user accounts and
 * their roles, HTTP security, and the Camunda identity view of the same tables.
 */
package vn.truongso.school;
