package kg.evpower.console.domain;

/** Connector counts of a station or location: free, busy and faulted (faulted includes unavailable on /station/status). */
public record ConnectorCounts(int total, int free, int busy, int faulted) {

    public static final ConnectorCounts NONE = new ConnectorCounts(0, 0, 0, 0);
}
