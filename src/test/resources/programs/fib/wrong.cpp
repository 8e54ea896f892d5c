#include <iostream>
// off by one: prints F(n + 1)
int main() {
  int n;
  std::cin >> n;
  long long a = 0, b = 1;
  for (int i = 0; i <= n; i++) { long long c = a + b; a = b; b = c; }
  std::cout << a << std::endl;
}
