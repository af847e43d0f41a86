package io.pishkhan.api.store;

import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage SPI for routing rule set versions and the live deployment. */
public interface RuleSetStore {
    /** Saves a new version; numbers are 1, 2, 3... */
    RuleSetVersion saveVersion(String source, String author, String comment, Instant at);

    /** Newest first. */
    List<RuleSetVersion> versions();

    Optional<RuleSetVersion> version(int version);

    void saveDeployment(RuleDeployment deployment);

    /** The live deployment, {@link RuleDeployment#NONE} when nothing was ever deployed. */
    RuleDeployment deployment();
}
