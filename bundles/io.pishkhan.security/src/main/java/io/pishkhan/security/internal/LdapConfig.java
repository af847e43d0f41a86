package io.pishkhan.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration {@value LdapRealm#PID}: login of directory users (OpenLDAP, Active Directory) through Karaf's JAAS
 * LDAP module. The keys after {@code enabled} and {@code rank} are the LDAP module's own options
 * ({@code org.apache.karaf.jaas.modules.ldap.LDAPOptions}).
 */
@ObjectClassDefinition(name = "Pishkhan LDAP / Active Directory login",
        description = "Directory users log in to the console, the REST API and the shell with their directory"
                + " password; their groups become Pishkhan roles through the role mapping. Local users"
                + " (etc/users.properties and the appliance's user store) keep working when the directory is down.")
public @interface LdapConfig {
    @AttributeDefinition(name = "Enabled", description = "Accept directory users")
    boolean enabled() default false;

    @AttributeDefinition(name = "Directory URL", description = "ldap://host:389 or ldaps://host:636")
    String connection_url() default "ldap://localhost:389";

    @AttributeDefinition(name = "Bind DN", description = "Account that searches users and groups; empty: anonymous"
            + " search", required = false)
    String connection_username() default "";

    @AttributeDefinition(name = "Bind password", type = AttributeType.PASSWORD, required = false)
    String connection_password() default "";

    @AttributeDefinition(name = "User base DN", description = "Where users are searched, e.g."
            + " ou=people,dc=example,dc=com (AD: cn=Users,dc=corp,dc=example)")
    String user_base_dn() default "ou=people,dc=example,dc=com";

    @AttributeDefinition(name = "User filter", description = "%u is the login name; AD: (sAMAccountName=%u)")
    String user_filter() default "(uid=%u)";

    @AttributeDefinition(name = "Search users in subtrees")
    boolean user_search_subtree() default true;

    @AttributeDefinition(name = "Group base DN", description = "Where groups are searched")
    String role_base_dn() default "ou=groups,dc=example,dc=com";

    @AttributeDefinition(name = "Group filter", description = "%u login name, %dn the user's DN, %fqdn the full DN;"
            + " AD: (member=%fqdn)")
    String role_filter() default "(member=%fqdn)";

    @AttributeDefinition(name = "Group name attribute")
    String role_name_attribute() default "cn";

    @AttributeDefinition(name = "Search groups in subtrees")
    boolean role_search_subtree() default true;

    @AttributeDefinition(name = "Role mapping", description = "Directory group = Pishkhan roles, separated by ;"
            + " e.g. pishkhan-admins=admin;pishkhan-supervisors=supervisor,agent;pishkhan-agents=agent."
            + " Without a mapping the group names are the roles.", required = false)
    String role_mapping() default "";

    @AttributeDefinition(name = "Authentication", options = {@Option(label = "simple", value = "simple"),
            @Option(label = "none", value = "none")})
    String authentication() default "simple";

    @AttributeDefinition(name = "Rank", description = "Realm rank: above Karaf's own realm (0) so that this one is"
            + " used", min = "1", max = "1000")
    int rank() default 10;
}
