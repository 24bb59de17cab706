/**
 * Schools and people: the tree of education offices and schools, subject groups (tổ chuyên môn), user accounts and
 * their roles, HTTP security, and the Camunda identity view of the same tables.
 *
 * <p>Public surface for the other capabilities: {@link vn.truongso.school.UserDirectory} (who is who),
 * {@link vn.truongso.school.CurrentUser}, {@link vn.truongso.school.Role} (with the title a signing block prints),
 * {@link vn.truongso.school.Groups} (candidate group names), and {@link vn.truongso.school.Delegations}: the
 * delegations of a principal's approvals to a vice-principal (ký thay) in force today, which the inbox turns into
 * the principal's tasks for the delegate — a contract: a delegation opens only the principal group of the
 * delegate's own school, only for the processes its {@link vn.truongso.school.DelegationScope} covers, only between
 * its dates (Vietnam time) and only while the delegate is still a vice-principal there; {@code actingFor(group,
 * process)} answers the same rule the other way round (who acts for a principal group: notification tells them of its
 * new tasks). Changes are published as {@link vn.truongso.school.DelegationChanged} for the audit trail and the
 * notifications.
 *
 * <p>Every password check goes through the login throttle, whose wrong-password counts and locks live in the
 * database ({@code login_attempt}), so all nodes on one database count and lock alike. An API client may instead
 * prove its password once ({@code POST /api/auth/token}) and send the bearer token it gets; tokens are kept only as
 * their SHA-256 ({@code api_token}), read on every request without a cache, so a token made or revoked on one node
 * holds on all.
 *
 * <p>Tenancy: every process instance runs in the tenant of its organisation (its {@code tenantId} start variable,
 * read by the tenant id provider in {@code CamundaIdentity}); {@link vn.truongso.school.Tenancy#acrossTenants} is the
 * one way a process module reaches an instance of another organisation (a correlation by instance id), so no process
 * module touches the engine's internals.
 */
package vn.truongso.school;
