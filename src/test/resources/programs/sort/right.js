const t = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
const v = t.slice(1, 1 + t[0]).sort((a, b) => a - b);
console.log(v.join(" "));
