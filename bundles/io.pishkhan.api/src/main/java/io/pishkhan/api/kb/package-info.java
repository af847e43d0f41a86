/** The knowledge base: articles, full-text search for passages (bot answers, agent assist), customer feedback. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.pishkhan.api.kb;
