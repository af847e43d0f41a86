/** Domain model shared by every Pishkhan bundle: immutable records, no framework types. */
@org.osgi.annotation.versioning.Version("1.3.0")
package io.pishkhan.api.model;
