/** Extension point for chatbot engines. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.pishkhan.api.bot;
