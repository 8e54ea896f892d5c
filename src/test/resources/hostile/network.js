const net = require("net");
const hosts = ["127.0.0.1", "10.255.255.53", "1.1.1.1"];
(async () => {
  for (const h of hosts) {
    const r = await new Promise((done) => {
      const s = net.connect({ host: h, port: Number("%PORT%"), timeout: 500 });
      s.on("connect", () => { s.destroy(); done("connected"); });
      s.on("error", () => done("blocked"));
      s.on("timeout", () => { s.destroy(); done("blocked"); });
    });
    console.log(r, h);
  }
})();
