/** Extension point for channels (web chat, email, messengers, SMS, voice, loopback). */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.pishkhan.api.channel;
