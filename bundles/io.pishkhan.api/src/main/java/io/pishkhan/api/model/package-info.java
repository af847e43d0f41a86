/** Domain model shared by every Pishkhan bundle: immutable records, no framework types. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.pishkhan.api.model;
