/** Services the core offers to channels, the console and other bundles. */
@org.osgi.annotation.versioning.Version("1.3.0")
package io.pishkhan.api.conversation;
