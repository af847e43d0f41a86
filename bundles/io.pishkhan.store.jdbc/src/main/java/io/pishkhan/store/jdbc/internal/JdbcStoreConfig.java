package io.pishkhan.store.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the JDBC conversation store, PID {@value JdbcConversationStore#PID}
 * (file {@code etc/io.pishkhan.store.jdbc.cfg}).
 */
@ObjectClassDefinition(id = JdbcConversationStore.PID, name = "Pishkhan JDBC conversation store",
        description = "Stores customers, conversations, messages and conversation events in a relational database"
                + " reached through a javax.sql.DataSource service (embedded Derby by default). The schema is"
                + " migrated to the version this bundle ships when the store starts.")
public @interface JdbcStoreConfig {
    /**
     * LDAP filter selecting the {@code javax.sql.DataSource} service. The property name {@code dataSource.target}
     * is the Declarative Services convention for the target of the reference named {@code dataSource}.
     */
    @AttributeDefinition(name = "Data source", description = "LDAP filter selecting the javax.sql.DataSource"
            + " service to use, e.g. (dataSourceName=pishkhan) for the data source pax-jdbc-config creates from"
            + " etc/org.ops4j.datasource-pishkhan.cfg.")
    String dataSource_target() default "(dataSourceName=pishkhan)";

    @AttributeDefinition(name = "SQL dialect", description = "Database dialect; auto detects it from the JDBC"
            + " driver's product name.", options = {
                @Option(label = "Detect from the connection", value = "auto"),
                @Option(label = "Apache Derby", value = "derby"),
                @Option(label = "PostgreSQL", value = "postgresql") })
    String dialect() default "auto";
}
