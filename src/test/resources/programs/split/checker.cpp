// A testlib-style checker: checker <input> <output> <answer>; exit 0 accepts, 1 rejects.
#include <fstream>
#include <iostream>
#include <string>
int main(int argc, char** argv) {
  if (argc < 4) return 3;
  std::ifstream in(argv[1]), out(argv[2]);
  long long n, a, b;
  std::string extra;
  in >> n;
  if (!(out >> a >> b)) { std::cerr << "expected two integers"; return 1; }
  if (out >> extra) { std::cerr << "extra output '" << extra << "'"; return 1; }
  if (a < 0 || b < 0) { std::cerr << "negative number"; return 1; }
  if (a + b != n) { std::cerr << a << " + " << b << " != " << n; return 1; }
  return 0;
}
