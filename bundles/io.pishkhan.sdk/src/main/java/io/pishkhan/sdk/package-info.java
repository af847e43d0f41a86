/**
 * The Pishkhan vendor SDK: write a channel as a PF4J plugin without knowing OSGi. Implement {@link
 * io.pishkhan.sdk.ChannelPlugin}, mark it {@code @org.pf4j.Extension}, compile against this jar and PF4J with
 * {@code provided} scope (never bundle them), and ship a zip or jar with a PF4J descriptor.
 */
package io.pishkhan.sdk;
