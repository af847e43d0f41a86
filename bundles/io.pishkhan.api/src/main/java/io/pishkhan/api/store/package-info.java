/** Storage SPI: the only way to reach persisted conversations; implementations are swappable (Derby, PostgreSQL). */
@org.osgi.annotation.versioning.Version("1.3.0")
package io.pishkhan.api.store;
