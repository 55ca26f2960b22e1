package io.arbiter.lifetimevalue;

import org.infinispan.protostream.annotations.Proto;

/**
 * The lifetime-value fits: the last id handed out, the fit whose parameters score customers (0: none) and that fit
 * as completed ({@code null} in a pointer stored before it carried one). The current fit is written here first and
 * in one atomic update with the switch, so no reader sees a fit completed that is not yet current, and a crash
 * before its own record is rewritten loses nothing ({@link FitStore}).
 */
@Proto
public record ModelPointer(long latest, long current, StoredFit currentFit) {
}
