package io.pishkhan.security.internal;

import io.pishkhan.api.security.Authenticator;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional directory login: when configured and enabled, replaces Karaf's {@value Authenticator#REALM} JAAS realm
 * (by a higher rank) with one that tries the local users first (etc/users.properties, SSH keys), then Karaf's LDAP
 * login module. Every login path of the appliance (console, REST, shell) uses that realm after the own user store, so
 * directory users log in everywhere, with roles from their groups; lockout applies to them as to everyone.
 *
 * <p>The entries name Karaf's {@code ProxyLoginModule} with the module class and the bundle that holds it
 * ({@code org.apache.karaf.jaas.modules}), as Karaf's own realms do.
 */
@Component(configurationPid = LdapRealm.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = LdapConfig.class)
public final class LdapRealm {
    static final String PID = "io.pishkhan.security.ldap";
    static final String PROXY = "org.apache.karaf.jaas.boot.ProxyLoginModule";
    static final String PROPERTY_MODULE = "org.apache.karaf.jaas.module";
    static final String PROPERTY_BUNDLE = "org.apache.karaf.jaas.bundle";
    static final String MODULES_BUNDLE = "org.apache.karaf.jaas.modules";
    static final String LDAP = "org.apache.karaf.jaas.modules.ldap.LDAPLoginModule";
    static final String PROPERTIES = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
    static final String PUBLICKEY = "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule";
    private static final Logger LOG = LoggerFactory.getLogger(LdapRealm.class);

    /** Karaf's JAAS settings (pid org.apache.karaf.jaas): the password encryption of etc/users.properties. */
    static final String KARAF_JAAS_PID = "org.apache.karaf.jaas";

    private final BundleContext context;
    private final org.osgi.service.cm.ConfigurationAdmin configAdmin;
    private ServiceRegistration<JaasRealm> registration;

    @Activate
    public LdapRealm(BundleContext context, @org.osgi.service.component.annotations.Reference
            org.osgi.service.cm.ConfigurationAdmin configAdmin, LdapConfig config) {
        this.context = context;
        this.configAdmin = configAdmin;
        apply(config);
    }

    /**
     * The options Karaf's own realm gives its properties module: password encryption (users.properties holds
     * {CRYPT} hashes when encryption.enabled) and detailed login exceptions. Without them a local user's hashed
     * password never matches (seen in the ITs: JMX and console logins of users.properties users failed).
     */
    private Map<String, String> karafPropertiesOptions() {
        Map<String, String> out = new HashMap<>();
        try {
            Dictionary<String, Object> p = configAdmin.getConfiguration(KARAF_JAAS_PID, null).getProperties();
            if (p != null) {
                for (java.util.Enumeration<String> e = p.keys(); e.hasMoreElements();) {
                    String k = e.nextElement();
                    if (k.startsWith("encryption.") || k.equals("detailed.login.exception")) {
                        out.put(k, String.valueOf(p.get(k)));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("cannot read {}: local logins may fail if users.properties holds hashes", KARAF_JAAS_PID, e);
        }
        return out;
    }

    @Modified
    synchronized void apply(LdapConfig config) {
        unregister();
        if (!config.enabled()) {
            LOG.info("directory (LDAP) login is configured but disabled");
            return;
        }
        Bundle modules = null;
        for (Bundle b : context.getBundles()) {
            if (MODULES_BUNDLE.equals(b.getSymbolicName())) {
                modules = b;
            }
        }
        if (modules == null) {
            LOG.error("directory (LDAP) login needs Karaf's {} bundle (feature jaas); local logins only", MODULES_BUNDLE);
            return;
        }
        AppConfigurationEntry[] entries = entries(config, modules.getBundleId(), context,
                System.getProperty("karaf.etc", "etc"), karafPropertiesOptions());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(org.osgi.framework.Constants.SERVICE_RANKING, config.rank());
        registration = context.registerService(JaasRealm.class, new JaasRealm() {
            @Override
            public String getName() {
                return Authenticator.REALM;
            }

            @Override
            public int getRank() {
                return config.rank();
            }

            @Override
            public AppConfigurationEntry[] getEntries() {
                return entries.clone();
            }
        }, props);
        LOG.info("directory (LDAP) login enabled: {} (users under {})", config.connection_url(), config.user_base_dn());
    }

    /** The realm's modules: local users and SSH keys first (they work when the directory is down), then LDAP. */
    static AppConfigurationEntry[] entries(LdapConfig c, long modulesBundle, Object bundleContext, String etc,
            Map<String, String> karafOptions) {
        List<AppConfigurationEntry> out = new ArrayList<>();
        Map<String, String> local = new HashMap<>(karafOptions);
        local.put("users", etc + "/users.properties");
        out.add(entry(PROPERTIES, local, modulesBundle, bundleContext));
        out.add(entry(PUBLICKEY, Map.of("users", etc + "/keys.properties"), modulesBundle, bundleContext));
        Map<String, String> ldap = new HashMap<>();
        ldap.put("connection.url", c.connection_url());
        putIfSet(ldap, "connection.username", c.connection_username());
        putIfSet(ldap, "connection.password", c.connection_password());
        ldap.put("user.base.dn", c.user_base_dn());
        ldap.put("user.filter", c.user_filter());
        ldap.put("user.search.subtree", Boolean.toString(c.user_search_subtree()));
        ldap.put("role.base.dn", c.role_base_dn());
        ldap.put("role.filter", c.role_filter());
        ldap.put("role.name.attribute", c.role_name_attribute());
        ldap.put("role.search.subtree", Boolean.toString(c.role_search_subtree()));
        putIfSet(ldap, "role.mapping", c.role_mapping());
        ldap.put("authentication", c.authentication());
        ldap.put("initial.context.factory", "com.sun.jndi.ldap.LdapCtxFactory");
        ldap.put("allowEmptyPasswords", "false");
        out.add(entry(LDAP, ldap, modulesBundle, bundleContext));
        return out.toArray(new AppConfigurationEntry[0]);
    }

    private static void putIfSet(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value.strip());
        }
    }

    private static AppConfigurationEntry entry(String module, Map<String, String> options, long bundle,
            Object bundleContext) {
        Map<String, Object> o = new HashMap<>(options);
        o.put(PROPERTY_MODULE, module);
        o.put(PROPERTY_BUNDLE, Long.toString(bundle));
        if (bundleContext != null) {
            o.put(BundleContext.class.getName(), bundleContext);
        }
        return new AppConfigurationEntry(PROXY, AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, o);
    }

    @Deactivate
    synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
            registration = null;
        }
    }
}
