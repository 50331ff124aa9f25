// An OCPP 1.6J charge point built on ocpp-rpc (an implementation we did not write), driven by the
// gateway's interop tests. It boots, reports status and meter values, and obeys charging profiles
// by changing the power it reports. ocpp-rpc's strict mode validates every message both ways
// against the OCPP 1.6 JSON schemas, so a malformed request from the central system fails here.
//
// Usage: node charge-point.mjs '<json options>'; one JSON event per stdout line; commands on stdin
// as JSON lines: {"cmd":"replay"} re-sends the last meter value, {"cmd":"rollback"} sends one with
// a lower register, {"cmd":"stop"} ends.
import rpc from "ocpp-rpc";
import { createInterface } from "node:readline";

const { RPCClient } = rpc;
const o = JSON.parse(process.argv[2]);
const phases = o.phases ?? 3;
const voltage = o.voltage ?? 230;
const maxPowerW = o.maxPowerW ?? 11000;
const intervalMs = o.intervalMs ?? 200;
let registerWh = o.meterStartWh ?? 1000;
let socPercent = 20;
let profile = null; // {limitW, validFrom, validTo, purpose}
let lastMeterValue = null;
let lastMs = Date.now();
let timer = null;

const emit = (event) => process.stdout.write(JSON.stringify(event) + "\n");

const client = new RPCClient({
  endpoint: o.url,
  identity: o.identity,
  protocols: ["ocpp1.6"],
  strictMode: true,
  reconnect: false,
});

function limitW(now) {
  if (!profile || now < profile.validFrom || now >= profile.validTo) {
    return maxPowerW;
  }
  return Math.min(maxPowerW, profile.limitW);
}

client.handle("SetChargingProfile", ({ params }) => {
  const p = params.csChargingProfiles;
  const s = p.chargingSchedule;
  const period = s.chargingSchedulePeriod[0];
  const w = s.chargingRateUnit === "A" ? period.limit * (period.numberPhases ?? phases) * voltage : period.limit;
  profile = {
    limitW: w,
    validFrom: Date.parse(p.validFrom ?? s.startSchedule ?? new Date().toISOString()),
    validTo: p.validTo ? Date.parse(p.validTo) : Infinity,
    purpose: p.chargingProfilePurpose,
  };
  emit({ event: "profile", purpose: p.chargingProfilePurpose, unit: s.chargingRateUnit, limit: period.limit, limitW: w, connectorId: params.connectorId, transactionId: p.transactionId ?? null });
  return { status: "Accepted" };
});

client.handle("ClearChargingProfile", ({ params }) => {
  profile = null;
  emit({ event: "cleared", id: params.id ?? null });
  return { status: "Accepted" };
});

const configuration = {};
client.handle("ChangeConfiguration", ({ params }) => {
  configuration[params.key] = params.value;
  emit({ event: "configured", key: params.key, value: params.value });
  return { status: "Accepted" };
});

client.handle(({ method }) => {
  emit({ event: "unhandled", method });
  throw rpc.createRPCError("NotImplemented");
});

function meterValue(now, powerW) {
  const perPhase = powerW / phases;
  const sampledValue = [
    { value: (registerWh / 1000).toFixed(4), measurand: "Energy.Active.Import.Register", unit: "kWh", context: "Sample.Periodic", location: "Outlet" },
    { value: socPercent.toFixed(1), measurand: "SoC", unit: "Percent", location: "EV" },
  ];
  for (let i = 1; i <= phases; i++) {
    sampledValue.push({ value: perPhase.toFixed(1), measurand: "Power.Active.Import", unit: "W", phase: `L${i}` });
  }
  return { timestamp: new Date(now).toISOString(), sampledValue };
}

async function sendMeter(transactionId, value) {
  await client.call("MeterValues", { connectorId: 1, transactionId, meterValue: [value] });
}

async function tick(transactionId) {
  const now = Date.now();
  const powerW = limitW(now);
  registerWh += (powerW * (now - lastMs)) / 3_600_000;
  socPercent = Math.min(100, socPercent + powerW / 1e6);
  lastMs = now;
  lastMeterValue = meterValue(now, powerW);
  await sendMeter(transactionId, lastMeterValue);
  emit({ event: "meter", powerW: Math.round(powerW), registerWh: Math.floor(registerWh), at: now });
}

async function command(line, transactionId) {
  const c = JSON.parse(line);
  if (c.cmd === "replay" && lastMeterValue) {
    await sendMeter(transactionId, lastMeterValue);
    emit({ event: "replayed", timestamp: lastMeterValue.timestamp });
  } else if (c.cmd === "rollback") {
    const v = meterValue(Date.now(), limitW(Date.now()));
    v.sampledValue[0].value = ((registerWh - 100) / 1000).toFixed(4);
    await sendMeter(transactionId, v);
    emit({ event: "rolledBack", registerWh: Math.floor(registerWh - 100) });
  } else if (c.cmd === "stop") {
    clearInterval(timer);
    await client.close({ code: 1000 });
    process.exit(0);
  }
}

try {
  await client.connect();
} catch (e) {
  emit({ event: "refused", message: String(e.message ?? e), status: e.statusCode ?? e.code ?? null });
  process.exit(0);
}
client.on("close", ({ code, reason }) => {
  emit({ event: "closed", code, reason: String(reason ?? "") });
  process.exit(0);
});
emit({ event: "connected", protocol: client.protocol });
const boot = await client.call("BootNotification", { chargePointVendor: "ocpp-rpc", chargePointModel: "interop-cp" });
emit({ event: "booted", status: boot.status, interval: boot.interval });
await client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: "Available" });
await client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: "Preparing" });
const start = await client.call("StartTransaction", { connectorId: 1, idTag: "OWNER", meterStart: Math.floor(registerWh), timestamp: new Date().toISOString() });
const transactionId = start.transactionId;
emit({ event: "transaction", transactionId });
await client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: "Charging" });
lastMs = Date.now();
let busy = false;
timer = setInterval(async () => {
  if (busy) return;
  busy = true;
  try {
    await tick(transactionId);
  } catch (e) {
    emit({ event: "error", message: String(e.message ?? e) });
  } finally {
    busy = false;
  }
}, intervalMs);
const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => command(line, transactionId).catch((e) => emit({ event: "error", message: String(e.message ?? e) })));
rl.on("close", () => process.exit(0));
