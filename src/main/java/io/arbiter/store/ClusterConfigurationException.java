package io.arbiter.store;

/** A cluster setting that cannot work; the message starts with the property's name. The node does not start. */
public class ClusterConfigurationException extends RuntimeException {

    public ClusterConfigurationException(String property, String problem) {
        super(property + ": " + problem);
    }

    public ClusterConfigurationException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
    }
}
