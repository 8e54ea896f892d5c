const fs = require("fs");
for (const p of ["%SECRET%", "/work/shared/STYLE.md", "/etc/shadow", "/root/.bashrc"]) {
  try { console.log("READ", p, fs.readFileSync(p, "utf8").slice(0, 40)); } catch (e) { console.log("no", p); }
}
for (const p of ["/usr/evil", "/evil", "/runner/evil", "/etc/evil", "/opt/assay/evil"]) {
  try { fs.writeFileSync(p, "x"); console.log("WROTE", p); } catch (e) { console.log("no", p); }
}
