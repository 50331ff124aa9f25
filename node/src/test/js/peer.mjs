// An unmodified js-libp2p peer for the node's interop tests. Start with
//   node --import ./polyfill.mjs peer.mjs
// It prints one JSON line per event on stdout and takes one JSON command per line on stdin:
//   {"id":1,"cmd":"dial","addr":"/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo..."}
//   {"id":2,"cmd":"ping","peer":"12D3Koo..."}            -> {"id":2,"ok":true,"result":<ms>}
//   {"id":3,"cmd":"identify","peer":"12D3Koo..."}        -> agent, protocols, listen addresses
//   {"id":4,"cmd":"subscribe","topic":"t"}
//   {"id":5,"cmd":"publish","topic":"t","data":"<utf8>"} -> recipients
//   {"id":6,"cmd":"subscribers","topic":"t"}             -> peer ids known on the topic
//   {"id":7,"cmd":"exit"}
// Events: {"event":"ready","peerId":..,"addrs":[..]}, {"event":"message","topic":..,"data":..,"from":..}
import { createLibp2p } from "libp2p";
import { tcp } from "@libp2p/tcp";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { identify } from "@libp2p/identify";
import { ping } from "@libp2p/ping";
import { gossipsub } from "@libp2p/gossipsub";
import { multiaddr } from "@multiformats/multiaddr";
import { createInterface } from "node:readline";

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const node = await createLibp2p({
  addresses: { listen: ["/ip4/127.0.0.1/tcp/0"] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ping: ping(),
    pubsub: gossipsub({ emitSelf: false, allowPublishToZeroTopicPeers: true, heartbeatInterval: 200 }),
  },
});

node.services.pubsub.addEventListener("message", (evt) => {
  const m = evt.detail;
  emit({ event: "message", topic: m.topic, data: new TextDecoder().decode(m.data), from: m.from?.toString() });
});

const connOf = (cmd) => {
  const conn = node.getConnections().find((c) => c.remotePeer.toString() === cmd.peer);
  if (!conn) throw new Error("not connected to " + cmd.peer);
  return conn;
};

const commands = {
  dial: async (cmd) => (await node.dial(multiaddr(cmd.addr))).remotePeer.toString(),
  ping: async (cmd) => await node.services.ping.ping(connOf(cmd).remotePeer),
  identify: async (cmd) => {
    const r = await node.services.identify.identify(connOf(cmd));
    return { agent: r.agentVersion, protocols: r.protocols, addrs: r.listenAddrs.map((a) => a.toString()) };
  },
  subscribe: async (cmd) => {
    node.services.pubsub.subscribe(cmd.topic);
    return true;
  },
  publish: async (cmd) => {
    const r = await node.services.pubsub.publish(cmd.topic, new TextEncoder().encode(cmd.data));
    return r.recipients.map((p) => p.toString());
  },
  subscribers: async (cmd) => node.services.pubsub.getSubscribers(cmd.topic).map((p) => p.toString()),
  mesh: async (cmd) => node.services.pubsub.getMeshPeers(cmd.topic),
  exit: async () => {
    await node.stop();
    process.exit(0);
  },
};

createInterface({ input: process.stdin }).on("line", async (line) => {
  let cmd;
  try {
    cmd = JSON.parse(line);
    const result = await commands[cmd.cmd](cmd);
    emit({ id: cmd.id, ok: true, result });
  } catch (e) {
    emit({ id: cmd?.id, ok: false, error: String(e?.message ?? e) });
  }
});
process.stdin.on("end", async () => {
  await node.stop();
  process.exit(0);
});

emit({ event: "ready", peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) });
