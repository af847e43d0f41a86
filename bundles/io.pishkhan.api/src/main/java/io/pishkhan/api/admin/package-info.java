/** Administration services: plugins, configuration forms from metatype, backup and restore, configuration transfer. */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.pishkhan.api.admin;
