package kg.evpower.console.platform;

import java.net.URI;

/**
 * The built-in sandbox as the console sees it: something that starts on a free loopback port and stops. The launcher
 * provides the implementation, so no console class depends on the sandbox's.
 */
public interface EmbeddedServer extends AutoCloseable {

    /** Starts (blocking, off the FX thread) and returns the base URI. */
    URI start();

    @Override
    void close();
}
