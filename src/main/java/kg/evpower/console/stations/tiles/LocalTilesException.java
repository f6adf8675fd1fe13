package kg.evpower.console.stations.tiles;

import java.io.IOException;

/** A local tiles file that cannot be used, with the kind of problem for a translated message and the detail in English. */
public final class LocalTilesException extends IOException {

    /** What is wrong with the file, in terms an operator can act on. */
    public enum Reason {
        /** The path does not name a file. */
        NOT_FOUND,
        /** Neither an MBTiles nor a PMTiles file. */
        NOT_TILES,
        /** Truncated, half-written or otherwise unreadable. */
        DAMAGED,
        /** Vector tiles, which the map cannot draw. */
        VECTOR,
        /** A format version, tile type or compression this reader does not handle. */
        UNSUPPORTED
    }

    private final Reason reason;

    public LocalTilesException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public LocalTilesException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
