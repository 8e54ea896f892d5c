// loses precision: Numbers are doubles, F(90) is not exact
const n = Number(require("fs").readFileSync(0, "utf8").trim());
let a = 0, b = 1;
for (let i = 0; i < n; i++) [a, b] = [b, a + b];
console.log(String(a));
