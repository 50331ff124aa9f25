// An independent Modbus TCP server (jsmodbus, unmodified) serving SunSpec register maps, driven by
// the gateway's interop tests over stdin/stdout (one JSON object per line).
//
//   inverter port: SunS at 40000; common model 1; three-phase inverter 103 (W, WH); nameplate 120
//                  (WRtg 8000 W); immediate controls 123; end marker. Its power follows the power
//                  limit written by the gateway (WMaxLimPct in % of WRtg, WMaxLimPct_SF -1, while
//                  WMaxLim_Ena = 1): min(PV power, limit); the device lifts the limit by itself
//                  after WMaxLimPct_RvrtTms seconds.
//   legacy port:   an older PV inverter: common model 1 and inverter 103 only (no controls).
//   battery port:  SunS at 40000; common model 1; inverter 103 (the battery inverter's W);
//                  meter 203 (TotWhImp / TotWhExp); storage 124; end marker. Its power follows
//                  the storage control setpoints written by the gateway (StorCtl_Mod, OutWRte,
//                  InWRte, as % of WChaMax) and reverts to idle after InOutWRte_RvrtTms seconds.
//   junk port:     answers every request with random bytes (not Modbus at all).
//   silent port:   accepts connections and never answers.
//
// Commands: {"cmd":"mode","device":"battery"|"inverter","mode":M} with M one of
//   normal, no-marker (SunS missing), garbage (the model chain after SunS is random words),
//   sentinel (W = 0x8000 and ChaState = 0xFFFF: not implemented), out-of-range (SoC 150 %),
//   drop (every new connection is closed at once, and the open ones are dropped now);
//   {"cmd":"state"} -> the battery's and the inverter's physics.
import net from "node:net";
import readline from "node:readline";
import modbus from "jsmodbus";

const BASE = 40000;
const W_CHA_MAX = 5000; // W, WChaMax of the battery (scale factor 0)
const CAPACITY_WH = 10000;
const PV_POWER_W = 3000;
const W_RTG = 8000; // W, nameplate WRtg of the PV inverter (scale factor 0)
const INVERTER_MODELS = [[1, 66], [103, 50], [120, 26], [123, 24]];
const LEGACY_MODELS = [[1, 66], [103, 50]];

function emit(o) {
  process.stdout.write(JSON.stringify(o) + "\n");
}

function putString(buf, reg, words, s) {
  for (let i = 0; i < words * 2; i++) buf.writeUInt8(i < s.length ? s.charCodeAt(i) : 0, reg * 2 + i);
}
const u16 = (buf, reg, v) => buf.writeUInt16BE(v & 0xffff, reg * 2);
const i16 = (buf, reg, v) => buf.writeInt16BE(v, reg * 2);
const acc32 = (buf, reg, v) => buf.writeUInt32BE(v >>> 0, reg * 2);

// Writes the SunSpec chain of one device; returns the register addresses of interest.
function layout(buf, models) {
  putString(buf, BASE, 2, "SunS");
  let reg = BASE + 2;
  const at = {};
  for (const [id, len] of models) {
    u16(buf, reg, id);
    u16(buf, reg + 1, len);
    at[id] = reg + 2;
    reg += 2 + len;
  }
  u16(buf, reg, 0xffff);
  u16(buf, reg + 1, 0);
  return at;
}

function common(buf, start, model, serial) {
  putString(buf, start, 16, "OpenVPP Test");
  putString(buf, start + 16, 16, model);
  putString(buf, start + 40, 8, "1.0.0");
  putString(buf, start + 48, 16, serial);
  u16(buf, start + 64, 1);
}

function device(name, models, init) {
  const holding = Buffer.alloc(2 * 65536);
  const at = layout(holding, models);
  common(holding, at[1], name, name + "-0001");
  const netServer = new net.Server();
  const server = new modbus.server.TCP(netServer, { holding });
  const d = { name, holding, at, mode: "normal", sockets: new Set(), netServer, server };
  netServer.on("connection", (s) => {
    if (d.mode === "drop") {
      s.destroy();
      return;
    }
    d.sockets.add(s);
    s.on("close", () => d.sockets.delete(s));
    s.on("error", () => {});
  });
  init(d);
  return d;
}

const inverter = device("PV-3P", INVERTER_MODELS, (d) => {
  d.whExport = 1_234_567;
  d.powerW = PV_POWER_W;
  d.lastCommandAt = 0;
  controlsDefaults(d.holding, d.at);
});

const legacy = device("PV-OLD", LEGACY_MODELS, (d) => {
  d.whExport = 7_654_321;
  d.powerW = PV_POWER_W;
});

// Nameplate 120 and immediate controls 123 as delivered: no limit, scale factors set.
function controlsDefaults(h, at) {
  for (let i = 0; i < 26; i++) u16(h, at[120] + i, 0);
  u16(h, at[120] + 0, 4); // DERTyp: PV
  u16(h, at[120] + 1, W_RTG); // WRtg
  i16(h, at[120] + 2, 0); // WRtg_SF
  for (let i = 0; i < 24; i++) u16(h, at[123] + i, 0);
  u16(h, at[123] + 2, 1); // Conn: connected
  u16(h, at[123] + 3, 1000); // WMaxLimPct 100.0 %
  i16(h, at[123] + 21, -1); // WMaxLimPct_SF: 0.1 %
}

// Follows the written power limit of model 123; returns the PV inverter's power now.
function curtailed() {
  const h = inverter.holding;
  const c = inverter.at[123];
  const pct = h.readUInt16BE((c + 3) * 2) / 10;
  const revert = h.readUInt16BE((c + 5) * 2);
  const ena = h.readUInt16BE((c + 7) * 2);
  const key = ena + ":" + pct + ":" + revert;
  if (key !== inverter.lastCommand) {
    inverter.lastCommand = key;
    inverter.lastCommandAt = Date.now();
  }
  if (ena === 1 && revert > 0 && Date.now() - inverter.lastCommandAt > revert * 1000) {
    u16(h, c + 7, 0); // the device's own fail-safe: limit lifted
    return PV_POWER_W;
  }
  return ena === 1 ? Math.min(PV_POWER_W, Math.round((pct / 100) * W_RTG)) : PV_POWER_W;
}

const battery = device("BAT-5K", [[1, 66], [103, 50], [203, 105], [124, 24]], (d) => {
  d.whExport = 50_000;
  d.whImport = 60_000;
  d.soc = 0.5;
  d.powerW = 0;
  d.lastCommandAt = 0;
  storageDefaults(d.holding, d.at[124]);
});

// Storage model 124 as delivered: idle, no reserve, scale factors set.
function storageDefaults(h, s) {
  for (let i = 0; i < 24; i++) u16(h, s + i, 0);
  u16(h, s + 0, W_CHA_MAX); // WChaMax
  i16(h, s + 16, 0); // WChaMax_SF
  i16(h, s + 19, 0); // MinRsvPct_SF
  i16(h, s + 20, -1); // ChaState_SF: ChaState in 0.1 %
  i16(h, s + 23, -2); // InOutWRte_SF: rates in 0.01 %
}

// Follows the written storage controls; accumulates registers; writes the measurement registers.
function step(dtMs) {
  const h = battery.holding;
  const s = battery.at[124];
  const mod = h.readUInt16BE((s + 3) * 2);
  const out = h.readInt16BE((s + 10) * 2) / 100; // % of WChaMax
  const inn = h.readInt16BE((s + 11) * 2) / 100;
  const revert = h.readUInt16BE((s + 13) * 2);
  let target = 0;
  if (mod & 2) target = (out / 100) * W_CHA_MAX;
  else if (mod & 1) target = -(inn / 100) * W_CHA_MAX;
  if (mod !== battery.lastMod) {
    battery.lastMod = mod;
    battery.lastCommandAt = Date.now();
  }
  if (mod !== 0 && revert > 0 && Date.now() - battery.lastCommandAt > revert * 1000) {
    u16(h, s + 3, 0); // the device's own fail-safe: back to idle
    target = 0;
  }
  if ((battery.soc <= 0 && target > 0) || (battery.soc >= 1 && target < 0)) target = 0;
  battery.powerW = Math.round(target);
  const wh = (battery.powerW * dtMs) / 3_600_000;
  if (wh > 0) battery.whExport += wh;
  else battery.whImport -= wh;
  battery.soc = Math.min(1, Math.max(0, battery.soc - wh / CAPACITY_WH));
  if (inverter.mode !== "garbage") inverter.powerW = curtailed();
  for (const d of [inverter, legacy]) d.whExport += (d.powerW * dtMs) / 3_600_000;
  for (const d of [inverter, battery, legacy]) write(d);
}

function write(d) {
  const h = d.holding;
  const inv = d.at[103];
  if (d.mode === "no-marker") putString(h, BASE, 2, "Nope");
  else putString(h, BASE, 2, "SunS");
  if (d.mode === "garbage") {
    for (let r = BASE + 2; r < BASE + 2 + 300; r++) u16(h, r, Math.floor(Math.random() * 65536));
    d.garbled = true;
    return;
  }
  if (d.garbled) {
    // restore the chain after a garbage phase
    layout(h, d === battery ? [[1, 66], [103, 50], [203, 105], [124, 24]] : d === inverter ? INVERTER_MODELS : LEGACY_MODELS);
    common(h, d.at[1], d.name, d.name + "-0001");
    if (d === battery) storageDefaults(h, d.at[124]);
    if (d === inverter) controlsDefaults(h, d.at);
    d.garbled = false;
  }
  // 103: W at offset 12 with W_SF at 13 (scale 1: W in units of 10 W would lose precision; use 0)
  i16(h, inv + 12, d.mode === "sentinel" ? -32768 : Math.round(d.powerW));
  i16(h, inv + 13, 0);
  acc32(h, inv + 22, Math.floor(d.whExport));
  i16(h, inv + 24, 0);
  u16(h, inv + 36, 4); // St: MPPT / operating
  if (d === battery) {
    const m = d.at[203];
    i16(h, m + 16, -Math.round(d.powerW)); // meter W: + = import into the battery
    i16(h, m + 20, 0);
    acc32(h, m + 36, Math.floor(d.whExport)); // TotWhExp
    acc32(h, m + 44, Math.floor(d.whImport)); // TotWhImp
    i16(h, m + 52, 0); // TotWh_SF
    const s = d.at[124];
    const soc =
      d.mode === "sentinel" ? 0xffff : d.mode === "out-of-range" ? 1500 : Math.round(d.soc * 1000);
    u16(h, s + 6, soc); // ChaState in 0.1 %
  }
}

for (const d of [inverter, battery, legacy]) write(d);
let last = Date.now();
setInterval(() => {
  const now = Date.now();
  step(now - last);
  last = now;
}, 100);

const junk = net.createServer((s) => {
  s.on("data", () => s.write(Buffer.from(Array.from({ length: 13 }, () => Math.floor(Math.random() * 256)))));
  s.on("error", () => {});
});

// Accepts connections and never answers: the client's timeout must fire.
const silent = net.createServer((s) => s.on("error", () => {}));

const listen = (srv) => new Promise((res) => srv.listen(0, "127.0.0.1", () => res(srv.address().port)));
const ports = { inverter: await listen(inverter.netServer), battery: await listen(battery.netServer), legacy: await listen(legacy.netServer), junk: await listen(junk), silent: await listen(silent) };
emit({ event: "ready", ...ports });

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  let m;
  try {
    m = JSON.parse(line);
  } catch (e) {
    emit({ ok: false, error: "not JSON" });
    return;
  }
  const d = m.device === "inverter" ? inverter : m.device === "legacy" ? legacy : battery;
  if (m.cmd === "mode") {
    d.mode = m.mode;
    if (m.mode === "drop") for (const s of d.sockets) s.destroy();
    write(d);
    emit({ id: m.id, ok: true });
  } else if (m.cmd === "state") {
    const s = battery.at[124];
    emit({
      id: m.id,
      ok: true,
      result: {
        batteryPowerW: battery.powerW,
        batterySoc: battery.soc,
        storCtlMod: battery.holding.readUInt16BE((s + 3) * 2),
        revertS: battery.holding.readUInt16BE((s + 13) * 2),
        inverterPowerW: inverter.powerW,
        wMaxLimPct: inverter.holding.readUInt16BE((inverter.at[123] + 3) * 2) / 10,
        wMaxLimEna: inverter.holding.readUInt16BE((inverter.at[123] + 7) * 2),
        wMaxLimRevertS: inverter.holding.readUInt16BE((inverter.at[123] + 5) * 2),
      },
    });
  } else {
    emit({ id: m.id, ok: false, error: "unknown command" });
  }
});
rl.on("close", () => process.exit(0));
