package dev.recsys.embedded.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker the extension owns. JUnit closes store values that are a {@code CloseableResource} (up to 5.12)
 * or an {@link AutoCloseable} (from 5.13 on); being both keeps the broker closed across JUnit versions,
 * and a single {@code close()} satisfies the two.
 */
@SuppressWarnings("deprecation")
interface ManagedBroker extends KafkaBroker, ExtensionContext.Store.CloseableResource, AutoCloseable {

    @Override
    void close();
}
