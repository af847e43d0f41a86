package io.pishkhan.backup.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pishkhan backup",
        description = "Online backups of the embedded Derby database and the configuration files")
public @interface BackupConfig {
    @AttributeDefinition(name = "Folder", description = "Where backups are written; relative paths are under the"
            + " appliance's home folder")
    String directory() default "backups";

    @AttributeDefinition(name = "Configuration files", description = "Glob patterns of files in etc/ copied into"
            + " each backup")
    String[] etcFiles() default {"io.pishkhan.*.cfg", "org.ops4j.datasource-pishkhan.cfg", "users.properties",
        "org.ops4j.pax.web.cfg"};

    @AttributeDefinition(name = "Keep", description = "Number of backups kept; older ones are deleted after a new"
            + " backup (0 = keep all)", min = "0", max = "1000")
    int keep() default 14;

    @AttributeDefinition(name = "Daily at", description = "Local time HH:mm of the daily automatic backup; empty ="
            + " no automatic backup")
    String dailyAt() default "03:00";
}
