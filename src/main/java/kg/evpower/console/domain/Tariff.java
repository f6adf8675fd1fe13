package kg.evpower.console.domain;

import java.math.BigDecimal;

/** Station tariff in som: price per kWh and the session fee. */
public record Tariff(BigDecimal pricePerKwh, BigDecimal sessionFee, String currency) {
}
