/** Administration services: plugins, configuration forms from metatype, backup and restore. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.pishkhan.api.admin;
