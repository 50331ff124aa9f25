package org.openvpp.gateway.ocpp;

/**
 * A charger's meter as the device protocol wants it (docs/units.md): registers in whole Wh, power
 * in W with + = export (so a charging EV is negative), state of charge in ‰ (0 when not reported).
 *
 * @param identity the charge point identity
 * @param floorChargeW the lowest charging power, W (≥ 0), a dispatch over the next quarter hour may
 *     ask for under the departure rule; 0 when the owner's need leaves room to pause
 * @param maxChargeW the highest charging power, W, now (0 when no EV is connected)
 */
public record ChargerReading(
    String identity,
    long timestampMs,
    long importWh,
    long exportWh,
    long powerW,
    int socPermille,
    long floorChargeW,
    long maxChargeW) {}
