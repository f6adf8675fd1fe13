package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One MeterValues sample of a session: the register in Wh, power in W, current in A, voltage in V, SoC in %. */
public record MeterSample(Instant at, BigDecimal energyWh, BigDecimal powerW, BigDecimal currentA, BigDecimal voltageV, Integer soc) {
}
