const fib = (n) => (n < 2 ? BigInt(n) : fib(n - 1) + fib(n - 2));
const n = Number(require("fs").readFileSync(0, "utf8").trim());
console.log(fib(n).toString());
