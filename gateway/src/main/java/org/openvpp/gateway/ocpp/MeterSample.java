package org.openvpp.gateway.ocpp;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * What one OCPP {@code MeterValue} says about a charger, in base units: Wh, W, %. Power is as OCPP
 * measures it (import = into the EV); the sign convention of docs/units.md is applied later.
 *
 * @param importWh Energy.Active.Import.Register
 * @param exportWh Energy.Active.Export.Register (V2G chargers only)
 * @param importW Power.Active.Import
 * @param exportW Power.Active.Export
 * @param socPercent SoC, reported by DC chargers and some AC ones
 */
public record MeterSample(
    Instant timestamp,
    OptionalDouble importWh,
    OptionalDouble exportWh,
    OptionalDouble importW,
    OptionalDouble exportW,
    OptionalDouble socPercent) {}
