package vn.truongso.school;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Camunda's identity service reads TruongSo's own tables: users, role and subject-group groups, one tenant per
 * organisation. Candidate groups in BPMN, the inbox and the Camunda webapps therefore see the same people, and there
 * is no second copy of accounts or passwords to keep in step.
 */
@Component
class CamundaIdentity extends AbstractProcessEnginePlugin {

    private final ObjectProvider<UserDirectory> directory;
    private final ObjectProvider<PasswordEncoder> passwords;

    CamundaIdentity(ObjectProvider<UserDirectory> directory, ObjectProvider<PasswordEncoder> passwords) {
        this.directory = directory;
        this.passwords = passwords;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl config) {
        config.setTenantIdProvider(new OrganisationTenants());
        config.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity definition) {
                definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                        (ExecutionListener) CamundaIdentity::calledForAnotherOrganisation);
            }
        });
        config.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return ReadOnlyIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new Provider();
            }
        });
    }

    /**
     * The engine gives a called process its caller's tenant. A process called for another organisation (an office's
     * campaign calling each school's report) names that organisation in its {@code tenantId} input: it then runs in
     * that organisation's tenant, so its tasks reach that organisation's inbox. Set before any task or job exists.
     */
    static void calledForAnotherOrganisation(DelegateExecution execution) {
        ExecutionEntity instance = (ExecutionEntity) execution;
        if (!instance.isProcessInstanceExecution() || instance.getSuperExecutionId() == null) {
            return;
        }
        Object tenant = instance.getVariableLocal("tenantId");
        if (tenant != null && !tenant.toString().equals(instance.getTenantId())) {
            instance.setTenantId(tenant.toString());
            // the inputs it was started with were created in the caller's tenant
            instance.getVariablesInternal().forEach(v -> v.setTenantId(tenant.toString()));
        }
    }

    /**
     * One tenant per organisation: a process started for a school runs in that school's tenant (variable
     * {@code tenantId}); a sub-process inherits its caller's tenant.
     */
    static class OrganisationTenants implements TenantIdProvider {
        @Override
        public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
            if (ctx.getSuperExecution() != null) {
                return ctx.getSuperExecution().getTenantId();
            }
            Object tenant = ctx.getVariables().get("tenantId");
            return tenant == null ? null : tenant.toString();
        }

        @Override
        public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
            return null;
        }

        @Override
        public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
            return ctx.getExecution() == null ? null : ctx.getExecution().getTenantId();
        }
    }

    private UserDirectory dir() {
        return directory.getObject();
    }

    private static UserEntity user(CurrentUser u) {
        UserEntity e = new UserEntity(u.username());
        // Vietnamese names run family name first; Camunda shows "first last", so the split keeps the natural order.
        String name = u.fullName().trim();
        int cut = name.lastIndexOf(' ');
        e.setFirstName(cut > 0 ? name.substring(0, cut) : name);
        e.setLastName(cut > 0 ? name.substring(cut + 1) : "");
        e.setEmail(u.username() + "@truongso.local");
        return e;
    }

    private static GroupEntity group(UserDirectory.GroupView g) {
        GroupEntity e = new GroupEntity(g.id());
        e.setName(g.name());
        e.setType(g.type());
        return e;
    }

    private static TenantEntity tenant(UserDirectory.OrganisationView o) {
        TenantEntity e = new TenantEntity(o.code());
        e.setName(o.name());
        return e;
    }

    /** SQL LIKE as Camunda passes it ("%an%") to a case-insensitive regex. */
    static Predicate<String> like(String pattern) {
        if (pattern == null) {
            return s -> true;
        }
        String regex = Pattern.quote(pattern).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return s -> s != null && p.matcher(s).matches();
    }

    static Predicate<String> eq(String value) {
        return s -> value == null || value.equals(s);
    }

    static Predicate<String> in(String[] values) {
        return s -> values == null || List.of(values).contains(s);
    }

    static <T> List<T> page(Stream<T> stream, Page page) {
        if (page != null) {
            stream = stream.skip(page.getFirstResult()).limit(page.getMaxResults());
        }
        return stream.toList();
    }

    class Provider implements ReadOnlyIdentityProvider {

        @Override
        public User findUserById(String userId) {
            return dir().find(userId).map(CamundaIdentity::user).orElse(null);
        }

        @Override
        public UserQuery createUserQuery() {
            return new Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
        }

        @Override
        public UserQuery createUserQuery(CommandContext commandContext) {
            return new Users();
        }

        @Override
        public NativeUserQuery createNativeUserQuery() {
            throw new UnsupportedOperationException("Native user queries are not supported: users live in TruongSo");
        }

        @Override
        public boolean checkPassword(String userId, String password) {
            String hash = dir().passwordHash(userId);
            return hash != null && password != null && passwords.getObject().matches(password, hash);
        }

        @Override
        public Group findGroupById(String groupId) {
            return dir().groups().stream().filter(g -> g.id().equals(groupId)).findFirst()
                    .map(CamundaIdentity::group).orElse(null);
        }

        @Override
        public GroupQuery createGroupQuery() {
            return new Groups_(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
        }

        @Override
        public GroupQuery createGroupQuery(CommandContext commandContext) {
            return new Groups_();
        }

        @Override
        public Tenant findTenantById(String tenantId) {
            return dir().organisations().stream().filter(o -> o.code().equals(tenantId)).findFirst()
                    .map(CamundaIdentity::tenant).orElse(null);
        }

        @Override
        public TenantQuery createTenantQuery() {
            return new Tenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
        }

        @Override
        public TenantQuery createTenantQuery(CommandContext commandContext) {
            return new Tenants();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    class Users extends UserQueryImpl {
        Users() {
        }

        Users(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        private Stream<CurrentUser> matching() {
            return dir().all().stream()
                    .filter(u -> eq(id).test(u.username()) && in(ids).test(u.username()))
                    .filter(u -> groupId == null || u.groups().contains(groupId))
                    .filter(u -> tenantId == null || tenantId.equals(u.organisationCode()))
                    .filter(u -> {
                        User e = user(u);
                        return eq(firstName).test(e.getFirstName()) && like(firstNameLike).test(e.getFirstName())
                                && eq(lastName).test(e.getLastName()) && like(lastNameLike).test(e.getLastName())
                                && eq(email).test(e.getEmail()) && like(emailLike).test(e.getEmail());
                    });
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching().count();
        }

        @Override
        public List<User> executeList(CommandContext commandContext, Page page) {
            return page(matching().sorted(Comparator.comparing(CurrentUser::username)).map(CamundaIdentity::user)
                    .map(User.class::cast), page);
        }
    }

    class Groups_ extends GroupQueryImpl {
        Groups_() {
        }

        Groups_(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        private Stream<UserDirectory.GroupView> matching() {
            List<String> ofUser = userId == null ? null
                    : dir().find(userId).map(CurrentUser::groups).orElse(List.of());
            return dir().groups().stream()
                    .filter(g -> eq(id).test(g.id()) && in(ids).test(g.id()))
                    .filter(g -> eq(name).test(g.name()) && like(nameLike).test(g.name()) && eq(type).test(g.type()))
                    .filter(g -> ofUser == null || ofUser.contains(g.id()))
                    .filter(g -> tenantId == null || tenantId.equals(g.organisationCode()));
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching().count();
        }

        @Override
        public List<Group> executeList(CommandContext commandContext, Page page) {
            return page(matching().map(CamundaIdentity::group).map(Group.class::cast), page);
        }
    }

    class Tenants extends TenantQueryImpl {
        Tenants() {
        }

        Tenants(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        private Stream<UserDirectory.OrganisationView> matching() {
            String memberOrg = userId == null ? null
                    : dir().find(userId).map(CurrentUser::organisationCode).orElse("");
            return dir().organisations().stream()
                    .filter(o -> eq(id).test(o.code()) && in(ids).test(o.code()))
                    .filter(o -> eq(name).test(o.name()) && like(nameLike).test(o.name()))
                    .filter(o -> memberOrg == null || memberOrg.equals(o.code()))
                    .filter(o -> groupId == null || groupId.startsWith(o.code() + ".") || groupId.startsWith(o.code() + "-"));
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching().count();
        }

        @Override
        public List<Tenant> executeList(CommandContext commandContext, Page page) {
            return page(matching().map(CamundaIdentity::tenant).map(Tenant.class::cast), page);
        }
    }
}
