const n = Number(require("fs").readFileSync(0, "utf8").trim());
const a = Math.floor(n / 3);
console.log(`${a} ${n - a}`);
