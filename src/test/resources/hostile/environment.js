const fs = require("fs");
for (const [k, v] of Object.entries(process.env)) console.log(`${k}=${v}`);
for (const p of ["/proc/self/environ", "/proc/1/environ"]) {
  try { console.log(p + ": " + fs.readFileSync(p, "utf8").replace(/\0/g, "\n")); } catch (e) { console.log(p + ": unreadable"); }
}
