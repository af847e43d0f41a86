/** Language understanding: intent classification (trained in the appliance, versioned models) and slot extraction. */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.pishkhan.api.nlu;
