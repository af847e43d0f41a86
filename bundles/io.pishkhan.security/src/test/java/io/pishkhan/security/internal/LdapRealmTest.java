package io.pishkhan.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.junit.jupiter.api.Test;

class LdapRealmTest {
    /** The configuration as an admin would save it for Active Directory. */
    static LdapConfig config(String bindDn, String mapping) {
        return new LdapConfig() {
            @Override public Class<? extends Annotation> annotationType() { return LdapConfig.class; }
            @Override public boolean enabled() { return true; }
            @Override public String connection_url() { return "ldap://dc1.corp.example:389"; }
            @Override public String connection_username() { return bindDn; }
            @Override public String connection_password() { return bindDn.isEmpty() ? "" : "s3cret"; }
            @Override public String user_base_dn() { return "cn=Users,dc=corp,dc=example"; }
            @Override public String user_filter() { return "(sAMAccountName=%u)"; }
            @Override public boolean user_search_subtree() { return true; }
            @Override public String role_base_dn() { return "ou=Groups,dc=corp,dc=example"; }
            @Override public String role_filter() { return "(member=%fqdn)"; }
            @Override public String role_name_attribute() { return "cn"; }
            @Override public boolean role_search_subtree() { return false; }
            @Override public String role_mapping() { return mapping; }
            @Override public String authentication() { return "simple"; }
            @Override public int rank() { return 10; }
        };
    }

    @Test
    void localUsersFirstThenTheDirectoryEachThroughKarafsProxyModule() {
        AppConfigurationEntry[] e = LdapRealm.entries(config("cn=svc,dc=corp,dc=example",
                "pishkhan-admins=admin;pishkhan-agents=agent"), 42, null, "/opt/pishkhan/etc",
                Map.of("encryption.enabled", "true", "encryption.algorithm", "SHA-512"));
        assertEquals(List.of(LdapRealm.PROPERTIES, LdapRealm.PUBLICKEY, LdapRealm.LDAP),
                java.util.Arrays.stream(e).map(x -> x.getOptions().get(LdapRealm.PROPERTY_MODULE)).toList());
        for (AppConfigurationEntry x : e) {
            assertEquals(LdapRealm.PROXY, x.getLoginModuleName());
            assertEquals(AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, x.getControlFlag());
            assertEquals("42", x.getOptions().get(LdapRealm.PROPERTY_BUNDLE), "loaded from the modules bundle");
        }
        assertEquals("/opt/pishkhan/etc/users.properties", e[0].getOptions().get("users"));
        assertEquals("true", e[0].getOptions().get("encryption.enabled"), "Karaf's password hashing for local users");
        assertEquals("SHA-512", e[0].getOptions().get("encryption.algorithm"));
        Map<String, ?> ldap = e[2].getOptions();
        assertEquals("ldap://dc1.corp.example:389", ldap.get("connection.url"));
        assertEquals("cn=svc,dc=corp,dc=example", ldap.get("connection.username"));
        assertEquals("s3cret", ldap.get("connection.password"));
        assertEquals("(sAMAccountName=%u)", ldap.get("user.filter"));
        assertEquals("false", ldap.get("role.search.subtree"));
        assertEquals("pishkhan-admins=admin;pishkhan-agents=agent", ldap.get("role.mapping"));
        assertEquals("false", ldap.get("allowEmptyPasswords"), "an empty password never binds anonymously");
    }

    @Test
    void anonymousSearchAndNoMappingLeaveTheOptionsOut() {
        Map<String, ?> ldap = LdapRealm.entries(config("", " "), 1, null, "etc", Map.of())[2].getOptions();
        assertFalse(ldap.containsKey("connection.username"));
        assertFalse(ldap.containsKey("connection.password"));
        assertFalse(ldap.containsKey("role.mapping"));
    }
}
